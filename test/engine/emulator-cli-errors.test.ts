// A mistake on the emulator's command line names the option (or file) and the fix, and the process
// exits non-zero before serving anything.
import * as fs from "node:fs";
import * as path from "node:path";
import { scratchDir } from "../../scripts/lib/local-stack";
import { call, useEmulator } from "../support/emulator";
import { closedPort } from "../support/closed-port";
import { run } from "../support/emulator-cli";

const emulator = useEmulator();

describe("linq-emulator refuses bad options, naming them", () => {
  const stateFile = (label: string, content: string) => {
    const file = path.join(scratchDir(label), "account.json");
    fs.writeFileSync(file, content);
    return file;
  };

  it.each([
    [
      ["--forward-to", "notaurl"],
      '--forward-to "notaurl" is not an absolute http(s) URL',
      "--forward-to http://",
    ],
    [["--forward-to", "ftp://x.example.com/"], "--forward-to", "your receiver's URL"],
    [
      ["--forward-to", "http://linq:s3cret@127.0.0.1:3000/linq"],
      "--forward-to contains a user name or password",
      "remove it",
    ],
    [["--faults", "notjson"], "--faults is not valid JSON", "--faults '{"],
    [
      ["--faults", '{"errors":{"count":"x"}}'],
      "--faults is not a fault configuration (errors.count:",
      "--faults '{",
    ],
    [
      ["--events", " , "],
      '--events " , " has a blank event type name',
      "--events message.received,message.read",
    ],
    [["--events", "message.read,,message.sent"], "has a blank event type name", "comma-separated names"],
    [["--port", "abc"], '--port "abc" is not a port number', "--port 4010"],
    [["--port", "99999"], '--port "99999" is not a port number', "0 for any free port"],
    ...["x", "0", "1.5", "2x", ""].map((attempts) => [
      ["--delivery-attempts", attempts],
      `--delivery-attempts ${JSON.stringify(attempts)} is not a number of attempts`,
      "a whole number from 1 (no retries) up, e.g. --delivery-attempts 3",
    ]),
    [
      ["--delivery-timeout-ms=-5"],
      '--delivery-timeout-ms "-5" is not a positive number',
      "--delivery-timeout-ms 3000",
    ],
    // 0 would not mean "no timeout": every attempt would be given up at once.
    [["--delivery-timeout-ms", "0"], '--delivery-timeout-ms "0" is not a positive number', "(Linq: 10000)"],
    [["--delivery-first-retry-ms=-1"], '--delivery-first-retry-ms "-1" is not a non-negative', "ms 3"],
    [["--forward", "http://127.0.0.1:3000/"], "Unknown option '--forward'", "(see linq-emulator --help)"],
  ])("serve %j", async (args, problem, fix) => {
    const result = await run(["--port", "0", ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(problem);
    expect(result.stderr).toContain(fix);
    expect(result.stderr).not.toContain("s3cret"); // a password in an option is not repeated
    expect(result.stdout).not.toContain("listening");
  });

  it.each([
    ["empty", ""],
    ["truncated", '{"events":["message.read"],"subscriptions":['],
    ["not an account", '{"hello":1}'],
  ])("serve with a %s --state-file", async (label, content) => {
    const file = stateFile(`cli-state-${label.replace(/ /g, "-")}`, content);
    const result = await run(["--port", "0", "--state-file", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the emulator's state file (--state-file) ${file} is not an account`);
    expect(result.stderr).toContain("move it away to start with an empty account");
  });

  it("trigger without an event prints the usage", async () => {
    const result = await run(["trigger", "--emulator", emulator().url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("usage: linq-emulator trigger <event> [--phone-number +E164]");
  });

  it("redeliver without a delivery id prints the usage", async () => {
    const result = await run(["redeliver", "--emulator", emulator().url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("usage: linq-emulator redeliver <delivery id> [--wait]");
  });

  it.each([
    ["notjson", "--data is not valid JSON"],
    ["[1]", "--data is not a JSON object (an array)"],
    ['"hello"', "--data is not a JSON object (a string)"],
    [
      `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`,
      "--data nests objects and arrays more than 32 levels deep",
    ],
  ])("trigger --data %.40s", async (data, problem) => {
    const result = await run(["trigger", "message.received", "--data", data, "--emulator", emulator().url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(problem);
    // The example is one a message payload takes: its text is in data.parts.
    expect(result.stderr).toContain(`--data '{"parts":[{"type":"text","value":"hello"}]}'`);
  });

  it("trigger while no emulator runs at --emulator", async () => {
    const closed = await closedPort();
    const result = await run(["trigger", "message.received", "--emulator", `http://127.0.0.1:${closed}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `could not reach the emulator at http://127.0.0.1:${closed} (ECONNREFUSED)`,
    );
    expect(result.stderr).toContain("start it ('npm run emulator')");
  });

  it("PUT /__admin/events refuses a blank event type name", async () => {
    const before = emulator().events();
    const put = await call(emulator(), "PUT", "/__admin/events", { body: { events: ["message.read", " "] } });
    expect(put.status).toBe(400);
    expect(emulator().events()).toEqual(before);
    const listed = (await call(emulator(), "GET", "/v3/webhook-events")).body as { events: string[] };
    expect(listed.events).not.toContain("");
  });
});

describe("linq-emulator --help", () => {
  it.each([
    [["--help"], "usage: linq-emulator [--port 4010]", "--delivery-timeout-ms MS"],
    [["-h"], "usage: linq-emulator [--port 4010]", "linq-emulator trigger <event>"],
    [["trigger", "--help"], "usage: linq-emulator trigger <event>", "--emulator URL"],
    [["redeliver", "--help"], "usage: linq-emulator redeliver <delivery id>", "same webhook-id and payload"],
  ])("%j prints the usage and serves nothing", async (args, usage, option) => {
    const result = await run(args);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(usage);
    expect(result.stdout).toContain(option);
    expect(result.stdout).not.toContain("listening");
    expect(result.stderr).toBe("");
  });
});
