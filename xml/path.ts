// Element paths: the small XPath subset the product's documentation uses to name an element
// (`/Server/Ports/Offset`, `parameter[@name='domain']`, `datasource[name='WSO2AM_DB']` for the element
// whose child `name` holds that text, `.../@enable`). Steps match elements by local name,
// because carbon.xml and identity.xml put their elements in a default namespace that a user's own pack may
// or may not declare; a path should name the same element either way. Comments are not elements, so a
// commented-out parameter is, correctly, not found.
import type { XmlDocument, XmlElement } from "@rgrove/parse-xml";

export interface Step {
  name: string;
  /** `[@a='v']` tests an attribute; `[c='v']` tests the text of a child element. */
  predicates: Array<{ attribute: string; value: string } | { child: string; value: string }>;
}

export interface ElementPath {
  text: string;
  steps: Step[];
  /** Set when the path ends in `/@name`: it then names that attribute of the matched elements. */
  attribute?: string;
}

const stepPattern = /^([A-Za-z_][\w.-]*)((?:\[@?[A-Za-z_][\w.:-]*='[^']*'\])*)$/;
const predicatePattern = /\[(@?)([A-Za-z_][\w.:-]*)='([^']*)'\]/g;

export function parsePath(text: string): ElementPath {
  if (!text.startsWith("/")) throw new Error(`element path ${text} must start at the root with /`);
  const parts = splitOutsideQuotes(text.slice(1));
  let attribute: string | undefined;
  if (parts.length > 0 && parts[parts.length - 1].startsWith("@")) attribute = parts.pop()!.slice(1);
  const steps = parts.map((part) => {
    const match = stepPattern.exec(part);
    if (!match) throw new Error(`element path ${text}: cannot read the step ${part}`);
    const predicates = [...match[2].matchAll(predicatePattern)].map((m) => (m[1] ? { attribute: m[2], value: m[3] } : { child: m[2], value: m[3] }));
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

export function localName(element: XmlElement): string {
  return element.name.slice(element.name.indexOf(":") + 1);
}

export function childElements(parent: XmlElement): XmlElement[] {
  return parent.children.filter((c): c is XmlElement => c.type === "element");
}

export function selectElements(doc: XmlDocument, steps: readonly Step[]): XmlElement[] {
  const [first, ...rest] = steps;
  let current = doc.root && matches(doc.root, first) ? [doc.root] : [];
  for (const step of rest) current = current.flatMap((parent) => childElements(parent).filter((child) => matches(child, step)));
  return current;
}

function matches(element: XmlElement, step: Step): boolean {
  return (
    localName(element) === step.name &&
    step.predicates.every((p) =>
      "attribute" in p
        ? element.attributes[p.attribute] === p.value
        : childElements(element).some((c) => localName(c) === p.child && c.text.trim() === p.value),
    )
  );
}
