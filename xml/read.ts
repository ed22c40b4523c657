// Reading values out of a node file or a template: the text of the elements an element path names, with the
// same parser and paths the edits use, so a value is read where an edit would write it.
import { parseDocument } from "./edits";
import { parsePath, selectElements } from "./path";

/** The trimmed text of every element `path` names, in document order. */
export function elementTexts(file: string, source: string, path: string): string[] {
  return selectElements(parseDocument(file, source), parsePath(path).steps).map((element) => element.text.trim());
}

/** The value of the attribute `path` ends in (`.../@name`) on every element it names, in document order; absent attributes are left out. */
export function attributeValues(file: string, source: string, path: string): string[] {
  const parsed = parsePath(path);
  if (!parsed.attribute) throw new Error(`element path ${path} names no attribute`);
  return selectElements(parseDocument(file, source), parsed.steps).flatMap((element) => {
    const value = element.attributes[parsed.attribute!];
    return value === undefined ? [] : [value];
  });
}
