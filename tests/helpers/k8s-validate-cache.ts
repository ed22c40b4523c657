// validateObjects (k8s-validate.ts) with its verdicts shared across test files. Loading the schemas it checks
// against (kubernetes-models, @kubernetes/client-node's models) costs about a third of a CPU-second in each
// jest test file, since each has its own module registry, while most files validate the same objects (the
// dev and prod renders). A verdict is kept in the run's folder (VALIDATIONS_ENV, keyed by global-setup.ts
// on the validator's code, the packages, Node and the environment) under the objects it was given.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../project-dir";
import { writeWhole } from "../../lib/write-whole";
import type { External } from "./k8s-validate";
import { pruneOldKeys } from "./render-cache";
import { VALIDATIONS_ENV } from "./render-server-env";
import { TEST_CACHE_DIR } from "./test-cache";

const VALIDATIONS = path.join(TEST_CACHE_DIR, "validations");

/** Where the validator's code starts; its imports are followed from there (import-graph.ts importClosure). */
export const VALIDATOR_ENTRY = path.join(__dirname, "k8s-validate.ts");

/** The folder of verdicts for the validator, packages and environment as they are now. */
export function keyedValidationsDir(): string {
  // Loaded here only: it follows the imports (and may load TypeScript), which the global set-up alone needs.
  const { readProjectFile, renderCacheKey } = require("./render-cache-key") as typeof import("./render-cache-key");
  const { importClosure } = require("./import-graph") as typeof import("./import-graph");
  const files = [...importClosure([VALIDATOR_ENTRY]), path.join(PROJECT_DIR, "package-lock.json")]
    .map((file) => path.relative(PROJECT_DIR, file).split(path.sep).join("/"))
    .sort();
  const key = renderCacheKey(files, { read: (file) => readProjectFile(PROJECT_DIR, file), env: process.env, nodeVersion: process.version });
  const dir = path.join(VALIDATIONS, key);
  if (!fs.existsSync(dir)) pruneOldKeys(VALIDATIONS);
  return dir;
}

/** Every problem of the given objects, as k8s-validate.ts validateObjects finds them. */
export function validateObjects(objects: Record<string, any>[], external: External[] = []): string[] {
  const validate = () => (require("./k8s-validate") as typeof import("./k8s-validate")).validateObjects(objects, external);
  const dir = process.env[VALIDATIONS_ENV];
  if (!dir) return validate();
  const file = path.join(dir, `${createHash("sha256").update(JSON.stringify({ objects, external })).digest("hex").slice(0, 32)}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as string[];
  const problems = validate();
  writeWhole(file, JSON.stringify(problems));
  return problems;
}
