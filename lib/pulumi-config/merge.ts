// What the Pulumi CLI does to a stack's config before the program runs (pulumi/pulumi pkg/workspace/
// config.go, mergeConfig and validateStackConfigValues; Map.Get/Set with a path in
// sdk/go/common/resource/config/map.go):
//   1. every key Pulumi.yaml declares is looked up as a property path (`caching.scenario` is the field
//      `scenario` of the value `obkm:caching`); a missing one with a default or value gets it, set along
//      that path, so `obkm:caching` becomes a map holding the default;
//   2. declared keys of the project's namespace with neither are reported together as missing;
//   3. each typed key's value is checked against its type, and a `secret: true` key must be encrypted;
//      the first failure, in key order, stops the run.
// ESC environments (the stack file's `environment:`) are not merged: the render reads no environment.
import { ConfigDeclaration, fullTypeName, namespacedByProject, ProjectConfig, validateConfigValue } from "./project";
import { parsePropertyPath, PathShape, PathStep, PropertyPathError } from "./property-path";
import { coerce, ConfigNode, decrypt, getAt, isObjectValue, isSecure, programText, setAt } from "./value";

/** A stack's config: full key (`obkm:caching`) to value. */
export type StackValues = Map<string, ConfigNode>;

/** What the CLI refuses in a stack's config; `shape`, for a path it cannot follow, says why in terms a message can use. */
export class StackConfigError extends Error {
  constructor(
    message: string,
    readonly shape?: PathShape,
  ) {
    super(message);
  }
}

/** `ns:name`, or the old `ns:config:name` (config/key.go ParseKey). */
export function parseConfigKey(key: string): { namespace: string; name: string } {
  const parts = key.split(":");
  if (parts.length === 2) return { namespace: parts[0], name: parts[1] };
  if (parts.length === 3 && parts[1] === "config" && parts[0] !== "" && parts[2] !== "") return { namespace: parts[0], name: parts[2] };
  throw new StackConfigError(`could not parse ${key} as a configuration key (configuration keys should be of the form \`<namespace>:<name>\`)`);
}

/**
 * A key of `pulumi config set --path KEY VALUE` as the CLI reads it (pulumi/pulumi v3.248.0
 * pkg/cmd/pulumi/config/io.go ParseConfigKey, path true): the namespace belongs to the top-level key alone,
 * the part before the first '.' or '[', which takes the project's namespace when it names none
 * (`caching.scenario` and `obkm:caching.scenario` are the same key); the rest of the path is the name's.
 */
export function parseConfigPathKey(projectName: string, key: string): { namespace: string; name: string } {
  const withNamespace = (top: string) => parseConfigKey(top.includes(":") ? top : `${projectName}:${top}`);
  const cut = key.search(/[.[]/);
  if (cut <= 0) return withNamespace(key);
  const { namespace, name } = withNamespace(key.slice(0, cut));
  return { namespace, name: name + key.slice(cut) };
}

/** A declared key as the CLI resolves it: its namespace and its path. */
interface DeclaredKey {
  namespace: string;
  path: readonly PathStep[];
  /** The top-level key the path starts at (`obkm:caching`). */
  root: string;
}

/**
 * Each declared key as resolved, by project name and key, which are all it depends on: a stack's merge
 * resolves every one of some 150 keys twice, and the tests merge a few thousand stacks. Paths are frozen, as
 * they are shared. A key that does not resolve is not kept: it throws each time.
 */
const declaredKeys = new Map<string, Map<string, DeclaredKey>>();

/** A declared key as the CLI resolves it: the project's namespace unless it names one. */
function declaredKey(projectName: string, key: string): DeclaredKey {
  let ofProject = declaredKeys.get(projectName);
  if (!ofProject) declaredKeys.set(projectName, (ofProject = new Map()));
  let resolved = ofProject.get(key);
  if (!resolved) ofProject.set(key, (resolved = resolveDeclaredKey(projectName, key)));
  return resolved;
}

function resolveDeclaredKey(projectName: string, key: string): DeclaredKey {
  const { namespace, name } = key.includes(":") ? parseConfigKey(key) : { namespace: projectName, name: key };
  let path: PathStep[];
  try {
    path = parsePropertyPath(name);
  } catch (error) {
    throw new StackConfigError(`invalid config key path: ${(error as Error).message}`);
  }
  if (path.length === 0) throw new StackConfigError("empty config key path");
  if (typeof path[0] !== "string") throw new StackConfigError("first path segement of config key must be a string");
  if (path[0] === "") throw new StackConfigError("config key is empty");
  return { namespace, path: Object.freeze(path), root: `${namespace}:${path[0]}` };
}

/** Map.Get with path set: the value at the path, or undefined. */
export function getPath(values: StackValues, namespace: string, path: readonly PathStep[]): ConfigNode | undefined {
  return getBelow(values, `${namespace}:${path[0]}`, path);
}

/** getPath from the path's top-level key (`root`), which the merge knows for each declared key. */
function getBelow(values: StackValues, root: string, path: readonly PathStep[]): ConfigNode | undefined {
  const top = values.get(root);
  return path.length === 1 ? top : getAt(top, path, 1);
}

/**
 * Map.Set with path set, as `pulumi config set --path` and a default along a path do. `typed` is false for a
 * plain string from the command line (value.go TypeUnknown): below the top level it is coerced to a boolean or
 * an integer where it reads as one; at the top level it stays a string. `owned`: see setAt.
 */
export function setPath(
  values: StackValues,
  namespace: string,
  path: readonly PathStep[],
  value: ConfigNode,
  typed: boolean,
  owned?: WeakSet<object>,
): void {
  setBelow(values, `${namespace}:${path[0]}`, path, value, typed, owned);
}

/** setPath from the path's top-level key (`key`). */
function setBelow(values: StackValues, key: string, path: readonly PathStep[], value: ConfigNode, typed: boolean, owned?: WeakSet<object>): void {
  if (path.length === 1) {
    values.set(key, value);
    return;
  }
  const stored = !typed && typeof value === "string" ? coerce(value) : value;
  values.set(key, setAt(values.get(key), path, 1, stored, owned));
}

/** createConfigValue: a default as the CLI writes it into the stack's config. */
function defaultNode(value: unknown): { node: ConfigNode; typed: boolean } {
  if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isInteger(value))) {
    // fmt.Sprintf("%v") of a primitive, kept as an untyped string
    return { node: String(value), typed: false };
  }
  // Anything else goes through JSON and stays what it is (floats, lists, maps).
  return { node: JSON.parse(JSON.stringify(value)) as ConfigNode, typed: true };
}

