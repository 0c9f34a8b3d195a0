// pulumi-linq's ready policy pack, as installed (node_modules/pulumi-linq/policy-pack), run by the real engine
// with `--policy-pack` on a TypeScript program (the Node SDK's dynamic resource) and a YAML program (the
// plugin): every rule violated, then satisfied. A mandatory violation fails the preview before any write to
// Linq; advisory ones warn; a secret targetUrl's token is never shown; a targetUrl unknown at preview is
// checked at `up`.
import * as fs from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import { expect } from "@jest/globals";
import { REPO_ROOT, type CommandResult } from "../../scripts/lib/local-stack";
import { useEmulator, writeRequests } from "../support/emulator";
import { linqStack, type Declared, type LinqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, yamlProject } from "../support/plugin";
import { README_PATH } from "../support/readme-anchors";

const emulator = useEmulator();

/** Where an installed pulumi-linq's pack is: scratch projects resolve node_modules/pulumi-linq to this repository. */
const PACK = path.join(REPO_ROOT, ".tmp", "node_modules", "pulumi-linq", "policy-pack");
const POLICY_CONFIG = {
  "allowed-target-hosts": { hosts: ["hooks.example.com", "*.example.net"] },
  "forbidden-events": { events: ["message.received"] },
  // Advisory by default: the config makes it mandatory.
  "phone-filter-required": "mandatory",
};
const RULE_LEVELS = {
  "allowed-target-hosts": "mandatory",
  "forbidden-events": "mandatory",
  "phone-filter-required": "mandatory",
  "payload-version-pinned": "advisory",
  "inactive-subscription": "advisory",
};
const BAD_HOST = "collector.example.org";

function policyArgs(stack: LinqStack): string[] {
  const config = path.join(stack.projectDir, "policy.json");
  fs.writeFileSync(config, JSON.stringify(POLICY_CONFIG));
  return ["--policy-pack", PACK, "--policy-pack-config", config];
}

/** Each rule reported once, at its level, about this resource; the secret token nowhere. */
function expectEveryRuleViolated(result: CommandResult, name: string, token: string) {
  expect(result.code).not.toBe(0);
  for (const [rule, level] of Object.entries(RULE_LEVELS)) {
    expect(result.output).toMatch(new RegExp(`\\[${level}\\]\\s+${rule}\\s+\\([^)]*${name}\\)`));
  }
  expect(result.output).toContain(
    `targetUrl's host "${BAD_HOST}" is not in "hosts" of the policy allowed-target-hosts. Deliver to an ` +
      `allowed host (hooks.example.com, *.example.net), or add this host to allowed-target-hosts.hosts`,
  );
  expect(result.output).toContain(
    "subscribedEvents includes message.received, which the policy forbidden-events",
  );
  expect(result.output).not.toContain(token);
}

const expectNoViolations = (result: CommandResult) => {
  expect(result.output).not.toMatch(/\[(advisory|mandatory)\]/);
  expect(result.output).toContain("pulumi-linq@v");
};

const GOVERNED = {
  targetUrl: "https://linq.example.net/hook?version=2026-02-03",
  subscribedEvents: ["message.read"],
  phoneNumbers: ["+14155551234"],
};
const token = () => `tok${randomBytes(8).toString("hex")}`;

