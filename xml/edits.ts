// Declarative, XML-aware edits to a node file. A strict parser finds the element an edit names and where
// it stands in the text; the edit then splices only that span. Everything else keeps its bytes: comments,
// attribute layout, entities, blank lines. (A DOM round trip would reformat start tags it never touched.)
// Values are escaped on the way in, so `&`, `<` and quotes in a JDBC URL or a password stay data.
import { parseXml, XmlDocument, XmlElement } from "@rgrove/parse-xml";
import { childElements, ElementPath, localName, parsePath, selectElements } from "./path";

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
  | { kind: "set"; path: string; value: string; create?: { after?: string }; ifPresent?: boolean }
  /** Removes every element the path names; one at least, unless `ifPresent`. */
  | { kind: "remove"; path: string; ifPresent?: boolean }
  /** Adds elements as the last children of the one element the path names, or before its first child named `before`. */
  | { kind: "append"; path: string; elements: ElementSpec[]; before?: string }
  /**
   * Makes sure the element the path names exists: when none does, adds `element` (which must match the
   * path's last step) to the parent. For blocks a setting adds, such as a registry mount; later edits then
   * set their values either way.
   */
  | { kind: "ensure"; path: string; element: ElementSpec }
  /**
   * Points URLs elsewhere by their origin: in every element that holds only text, a URL that starts with
   * scheme://host:port, host one of `hosts` and port one of `ports`, gets `to` (scheme://host[:port]) in
   * place of that origin; its path and query stay as they are. For files whose URLs a pack spreads over many
   * elements (open-banking.xml), where the hosts are placeholders of WSO2's set-ups, not the user's.
   */
  | {
      kind: "rewriteUrls";
      origins: ReadonlyArray<{ hosts: readonly string[]; ports: readonly number[]; to: string }>;
      /** Element paths left as they are: URLs no flow uses, which stay as the pack has them. */
      except?: readonly string[];
    }
  /**
   * Changes nothing, but fails when the switch `when` names is on (its text, trimmed, is `true` in any case, as
   * Java's Boolean.parseBoolean reads it) while a URL in an element `urls` names a host of `refuse.hosts`, or,
   * when `refuse.otherThan` is given, an origin (`host:port`) not in it. The error names the URL's element and
   * says `problem`. For a feature whose URLs no route of the stack reaches (open-banking.xml's BI server): the
   * editor then stops the node's start, as the render stops the stack.
   */
  | {
      kind: "requireUrls";
      when: string;
      urls: readonly string[];
      refuse: { hosts?: readonly string[]; otherThan?: readonly string[] };
      problem: string;
    };

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

/** What a replacement is told of an element that holds text: its local name, its attributes and its text. */
export interface TextElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
  text: string;
  /** Whether it holds elements: then its text is theirs, not a value of its own. */
  hasChildren: boolean;
}

/**
 * The text with the content of each element that `replace` gives a value for replaced by it; an element it
 * gives none for is searched further down. What a render shows of a file that holds credentials
 * (plan/credential-members.ts): each one changed where it stands, every other byte as it was.
 */
export function replaceElementTexts(file: string, source: string, replace: (element: TextElement) => string | undefined): string {
  const found: Array<[XmlElement, string]> = [];
  const walk = (element: XmlElement) => {
    // Its text only when asked for: @rgrove/parse-xml's getter joins the element's whole subtree on every
    // read (4.2.3 dist/lib/XmlElement.js), the root's being the whole file, and most replacements look at the
    // name first.
    const value = replace({
      name: localName(element),
      attributes: element.attributes,
      get text() {
        return element.text;
      },
      hasChildren: childElements(element).length > 0,
    });
    if (value !== undefined) found.push([element, value]);
    else childElements(element).forEach(walk);
  };
  const root = parseDocument(file, source).root;
  if (root) walk(root);
  // From the last to the first, so earlier offsets stay valid.
  return found.reverse().reduce((text, [element, value]) => setText(text, element, value), source);
}

/**
 * The last documents parsed, by their text: a parse is a pure function of the text, and its tree is only
 * read (offsets, names, attributes), never changed. A plan parses each template, and each text its edits
 * produce, in the same order every time, so planning a second stack that shares files parses those again
 * only where they differ. Bounded, oldest out first.
 */
const PARSED_KEPT = 48;
const parsed = new Map<string, XmlDocument>();

