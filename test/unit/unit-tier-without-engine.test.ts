// The unit project (jest.config.js) runs without the Pulumi engine: a unit test that starts it fails
// at once instead of building or running the engine behind the unit tier's back.
import { execFile, execFileSync, spawn, spawnSync } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { engineBinDir, REPO_ROOT } from "../../scripts/lib/local-stack";

const REFUSED = /A unit test started the Pulumi engine \(.*\): .*UNIT_TESTS \(jest\.config\.js\)/;

describe("a unit test file", () => {
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
