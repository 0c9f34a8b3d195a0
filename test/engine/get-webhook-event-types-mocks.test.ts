// Under pulumi.runtime.setMocks the dynamic SDK stays in the process: the data source is answered by
// the mocks' call (the plugin's token and the arguments), WebhookSubscription by newResource, and no
// connection is attempted, even with an API key and a reachable base URL in the environment.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { promisify } from "node:util";
import { expect } from "@jest/globals";
import { REPO_ROOT, scratchDir } from "../../scripts/lib/local-stack";
import { FIXTURES } from "../support/projects";

/** What the unit test prints (see the fixture): what the mocks received, and what the program got. */
interface MockedRun {
  error?: string;
  calls: { token: string; inputs: unknown }[];
  resources: string[];
  plain: unknown;
  output: unknown;
  id: string;
  inventory: unknown;
  mocked: unknown;
}

describe("a unit test of a program with setMocks", () => {
  it("reaches the mocks' call and newResource and opens no connection", async () => {
    // Linq as an unclear key would find it: a loopback server that counts connections and refuses.
    let connections = 0;
    const server = http.createServer((_req, res) => res.writeHead(401).end());
    server.on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // Where a user's project is: pulumi-linq resolves as an installed package (dist/).
      const project = scratchDir("mocks");
      for (const file of ["unit-test.ts", "count-connections.ts"])
        fs.copyFileSync(path.join(FIXTURES, "mocks", file), path.join(project, file));
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [
          ...["-r", require.resolve("ts-node/register/transpile-only")],
          ...["-r", "./count-connections.ts"],
          "unit-test.ts",
        ],
        {
          cwd: project,
          env: {
            ...process.env,
            TS_NODE_PROJECT: path.join(REPO_ROOT, "tsconfig.json"),
            LINQ_API_V3_API_KEY: "a-key-that-must-not-travel",
            LINQ_API_V3_BASE_URL: baseUrl,
          },
        },
      );
      const result = JSON.parse(stdout.trim().split("\n").pop()!) as MockedRun;
      expect(result.error).toBeUndefined();
      expect(result.calls).toHaveLength(3);
      expect(result.calls).toEqual(
        expect.arrayContaining([
          { token: "linq:index:getWebhookEventTypes", inputs: { baseUrl } },
          { token: "linq:index:getWebhookEventTypes", inputs: {} },
          { token: "linq:index:getWebhookSubscriptions", inputs: { event: "message.received" } },
        ]),
      );
      expect(result.inventory).toEqual(result.mocked);
      expect(result.plain).toEqual(result.mocked);
      expect(result.output).toEqual(result.mocked);
      expect(result.resources).toEqual(["pulumi-nodejs:dynamic/linq:WebhookSubscription"]);
      expect(result.id).toBe("hook-id");
      expect(JSON.parse(stderr.trim().split("\n").pop()!)).toEqual({ connectionAttempts: [] });
      expect(connections).toBe(0);
    } finally {
      server.close();
    }
  });
});
