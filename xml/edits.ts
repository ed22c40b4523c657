// Declarative, XML-aware edits to a node file. Everything an edit does not name stays as the template has
import type { Document, Element, Node } from "@xmldom/xmldom";
// it, comments and layout included; values go through the DOM, so `&`, `<` and quotes come out escaped.
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { childElements, parsePath, selectElements } from "./path";

export interface ElementSpec {
  name: string;
  attributes?: Record<string, string>;
  text?: string;
  children?: ElementSpec[];
}

export type XmlEdit =
  /**
   * Sets the text of the one element the path names, or an attribute when the path ends in `/@name`.
   * With `create`, a missing last element is added to its parent (which must exist), after the sibling named
   * by `after` when there is one: for settings the stock file leaves commented out.
   */
  | { kind: "set"; path: string; value: string; create?: { after?: string } }
  /** Removes every element the path names; one at least, unless `ifPresent`. */
  | { kind: "remove"; path: string; ifPresent?: boolean }
  /** Adds an element as the last child of the one element the path names. */
  | { kind: "append"; path: string; element: ElementSpec };

export class XmlEditError extends Error {
  constructor(
    readonly file: string,
    readonly elementPath: string,
    reason: string,
  ) {
    super(`${file}: ${elementPath}: ${reason}`);
    this.name = "XmlEditError";
  }
}

export function parseXml(file: string, source: string): Document {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new XmlEditError(file, "/", `not well-formed XML: ${message}`);
    },
  });
  return parser.parseFromString(source, "text/xml");
}

export function serializeXml(doc: Document): string {
  return new XMLSerializer().serializeToString(doc);
}

/** Applies the edits in order and returns the edited file. */
export function applyEdits(file: string, source: string, edits: readonly XmlEdit[]): string {
  const doc = parseXml(file, source);
  for (const edit of edits) applyEdit(file, doc, edit);
  const out = serializeXml(doc);
  return source.endsWith("\n") && !out.endsWith("\n") ? out + "\n" : out;
}

function applyEdit(file: string, doc: Document, edit: XmlEdit): void {
  const path = parsePath(edit.path);
  const fail = (reason: string): never => {
    throw new XmlEditError(file, edit.path, reason);
  };
  if (path.attribute && edit.kind !== "set") fail("only a set can name an attribute");

  const found = selectElements(doc, path);
  switch (edit.kind) {
    case "set": {
      let target = found;
      if (target.length === 0 && edit.create && !path.attribute) {
        target = [createMissing(file, doc, edit.path, edit.create.after)];
      }
      if (target.length === 0) fail("no such element in the template (commented-out elements do not count)");
      if (target.length > 1) fail(`names ${target.length} elements; a set must name exactly one`);
      if (path.attribute) target[0].setAttribute(path.attribute, edit.value);
      else setText(doc, target[0], edit.value);
      return;
    }
    case "remove":
      if (found.length === 0 && !edit.ifPresent) fail("no such element in the template to remove");
      for (const element of found) removeWithIndent(element);
      return;
    case "append":
      if (found.length !== 1) fail(found.length === 0 ? "no such element in the template" : `names ${found.length} elements; append needs exactly one parent`);
      appendChild(doc, found[0], edit.element);
      return;
  }
}

function createMissing(file: string, doc: Document, text: string, after: string | undefined): Element {
  const path = parsePath(text);
  const parentPath = { text, steps: path.steps.slice(0, -1) };
  const parents = parentPath.steps.length ? selectElements(doc, parentPath) : [];
  if (parents.length !== 1) throw new XmlEditError(file, text, "neither the element nor exactly one parent for it is in the template");
  const step = path.steps[path.steps.length - 1];
  const attributes = Object.fromEntries(step.predicates.map((p) => [p.attribute, p.value]));
  const anchor = after ? childElements(parents[0]).filter((c) => (c.localName ?? c.nodeName) === after).pop() : undefined;
  return insertElement(doc, parents[0], { name: step.name, attributes }, anchor);
}

function setText(doc: Document, element: Element, value: string): void {
  while (element.firstChild) element.removeChild(element.firstChild);
  element.appendChild(doc.createTextNode(value));
}

// Layout: new elements take the indentation of their siblings (or one step deeper than their parent), so a
// rendered file reads like the template and a diff shows only the change.

function indentBefore(node: Node): string {
  const previous = node.previousSibling;
  if (!previous || previous.nodeType !== 3) return "";
  const text = previous.nodeValue ?? "";
  const newline = text.lastIndexOf("\n");
  return newline < 0 ? "" : text.slice(newline + 1).replace(/[^ \t]/g, "");
}

const INDENT_STEP = "    ";

function childIndent(parent: Element): string {
  const siblings = childElements(parent);
  return siblings.length ? indentBefore(siblings[siblings.length - 1]) : indentBefore(parent) + INDENT_STEP;
}

function build(doc: Document, parent: Element, spec: ElementSpec, indent: string): Element {
  const element = doc.createElementNS(parent.namespaceURI, spec.name);
  for (const [name, value] of Object.entries(spec.attributes ?? {})) element.setAttribute(name, value);
  if (spec.text !== undefined) element.appendChild(doc.createTextNode(spec.text));
  for (const child of spec.children ?? []) {
    element.appendChild(doc.createTextNode(`\n${indent}${INDENT_STEP}`));
    element.appendChild(build(doc, element, child, indent + INDENT_STEP));
  }
  if (spec.children?.length) element.appendChild(doc.createTextNode(`\n${indent}`));
  return element;
}

function insertElement(doc: Document, parent: Element, spec: ElementSpec, after?: Element): Element {
  const indent = childIndent(parent);
  const element = build(doc, parent, spec, indent);
  const reference = after ? after.nextSibling : trailingWhitespace(parent);
  const hadChildren = parent.firstChild !== null;
  parent.insertBefore(doc.createTextNode(`\n${indent}`), reference);
  parent.insertBefore(element, reference);
  if (!hadChildren) parent.appendChild(doc.createTextNode(`\n${indentBefore(parent)}`));
  return element;
}

function appendChild(doc: Document, parent: Element, spec: ElementSpec): Element {
  return insertElement(doc, parent, spec);
}

/** The whitespace before a parent's closing tag, which new children go in front of. */
function trailingWhitespace(parent: Element): Node | null {
  const last = parent.lastChild;
  return last && last.nodeType === 3 && /^\s*$/.test(last.nodeValue ?? "") ? last : null;
}

function removeWithIndent(element: Element): void {
  const parent = element.parentNode!;
  const previous = element.previousSibling;
  if (previous && previous.nodeType === 3 && /^\s*$/.test(previous.nodeValue ?? "")) parent.removeChild(previous);
  parent.removeChild(element);
}
