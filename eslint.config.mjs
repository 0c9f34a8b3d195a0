import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "coverage/", ".tmp/", "**/*.js", "**/*.mjs"] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Pulumi providers and gRPC handlers must return promises; `async` also turns a throw into a rejection.
    files: [
      "provider/plugin/server.ts",
      "provider/webhook-subscription.ts",
      "bench/programs/**",
      "test/fixtures/**",
    ],
    rules: { "@typescript-eslint/require-await": "off" },
  },
  {
    // Tests read raw wire bodies whose shape is what they assert.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Not yet typed: these tests still read raw JSON bodies as `any` (issue 11 item 7, to be narrowed file by file).
    files: [
      "test/examples.test.ts",
      "test/get-webhook-event-types.test.ts",
      "test/go-program-on-plugin.test.ts",
      "test/plugin-protocol.test.ts",
      "test/plugin-yaml.test.ts",
      "test/webhook-subscription-adoption.test.ts",
      "test/webhook-subscription-lifecycle.test.ts",
      "test/webhook-subscription-preview-validation.test.ts",
      "test/webhook-subscription-rename.test.ts",
      "test/webhook-subscription-secrets.test.ts",
    ],
    rules: {
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
);
