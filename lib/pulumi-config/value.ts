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

/** The text the program receives for a top-level value (plaintext.go marshalText). */
export function programText(node: ConfigNode, standIn: string): string {
  const plain = decrypt(node, standIn);
  if (typeof plain === "string") return plain;
  return sortedJson(plain);
}

/** The member at a path below a node; undefined where the path leaves the tree (object.go Get). */
export function getAt(node: ConfigNode | undefined, path: PathStep[]): ConfigNode | undefined {
  let at: ConfigNode | undefined = node;
  for (const step of path) {
    if (Array.isArray(at) && typeof step === "number") at = at[step];
    else if (isMap(at) && typeof step === "string") at = Object.prototype.hasOwnProperty.call(at, step) ? at[step] : undefined;
    else return undefined;
  }
  return at;
}

/**
 * Sets the member at a path below a root (object.go Set), creating maps and lists along the way. As in the CLI,
 * a scalar at the top level is overwritten by a new map or list; deeper, it is an error.
 */
export function setAt(root: ConfigNode | undefined, path: PathStep[], value: ConfigNode, prefix: PathStep[]): ConfigNode {
  if (path.length === 0) return value;
  const [step, ...rest] = path;
  let container: ConfigNode | undefined = root;
  if (!Array.isArray(container) && !isMap(container)) {
    if (container === undefined || container === null || prefix.length === 1) container = typeof step === "number" ? [] : {};
    else
      throw new PropertyPathError(`${showPath(prefix)}: expected ${typeof step === "number" ? "an array" : "a map"}`, {
        kind: "not-container",
        at: prefix,
        wanted: typeof step === "number" ? "list" : "map",
      });
  }
  const here = [...prefix, step];
  if (Array.isArray(container)) {
    if (typeof step !== "number")
      throw new PropertyPathError(`${showPath(here)}: key for an array must be an int`, { kind: "list-needs-index", at: prefix });
    if (step < 0 || step > container.length) {
      throw new PropertyPathError(`${showPath(here)}: array index out of range`, {
        kind: "index-out-of-range",
        at: prefix,
        length: container.length,
      });
    }
    const copy = [...container];
    copy[step] = setAt(copy[step], rest, value, here);
    return copy;
  }
  if (typeof step !== "string")
    throw new PropertyPathError(`${showPath(here)}: key for a map must be a string`, { kind: "map-needs-name", at: prefix });
  if (rest.length === 0 && Object.keys(container).length === 0 && step === "secure" && typeof value === "string") {
    throw new PropertyPathError(`"secure" key in maps of length 1 are reserved`);
  }
  return { ...container, [step]: setAt(Object.prototype.hasOwnProperty.call(container, step) ? container[step] : undefined, rest, value, here) };
}

/** A path as Go prints a PropertyPath in these errors: its steps in brackets. */
function showPath(path: PathStep[]): string {
  return `[${path.join(" ")}]`;
}
