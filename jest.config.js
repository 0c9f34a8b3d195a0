/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Engine tests drive the real pulumi CLI, which takes seconds per command.
  testTimeout: 300000,
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
};