export function parseDocument(file: string, source: string): XmlDocument {
  const known = parsed.get(source);
  if (known) {
    parsed.delete(source);
    parsed.set(source, known);
    return known;
  }
  let doc: XmlDocument;
  try {
    doc = parseXml(source, { includeOffsets: true, preserveComments: true });
  } catch (error) {
    throw new XmlEditError(file, "/", `not well-formed XML: ${(error as Error).message.split("\n")[0]}`);
  }
  parsed.set(source, doc);
  if (parsed.size > PARSED_KEPT) parsed.delete(parsed.keys().next().value as string);
  return doc;
}

/** Applies the edits in order and returns the edited text. */
export function applyEdits(file: string, source: string, edits: readonly XmlEdit[]): string {
  let text = source;
  let next = 0;
  while (next < edits.length) {
    // A run of sets on elements that exist touches spans that one parse can locate; applied from the end
    // of the text backwards, each leaves the others' offsets valid. Any other edit re-reads the text the
    // previous one produced, so every offset it uses is current.
    const doc = parseDocument(file, text);
    const splices: Splice[] = [];
    let end = next;
    while (end < edits.length) {
      const change = setSplice(doc, text, edits[end]);
      // Overlapping or touching spans (an insert where another edit starts) are left to the next parse.
      if (!change || splices.some((s) => change.from <= s.to && s.from <= change.to)) break;
      splices.push(change);
      end++;
    }
    if (end === next) {
      text = applyEdit(file, text, edits[next]);
      next++;
    } else {
      text = splices.sort((a, b) => b.from - a.from).reduce((t, s) => splice(t, s.from, s.to, s.insert), text);
      next = end;
    }
  }
  return text;
}

interface Splice {
  from: number;
  to: number;
  insert: string;
}

/** The span a set changes, when it is a plain one: its element exists, once, and is not written <x/>. */
function setSplice(doc: XmlDocument, text: string, edit: XmlEdit): Splice | undefined {
  if (edit.kind !== "set") return undefined;
  const path = parsePath(edit.path);
  const found = selectElements(doc, path.steps);
  if (found.length !== 1) return undefined; // missing or ambiguous: applyEdit creates it or says why
  if (path.attribute) return attributeSplice(text, found[0], path.attribute, edit.value);
  if (isSelfClosing(text, found[0])) return undefined;
  return { from: startTagEnd(text, found[0]), to: text.lastIndexOf("</", found[0].end - 1), insert: escapeText(edit.value) };
}

function applyEdit(file: string, text: string, edit: XmlEdit): string {
  if (edit.kind === "rewriteUrls") return rewriteUrls(parseDocument(file, text), text, edit.origins, edit.except ?? []);
  if (edit.kind === "requireUrls") {
    const failure = requireUrlsFailure(file, text, edit);
    if (failure) throw new XmlEditError(file, failure.element, `${edit.problem} (it names ${failure.origin})`);
    return text;
  }
  const path = parsePath(edit.path);
  const fail = (reason: string): never => {
    throw new XmlEditError(file, edit.path, reason);
  };
  if (path.attribute && edit.kind !== "set") fail("only a set can name an attribute");
  const doc = parseDocument(file, text);
  const found = selectElements(doc, path.steps);

  switch (edit.kind) {
    case "set":
      if (found.length > 1) return fail(`names ${found.length} elements; a set must name exactly one`);
      if (found.length === 1) return path.attribute ? setAttribute(text, found[0], path.attribute, edit.value) : setText(text, found[0], edit.value);
      if (edit.create && !path.attribute) return createElement(file, text, doc, path, edit.value, edit.create.after);
      if (edit.ifPresent) return text;
      return fail("no such element in the template (commented-out elements do not count)");
    case "remove":
      if (found.length === 0 && !edit.ifPresent) fail("no such element in the template to remove");
      // From the last to the first, so earlier offsets stay valid.
      return [...found].reverse().reduce((t, element) => splice(t, lineStartBefore(t, element.start), element.end, ""), text);
    case "append":
      if (found.length !== 1)
        return fail(found.length === 0 ? "no such element in the template" : `names ${found.length} elements; append needs exactly one parent`);
      return appendChildren(text, found[0], edit.elements, edit.before);
    case "ensure": {
      if (found.length > 0) return text;
      const parents = selectElements(doc, path.steps.slice(0, -1));
      if (path.steps.length < 2 || parents.length !== 1) return fail("neither the element nor exactly one parent for it is in the template");
      return appendChildren(text, parents[0], [edit.element]);
    }
  }
}

