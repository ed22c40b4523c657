// componentSchema (scripts/component-schema.ts) kept across test runs, as renders are (render-cache.ts): the
// SDK's analysis compiles the component with TypeScript over every declaration it reaches, about 10 MB of
// @pulumi/kubernetes's among them, and loads the SDK to list the component's classes: 8 to 9 CPU-seconds for
// the one schema tests/component-schema.test.ts compares, the same in every run whose code has not changed.
// A schema is kept under the key of all the analysis reads, and recomputed when any of it changes.
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../project-dir";
import { writeWhole } from "../../lib/write-whole";
import { pruneOldKeys } from "./render-cache";
import { startingEnv } from "./run-tmp";
import { TEST_CACHE_DIR } from "./test-cache";

const SCHEMAS = path.join(TEST_CACHE_DIR, "component-schemas");

/**
 * Every file the analysis reads, relative to the project and sorted: the project's code the component
 * package's entry reaches, and the script's (the TypeScript program the SDK's Analyzer builds from
 * component-package/tsconfig.json holds no project file outside that closure: checked on 2026-12-03 against
 * its getSourceFiles(), 164 files, all in the closure's 166); the component package's files and the
 * tsconfig.json it extends; the packages, whose declarations it reads, by the lockfile and package.json.
 */
export function componentSchemaInputs(componentPackage: string): string[] {
  // Loaded here only: it loads TypeScript, which a schema found in the cache does not need otherwise.
  const { importClosure } = require("./import-graph") as typeof import("./import-graph");
  const dir = path.join(PROJECT_DIR, componentPackage);
  const files = [
    ...importClosure([path.join(dir, "index.ts"), path.join(PROJECT_DIR, "scripts", "component-schema.ts")]),
    ...fs.readdirSync(dir).map((file) => path.join(dir, file)),
    ...["tsconfig.json", "package.json", "package-lock.json"].map((file) => path.join(PROJECT_DIR, file)),
  ];
  return [...new Set(files.map((file) => path.relative(PROJECT_DIR, file).split(path.sep).join("/")))].sort();
}

/** The schema `make` computes, from the cache while nothing it reads has changed. */
export function cachedComponentSchema(componentPackage: string, make: () => string): string {
  const { readProjectFile, renderCacheKey } = require("./render-cache-key") as typeof import("./render-cache-key");
  const key = renderCacheKey(componentSchemaInputs(componentPackage), {
    read: (file) => readProjectFile(PROJECT_DIR, file),
    env: startingEnv(),
    nodeVersion: process.version,
  });
  const file = path.join(SCHEMAS, `${key}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as string;
  const schema = make();
  // Schemas of other keys are of code that has mostly gone: the newest few are kept beside the new one.
  pruneOldKeys(SCHEMAS);
  writeWhole(file, JSON.stringify(schema));
  return schema;
}
