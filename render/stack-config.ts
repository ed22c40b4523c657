// A stack's configuration as Pulumi would hand it to the program: Pulumi.<stack>.yaml, plus the render's
// --set overrides, turned into the raw strings of pulumi.runtime.allConfig().
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { configKeys, KeySpec } from "../config/keys";
import { CONFIG_NAMESPACE } from "../config/problems";

/** Stands in for a value encrypted in the stack file, which only the Pulumi CLI can decrypt. */
export const UNDECRYPTED_SECRET = "render-cannot-decrypt-this-secret";

export interface StackConfig {
  project: string;
  stack: string;
  config: Record<string, string>;
  secretKeys: string[];
}

export class StackFileError extends Error {}

function toRaw(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function isSecure(value: unknown): boolean {
  return typeof value === "object" && value !== null && "secure" in value;
}

/**
 * `--set KEY=VALUE`: VALUE read as YAML. KEY is as in the stack file without `obkm:`; a dotted KEY that
 * the stack file does not have walks into the object of the longest prefix it does have.
 */
export function parseSet(assignment: string): { path: string[]; value: unknown } {
  const eq = assignment.indexOf("=");
  if (eq <= 0) throw new StackFileError(`--set ${assignment}: expected KEY=VALUE, such as replicas=3`);
  const key = assignment.slice(0, eq);
  const path = key.split(".");
  if (path.some((p) => p === "")) throw new StackFileError(`--set ${assignment}: the key ${key} has an empty part`);
  return { path, value: YAML.parse(assignment.slice(eq + 1)) };
}

function isSecretKey(fullKey: string): boolean {
  return Boolean((configKeys as Record<string, KeySpec>)[fullKey.slice(CONFIG_NAMESPACE.length + 1)]?.secret);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Where a --set lands: the longest prefix of KEY that the stack file holds as an object takes the rest as a path inside it. */
function placeOf(values: Record<string, unknown>, keyPath: string[]): { key: string; within: string[] } {
  for (let i = keyPath.length - 1; i >= 1; i--) {
    const prefix = `${CONFIG_NAMESPACE}:${keyPath.slice(0, i).join(".")}`;
    if (isPlainObject(values[prefix])) return { key: prefix, within: keyPath.slice(i) };
  }
  return { key: `${CONFIG_NAMESPACE}:${keyPath.join(".")}`, within: [] };
}

export function readStackConfig(projectDir: string, stack: string, sets: string[] = []): StackConfig {
  const projectFile = path.join(projectDir, "Pulumi.yaml");
  const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(stackFile)) throw new StackFileError(`no stack file ${path.basename(stackFile)} for stack ${stack}`);
  const project = (YAML.parse(fs.readFileSync(projectFile, "utf8")) as { name: string }).name;
  const values: Record<string, unknown> = {
    ...((YAML.parse(fs.readFileSync(stackFile, "utf8")) as { config?: Record<string, unknown> })?.config ?? {}),
  };

  const parsedSets = sets.map(parseSet);
  for (const { path: keyPath, value } of parsedSets) {
    const { key, within } = placeOf(values, keyPath);
    if (within.length === 0) {
      values[key] = value;
      continue;
    }
    const root = structuredClone(values[key]) as Record<string, unknown>;
    let node = root;
    for (const step of within.slice(0, -1)) {
      if (!isPlainObject(node[step])) node[step] = {};
      node = node[step] as Record<string, unknown>;
    }
    node[within[within.length - 1]] = value;
    values[key] = root;
  }

  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  // A --set of a secret key stands for `pulumi config set --secret`; in the stack file it must be encrypted.
  const setSecret = new Set(parsedSets.map((s) => `${CONFIG_NAMESPACE}:${s.path.join(".")}`).filter(isSecretKey));
  for (const [key, value] of Object.entries(values).sort(([a], [b]) => a.localeCompare(b))) {
    if (isSecure(value)) {
      config[key] = UNDECRYPTED_SECRET;
      secretKeys.push(key);
    } else {
      config[key] = toRaw(value);
      if (setSecret.has(key)) secretKeys.push(key);
    }
  }
  return { project, stack, config, secretKeys };
}