describe("the policy pack on the Node SDK (TypeScript program)", () => {
  let stack: LinqStack;
  let args: string[];
  beforeAll(async () => {
    stack = await linqStack(emulator());
    args = policyArgs(stack);
  });

  it("fails preview on every rule, mandatory and advisory, with no write to Linq and no secret shown", async () => {
    const secret = token();
    const leaky: Declared = {
      name: "leaky",
      targetUrl: `secret:https://${BAD_HOST}/hook?token=${secret}`,
      subscribedEvents: ["message.received", "message.read"],
      isActive: false,
    };
    await stack.declare([leaky]);
    const writes = writeRequests(emulator()).length;
    expectEveryRuleViolated(await stack.pulumi(["preview", ...args]), "leaky", secret);
    expect(writeRequests(emulator()).length).toBe(writes);
  });

  it("passes up when every rule is satisfied", async () => {
    await stack.declare([{ name: "governed", ...GOVERNED }]);
    expectNoViolations(await stack.pulumiOk(["up", "--yes", ...args]));
    expect(
      emulator()
        .subscriptions()
        .map((s) => s.target_url),
    ).toContain(GOVERNED.targetUrl);
  });

  it("reports a misspelled config key, which the engine lets through, instead of checking nothing", async () => {
    await stack.declare([{ name: "governed", ...GOVERNED }]);
    const config = path.join(stack.projectDir, "misspelled-policy.json");
    fs.writeFileSync(config, JSON.stringify({ "allowed-target-hosts": { host: ["hooks.example.com"] } }));
    const preview = await stack.pulumi(["preview", "--policy-pack", PACK, "--policy-pack-config", config]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toMatch(/\[mandatory\]\s+allowed-target-hosts\s+\([^)]*governed\)/);
    expect(preview.output).toContain(
      "the config of the policy allowed-target-hosts has no key host. Did you mean hosts? Use hosts or " +
        "enforcementLevel.",
    );
  });

  it("fails on a misspelled rule name given settings, with the engine's error that the README explains", async () => {
    // The engine gives a level only to the pack's own rules (resource/analyzer/config.go): a name the pack does
    // not have, given settings without enforcementLevel, has none, and the engine refuses to configure the pack.
    await stack.declare([{ name: "governed", ...GOVERNED }]);
    const config = path.join(stack.projectDir, "misspelled-rule.json");
    fs.writeFileSync(config, JSON.stringify({ "forbiden-events": { events: ["message.read"] } }));
    const writes = writeRequests(emulator()).length;
    const preview = await stack.pulumi(["preview", "--policy-pack", PACK, "--policy-pack-config", config]);
    expect(preview.code).not.toBe(0);
    const said = /configuring policy pack "([^"]+)" at "[^"]+": (invalid enforcement level "")/.exec(
      preview.output,
    );
    expect(said).not.toBeNull();
    expect(writeRequests(emulator()).length).toBe(writes);
    // The message names neither the rule nor the config file: the README's Troubleshooting does, as the engine says it.
    const readme = fs.readFileSync(README_PATH, "utf8");
    const start = readme.indexOf("\n## Troubleshooting");
    const troubleshooting = readme.slice(start, readme.indexOf("\n## ", start + 1));
    expect(troubleshooting).toContain(`configuring policy pack "${said![1]}" at "…": ${said![2]}`);
  });

  it("checks a targetUrl unknown at preview at up, before the subscription is created", async () => {
    const late: Declared = {
      ...GOVERNED,
      name: "late",
      targetUrl: `echo:https://${BAD_HOST}/late?version=2026-02-03`,
    };
    await stack.declare([{ name: "governed", ...GOVERNED }, late]);
    const preview = await stack.pulumiOk(["preview", ...args]);
    expect(preview.output).not.toContain(BAD_HOST);
    const up = await stack.pulumi(["up", "--yes", ...args]);
    expect(up.code).not.toBe(0);
    expect(up.output).toMatch(/\[mandatory\]\s+allowed-target-hosts\s+\([^)]*late\)/);
    expect(up.output).toContain(`targetUrl's host "${BAD_HOST}"`);
    expect(
      emulator()
        .subscriptions()
        .filter((s) => s.target_url.includes(BAD_HOST)),
    ).toEqual([]);
  });
});

describe("the policy pack on the provider plugin (YAML program)", () => {
  const project = yamlProject("policy-yaml");
  let stack: LinqStack;
  let args: string[];
  const write = (name: string, properties: Record<string, unknown>) =>
    project.write(
      `resources:\n  ${name}:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n    properties: ${JSON.stringify(properties)}\n`,
    );

  beforeAll(async () => {
    write("governed", GOVERNED);
    stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);
    args = policyArgs(stack);
  });

  it("fails preview on every rule, mandatory and advisory, with no write to Linq and no secret shown", async () => {
    const secret = token();
    write("leaky", {
      targetUrl: { "fn::secret": `https://${BAD_HOST}/hook?token=${secret}` },
      subscribedEvents: ["message.received", "message.read"],
      isActive: false,
    });
    const writes = writeRequests(emulator()).length;
    expectEveryRuleViolated(await stack.pulumi(["preview", ...args]), "leaky", secret);
    expect(writeRequests(emulator()).length).toBe(writes);
  });

  it("passes up when every rule is satisfied", async () => {
    const targetUrl = "https://hooks.example.com/yaml?version=2026-02-03";
    write("governed", { ...GOVERNED, targetUrl });
    expectNoViolations(await stack.pulumiOk(["up", "--yes", ...args]));
    expect(
      emulator()
        .subscriptions()
        .map((s) => s.target_url),
    ).toContain(targetUrl);
  });
});
