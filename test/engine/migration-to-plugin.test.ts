// A stack on the dynamic provider moves to the plugin with the README's commands, run as written there:
// the subscriptions are imported, never recreated, keep their signing secrets and rotation triggers,
// and the plugin manages them afterwards.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { REPO_ROOT } from "../../scripts/lib/local-stack";
import { uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { type Declared, linqStack, type LinqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE } from "../support/plugin";

const emulator = useEmulator();

/** The sh block that follows `<!-- migration: <step> -->` in the README. */
function readmeBlock(step: string): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const block = readme.split(`<!-- migration: ${step} -->`)[1]?.match(/```sh\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error(`README.md has no sh block after <!-- migration: ${step} -->`);
  return block;
}

/** Runs the commands asynchronously: the emulator answers from this process's event loop. */
function runBlock(stack: LinqStack, script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-euo", "pipefail", "-c", script], {
      cwd: stack.projectDir,
      env: { ...stack.env, PULUMI_COLOR: "never" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += String(chunk)));
    child.stderr.on("data", (chunk: Buffer) => (output += String(chunk)));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`the README's commands exited ${code}:\n${output}`)),
    );
  });
}

/** The same subscriptions as a YAML program of the same project, on the plugin. */
function yamlProgram(project: string, declared: Declared[]): string {
  const resources = Object.fromEntries(
    declared.map(({ name, ...properties }) => [name, { type: PLUGIN_SUBSCRIPTION_TYPE, properties }]),
  );
  return JSON.stringify({ name: project, runtime: "yaml", resources }, null, 2);
}

const ExportSchema = z.object({
  deployment: z.object({
    resources: z.array(
      z.object({
        type: z.string(),
        id: z.string().optional(),
        outputs: z.object({ signingSecret: z.unknown().optional() }).optional(),
      }),
    ),
  }),
});

/** Each subscription's id -> its signing secret in the state (decrypted), whichever provider holds it. */
async function signingSecrets(stack: LinqStack): Promise<Record<string, unknown>> {
  const exported = await stack.pulumiOk(["stack", "export", "--show-secrets"]);
  const { deployment } = ExportSchema.parse(JSON.parse(exported.stdout));
  return Object.fromEntries(
    deployment.resources
      .filter((r) => r.type.endsWith("WebhookSubscription"))
      .map((r): [string, unknown] => [r.id ?? "", r.outputs?.signingSecret]),
  );
}

describe("moving a stack from the dynamic provider to the plugin", () => {
  it("imports every subscription with the same id and signing secret, recreates none, and the plugin manages them after", async () => {
    const stack = await linqStack(emulator());
    const declared: Declared[] = [
      {
        name: "inbound",
        targetUrl: uniqueUrl("move"),
        subscribedEvents: ["message.received", "message.read"],
        phoneNumbers: ["+14155551234"],
        rotationTrigger: "2026-01",
      },
      { name: "paused", targetUrl: uniqueUrl("move"), subscribedEvents: ["message.sent"], isActive: false },
    ];
    await stack.declare(declared);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const before = emulator().subscriptions();
    const secretsBefore = await signingSecrets(stack);
    expect(Object.values(secretsBefore).filter(Boolean)).toHaveLength(2);
    const dynamicIds = stack.subscriptionsInState().map((r) => r.id);
    expect(dynamicIds).toHaveLength(2);
    emulator().clearRequests();

    await runBlock(stack, readmeBlock("before changing the program"));
    expect(stack.subscriptionsInState()).toEqual([]);
    const importFile = JSON.parse(
      fs.readFileSync(path.join(stack.projectDir, "linq-import.json"), "utf8"),
    ) as {
      resources: unknown[];
    };
    expect(importFile.resources).toHaveLength(2);

    await installPlugin(stack);
    const project = fs
      .readFileSync(path.join(stack.projectDir, "Pulumi.yaml"), "utf8")
      .match(/^name: (.+)$/m)![1]!;
    fs.writeFileSync(path.join(stack.projectDir, "Pulumi.yaml"), yamlProgram(project, declared));
    const after = await runBlock(stack, readmeBlock("after changing the program"));
    expect(after).toMatch(/type: linq:(index:)?WebhookSubscription/); // the code to paste into the program

    // Nothing was created, changed or deleted in Linq, and the state holds the same ids under the plugin.
    expect(writeRequests(emulator())).toEqual([]);
    expect(emulator().subscriptions()).toEqual(before);
    const imported = (stack.readState().checkpoint.latest?.resources ?? []).filter(
      (r) => r.type === PLUGIN_SUBSCRIPTION_TYPE,
    );
    expect(imported.map((r) => [r.urn.split("::").pop(), r.id]).sort()).toEqual(
      declared.map((d) => [d.name, before.find((s) => s.target_url === d.targetUrl)!.id]).sort(),
    );
    // Linq shows a signing secret only at creation: the state carried it over, as the receivers have it.
    expect(await signingSecrets(stack)).toEqual(secretsBefore);

    // The plugin now updates them in place.
    const resumed = declared.map((d) => (d.name === "paused" ? { ...d, isActive: true } : d));
    fs.writeFileSync(path.join(stack.projectDir, "Pulumi.yaml"), yamlProgram(project, resumed));
    const up = await stack.pulumiOk(["up", "--yes"]);
    expect(up.output).toMatch(/~ 1 updated/);
    const paused = before.find((s) => s.target_url === declared[1]!.targetUrl)!;
    expect(
      emulator()
        .subscriptions()
        .find((s) => s.id === paused.id)?.is_active,
    ).toBe(true);
    expect(emulator().subscriptions()).toHaveLength(2);
  });
});
