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
);
