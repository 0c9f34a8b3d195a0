// A provider setting that no request may use (a base URL in plain http off this machine, with a password,
// not http(s), ending in /v3, with a query; no API key) is refused in its own words, once, before any
// request: by the plugin's CheckConfig, before any resource is checked; by the dynamic provider's check
// alone (the Node SDK refuses it earlier, in the program: test/unit/sdk-refuses-unusable-settings.test.ts).
// Never as "could not fetch Linq's list…", never with the offline switch as advice: no network problem
// exists, and validating offline would only move the failure to `up`. A missing key passes CheckConfig (a
// data source may bring its own apiKey) and fails each resource's check alone.
import { expect } from "@jest/globals";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { packageSchema } from "../../provider/package-schema";
import { providerService } from "../../provider/plugin/server";
import { uniqueUrl, useEmulator } from "../support/emulator";
import { HOSTS, lifecycle } from "../support/lifecycle";

const emulator = useEmulator();
const WRONG_ADVICE = /offline|could not fetch/i;

/**
 * Each unusable base URL (made of the emulator's where it can be: a request sent would be recorded): the
 * words of its problem and of its fix, and the property a check failure names.
 */
const UNUSABLE = [
  {
    label: "a plain-http base URL off this machine",
    baseUrl: () => "http://api.linqapp.com",
    problem:
      "The Linq base URL 'http://api.linqapp.com' is plain http, which would send the API key in cleartext",
    fix: "Set 'linq:baseUrl' (or an explicit provider's baseUrl) to https",
    property: "baseUrl",
  },
  {
    label: "a base URL with a password",
    baseUrl: () => emulator().url.replace("//", "//ops:hunter2@"),
    problem: "contains a user name or password (not repeated here)",
    fix: 'Remove the "user:password@" part',
    // Named, the engine would print the value beside the failure: the password.
    property: "",
  },
  {
    label: "a base URL that is not http(s)",
    baseUrl: () => emulator().url.replace(/^http/, "ftp"),
    problem: "is not an http(s) URL",
    fix: "Fix 'linq:baseUrl' (or an explicit provider's baseUrl)",
    property: "baseUrl",
  },
  {
    label: "a base URL ending in /v3",
    baseUrl: () => `${emulator().url}/v3`,
    problem: "ends in the API version '/v3', which each call adds itself",
    fix: "it is what comes before /v3",
    property: "baseUrl",
  },
  {
    label: "a base URL with a query",
    baseUrl: () => `${emulator().url}?account=2`,
    problem: "has a query or fragment, which would end up before each call's path",
    fix: "it is what comes before /v3",
    property: "baseUrl",
  },
];

const occurrences = (text: string, part: string) => text.split(part).length - 1;

/** What a refusal must be: the problem once, its fix, no wrong advice, no password, nothing sent. */
function expectRefusal(message: string, problem: string, fix: string): void {
  expect(occurrences(message, problem)).toBe(1);
  expect(message).toContain(fix);
  expect(message).not.toMatch(WRONG_ADVICE);
  expect(message).not.toContain("hunter2");
  expect(emulator().requests()).toEqual([]);
}

let savedKey: string | undefined;
beforeEach(() => {
  emulator().clearRequests();
  // The key comes from the settings alone: one in this process's environment would fill in a missing one.
  savedKey = process.env.LINQ_API_V3_API_KEY;
  delete process.env.LINQ_API_V3_API_KEY;
});
afterEach(() => {
  if (savedKey !== undefined) process.env.LINQ_API_V3_API_KEY = savedKey;
});

describe("the plugin's CheckConfig", () => {
  /** CheckConfig's answer to these settings, as the engine asks it for the default provider. */
  function checkConfig(settings: Record<string, unknown>): Promise<{ property: string; reason: string }[]> {
    const service = providerService({ version: "0.0.0", schema: JSON.stringify(packageSchema("0.0.0")) });
    const request = new proto.CheckRequest()
      .setUrn("urn:pulumi:dev::webhooks::pulumi:providers:linq::default")
      .setOlds(Struct.fromJavaScript({}))
      .setNews(Struct.fromJavaScript(settings as never));
    return new Promise((resolve, reject) => {
      service.checkConfig!({ request } as never, (err: { details?: string } | null, response: unknown) => {
        if (err) return reject(new Error(err.details));
        const failures = (response as proto.CheckResponse).getFailuresList();
        resolve(failures.map((f) => ({ property: f.getProperty(), reason: f.getReason() })));
      });
    });
  }

  it.each(UNUSABLE.map((c) => [c.label, c] as const))(
    "refuses %s once, naming the setting and the fix",
    async (_label, { baseUrl, problem, fix, property }) => {
      const failures = await checkConfig({ apiKey: emulator().apiKey, baseUrl: baseUrl() });
      expect(failures).toEqual([{ property, reason: expect.any(String) }]);
      expectRefusal(failures[0]!.reason, problem, fix);
    },
  );

  it("refuses a plain-http LINQ_API_V3_BASE_URL, naming the variable and no property", async () => {
    process.env.LINQ_API_V3_BASE_URL = "http://api.linqapp.com/api/partner";
    try {
      const failures = await checkConfig({ apiKey: emulator().apiKey });
      expect(failures).toEqual([{ property: "", reason: expect.any(String) }]);
      expectRefusal(failures[0]!.reason, "is plain http", "Set LINQ_API_V3_BASE_URL to https");
    } finally {
      delete process.env.LINQ_API_V3_BASE_URL;
    }
  });
});

describe.each(HOSTS)("a resource on the %s", (host) => {
  it.each(UNUSABLE.map((c) => [c.label, c] as const))(
    "fails on %s in the setting's own words, sending nothing",
    async (_label, { baseUrl, problem, fix }) => {
      const hook = lifecycle(host, emulator(), "hook", { baseUrl: baseUrl() });
      const up = hook.up({ targetUrl: uniqueUrl("unusable"), subscribedEvents: ["message.read"] });
      const message = await up.then(
        () => "",
        (err: Error) => err.message,
      );
      // The plugin refuses at CheckConfig, before any resource is checked.
      if (host === "plugin") expect(message).toMatch(/^provider config refused: /);
      expectRefusal(message, problem, fix);
      expect(hook.recorded).toBeUndefined();
    },
  );

  it("fails without an API key in the setting's own words, sending nothing", async () => {
    const hook = lifecycle(host, emulator(), "hook", { apiKey: undefined });
    const message = await hook
      .up({ targetUrl: uniqueUrl("no-key"), subscribedEvents: ["message.read"] })
      .then(
        () => "",
        (err: Error) => err.message,
      );
    // One failure of the resource, naming no input: no input is to blame.
    expect(message).toMatch(/^: No Linq API key\. /);
    expectRefusal(message, "No Linq API key", "pulumi config set --secret linq:apiKey <key>");
  });
});
