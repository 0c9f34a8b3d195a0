// test/ has one folder per tier, and the jest projects are those folders (jest.config.js): a test file's
// folder says what it costs. unit/ and provider/ run without the Pulumi engine: a test there that starts it
// fails at once (test/support/no-engine.ts) instead of building or running the engine behind the tier's back.
import { execFile, execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { engineBinDir, REPO_ROOT } from "../../scripts/lib/local-stack";

const TIERS = ["unit", "provider", "engine"];
const TEST = path.join(REPO_ROOT, "test");
const NO_ENGINE = "<rootDir>/test/support/no-engine.ts";
const REFUSED = /A test in test\/unit or test\/provider started the Pulumi engine \(.*\): .*test\/engine\//;

interface Project {
  displayName: string;
  roots: string[];
  setupFilesAfterEnv?: string[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(REPO_ROOT, "jest.config.js")) as { projects: Project[] };

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".test.ts"))
    .map((e) => path.relative(TEST, path.join(e.parentPath, e.name)));
}

describe("the test tiers", () => {
  it("hold every test file: each is in test/unit, test/provider or test/engine", () => {
    const files = testFiles(TEST).filter((f) => !f.startsWith(`fixtures${path.sep}`));
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !TIERS.includes(f.split(path.sep)[0]!))).toEqual([]);
  });

  it("are the jest projects, one per folder, and unit and provider refuse the engine", () => {
    const projects = config.projects.map((p) => ({
      name: p.displayName,
      roots: p.roots,
      noEngine: (p.setupFilesAfterEnv ?? []).includes(NO_ENGINE),
    }));
    expect(projects).toEqual(
      TIERS.map((name) => ({ name, roots: [`<rootDir>/test/${name}`], noEngine: name !== "engine" })),
    );
  });
});

describe("a test file in test/unit (as in test/provider)", () => {
  it("cannot run the pulumi CLI, a language host or ensure-pulumi", () => {
    expect(() => execFileSync("pulumi", ["version"])).toThrow(REFUSED);
    expect(() => spawn("/opt/bin/pulumi-language-nodejs", [])).toThrow(REFUSED);
    expect(() => spawnSync("sh", ["-c", "true", path.join(REPO_ROOT, "scripts", "ensure-pulumi")])).toThrow(
      REFUSED,
    );
    expect(() => engineBinDir()).toThrow(REFUSED);
  });

  it("still runs other programs, promisified as usual", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", "process.stdout.write('ok')"]);
    expect(stdout).toBe("ok");
  });
});
