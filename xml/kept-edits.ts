// The texts edits made of a template lately, so planning one stack after another (the tests plan hundreds) edits
// again only the files a stack's settings change. Kept apart from edits.ts, which the node editor's bundle
// holds (editor/bundle.ts): the bundle, and so the render, stay as they were.
import { applyEdits, XmlEdit } from "./edits";

/** Most recently used last: a Map keeps its keys in the order they were set. */
function kept<K, V>(map: Map<K, V>, key: K): V | undefined {
  const value = map.get(key);
  if (value !== undefined) {
    map.delete(key);
    map.set(key, value);
  }
  return value;
}

function keep<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value as K);
}

/**
 * The edited texts, by the source's whole text and then by the whole of the edits (editsKey): what applyEdits
 * returns is a function of those two alone (the file's name is only ever told in an error, and edits that fail
 * are never kept). Bounded, oldest out first: a plan edits about ten templates, and the tests alternate
 * between a few stacks.
 */
const SOURCES_KEPT = 48;
const EDITS_KEPT_PER_SOURCE = 8;
const edited = new Map<string, Map<string, string>>();

/**
 * The edits as a text that tells any two apart that differ in anything: JSON, with each text marked `s` and
 * what JSON would lose spelled out (an undefined property or element `u`, an infinite number `n`). Undefined
 * when they hold anything but plain objects, arrays, text, numbers, booleans and null, or anything JSON would
 * replace (a toJSON, NaN): those edits are applied every time, never kept.
 */
export function editsKey(edits: readonly XmlEdit[]): string | undefined {
  let plain = true;
  const key = JSON.stringify(edits, function (this: Record<string, unknown>, name: string, value: unknown) {
    // What a toJSON made of a value (a Date's text) is not the value; NaN is not even itself.
    if (this[name] !== value) plain = false;
    switch (typeof value) {
      case "string":
        return `s${value}`;
      case "undefined":
        return "u";
      case "boolean":
        return value;
      case "number":
        return Number.isFinite(value) ? value : `n${value}`;
      case "object":
        if (value === null || Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype) return value;
    }
    plain = false;
    return null;
  });
  return plain ? key : undefined;
}

/** applyEdits, given the same source and edits as lately, without applying them again. */
export function keptEdits(file: string, source: string, edits: readonly XmlEdit[]): string {
  const key = editsKey(edits);
  if (key === undefined) return applyEdits(file, source, edits);
  const bySource = kept(edited, source);
  const known = bySource && kept(bySource, key);
  if (known !== undefined) return known;
  const text = applyEdits(file, source, edits);
  if (bySource) keep(bySource, key, text, EDITS_KEPT_PER_SOURCE);
  else keep(edited, source, new Map([[key, text]]), SOURCES_KEPT);
  return text;
}
