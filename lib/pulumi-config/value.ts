// A stack's config values as the Pulumi CLI holds them (pulumi/pulumi sdk/go/common/resource/config/
// value.go and object.go), so that the render can apply Pulumi.yaml exactly as `pulumi up` does.
//
// A value is a tree of strings, numbers, booleans, lists, maps and encrypted strings. What the CLI finally
// hands the program is text per top-level key: a string as it is, a number or boolean as JSON, a list or map
// as JSON with its secrets decrypted (Plaintext.marshalText).
import { PathStep, PropertyPathError } from "./property-path";

/** An encrypted string (`{secure: ...}` in the stack file). */
export class Secure {
  constructor(
    readonly ciphertext: string,
    /** What it decrypts to, when the render knows it (a --set of a secret); otherwise a stand-in. */
    readonly plaintext?: string,
  ) {}
}

export type ConfigNode = string | number | boolean | Secure | null | ConfigNode[] | { [key: string]: ConfigNode };

export function isMap(node: unknown): node is { [key: string]: ConfigNode } {
  return typeof node === "object" && node !== null && !Array.isArray(node) && !(node instanceof Secure);
}

/** A value in the stack file's YAML, with `{secure: "..."}` read as an encrypted string (object.go unmarshalObject). */
export function fromYaml(raw: unknown): ConfigNode {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "string" || typeof raw === "boolean") return raw;
  if (typeof raw === "number") return raw;
  if (raw instanceof Date) return raw.toISOString();
  if (Array.isArray(raw)) return raw.map(fromYaml);
  if (typeof raw === "object") {
    const entries = Object.entries(raw as Record<string, unknown>);
    if (entries.length === 1 && entries[0][0] === "secure" && typeof entries[0][1] === "string") return new Secure(entries[0][1]);
    return Object.fromEntries(entries.map(([k, v]) => [k, fromYaml(v)]));
  }
  return String(raw);
}

/** True for an encrypted string, or a list or map that holds one (object.go Secure). */
export function isSecure(node: ConfigNode): boolean {
  if (node instanceof Secure) return true;
  if (Array.isArray(node)) return node.some(isSecure);
  if (isMap(node)) return Object.values(node).some(isSecure);
  return false;
}

/** True for a list or map: the CLI keeps those as JSON "object" values. */
export function isObjectValue(node: ConfigNode): boolean {
  return Array.isArray(node) || isMap(node);
}

/**
 * How `pulumi config set --path` and a default along a path store a plain string (value.go coerceObject):
 * "true" and "false" become booleans, base-10 digits not starting with 0 become integers, the rest stays text.
 */
export function coerce(text: string): ConfigNode {
  if (text === "true") return true;
  if (text === "false") return false;
  if (text.length > 1 && text[0] === "0") return text;
  // strconv.ParseInt/ParseUint with base 10: an optional sign, then digits; within 64 bits.
  if (/^[+-]?\d+$/.test(text)) {
    const n = BigInt(text);
    if (n >= -(2n ** 63n) && n < 2n ** 64n) return Number(n);
  }
  return text;
}

/** Decrypts for the program: each Secure becomes its plaintext (or the given stand-in). */
export function decrypt(node: ConfigNode, standIn: string): ConfigNode {
  if (node instanceof Secure) return node.plaintext ?? standIn;
  if (Array.isArray(node)) return node.map((n) => decrypt(n, standIn));
  if (isMap(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, decrypt(v, standIn)]));
  return node;
}

/** Go's encoding/json orders a map's keys; so do we, so the text is the CLI's byte for byte but for HTML escapes. */
function sortedJson(node: ConfigNode): string {
  return JSON.stringify(node, (_key, value) =>
    isMap(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, (value as Record<string, unknown>)[k]]),
        )
      : value,
  );
}

/**
 * The text the program receives for a top-level value (plaintext.go marshalText). Plain data, which is what a
 * stack's values are, is written in one walk (goJson); anything else is decrypted into a copy and given to
 * JSON.stringify, which writes it as before. The tests hand a few thousand stacks' values to the loader.
 */
export function programText(node: ConfigNode, standIn: string): string {
  if (typeof node === "string") return node;
  if (!(node instanceof Secure)) {
    const text = goJson(node, standIn, 0);
    if (text !== undefined) return text;
  }
  const plain = decrypt(node, standIn);
  if (typeof plain === "string") return plain;
  return sortedJson(plain);
}

/**
 * sortedJson(decrypt(node, standIn)) without the copies, for a tree of text, finite numbers, booleans, nulls,
 * Secures, arrays and plain objects; undefined for anything else, which sortedJson then writes (a hole, an
 * undefined, a Date, a key that reads as an array index: JavaScript orders those before the others, and that
 * order is kept as it was), or for a tree deeper than any stack's.
 */
