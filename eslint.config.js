// ESLint for the project's TypeScript: the recommended rules of ESLint and typescript-eslint. Formatting is
// Prettier's (.prettierrc.json). tsc --noEmit checks the types in npm test; the config and the plan are
// also linted with type information, so that no `any` (written, or come from JSON.parse and the like) can
// carry a misspelt key or a wrong type past tsc into a rendered file (issue 22).
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

/** The code from the config keys to the manifests: no `any` in it, written or flowing. */
const TYPED = [
  "velocity/**/*.ts",
  "flows/**/*.ts",
  "config/**/*.ts",
  "plan/**/*.ts",
  "api.ts",
  "plan-from-config.ts",
  "components/plan-cluster.ts",
  "components/key-manager.ts",
];

module.exports = tseslint.config(
  // policy/ is a package of its own with its own node_modules (ESLint ignores **/node_modules/ anyway).
  { ignores: ["node_modules/**", "policy/node_modules/**", "out/**", "bin/**", "config-templates/**"] },
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
  {
    // The program takes each resource class from its own module: an SDK's index loads every group of it
    // (@pulumi/kubernetes 4.34.2 index.js requires ~110 modules), about 0.04 CPU s of a render's start and
    // 0.07 of the runner's (CONTRIBUTING.md, Benchmark). Types may come from the index: they are erased.
    files: ["**/*.ts"],
    ignores: ["tests/**", "examples/**", "policy/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: ["@pulumi/kubernetes", "@pulumi/random", "@pulumi/tls"].map((name) => ({
            name,
            allowTypeImports: true,
            message: `import the class from its own module (${name}/<path>): the index loads the whole SDK`,
          })),
        },
      ],
    },
  },
  {
    files: TYPED,
    // The project service reads tsconfig.json, as tsc does.
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unsafe-argument": "error",
      "@typescript-eslint/no-unsafe-assignment": "error",
      "@typescript-eslint/no-unsafe-call": "error",
      "@typescript-eslint/no-unsafe-member-access": "error",
      "@typescript-eslint/no-unsafe-return": "error",
    },
  },
);
