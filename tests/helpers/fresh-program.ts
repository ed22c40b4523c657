// A program loaded as a new `pulumi up` process loads it: its own modules evaluated anew (their top level
// registers the resources, and no module-level state of an earlier run is left), in a module registry of
// their own (jest.isolateModules).
//
// The Pulumi SDKs are the exception: the program gets the very instances the test file holds. A process of
// `pulumi up` has one copy of each; a fresh registry would load a second (about 1,100 modules, 0.3 to 0.4
// CPU-seconds a run here), beside the first that render/mock-engine.ts set the mocks on. jest.doMock with a
// factory that returns the loaded module is how jest serves a module from outside an isolated registry
// (jest-runtime 29.7.0 build/index.js requireModuleOrMock: an explicit mock is looked up before the
// registry); nothing is mocked, the module is the real one.
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../project-dir";

/** The SDK packages the program depends on (package.json): every `@pulumi/` dependency. */
export const PULUMI_SDKS: readonly string[] = Object.keys(
  (JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies,
).filter((name) => name.startsWith("@pulumi/"));

/**
 * The SDK's entries the SDK packages themselves require: each provider package's utilities.js requires
 * "@pulumi/pulumi/runtime" (@pulumi/kubernetes 4.34.2, @pulumi/random 4.21.2, @pulumi/tls 5.6.1), and
 * @pulumi/kubernetes loads each resource class (and with it utilities.js) when the program first names it,
 * which under a fresh registry is in that registry.
 */
const SDK_ENTRIES = [...PULUMI_SDKS, "@pulumi/pulumi/runtime"];

/** `require(file)` in a fresh registry, sharing the test file's Pulumi SDKs with it. */
export function requireFresh<T = Record<string, unknown>>(file: string): T {
  const sdks = SDK_ENTRIES.map((name) => [name, jest.requireActual(name)] as const);
  let exports: T | undefined;
  try {
    for (const [name, sdk] of sdks) jest.doMock(name, () => sdk);
    jest.isolateModules(() => {
      exports = require(file) as T;
    });
  } finally {
    for (const [name] of sdks) jest.dontMock(name);
  }
  return exports as T;
}
