// The unit and provider projects (test/unit, test/provider) run without the Pulumi engine: a test file there
// that starts the pulumi CLI, a language host or scripts/ensure-pulumi fails here, with the fix, instead
// of building the engine behind the tier's back. Child processes are guarded through the test
// file's own module registry (jest.mock), so engine tests in the same worker are not affected.
import * as path from "node:path";
import { promisify } from "node:util";

const ENGINE = /^(pulumi|pulumi-language-.*|ensure-pulumi)$/;

function refuseEngine(command: unknown, args: unknown): void {
  const rest: unknown[] = Array.isArray(args) ? args : [];
  const words = [command, ...rest].filter((w) => typeof w === "string");
  const engine = words.find((w) => ENGINE.test(path.basename(w.split(/\s+/)[0] ?? "")));
  if (engine !== undefined) {
    throw new Error(
      `A test in test/unit or test/provider started the Pulumi engine (${engine}): those tiers run without ` +
        `it. Move the test to test/engine/, the tier that runs the real pulumi CLI.`,
    );
  }
}

function guarded() {
  const real = jest.requireActual<typeof import("node:child_process")>("node:child_process");
  const check = <F extends (...a: never[]) => unknown>(fn: F): F =>
    ((...a: Parameters<F>): ReturnType<F> => {
      refuseEngine(a[0], a[1]);
      return fn(...a) as ReturnType<F>;
    }) as F;
  const wrap = <F extends (...a: never[]) => unknown>(fn: F): F => {
    const wrapper = check(fn);
    // exec and execFile promisify to { stdout, stderr }: keep that.
    const custom = (fn as unknown as Record<symbol, F | undefined>)[promisify.custom];
    if (custom) Object.assign(wrapper, { [promisify.custom]: check(custom) });
    return wrapper;
  };
  return {
    ...real,
    spawn: wrap(real.spawn),
    spawnSync: wrap(real.spawnSync),
    exec: wrap(real.exec),
    execSync: wrap(real.execSync),
    execFile: wrap(real.execFile),
    execFileSync: wrap(real.execFileSync),
    fork: wrap(real.fork),
  };
}

// A test without the engine needs no engine's patience.
jest.setTimeout(60_000);

jest.mock("node:child_process", guarded);
jest.mock("child_process", guarded);
