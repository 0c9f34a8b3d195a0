// Writes schema.json, the plugin's Pulumi package schema, from the zod schemas in provider/.
// `--check` writes nothing and fails when the committed schema.json differs (CI).
import * as fs from "node:fs";
import * as path from "node:path";
import { packageSchema } from "../provider/package-schema";
import { REPO_ROOT } from "./lib/local-stack";

const target = path.join(REPO_ROOT, "schema.json");
const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
  version: string;
};
const generated = `${JSON.stringify(packageSchema(version), null, 2)}\n`;

if (process.argv.includes("--check")) {
  const committed = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  if (committed !== generated) {
    console.error("schema.json is out of date: run 'npm run generate' and commit the result");
    process.exit(1);
  }
  console.log("schema.json is up to date");
} else {
  fs.writeFileSync(target, generated);
  console.log(`wrote ${path.relative(process.cwd(), target) || target}`);
}
