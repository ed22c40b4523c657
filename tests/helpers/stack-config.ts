// A committed stack's config with --set overrides, as render/stack-config.ts reads it, shared across test
// files by the render cache (render-cache.ts): the plan's tests and the render ask for the same few stacks
// with hundreds of different overrides, and each read merges all of Pulumi.yaml.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../../project-dir";
import type { StackConfig } from "../../render/stack-config";
import { cachedStackConfig } from "./render-cache";

/**
 * Whether the overrides name a template directory: tests make those in fresh temporary folders, whose
 * files may change under the same path, so neither such a config nor its render is kept.
 */
export const namesTemplates = (sets: string[]) => sets.some((set) => /Templates=/.test(set));

/** Pulumi.<stack>.yaml with `sets` applied; a stack file or --set the CLI refuses throws, and is not kept. */
export function stackConfig(stack: string, sets: string[]): StackConfig {
  // Loaded for a read only: a config found in the cache needs no YAML parser.
  const read = () => (require("../../render/stack-config") as typeof import("../../render/stack-config")).readStackConfig(PROJECT_DIR, stack, sets);
  return namesTemplates(sets) ? read() : cachedStackConfig(PROJECT_DIR, stack, sets, read);
}

/** The keys a stack file needs to load, as a stack file says them (the required keys and a database). */
export const MINIMAL_STACK_FILE = [
  "config:",
  "  obkm:hostname: km.bank.example",
  "  obkm:image: registry.bank.example/obkm:1.4.0",
  "  obkm:apim:",
  "    hostname: gw.bank.example",
  "  obkm:database:",
  "    host: db.bank.example",
  "",
].join("\n");

/** A fresh project directory holding this project's Pulumi.yaml and `Pulumi.<stack>.yaml` with `text`. */
export function projectWithStack(stack: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-project-"));
  fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
  return dir;
}
