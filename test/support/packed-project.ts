// A project outside the repository that installs pulumi-linq from `npm pack` of dist/ as it is (the jest
// setup builds it), with @pulumi/pulumi, typescript and @types/node at the repository's versions.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/lib/local-stack";

export function packedProject(label: string): string {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), `pulumi-linq-${label}-`));
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", project], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    }),
  ) as { filename: string }[];
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  const dependencies = {
    "pulumi-linq": `file:${path.join(project, packed[0]!.filename)}`,
    ...Object.fromEntries(
      ["@pulumi/pulumi", "typescript", "@types/node"].map((name) => [name, manifest.devDependencies[name]]),
    ),
  };
  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({ name: label, main: "index.ts", dependencies }),
  );
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd: project,
    stdio: "pipe",
  });
  return project;
}
