// npm run build:plugin: the provider plugin as tarballs that `pulumi plugin install resource linq
// <version> --file <tarball>` installs: the launcher (pulumi-resource-linq), the compiled provider
// (dist/provider) and the production node_modules, copied without symlinks. The plugin is
// JavaScript, so the tarball of every platform is the same; only its name differs.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./lib/local-stack";

export const PLATFORMS = ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64"] as const;
export const PLUGIN_DIR = path.join(REPO_ROOT, "dist", "plugin");

interface Manifest {
  name: string;
  version: string;
  license: string;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export function pluginTarball(
  version: string,
  platform: (typeof PLATFORMS)[number] = "linux-amd64",
  outDir = PLUGIN_DIR,
): string {
  return path.join(outDir, `pulumi-resource-linq-v${version}-${platform}.tar.gz`);
}

export const packageVersion = (): string =>
  (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Manifest).version;

interface LockedPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** A package's own peers that it cannot do without (optional peers, such as typescript, stay out). */
const requiredPeers = (pkg: LockedPackage) =>
  Object.fromEntries(
    Object.entries(pkg.peerDependencies ?? {}).filter(
      ([name]) => !pkg.peerDependenciesMeta?.[name]?.optional,
    ),
  );

/**
 * The packages the plugin loads at run time, as paths below the repository: the closure of the
 * dependencies and the peer dependencies (@pulumi/pulumi, which a Node project brings itself but the
 * plugin must carry), resolved through package-lock.json as Node resolves them.
 */
function productionPackages(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Manifest;
  const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockedPackage>;
  };
  const found = new Set<string>();
  const visit = (from: string, name: string): void => {
    const dir = resolveLocked(lock.packages, from, name);
    if (!dir || found.has(dir)) return;
    found.add(dir);
    const pkg = lock.packages[dir] ?? {};
    for (const deps of [pkg.dependencies, pkg.optionalDependencies, requiredPeers(pkg)])
      for (const dep of Object.keys(deps ?? {})) visit(dir, dep);
  };
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) visit("", name);
  return [...found].sort();
}

/** Node's lookup: from/node_modules/name, then each enclosing node_modules up to the root's. */
function resolveLocked(packages: Record<string, unknown>, from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf("/node_modules/")))) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (candidate in packages) return candidate;
    if (!dir) return undefined;
  }
}

/** Copies dereferencing symlinks, without nested node_modules (each package is copied on its own). */
function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, {
    recursive: true,
    dereference: true,
    filter: (src) => src === from || !/[\\/]node_modules$/.test(src),
  });
}

function assertNoSymlinks(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isSymbolicLink())
      throw new Error(`symlink in the plugin: ${path.join(entry.parentPath, entry.name)}`);
  }
}

/**
 * Builds the tarballs into outDir. compile: false uses dist/ as it is (the test setup compiled it).
 * Each build stages in a directory of its own, so that builds may run at once.
 */
export function buildPlugin(options: { outDir?: string; compile?: boolean } = {}): string[] {
  const { outDir = PLUGIN_DIR, compile = true } = options;
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Manifest;
  if (compile)
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: REPO_ROOT, stdio: "inherit" });

  fs.mkdirSync(path.join(REPO_ROOT, ".tmp"), { recursive: true });
  const stage = fs.mkdtempSync(path.join(REPO_ROOT, ".tmp", "plugin-stage-"));
  fs.copyFileSync(
    path.join(REPO_ROOT, "bin", "pulumi-resource-linq"),
    path.join(stage, "pulumi-resource-linq"),
  );
  fs.chmodSync(path.join(stage, "pulumi-resource-linq"), 0o755);
  copyTree(path.join(REPO_ROOT, "dist", "provider"), path.join(stage, "dist", "provider"));
  fs.copyFileSync(path.join(REPO_ROOT, "schema.json"), path.join(stage, "schema.json"));
  const { name, version, license, engines, dependencies } = manifest;
  fs.writeFileSync(
    path.join(stage, "package.json"),
    `${JSON.stringify({ name, version, license, engines, dependencies, private: true }, null, 2)}\n`,
  );
  for (const dir of productionPackages()) copyTree(path.join(REPO_ROOT, dir), path.join(stage, dir));
  assertNoSymlinks(stage);

  fs.mkdirSync(outDir, { recursive: true });
  const first = pluginTarball(version, PLATFORMS[0], outDir);
  execFileSync("tar", ["-czf", first, "-C", stage, "."]);
  for (const platform of PLATFORMS.slice(1)) fs.copyFileSync(first, pluginTarball(version, platform, outDir));
  fs.rmSync(stage, { recursive: true, force: true });
  return PLATFORMS.map((platform) => pluginTarball(version, platform, outDir));
}

if (require.main === module) {
  for (const file of buildPlugin()) {
    console.log(`${path.relative(REPO_ROOT, file)} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`);
  }
}
