// The texts edits made of a template lately, so planning one stack after another (the tests plan hundreds) edits
// again only the files a stack's settings change. Kept apart from edits.ts, which the node editor's bundle
// holds (editor/bundle.ts): the bundle, and so the render, stay as they were.
import { EditedTexts } from "../lib/recent";
import { applyEdits, XmlEdit } from "./edits";

/** A plan edits about ten templates, and the tests alternate between a few stacks. */
const edited = new EditedTexts<readonly XmlEdit[]>(48, 8);

/** applyEdits, given the same source and edits as lately, without applying them again. */
export function keptEdits(file: string, source: string, edits: readonly XmlEdit[]): string {
  return edited.of(source, edits, () => applyEdits(file, source, edits));
}
