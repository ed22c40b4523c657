// ESLint for the project's TypeScript: the recommended rules of ESLint and typescript-eslint, without type
// information (tsc --noEmit checks the types in npm test). Formatting is Prettier's (.prettierrc.json).
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

module.exports = tseslint.config(
  { ignores: ["node_modules/**", "out/**", "bin/**", "config-templates/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly" } },
    rules: {
      // Test helpers and the mock engine reach into untyped objects (Kubernetes manifests, gRPC requests).
      "@typescript-eslint/no-explicit-any": "off",
      // require() is how the code loads a module lazily or by a computed path; each use says why.
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