/**
 * A URL's origin where a value starts, or where a URL set starts one: WSO2's data agent reads a receiver URL set
 * such as `{tcp://a:7612},{tcp://b:7612}` or `{tcp://a:7612|tcp://b:7612}`, groups in braces, URLs apart by `,`
 * (load balanced) or `|` (failover) (wso2/carbon-analytics-common components/data-bridge/
 * org.wso2.carbon.databridge.agent .../util/DataPublisherUtil.java and DataEndpointConstants.java). The braces
 * and separators stay as they are.
 */
const URL_ORIGIN = /(^|[{,|])(\s*)([a-z][a-z0-9+.-]*):\/\/([^/:?#\s{},|]+):(\d+)(?=[/?#\s{},|]|$)/gi;

/** Every URL origin in a value: where it stands and its host (lower case) and port. */
function urlOrigins(value: string): Array<{ from: number; to: number; host: string; port: number }> {
  return [...value.matchAll(URL_ORIGIN)].map((m) => {
    const from = m.index! + m[1].length + m[2].length;
    return { from, to: m.index! + m[0].length, host: m[4].toLowerCase(), port: Number(m[5]) };
  });
}

function rewriteUrls(
  doc: XmlDocument,
  text: string,
  origins: Extract<XmlEdit, { kind: "rewriteUrls" }>["origins"],
  except: readonly string[],
): string {
  const changes: Array<{ element: XmlElement; value: string }> = [];
  const kept = new Set(except.flatMap((path) => selectElements(doc, parsePath(path).steps)));
  const walk = (element: XmlElement) => {
    if (kept.has(element)) return;
    const children = childElements(element);
    if (children.length) return children.forEach(walk);
    if (!element.children.every((c) => c.type === "text")) return;
    const value = element.text;
    let rewritten = value;
    // From the last to the first, so earlier offsets stay valid.
    for (const found of urlOrigins(value).reverse()) {
      const origin = origins.find((o) => o.hosts.includes(found.host) && o.ports.includes(found.port));
      if (origin) rewritten = rewritten.slice(0, found.from) + origin.to + rewritten.slice(found.to);
    }
    if (rewritten !== value) changes.push({ element, value: rewritten });
  };
  if (doc.root) walk(doc.root);
  // From the last to the first, so earlier offsets stay valid.
  return changes.reverse().reduce((t, { element, value }) => setText(t, element, value), text);
}

/** Whether an element the path names holds `true` (trimmed, in any case: Java's Boolean.parseBoolean); absent is off. */
export function switchIsOn(file: string, text: string, path: string): boolean {
  return selectElements(parseDocument(file, text), parsePath(path).steps).some((e) => e.text.trim().toLowerCase() === "true");
}

/** Where a requireUrls edit fails: the first URL it refuses, with its element's path; undefined where none is. */
export function requireUrlsFailure(
  file: string,
  text: string,
  edit: Extract<XmlEdit, { kind: "requireUrls" }>,
): { element: string; origin: string } | undefined {
  if (!switchIsOn(file, text, edit.when)) return undefined;
  const doc = parseDocument(file, text);
  for (const path of edit.urls) {
    for (const element of selectElements(doc, parsePath(path).steps)) {
      for (const { host, port } of urlOrigins(element.text)) {
        const origin = `${host}:${port}`;
        const refused = edit.refuse.hosts?.includes(host) || (edit.refuse.otherThan !== undefined && !edit.refuse.otherThan.includes(origin));
        if (refused) return { element: path, origin };
      }
    }
  }
  return undefined;
}

// --- text positions ------------------------------------------------------------------------------------

function splice(text: string, from: number, to: number, insert: string): string {
  return text.slice(0, from) + insert + text.slice(to);
}

/** Where an element's start tag ends (just past its `>`), skipping `>` inside quoted attribute values. */
function startTagEnd(text: string, element: XmlElement): number {
  let quote: string | undefined;
  for (let i = element.start; i < element.end; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ">") return i + 1;
  }
  return element.end;
}

function isSelfClosing(text: string, element: XmlElement): boolean {
  return startTagEnd(text, element) === element.end && text[element.end - 2] === "/";
}

/** The start of the line an element stands on, when only indentation precedes it there. */
function lineStartBefore(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && (text[i - 1] === " " || text[i - 1] === "\t")) i--;
  return i > 0 && text[i - 1] === "\n" ? i - 1 : offset;
}

function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : "";
}

const INDENT_STEP = "    ";

