// Element paths: the small XPath subset the product's documentation uses to name an element
// (`/Server/Ports/Offset`, `parameter[@name='domain']`, `.../@enable`). Steps match elements by local name,
// because carbon.xml and identity.xml put their elements in a default namespace that a user's own pack may
// or may not declare; a path should name the same element either way. Comments are not elements, so a
// commented-out parameter is, correctly, not found.

import type { Document, Element } from "@xmldom/xmldom";

export interface Step {
  name: string;
  predicates: Array<{ attribute: string; value: string }>;
}

export interface ElementPath {
  text: string;
  steps: Step[];
  /** Set when the path ends in `/@name`: it then names that attribute of the matched elements. */
  attribute?: string;
}

const stepPattern = /^([A-Za-z_][\w.-]*)((?:\[@[A-Za-z_][\w.:-]*='[^']*'\])*)$/;
const predicatePattern = /\[@([A-Za-z_][\w.:-]*)='([^']*)'\]/g;

export function parsePath(text: string): ElementPath {
  if (!text.startsWith("/")) throw new Error(`element path ${text} must start at the root with /`);
  const parts = splitOutsideQuotes(text.slice(1));
  let attribute: string | undefined;
  if (parts.length > 0 && parts[parts.length - 1].startsWith("@")) attribute = parts.pop()!.slice(1);
  const steps = parts.map((part) => {
    const match = stepPattern.exec(part);
    if (!match) throw new Error(`element path ${text}: cannot read the step ${part}`);
    const predicates = [...match[2].matchAll(predicatePattern)].map((m) => ({ attribute: m[1], value: m[2] }));
    return { name: match[1], predicates };
  });
  if (steps.length === 0) throw new Error(`element path ${text} names no element`);
  return { text, steps, attribute };
}

function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (ch === "/" && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

export function selectElements(doc: Document, path: ElementPath): Element[] {
  const [first, ...rest] = path.steps;
  const root = doc.documentElement;
  let current = root && matches(root, first) ? [root] : [];
  for (const step of rest) {
    current = current.flatMap((parent) => childElements(parent).filter((child) => matches(child, step)));
  }
  return current;
}

export function childElements(parent: Element): Element[] {
  const children: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) children.push(node as Element);
  }
  return children;
}

function matches(element: Element, step: Step): boolean {
  const name = element.localName ?? element.nodeName;
  return name === step.name && step.predicates.every((p) => element.getAttribute(p.attribute) === p.value);
}
