import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // sdk/nodejs: the native SDK, written by Pulumi's generator (npm run generate:nodejs-sdk).
  { ignores: ["node_modules/", "dist/", "coverage/", ".tmp/", "sdk/nodejs/", "**/*.js", "**/*.mjs"] },
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
);
