// The policy pack's rules on their own (policy/rules.ts), without the engine: what each accepts and refuses,
// and that a message shows a targetUrl's host but never its path or query. test/engine/policy-pack.test.ts runs them
// in the real engine.
import type { ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { linqPolicies, PLUGIN_SUBSCRIPTION_TYPE } from "../../policy";
import { hostAllowed, RULES } from "../../policy/rules";

const rule = (name: string) => RULES.find((r) => r.name === name)!;
const violations = (name: string, inputs: Record<string, unknown>, config: Record<string, unknown> = {}) =>
  rule(name).violations(inputs, config);

describe("the policy pack's rules", () => {
  it("allowed-target-hosts: exact names, and *. for every name below a domain but not the domain itself", () => {
    const hosts = ["hooks.example.com", "*.example.net"];
    expect(hostAllowed("hooks.example.com", hosts)).toBe(true);
    expect(hostAllowed("a.example.net", hosts)).toBe(true);
    expect(hostAllowed("a.b.example.net", hosts)).toBe(true);
    expect(hostAllowed("example.net", hosts)).toBe(false);
    expect(hostAllowed("evilexample.net", hosts)).toBe(false);
    expect(hostAllowed("hooks.example.com.evil.org", hosts)).toBe(false);
    // The URL parser lower-cases the host: a program's upper-case host matches the list.
    expect(
      violations("allowed-target-hosts", { targetUrl: "https://HOOKS.Example.com/x" }, { hosts }),
    ).toEqual([]);
  });

  it("allowed-target-hosts names the host, the rule and the config key, never the URL's path or query", () => {
    const [message] = violations(
      "allowed-target-hosts",
      { targetUrl: "https://collector.example.org/p/tok-path?token=tok-query" },
      { hosts: ["hooks.example.com"] },
    );
    expect(message).toContain('host "collector.example.org"');
    expect(message).toContain("allowed-target-hosts.hosts");
    expect(message).not.toMatch(/tok-/);
    const [long] = violations(
      "allowed-target-hosts",
      { targetUrl: `https://${"a".repeat(3000)}.example.org/` },
      { hosts: ["hooks.example.com"] },
    );
    expect(long!.length).toBeLessThan(600);
    expect(
      violations("allowed-target-hosts", { targetUrl: "not a url" }, { hosts: ["a.example.com"] }),
    ).toEqual([expect.stringContaining("it is not a URL")]);
  });

  it("a rule with a list checks nothing until the list is configured, and reads no input before", () => {
    const unread = new Proxy(
      {},
      {
        get: () => {
          throw new Error("read an input");
        },
      },
    );
    expect(rule("allowed-target-hosts").violations(unread, {})).toEqual([]);
    expect(rule("forbidden-events").violations(unread, { events: [] })).toEqual([]);
  });

  it("forbidden-events names the forbidden events subscribed to", () => {
    const inputs = { subscribedEvents: ["message.read", "message.received"] };
    expect(violations("forbidden-events", inputs, { events: ["message.received", "message.sent"] })).toEqual([
      expect.stringContaining(
        "subscribedEvents includes message.received, which the policy forbidden-events",
      ),
    ]);
    expect(violations("forbidden-events", inputs, { events: ["message.sent"] })).toEqual([]);
  });

  it("payload-version-pinned wants a real date in ?version=", () => {
    const pinned = (targetUrl: string) => violations("payload-version-pinned", { targetUrl }).length === 0;
    expect(pinned("https://h.example.com/x?version=2026-02-03")).toBe(true);
    expect(pinned("https://h.example.com/x?a=1&version=2025-12-31")).toBe(true);
    expect(pinned("https://h.example.com/x")).toBe(false);
    expect(pinned("https://h.example.com/x?version=2026-2-3")).toBe(false);
    expect(pinned("https://h.example.com/x?version=2026-13-01")).toBe(false);
    expect(pinned("https://h.example.com/x?version=2026-02-31")).toBe(false);
    expect(pinned("https://h.example.com/x#version=2026-02-03")).toBe(false);
  });

  it("phone-filter-required and inactive-subscription", () => {
    expect(violations("phone-filter-required", {})).toHaveLength(1);
    expect(violations("phone-filter-required", { phoneNumbers: [] })).toHaveLength(1);
    expect(violations("phone-filter-required", { phoneNumbers: ["+14155551234"] })).toEqual([]);
    expect(violations("inactive-subscription", { isActive: false })).toHaveLength(1);
    expect(violations("inactive-subscription", {})).toEqual([]);
    expect(violations("inactive-subscription", { isActive: true })).toEqual([]);
  });

  it.each([
    [
      "allowed-target-hosts",
      { host: ["hooks.example.com"] },
      "has no key host. Did you mean hosts? Use hosts or enforcementLevel.",
    ],
    [
      "allowed-target-hosts",
      { Hosts: ["hooks.example.com"] },
      "has no key Hosts. Did you mean hosts? Use hosts or enforcementLevel.",
    ],
    [
      "allowed-target-hosts",
      { hsots: ["hooks.example.com"] },
      "has no key hsots. Did you mean hosts? Use hosts or enforcementLevel.",
    ],
    [
      "forbidden-events",
      { event: ["message.read"], hosts: [] },
      "has no key event, hosts. Did you mean events for event? Use events or enforcementLevel.",
    ],
    [
      "forbidden-events",
      { evnets: ["message.read"] },
      "has no key evnets. Did you mean events? Use events or enforcementLevel.",
    ],
    // The level misspelled reaches the rule as a key: the engine takes only "enforcementLevel".
    [
      "phone-filter-required",
      { enforcementlevel: "disabled" },
      "has no key enforcementlevel. Did you mean enforcementLevel? It takes only enforcementLevel.",
    ],
    [
      "forbidden-events",
      { enforcmentLevel: "advisory" },
      "has no key enforcmentLevel. Did you mean enforcementLevel? Use events or enforcementLevel.",
    ],
    // Nothing near: no guess.
    ["inactive-subscription", { allowed: true }, "has no key allowed. It takes only enforcementLevel."],
  ])(
    "%s reports a config key it does not have, %j, with the key it is near: a misspelled list would check nothing",
    (name, config, said) => {
      const policy = linqPolicies().find((p) => p.name === name)!;
      const validate = policy.validateResource as ResourceValidation; // one function per rule (policy/index.ts)
      const reported: string[] = [];
      const report = (message: string) => void reported.push(message);
      const args = {
        type: PLUGIN_SUBSCRIPTION_TYPE,
        urn: `urn:pulumi:dev::p::${PLUGIN_SUBSCRIPTION_TYPE}::hook`,
        props: {
          targetUrl: "https://hooks.example.com/x",
          subscribedEvents: ["message.sent"],
          isActive: true,
        },
        getConfig: () => config,
      } as unknown as ResourceValidationArgs;
      void validate(args, report);
      expect(reported).toContain(`the config of the policy ${name} ${said}`);
      // The keys it has raise nothing of the kind.
      reported.length = 0;
      void validate({ ...args, getConfig: <T>() => ({}) as T }, report);
      expect(reported.filter((m) => m.includes("has no key"))).toEqual([]);
    },
  );
});
