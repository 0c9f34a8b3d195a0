// scripts/ensure-pulumi adds to an engine cache only what it lacks: tools already there are kept as they are
// (a cache made before the YAML and Go language hosts were added gets just those, never a rebuilt CLI).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { engineBinDir, REPO_ROOT } from "../../scripts/lib/local-stack";

const ENSURE = path.join(REPO_ROOT, "scripts", "ensure-pulumi");
const BUILT = ["pulumi", "pulumi-language-nodejs", "pulumi-language-yaml", "pulumi-language-go"];
const DYNAMIC_PLUGIN = "pulumi-resource-pulumi-nodejs";

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A cache holding hard links to the real engine's tools, except the ones left out. */
function cacheWithout(...left: string[]): string {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "engine-cache-"));
  made.push(cache);
  fs.mkdirSync(path.join(cache, "bin"));
  for (const tool of [...BUILT, DYNAMIC_PLUGIN].filter((t) => !left.includes(t))) {
    fs.linkSync(path.join(engineBinDir(), tool), path.join(cache, "bin", tool));
  }
  return cache;
}

function ensure(cache: string) {
  // FORCE_BUILD: ignore any pulumi on PATH, use (and complete) this cache.
  const env = { ...process.env, PULUMI_LINQ_ENGINE_CACHE: cache, PULUMI_LINQ_FORCE_BUILD: "1" };
  const result = spawnSync(ENSURE, { env, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

const inode = (file: string) => fs.statSync(file).ino;

describe("scripts/ensure-pulumi's engine cache", () => {
  it("every tool is found in the directory it prints", () => {
    for (const tool of [...BUILT, DYNAMIC_PLUGIN]) {
      expect(fs.statSync(path.join(engineBinDir(), tool)).mode & 0o111).not.toBe(0);
    }
  });

  it("a complete cache is printed as it is, without building or locking anything", () => {
    const cache = cacheWithout();
    const result = ensure(cache);
    expect(result).toMatchObject({ code: 0, stdout: path.join(cache, "bin") });
    expect(result.stderr).toBe("");
    expect(fs.readdirSync(cache)).toEqual(["bin"]);
  });

  it("a cache lacking one file gets that file only; the tools already there are kept", () => {
    const cache = cacheWithout(DYNAMIC_PLUGIN);
    const before = Object.fromEntries(BUILT.map((t) => [t, inode(path.join(cache, "bin", t))]));
    const result = ensure(cache);
    expect(result).toMatchObject({ code: 0, stdout: path.join(cache, "bin") });
    expect(result.stderr).toContain(`built ${DYNAMIC_PLUGIN} in`);
    expect(result.stderr).not.toMatch(/building pulumi/);
    expect(fs.readFileSync(path.join(cache, "bin", DYNAMIC_PLUGIN), "utf8")).toBe(
      fs.readFileSync(path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", DYNAMIC_PLUGIN), "utf8"),
    );
    for (const tool of BUILT) expect(inode(path.join(cache, "bin", tool))).toBe(before[tool]);
    // No staging directory is left behind.
    expect(fs.readdirSync(cache).sort()).toEqual([".lock", "bin"]);
  });

  it("a cache whose Node.js language host cannot run policy packs gets that host rebuilt, the rest kept", () => {
    const cache = cacheWithout("pulumi-language-nodejs");
    // A host built before the policy-pack patch: an executable without the module path its RunPlugin starts.
    const stale = path.join(cache, "bin", "pulumi-language-nodejs");
    fs.writeFileSync(stale, "#!/bin/sh\nexit 1\n", { mode: 0o755 });
    const kept = BUILT.filter((t) => t !== "pulumi-language-nodejs");
    const before = Object.fromEntries(kept.map((t) => [t, inode(path.join(cache, "bin", t))]));
    const result = ensure(cache);
    expect(result).toMatchObject({ code: 0, stdout: path.join(cache, "bin") });
    expect(result.stderr).toContain("built pulumi-language-nodejs in");
    expect(fs.readFileSync(stale).includes("@pulumi/pulumi/cmd/run-policy-pack")).toBe(true);
    for (const tool of kept) expect(inode(path.join(cache, "bin", tool))).toBe(before[tool]);
  });
});