function childIndent(text: string, parent: XmlElement): string {
  const children = childElements(parent);
  return children.length ? indentOf(text, children[children.length - 1].start) : indentOf(text, parent.start) + INDENT_STEP;
}

// --- writing values -----------------------------------------------------------------------------------

/** Text content as XML writes it; the one escaper of the project's XML. */
export function escapeText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;");
}

function formatElement(spec: ElementSpec, indent: string): string {
  const attributes = Object.entries(spec.attributes ?? {})
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join("");
  const children = spec.children ?? [];
  if (children.length === 0 && spec.text === undefined) return `<${spec.name}${attributes}/>`;
  const inner = children.length
    ? children.map((child) => `\n${indent}${INDENT_STEP}${formatElement(child, indent + INDENT_STEP)}`).join("") + `\n${indent}`
    : escapeText(spec.text ?? "");
  return `<${spec.name}${attributes}>${inner}</${spec.name}>`;
}

// --- the edits ------------------------------------------------------------------------------------------

function setText(text: string, element: XmlElement, value: string): string {
  if (isSelfClosing(text, element)) {
    const openTag = text.slice(element.start, element.end - 2).replace(/\s+$/, "");
    return splice(text, element.start, element.end, `${openTag}>${escapeText(value)}</${element.name}>`);
  }
  const contentStart = startTagEnd(text, element);
  const contentEnd = text.lastIndexOf("</", element.end - 1);
  return splice(text, contentStart, contentEnd, escapeText(value));
}

function attributeSplice(text: string, element: XmlElement, name: string, value: string): Splice {
  const tagEnd = startTagEnd(text, element);
  const tag = text.slice(element.start, tagEnd);
  const existing = new RegExp(`(\\s${name.replace(/[.:-]/g, "\\$&")}\\s*=\\s*)("[^"]*"|'[^']*')`).exec(tag);
  if (existing) {
    const at = element.start + existing.index + existing[1].length;
    return { from: at, to: at + existing[2].length, insert: `"${escapeAttribute(value)}"` };
  }
  const close = tag.endsWith("/>") ? tagEnd - 2 : tagEnd - 1;
  return { from: close, to: close, insert: ` ${name}="${escapeAttribute(value)}"` };
}

function setAttribute(text: string, element: XmlElement, name: string, value: string): string {
  const s = attributeSplice(text, element, name, value);
  return splice(text, s.from, s.to, s.insert);
}

function appendChildren(text: string, parent: XmlElement, specs: ElementSpec[], before?: string): string {
  const indent = childIndent(text, parent);
  const added = specs.map((spec) => `\n${indent}${formatElement(spec, indent)}`).join("");
  const anchor = before ? childElements(parent).find((c) => localName(c) === before) : undefined;
  if (anchor) {
    // In front of the anchor, on lines of their own, so the anchor keeps its line and indentation.
    const at = lineStartBefore(text, anchor.start);
    return splice(text, at, at, at === anchor.start ? `${added.slice(1)}\n${indent}` : added);
  }
  if (isSelfClosing(text, parent)) {
    const openTag = text.slice(parent.start, parent.end - 2).replace(/\s+$/, "");
    return splice(text, parent.start, parent.end, `${openTag}>${added}\n${indentOf(text, parent.start)}</${parent.name}>`);
  }
  // After the last child that is not the whitespace before the end tag.
  const endTag = text.lastIndexOf("</", parent.end - 1);
  const at = lineStartBefore(text, endTag);
  return splice(text, at, at, at === endTag ? `${added}\n${indentOf(text, parent.start)}` : added);
}

function createElement(file: string, text: string, doc: XmlDocument, path: ElementPath, value: string, after: string | undefined): string {
  const parents = selectElements(doc, path.steps.slice(0, -1));
  if (path.steps.length < 2 || parents.length !== 1)
    throw new XmlEditError(file, path.text, "neither the element nor exactly one parent for it is in the template");
  const step = path.steps[path.steps.length - 1];
  const attributes = Object.fromEntries(step.predicates.flatMap((p) => ("attribute" in p ? [[p.attribute, p.value]] : [])));
  const spec: ElementSpec = { name: step.name, attributes, text: value };
  const anchor = after
    ? childElements(parents[0])
        .filter((c) => localName(c) === after)
        .pop()
    : undefined;
  if (!anchor) return appendChildren(text, parents[0], [spec]);
  const indent = indentOf(text, anchor.start);
  return splice(text, anchor.end, anchor.end, `\n${indent}${formatElement(spec, indent)}`);
}
