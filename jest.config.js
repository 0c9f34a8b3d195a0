// Two projects. `unit`: everything that runs without the Pulumi engine (client, emulator, validators,
// suggestions, settings, diff, properties, the plugin's protocol, in-process CRUD against the emulator),
// listed here by name; `npm run test:unit` runs it alone. `engine`: every other test file, so that a new
// test lands among the engine tests unless it is listed here, and a listed file that starts the engine
// fails (test/support/no-engine.ts). `npm test` runs both.
const UNIT_TESTS = [
  "cancelled-create-recovery",
  "client-cleartext-key",
  "client-errors",
  "server-text-neutralised",
  "client-response-validation",
  "client-retries",
  "emulator-cli-delivery",
  "emulator-cli-errors",
  "emulator-admin-origin",
  "emulator-fault-injection",
  "emulator-hostile-requests",
  "emulator-linq-sdk-contract",
  "emulator-persistence",
  "emulator-redelivery",
  "emulator-reliability-under-load",
  "emulator-webhook-api",
  "emulator-webhook-delivery",
  "emulator-webhook-payloads",
  "emulator-webhook-retries",
  "env-switches-true-or-false",
  "event-name-suggestions",
  "examples-receiver",
  "input-validation-properties",
  "input-names-and-numbers",
  "input-size-limits",
  "input-validators",
  "message-first-sentence",
  "message-first-sentence-of-checks",
  "native-sdk-mocks",
  "package-import-paths",
  "plugin-protocol",
  "policy-rules",
  "provider-settings",
  "reliability-hostile-network",
  "retry-policy",
  "retry-wait-floor",
  "unit-tier-without-engine",
  "webhook-inventory-reads",
  "webhook-subscription-diff",
  "webhook-subscription-taken-url-advice",
  "webhook-subscription-types",
];
const unitTests = `/test/(${UNIT_TESTS.join("|")})\\.test\\.ts$`;

const common = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
};

/** @type {import('jest').Config} */
module.exports = {
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
  // Engine tests drive the real pulumi CLI, which takes seconds per command (a global option: jest
  // ignores it in a project; the unit project lowers it in its setup file).
  testTimeout: 300000,
  // Two workers on CI's 2 cores (jest's default there is 1): an engine test spends much of its time waiting on
  // the pulumi CLI and the emulator. Measured on this suite (97 files): 2071 s of jest with one, 1049 s with two.
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: "unit",
      testRegex: unitTests,
      // dist/, which the plugin's launcher runs; no engine.
      globalSetup: "<rootDir>/test/support/build-dist.ts",
      setupFilesAfterEnv: ["<rootDir>/test/support/no-engine.ts"],
    },
    {
      ...common,
      displayName: "engine",
      testMatch: ["**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", unitTests],
      globalSetup: "<rootDir>/test/support/global-setup.ts",
    },
  ],
};
