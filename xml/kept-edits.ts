// The texts edits made of a template lately, so planning one stack after another (the tests plan hundreds) edits
// again only the files a stack's settings change. Kept apart from edits.ts, which the node editor's bundle
// holds (editor/bundle.ts): the bundle, and so the render, stay as they were.
import { Recent } from "../lib/recent";
import { applyEdits, XmlEdit } from "./edits";

/**
 * The edited texts, by the source's whole text and then by the whole of the edits (editsKey): what applyEdits
 * returns is a function of those two alone (the file's name is only ever told in an error, and edits that fail
 * are never kept). Bounded, oldest out first: a plan edits about ten templates, and the tests alternate
 * between a few stacks.
 */
const edited = new Recent<string, Recent<string, string>>(48);
const EDITS_KEPT_PER_SOURCE = 8;

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
  let bySource = edited.get(source);
  if (!bySource) edited.set(source, (bySource = new Recent(EDITS_KEPT_PER_SOURCE)));
  return bySource.of(key, () => applyEdits(file, source, edits));
}
