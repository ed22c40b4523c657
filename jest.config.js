// swc strips types without checking them (tsc --noEmit does that in `npm test`), which keeps a test file
// at about a second and a half instead of seven.
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // The integration suite needs real parts from Debian (jest.integration.config.js).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/integration/"],
  // The package's own name, as tsconfig.json's `paths` resolves it: its entry (package.json `exports`).
  moduleNameMapper: { "^obkm$": "<rootDir>/api.ts" },
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  // Each test file that runs the program under mocks holds its own Pulumi runtime state.
  maxWorkers: 2,
  // A worker that has run half the files holds 700 to 800 MB and took longer than jest-worker's 500 ms to
  // leave at the end of most full runs ("A worker process has failed to exit gracefully"), with no handle or
  // listener of a test left open (CONTRIBUTING.md, Benchmark). jest recycles a worker whose heap passes this
  // after a file (workerIdleMemoryLimit, added in jest 29 by jestjs/jest#13056 for workers whose memory grows
  // with every file's module registry): no force exit in the runs measured, at the same CPU time.
  workerIdleMemoryLimit: "400MB",
  // A render takes about a second alone and several under a full parallel run on two cores; the tests that
  // render a handful of variants must not fail for the machine being busy.
  testTimeout: 30000,
  setupFiles: ["<rootDir>/tests/helpers/jest-setup.ts"],
  // One process renders for every test file (tests/helpers/render-server.ts), which then need not load
  // the Pulumi SDKs each.
  globalSetup: "<rootDir>/tests/helpers/global-setup.ts",
  globalTeardown: "<rootDir>/tests/helpers/global-teardown.ts",
};
