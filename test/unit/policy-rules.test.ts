// The policy pack's rules on their own (policy/rules.ts), without the engine: what each accepts and refuses,
// and that a message shows a targetUrl's host but never its path or query. test/engine/policy-pack.test.ts runs them
// in the real engine.
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
});
