// npm run build:plugin: the provider plugin as tarballs that `pulumi plugin install resource linq
// <version> --file <tarball>` installs: the launcher (pulumi-resource-linq), the compiled provider
// (dist/provider), schema.json and the production node_modules, which npm installs from this repository's
// package-lock.json. The plugin is JavaScript, so the tarball of every platform is the same; only its name
// differs.
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
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
}

const readManifest = (): Manifest =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Manifest;

export function pluginTarball(
  version: string,
  platform: (typeof PLATFORMS)[number] = "linux-amd64",
  outDir = PLUGIN_DIR,
): string {
  return path.join(outDir, `pulumi-resource-linq-v${version}-${platform}.tar.gz`);
}

export const packageVersion = (): string => readManifest().version;

/**
 * The plugin's package.json: the package's dependencies and its required peers (@pulumi/pulumi, which a
 * Node project brings itself but the plugin must carry); optional peers (@pulumi/policy) stay out.
 */
function pluginManifest(): string {
  const { name, version, license, engines, dependencies, peerDependencies, peerDependenciesMeta } =
    readManifest();
  const peers = Object.entries(peerDependencies).filter(([peer]) => !peerDependenciesMeta[peer]?.optional);
  const plugin = { name, version, license, engines, private: true };
  return `${JSON.stringify({ ...plugin, dependencies: { ...dependencies, ...Object.fromEntries(peers) } }, null, 2)}\n`;
}

/**
 * npm installs the plugin's production tree at the versions package-lock.json holds: from npm's cache
 * where it has them, running no install scripts (none is needed), and writing no node_modules/.bin
 * symlinks (the launcher needs none, and a tarball of plain files extracts the same everywhere).
 */
const NPM_INSTALL = [
  "install",
  "--prefer-offline",
  "--ignore-scripts",
  "--no-bin-links",
  "--no-audit",
  "--no-fund",
];

/**
 * Builds the tarballs into outDir. compile: false uses dist/ as it is (the test setup compiled it).
 * Each build stages in a directory of its own, so that builds may run at once.
 */
export function buildPlugin(options: { outDir?: string; compile?: boolean } = {}): string[] {
  const { outDir = PLUGIN_DIR, compile = true } = options;
  if (compile)
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: REPO_ROOT, stdio: "inherit" });

  fs.mkdirSync(path.join(REPO_ROOT, ".tmp"), { recursive: true });
  const stage = fs.mkdtempSync(path.join(REPO_ROOT, ".tmp", "plugin-stage-"));
  try {
    const launcher = path.join(stage, "pulumi-resource-linq");
    fs.copyFileSync(path.join(REPO_ROOT, "bin", "pulumi-resource-linq"), launcher);
    fs.chmodSync(launcher, 0o755);
    fs.cpSync(path.join(REPO_ROOT, "dist", "provider"), path.join(stage, "dist", "provider"), {
      recursive: true,
    });
    for (const file of ["schema.json", "package-lock.json"])
      fs.copyFileSync(path.join(REPO_ROOT, file), path.join(stage, file));
    fs.writeFileSync(path.join(stage, "package.json"), pluginManifest());
    execFileSync("npm", NPM_INSTALL, { cwd: stage, stdio: "pipe" });

    const { version } = readManifest();
    fs.mkdirSync(outDir, { recursive: true });
    const first = pluginTarball(version, PLATFORMS[0], outDir);
    execFileSync("tar", ["-czf", first, "-C", stage, "."]);
    for (const platform of PLATFORMS.slice(1))
      fs.copyFileSync(first, pluginTarball(version, platform, outDir));
    return PLATFORMS.map((platform) => pluginTarball(version, platform, outDir));
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

if (require.main === module) {
  for (const file of buildPlugin()) {
    console.log(`${path.relative(REPO_ROOT, file)} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`);
  }
}
