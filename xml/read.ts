// Reading values out of a node file or a template: the text of the elements an element path names, with the
// same parser and paths the edits use, so a value is read where an edit would write it.
import { TextAnswers } from "../lib/recent";
import { parseDocument } from "./edits";
import { parsePath, selectElements } from "./path";

/**
 * What was read lately, by the source's whole text and then by what was asked (`text:` or `attribute:` and
 * the path): a pure function of those (the file's name is only told in an error). A plan reads a few dozen
 * places of the same templates, and the tests plan hundreds of stacks. Bounded (lib/recent.ts).
 */
const readOf = new TextAnswers(48);

/** The trimmed text of every element `path` names, in document order. */
export function elementTexts(file: string, source: string, path: string): string[] {
  return readOf.of(source, `text:${path}`, () =>
    selectElements(parseDocument(file, source), parsePath(path).steps).map((element) => element.text.trim()),
  );
}

/** The value of the attribute `path` ends in (`.../@name`) on every element it names, in document order; absent attributes are left out. */
export function attributeValues(file: string, source: string, path: string): string[] {
  const parsed = parsePath(path);
  if (!parsed.attribute) throw new Error(`element path ${path} names no attribute`);
  return readOf.of(source, `attribute:${path}`, () =>
    selectElements(parseDocument(file, source), parsed.steps).flatMap((element) => {
      const value = element.attributes[parsed.attribute!];
      return value === undefined ? [] : [value];
    }),
  );
}
