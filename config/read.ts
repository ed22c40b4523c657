// From what the Pulumi CLI hands the program to one value per declared key, before validation.
//
// The CLI gives a program one text per top-level key (pulumi/pulumi sdk/go/common/resource/config/
// plaintext.go marshalText): a string as it is, a list or a map as JSON. Structured settings live in maps
// (`obkm:caching: {scenario: 1}`), because the CLI looks every key that Pulumi.yaml declares up as a property
// path; so `caching.scenario` is the field `scenario` of the map `obkm:caching`, and a flat key named
// `caching.scenario` is never found by it (pkg/workspace/config.go mergeConfig, resource/config/map.go Get).
import { configKeys, KeySpec, keyNames } from "./keys";
import { CONFIG_NAMESPACE, closestKey, fullKey } from "./problems";
import { ConfigNode, isMap as isMapNode } from "../lib/pulumi-config/value";

const SPECS = configKeys as Record<string, KeySpec>;

/** Every map a declared key lives in, by its path: `caching`, `database`, `database.am`... */
export const GROUPS = new Set(
  keyNames.flatMap((key) =>
    key
      .split(".")
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join(".")),
  ),
);

export interface ReadResult {
  /** Declared key (`caching.scenario`) to its value, converted to the declared type where it reads as one. */
  input: Record<string, unknown>;
  problems: string[];
}

/**
 * Converts a value to its declared type with the leniency of the CLI's own check (pkg/workspace/config.go
 * validateStackConfigValue, sdk/go/common/workspace/project.go ValidateConfigValue): an integer may be text
 * that reads as one (`pulumi config set replicas 3` stores "3"), a boolean "true" or "false", and a string may
 * arrive as a number or boolean where `pulumi config set --path` coerced it. What does not convert stays as it
 * is and fails validation with the key.
 */
export function readAs(spec: KeySpec, value: unknown): unknown {
  switch (spec.type) {
    case "integer":
      return typeof value === "string" && /^[+-]?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
    case "boolean":
      return value === "true" ? true : value === "false" ? false : value;
    case "string":
      return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
    case "array":
      if (typeof value !== "string") return value;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The names a stack file may use at its top: the plain keys and the groups (a map each). */
const TOP_LEVEL = [...new Set(keyNames.map((key) => key.split(".")[0]))].sort();

/** One line for a key the program does not have: the likely one, or what the level holds (not all keys). */
function unknownKeyProblem(path: string, allowed: string): string {
  const suggestion = closestKey(path, keyNames);
  return `${fullKey([path])}: unknown key; ${suggestion ? `did you mean ${suggestion}?` : `expected ${allowed}`}`;
}

/**
 * Groups renamed since a stack file may have been written: the old name, the new one. `keys` held the nodes'
 * keystores and trust, and "key" now means a config key only (docs/design.md, Words).
 */
export const RENAMED_GROUPS: Readonly<Record<string, string>> = { keys: "keystores" };

function unknownKey(path: string): string {
  const [group, ...rest] = path.split(".");
  const renamed = RENAMED_GROUPS[group];
  if (renamed) {
    const now = [renamed, ...rest].join(".");
    return `${fullKey([path])}: renamed ${fullKey([now])}; move it there (npm run migrate-config -- --stack NAME moves every such key of a stack file)`;
  }
  return unknownKeyProblem(path, `one of the top-level keys ${TOP_LEVEL.join(", ")}`);
}

/** The fields a map may hold, for the message when it holds something else. */
export function fieldsOf(group: string): string[] {
  const prefix = `${group}.`;
  return [...new Set(keyNames.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length).split(".")[0]))].sort();
}

/**
 * A map of settings given as one value (`pulumi config set caching 2`, or `obkm:caching: '{...}'` in the stack
 * file), in the user's words: the key, its fields, and the command that sets one. The CLI would replace it by a
 * map of the defaults (pulumi/pulumi v3.248.0 sdk/go/common/resource/config/map.go Set with a path, object.go
 * Set; ported in lib/pulumi-config/value.ts setAt), so the stack would deploy with none of what was typed. The
 * value is not shown, as it may hold a password. The render and the program under `pulumi up` both say this, each on the stack file
 * before the CLI's merge hides it (render/stack-config.ts, program.ts), and the loader on what reaches it.
 */
