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
  // Each file's CPU, for `npm run bench -- --suites`; nothing unless OBKM_FILE_CPU is set.
  setupFilesAfterEnv: ["<rootDir>/tests/helpers/file-cpu.ts"],
  // A test file's modules run in a vm context, whose every read of a global name (Array, Object, JSON...) goes
  // through node's interceptor in C++: 150 ns here against 3 ns outside jest (nodejs/node#31658,
  // jestjs/jest#15502 on jest 29.7.0), so that cliConfig took 400 us per call under jest and 95 us in node.
  // jest passes these to each module's wrapper as parameters instead (jest-runtime 29.7.0
  // build/index.js constructInjectedModuleParameters), read once per module. Only built-ins that no test
  // replaces: not Date or the timers, which fake timers swap after the modules have loaded.
  sandboxInjectedGlobals: [
    "Array",
    "Object",
    "JSON",
    "Number",
    "String",
    "Math",
    "Symbol",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "RegExp",
    "Error",
    "TypeError",
    "BigInt",
    "Boolean",
    "Reflect",
    "Promise",
  ],
  // One process renders for every test file (tests/helpers/render-server.ts), which then need not load
  // the Pulumi SDKs each.
  globalSetup: "<rootDir>/tests/helpers/global-setup.ts",
  globalTeardown: "<rootDir>/tests/helpers/global-teardown.ts",
};
