// sdk/go/linq is generated from schema.json by scripts/gen-sdk (Pulumi's own Go code generator): the
// committed files must be exactly what it writes (scripts/gen-sdk/check), and must build (`go vet`).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/lib/local-stack";

const GENERATOR = path.join(REPO_ROOT, "scripts", "gen-sdk");
const SDK = path.join(REPO_ROOT, "sdk", "go");
const SCHEMA = path.join(REPO_ROOT, "schema.json");

function run(command: string, args: string[], cwd = GENERATOR) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const check = (sdk: string) => run(path.join(GENERATOR, "check"), ["go", sdk]);

/** What `npm run generate:go-sdk` does, into another SDK directory. */
function generate(out: string, schema: string) {
  fs.rmSync(path.join(out, "linq"), { recursive: true, force: true });
  return run("go", ["run", ".", "-lang", "go", "-schema", schema, "-out", out]);
}

/** go vet's own findings: on a cold module cache go prints what it downloads first. */
function vet(sdk: string) {
  const result = run("go", ["vet", "./..."], sdk);
  const findings = result.output.split("\n").filter((line) => line && !line.startsWith("go: downloading "));
  return { code: result.code, findings };
}

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
    const result = check(SDK);
    expect(result.output).toContain(`${SDK} matches ${SCHEMA}`);
    expect(result.code).toBe(0);
  });

  it("passes go vet", () => {
    expect(vet(SDK)).toEqual({ code: 0, findings: [] });
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
    const result = check(dir);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("run `npm run generate:go-sdk`");
    expect(result.output).toMatch(new RegExp(`^diff .* ${dir}/linq/doc\\.go$`, "m"));
    expect(result.output).toContain("> // edited by hand");
    expect(result.output).toMatch(/^Only in \S+\/linq: init\.go$/m);
    expect(result.output).not.toContain(`Only in ${dir}/linq: init.go`);
    expect(result.output).toContain(`Only in ${dir}/linq: stray.go`);
  });

  // gen-sdk writes the import path the schema gives; go vet is what refuses one that is not go.mod's.
  it("fails go vet when the schema's Go import path is not where go.mod puts the package", () => {
    const dir = copyOfSdk();
    const schema = JSON.parse(fs.readFileSync(SCHEMA, "utf8")) as Schema;
    schema.language = { ...schema.language, go: { importBasePath: "example.com/elsewhere/linq" } };
    const schemaFile = path.join(dir, "schema.json");
    fs.writeFileSync(schemaFile, JSON.stringify(schema));
    expect(generate(dir, schemaFile).code).toBe(0);
    const result = vet(dir);
    expect(result.code).not.toBe(0);
    expect(result.findings.join("\n")).toContain("example.com/elsewhere/linq/internal");
  });
});