export function groupGivenAsValueProblem(group: string): string {
  const key = fullKey([group]);
  const fields = fieldsOf(group);
  // Only at the top does the CLI replace it (deeper, its merge stops with "expected a map").
  const because = group.includes(".") ? "" : ", because the Pulumi CLI would replace the value by the defaults";
  return `${key}: a single value where a map of settings belongs; expected a map with the fields ${fields.join(", ")}, such as ${key}: {${fields[0]}: ...} (pulumi config set --path ${group}.${fields[0]} VALUE)${because}`;
}

/** The maps of settings a stack's values (full key to value, before the CLI's merge) give as one value each. */
export function groupsGivenAsValues(values: ReadonlyMap<string, ConfigNode>): string[] {
  return [...values.entries()]
    .filter(([key, node]) => key.startsWith(`${CONFIG_NAMESPACE}:`) && GROUPS.has(key.slice(CONFIG_NAMESPACE.length + 1)) && !isMapNode(node))
    .map(([key]) => groupGivenAsValueProblem(key.slice(CONFIG_NAMESPACE.length + 1)));
}

/**
 * Each group's fields by name: the declared key (`caching.scenario`) and its spec, or the group it is. Built
 * once, so that reading a group's few dozen fields builds no key per field (the tests read a few thousand).
 */
const FIELDS = new Map<string, Map<string, { path: string; spec?: KeySpec }>>(
  [...GROUPS].map((group) => [
    group,
    new Map(
      fieldsOf(group)
        .map((field) => ({ field, path: `${group}.${field}` }))
        .map(({ field, path }) => [field, { path, spec: Object.prototype.hasOwnProperty.call(SPECS, path) ? SPECS[path] : undefined }]),
    ),
  ]),
);

function readGroup(group: string, value: unknown, result: ReadResult): void {
  if (!isMap(value)) {
    result.problems.push(groupGivenAsValueProblem(group));
    return;
  }
  const fields = FIELDS.get(group);
  for (const [field, member] of Object.entries(value)) {
    const known = fields?.get(field);
    const path = known ? known.path : `${group}.${field}`;
    if (known?.spec) result.input[path] = readAs(known.spec, member);
    else if (known) readGroup(path, member, result);
    else {
      result.problems.push(unknownKeyProblem(path, `one of the fields ${fieldsOf(group).join(", ")} of ${fullKey([group])}`));
    }
  }
}

/** Reads the program's config (full key to text, as the CLI passes it); other namespaces' keys are left alone. */
export function readConfig(raw: Record<string, string>): ReadResult {
  const result: ReadResult = { input: {}, problems: [] };
  for (const [name, text] of Object.entries(raw)) {
    const colon = name.indexOf(":");
    if (colon < 0 || name.slice(0, colon) !== CONFIG_NAMESPACE) continue; // kubernetes:context and the like are not ours
    const key = name.slice(colon + 1);
    if (SPECS[key] && !key.includes(".")) {
      result.input[key] = readAs(SPECS[key], text);
    } else if (GROUPS.has(key)) {
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: reported as not a map below
      }
      readGroup(key, parsed, result);
    } else if (SPECS[key]) {
      // A dotted key stored flat, as in stack files written before the CLI's path lookup was understood.
      const [group, ...rest] = key.split(".");
      result.problems.push(
        `${fullKey([key])}: a flat key, which the Pulumi CLI never reads for the declared ${key}; expected the field ${rest.join(".")} of ${fullKey([group])} (pulumi config set --path ${key} VALUE, or npm run migrate-config -- --stack NAME)`,
      );
    } else {
      result.problems.push(unknownKey(key));
    }
  }
  return result;
}
