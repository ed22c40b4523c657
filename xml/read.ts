// Reading values out of a node file or a template: the text of the elements an element path names, with the
// same parser and paths the edits use, so a value is read where an edit would write it.
import { parseDocument } from "./edits";
import { parsePath, selectElements } from "./path";

/** The trimmed text of every element `path` names, in document order. */
export function elementTexts(file: string, source: string, path: string): string[] {
  return selectElements(parseDocument(file, source), parsePath(path).steps).map((element) => element.text.trim());
}
