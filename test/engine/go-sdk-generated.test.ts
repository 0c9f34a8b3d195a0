// sdk/go/linq is generated from schema.json by scripts/gen-sdk (Pulumi's own Go code generator): the
// committed files must be exactly what it writes, and must build (`go vet`).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/lib/local-stack";

const GENERATOR = path.join(REPO_ROOT, "scripts", "gen-sdk");
const SDK = path.join(REPO_ROOT, "sdk", "go");
const SCHEMA = path.join(REPO_ROOT, "schema.json");

function goRun(args: string[], cwd = GENERATOR) {
  const result = spawnSync("go", args, { cwd, encoding: "utf8" });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const generate = (out: string, schema = SCHEMA, ...flags: string[]) =>
  goRun(["run", ".", "-schema", schema, "-out", out, ...flags]);

function copyOfSdk(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "go-sdk-"));
  fs.cpSync(SDK, dir, { recursive: true });
  return dir;
}

/** The parts of schema.json these tests read. */
interface Schema {
  version: string;
  resources: Record<string, { properties: Record<string, unknown> }>;
  language?: Record<string, unknown>;
}

describe("the Go SDK generated from schema.json", () => {
  it("is committed exactly as gen-sdk writes it", () => {
    const check = generate(SDK, SCHEMA, "-check");
    expect(check.output).toMatch(/matches the schema \(\d+ files\)/);
    expect(check.code).toBe(0);
  });

  it("passes go vet", () => {
    const vet = goRun(["vet", "./..."], SDK);
    // On a cold module cache go prints what it downloads first; only vet's own findings count.
    const findings = vet.output.split("\n").filter((line) => line && !line.startsWith("go: downloading "));
    expect(findings).toEqual([]);
    expect(vet.code).toBe(0);
  });

  it("declares the resource and the data source of the schema", () => {
    const schema = JSON.parse(fs.readFileSync(SCHEMA, "utf8")) as Schema;
    const sdk = path.join(SDK, "linq");
    const resource = fs.readFileSync(path.join(sdk, "webhookSubscription.go"), "utf8");
    expect(resource).toContain('ctx.RegisterResource("linq:index:WebhookSubscription"');
    for (const property of Object.keys(schema.resources["linq:index:WebhookSubscription"]!.properties)) {
      expect(resource).toContain(`pulumi:"${property}"`);
    }
    const invoke = fs.readFileSync(path.join(sdk, "getWebhookEventTypes.go"), "utf8");
    expect(invoke).toContain('"linq:index:getWebhookEventTypes"');
    // The plugin version the SDK asks the engine for is the schema's.
    expect(JSON.parse(fs.readFileSync(path.join(sdk, "pulumi-plugin.json"), "utf8"))).toMatchObject({
      name: "linq",
      version: schema.version,
    });
  });

  it("fails the check, naming each file, when the SDK was edited, lacks a file or holds a stray one", () => {
    const dir = copyOfSdk();
    fs.appendFileSync(path.join(dir, "linq", "doc.go"), "// edited by hand\n");
    fs.rmSync(path.join(dir, "linq", "init.go"));
    fs.writeFileSync(path.join(dir, "linq", "stray.go"), "package linq\n");
    const check = generate(dir, SCHEMA, "-check");
    expect(check.code).not.toBe(0);
    expect(check.output).toContain("run `npm run generate:go-sdk`");
    expect(check.output).toContain("differs: linq/doc.go");
    expect(check.output).toContain("missing: linq/init.go");
    expect(check.output).toContain("not generated: linq/stray.go");

    const regenerated = generate(dir);
    expect(regenerated.code).toBe(0);
    expect(generate(dir, SCHEMA, "-check").code).toBe(0);
    expect(fs.existsSync(path.join(dir, "linq", "stray.go"))).toBe(false);
  });

  it("refuses a schema whose Go import path is not where go.mod puts the package", () => {
    const dir = copyOfSdk();
    const schema = JSON.parse(fs.readFileSync(SCHEMA, "utf8")) as Schema;
    schema.language = { ...schema.language, go: { importBasePath: "example.com/elsewhere/linq" } };
    const schemaFile = path.join(dir, "schema.json");
    fs.writeFileSync(schemaFile, JSON.stringify(schema));
    const result = generate(dir, schemaFile);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("language.go.importBasePath is example.com/elsewhere/linq");
  });
});
