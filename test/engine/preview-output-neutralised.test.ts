// On the real engine, both entry points: a hostile answer (escape sequences, NUL, a bidi override, the
// API key straddling the 120-character cut) reaches `pulumi preview`'s output only neutralised: no ESC,
// no control byte, no piece of the key. The provider's base URL points at a server of the test's own.
import { useEmulator, uniqueUrl } from "../support/emulator";
import { linqStack, type LinqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, yamlProject } from "../support/plugin";
import { recordFigures } from "../support/reliability-report";
import { stackLeaks } from "../support/scan";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server";

const emulator = useEmulator();
const HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x00nul\x9b31m\u202egnp.exe";
/** Control characters other than line breaks and tabs (C0, DEL, C1), bidi and zero-width format characters. */
const UNSAFE = /(?![\n\r\t])[\p{Cc}\p{Cf}]/u;

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

/** Every piece of 8 characters of `secret` that `text` holds. */
const piecesOf = (secret: string, text: string) =>
  Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8)).filter((p) => text.includes(p));

async function previewAgainstHostileServer(stack: LinqStack, entry: string) {
  const key = emulator().apiKey;
  // The key begins 10 characters before the cut: a cut first would show 10 of its characters.
  const body = `${HOSTILE}${"x".repeat(110 - HOSTILE.length)}${key} and more`;
  server.answer({ status: 400, headers: { "content-type": "text/html" }, body });
  await stack.pulumiOk(["config", "set", "linq:baseUrl", server.url]);
  const started = Date.now();
  const preview = await stack.pulumi(["preview", "--color", "never"]);
  const ms = Date.now() - started;
  const leaked =
    stackLeaks(stack, emulator(), [preview.output]).length + piecesOf(key, preview.output).length;
  recordFigures(`wire safety (engine): hostile 400 body at preview, ${entry}`, {
    msToClearFailure: ms,
    resourcesLost: 0,
    secretsLeaked: leaked,
  });
  expect(server.received().length).toBeGreaterThan(0);
  expect(preview.code).not.toBe(0);
  expect(preview.output).toContain("\\x1b]0;pwned\\x07\\x1b[2J");
  expect(preview.output).not.toMatch(UNSAFE);
  expect(piecesOf(key, preview.output)).toEqual([]);
  expect(leaked).toBe(0);
}

describe("pulumi preview shows a hostile server's text neutralised", () => {
  it("on a Node program (dynamic provider)", async () => {
    const stack = await linqStack(emulator());
    await stack.declare([
      { name: "inbound", targetUrl: uniqueUrl("hostile"), subscribedEvents: ["message.read"] },
    ]);
    await previewAgainstHostileServer(stack, "Node SDK (dynamic provider)");
  });

  it("on a YAML program (plugin)", async () => {
    const project = yamlProject("hostile-text-yaml");
    const properties = { targetUrl: uniqueUrl("hostile-yaml"), subscribedEvents: ["message.read"] };
    project.write(
      `resources:\n  inbound:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n    properties: ${JSON.stringify(properties)}\n`,
    );
    const stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);
    await previewAgainstHostileServer(stack, "YAML (plugin)");
  });
});
