// Three projects, one per folder of test/ (README, "Tests"):
// - unit: test/unit/, the code under test called in the jest process, over HTTP on 127.0.0.1 at most;
//   nothing to build. `npm run test:unit`.
// - provider: test/provider/, the provider as the engine calls it, without the engine: its handlers in
//   process against the emulator, or the plugin process over gRPC (dist/, built first). `npm run test:provider`.
// - engine: test/engine/, the real pulumi CLI, or what users run from the built package (the emulator's
//   bin, npm pack, tsc, go). `npm run test:engine`.
// unit and provider refuse to start the engine (test/support/no-engine.ts). `npm test` runs all three.
const common = {
  // Transpiled one file at a time, not type-checked: ts-jest's type check builds the whole program in each
  // worker (measured: 24 s of CPU for the unit tier against 20 s). `npm run typecheck` checks the types,
  // and `npm test` runs it first.
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: { isolatedModules: true } }] },
  testEnvironment: "node",
};

const tier = (name) => ({
  ...common,
  displayName: name,
  roots: [`<rootDir>/test/${name}`],
  testMatch: ["**/*.test.ts"],
});

/** @type {import('jest').Config} */
module.exports = {
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
  // Engine tests drive the real pulumi CLI, which takes seconds per command (a global option: jest
  // ignores it in a project; the unit and provider projects lower it in their setup file).
  testTimeout: 300000,
  // Three workers on CI's 2 cores (jest's default there is 1): an engine test spends much of its time waiting on
  // the pulumi CLI's processes starting and talking to each other, so two workers left a third of a core idle
  // (1.67 cores busy); a third keeps both cores busy.
  maxWorkers: 3,
  projects: [
    {
      ...tier("unit"),
      setupFilesAfterEnv: ["<rootDir>/test/support/no-engine.ts"],
    },
    {
      ...tier("provider"),
      // dist/, which the plugin's launcher runs; no engine.
      globalSetup: "<rootDir>/test/support/build-dist.ts",
      setupFilesAfterEnv: ["<rootDir>/test/support/no-engine.ts"],
    },
    {
      ...tier("engine"),
      globalSetup: "<rootDir>/test/support/global-setup.ts",
    },
  ],
};
