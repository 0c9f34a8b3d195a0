// Where the engine's dynamic-provider process finds the provider's code. The serialized provider
// requires it at call time instead of carrying it, so the state holds no copy of our modules.
import * as fs from "node:fs";
import * as path from "node:path";

const PACKAGE_SPECIFIER = "pulumi-linq/provider";

export function providerModule(): string {
  // Installed as a dependency: the provider process runs in the project's directory and resolves a
  // package the plain way, through node_modules from there up (no self-reference: its module has no file).
  if (installedFrom(process.cwd())) return PACKAGE_SPECIFIER;
  // Run from this repository: the compiled module beside this one.
  const compiled = path.resolve(__dirname, "..", "provider", "index.js");
  if (!fs.existsSync(compiled)) {
    throw new Error(`pulumi-linq: the provider is not built (${compiled} is missing): run 'npm run build'`);
  }
  return compiled;
}

function installedFrom(dir: string): boolean {
  if (fs.existsSync(path.join(dir, "node_modules", "pulumi-linq", "package.json"))) return true;
  const parent = path.dirname(dir);
  return parent !== dir && installedFrom(parent);
}