function formatMissing(keys: string[]): string {
  if (keys.length === 1) return `'${keys[0]}'`;
  const sorted = [...keys].sort();
  return sorted.map((k, i) => (i === sorted.length - 1 ? `and '${k}'` : i === sorted.length - 2 ? `'${k}' ` : `'${k}', `)).join("");
}

/** The value's content as validateStackConfigValue sees it: text for a scalar, the decoded JSON for a list or map. */
function contentOf(node: ConfigNode): unknown {
  const plain = decrypt(node, "");
  if (isObjectValue(node)) return plain;
  return programText(plain, "");
}

export interface MergeOptions {
  /** false is `--skip-config-validation`: defaults are applied, nothing is checked. */
  validate: boolean;
}

/** Applies the project's declarations to a stack's values in place, as `pulumi preview` and `pulumi up` do. */
export function applyProjectConfig(stack: string, project: ProjectConfig, values: StackValues, options: MergeOptions = { validate: true }): void {
  const keys = Object.keys(project.config).sort();
  const missing: string[] = [];
  // The maps this merge made: each is copied from the stack's own once, however many defaults go in it.
  const owned = new WeakSet<object>();
  for (const key of keys) {
    const declared: ConfigDeclaration = project.config[key];
    const { namespace, path, root } = declaredKey(project.name, key);
    const found = getBelow(values, root, path) !== undefined;
    const supplied = declared.default !== undefined ? declared.default : declared.value;
    if (found) continue;
    if (supplied === undefined) {
      if (namespace === project.name) missing.push(key);
      continue;
    }
    const { node, typed } = defaultNode(supplied);
    try {
      setBelow(values, root, path, node, typed, owned);
    } catch (error) {
      if (error instanceof PropertyPathError) throw new StackConfigError(error.message, error.shape);
      throw error;
    }
  }
  if (!options.validate) return;
  if (missing.length > 0) {
    throw new StackConfigError(`Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${formatMissing(missing)}`);
  }
  for (const key of keys) {
    const declared = project.config[key];
    if (declared.type === undefined || !namespacedByProject(project.name, key)) continue;
    const { path, root } = declaredKey(project.name, key);
    const node = getBelow(values, root, path);
    if (node === undefined) continue;
    if (declared.secret && !isSecure(node)) {
      throw new StackConfigError(`Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret`);
    }
    if (!validateConfigValue(declared.type, declared.items, contentOf(node))) {
      throw new StackConfigError(`Stack '${stack}' with configuration key '${key}' must be of type '${fullTypeName(declared.type, declared.items)}'`);
    }
  }
}
