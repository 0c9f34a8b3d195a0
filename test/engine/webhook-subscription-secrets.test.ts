// Where the API key and the signing secret may appear: nowhere in plaintext but the wire and the
// encrypted state.
import * as fs from "node:fs";
import { expect } from "@jest/globals";
import { uniqueUrl, useEmulator } from "../support/emulator";
import { linqStack } from "../support/linq-stack";

const emulator = useEmulator();

describe("secrets in state and output", () => {
  it("keeps the signing secret encrypted in the state and the API key out of state and every output", async () => {
    const stack = await linqStack(emulator());
    await stack.declare(
      [{ name: "inbound", targetUrl: uniqueUrl("secret"), subscribedEvents: ["message.read"] }],
      {
        readEventTypes: "1",
      },
    );
    const outputs = [
      await stack.pulumiOk(["preview", "--diff"]),
      await stack.pulumiOk(["up", "--yes", "--diff"]),
      await stack.pulumiOk(["refresh", "--yes", "--diff"]),
      await stack.pulumiOk(["stack", "output", "--json"]),
      await stack.pulumiOk(["stack", "export"]),
    ].map((r) => r.output);
    const sub = stack.subscriptionsInState()[0]!;
    const secret = emulator()
      .subscriptions()
      .find((s) => s.id === sub.id)!.signing_secret;
    const state = fs.readFileSync(stack.stateFile(), "utf8");

    expect(sub.outputs?.signingSecret).toEqual({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: expect.any(String),
    });
    for (const text of [state, ...outputs]) {
      expect(text).not.toContain(emulator().apiKey);
      expect(text).not.toContain(secret);
    }
    expect(JSON.stringify(emulator().requests())).not.toContain(emulator().apiKey);
    expect((await stack.exported()).inbound?.signingSecret).toBe(secret);
  });

  it("gives the serialized provider nothing but a module name (its process state lives in that module)", async () => {
    const stack = await linqStack(emulator());
    await stack.declare([
      { name: "inbound", targetUrl: uniqueUrl("closure"), subscribedEvents: ["message.read"] },
    ]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const serialized = String(stack.subscriptionsInState()[0]!.inputs?.__provider);
    // What its functions capture: the module's name, and each other (the serializer's own handler, the provider).
    const captured = [...serialized.matchAll(/with\(\{ (.*?), this: undefined/g)].map((m) => m[1]);
    expect(new Set(captured)).toEqual(
      new Set(['providerPath: "pulumi-linq/provider"', "impl: __f2", "provider: __provider"]),
    );
    expect(serialized).not.toContain(emulator().apiKey);
    expect(serialized).not.toContain("axios");
  });
});
