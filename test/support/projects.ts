// The programs engine tests run: fixtures of their own, and the examples users read.
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/lib/local-stack";
import { projectFromDir } from "../../scripts/lib/projects";

export const FIXTURES = path.join(__dirname, "..", "fixtures");
export const EXAMPLES = path.join(REPO_ROOT, "examples");

export const projectFromFixture = (fixture: string) => projectFromDir(path.join(FIXTURES, fixture), fixture);
export { projectFromDir };