function goJson(node: unknown, standIn: string, depth: number): string | undefined {
  switch (typeof node) {
    case "string":
      return JSON.stringify(node);
    case "number":
      return Number.isFinite(node) ? String(node) : "null";
    case "boolean":
      return node ? "true" : "false";
    case "object":
      break;
    default:
      return undefined;
  }
  if (node === null) return "null";
  if (depth > 64) return undefined;
  if (node instanceof Secure) {
    const plain = node.plaintext ?? standIn;
    return typeof plain === "string" ? JSON.stringify(plain) : undefined;
  }
  if (Array.isArray(node)) {
    if (Object.getPrototypeOf(node) !== Array.prototype) return undefined;
    const items: string[] = [];
    for (let i = 0; i < node.length; i++) {
      const item = goJson(node[i], standIn, depth + 1);
      if (item === undefined) return undefined;
      items.push(item);
    }
    return `[${items.join(",")}]`;
  }
  const proto: unknown = Object.getPrototypeOf(node);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const keys = Object.keys(node).sort();
  const members: string[] = [];
  for (const key of keys) {
    if (key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57) return undefined;
    const member = goJson((node as Record<string, unknown>)[key], standIn, depth + 1);
    if (member === undefined) return undefined;
    members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(",")}}`;
}

/**
 * The member at `path` below a node, from step `from` on (the steps before it led to the node); undefined
 * where the path leaves the tree (object.go Get). An index rather than a slice: the merge looks each of some
 * 150 declared keys up per stack, and a copy of each path per look-up was most of the look-up's cost.
 */
export function getAt(node: ConfigNode | undefined, path: readonly PathStep[], from = 0): ConfigNode | undefined {
  let at: ConfigNode | undefined = node;
  for (let i = from; i < path.length; i++) {
    const step = path[i];
    if (Array.isArray(at) && typeof step === "number") at = at[step];
    else if (isMap(at) && typeof step === "string") at = Object.prototype.hasOwnProperty.call(at, step) ? at[step] : undefined;
    else return undefined;
  }
  return at;
}

/**
 * Sets the member at a path (object.go Set), creating maps and lists along the way: `path` is the whole path
 * from the top-level key, `root` the value at its first `depth` steps. As in the CLI, a scalar at the top level
 * (depth 1) is overwritten by a new map or list; deeper, it is an error, and nothing is changed.
 *
 * A node is never changed in place, but for those in `owned`: containers that the caller's own earlier sets
 * made, which nobody else holds (the merge of Pulumi.yaml's defaults sets some 150 keys into a few maps, and
 * copying a map once per key set below it cost the merge time quadratic in a map's size). Every container
 * this makes is added to `owned`, so a caller that passes one set to a run of sets copies each map once.
 */
export function setAt(
  root: ConfigNode | undefined,
  path: readonly PathStep[],
  depth: number,
  value: ConfigNode,
  owned?: WeakSet<object>,
): ConfigNode {
  if (depth === path.length) return value;
  const step = path[depth];
  let container: ConfigNode | undefined = root;
  if (!Array.isArray(container) && !isMap(container)) {
    if (container === undefined || container === null || depth === 1) {
      container = typeof step === "number" ? [] : {};
      owned?.add(container);
    } else {
      const prefix = path.slice(0, depth);
      throw new PropertyPathError(`${showPath(prefix)}: expected ${typeof step === "number" ? "an array" : "a map"}`, {
        kind: "not-container",
        at: prefix,
        wanted: typeof step === "number" ? "list" : "map",
      });
    }
  }
  if (Array.isArray(container)) {
    if (typeof step !== "number")
      throw new PropertyPathError(`${showPath(path.slice(0, depth + 1))}: key for an array must be an int`, {
        kind: "list-needs-index",
        at: path.slice(0, depth),
      });
    if (step < 0 || step > container.length) {
      throw new PropertyPathError(`${showPath(path.slice(0, depth + 1))}: array index out of range`, {
        kind: "index-out-of-range",
        at: path.slice(0, depth),
        length: container.length,
      });
    }
    const child = setAt(container[step], path, depth + 1, value, owned);
    // Below the checks and the deeper set, so that a set that fails leaves every node as it was.
    const list = owned?.has(container) ? container : [...container];
    owned?.add(list);
    list[step] = child;
    return list;
  }
  if (typeof step !== "string")
    throw new PropertyPathError(`${showPath(path.slice(0, depth + 1))}: key for a map must be a string`, {
      kind: "map-needs-name",
      at: path.slice(0, depth),
    });
  if (step === "secure" && depth + 1 === path.length && typeof value === "string" && Object.keys(container).length === 0) {
    throw new PropertyPathError(`"secure" key in maps of length 1 are reserved`);
  }
  const child = setAt(Object.prototype.hasOwnProperty.call(container, step) ? container[step] : undefined, path, depth + 1, value, owned);
  // An assignment to "__proto__" would set the prototype, not a member: a copy defines the member.
  if (owned?.has(container) && step !== "__proto__") {
    container[step] = child;
    return container;
  }
  const map = { ...container, [step]: child };
  owned?.add(map);
  return map;
}

/** A path as Go prints a PropertyPath in these errors: its steps in brackets. */
function showPath(path: readonly PathStep[]): string {
  return `[${path.join(" ")}]`;
}
