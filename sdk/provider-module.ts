// Where the engine's dynamic-provider process finds the provider's code. The serialized provider
// requires it at call time instead of carrying it, so the state holds no copy of our modules.
import * as fs from "node:fs";
import * as path from "node:path";

const PACKAGE_SPECIFIER = "pulumi-linq/provider";

export function providerModule(): string {
  try {
    // Installed as a dependency: the provider process (whose working directory is the project's)
    // resolves the package the same way.
    require.resolve(PACKAGE_SPECIFIER, { paths: [process.cwd()] });
    return PACKAGE_SPECIFIER;
  } catch {
    // Run from this repository: the compiled module beside this one.
    const compiled = path.resolve(__dirname, "..", "provider", "index.js");
    if (!fs.existsSync(compiled)) {
      throw new Error(`pulumi-linq: the provider is not built (${compiled} is missing): run 'npm run build'`);
    }
    return compiled;
  }
}
