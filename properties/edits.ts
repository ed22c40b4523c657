// Declarative edits to a Java .properties file (log4j 1.2's log4j.properties), read as java.util.Properties
// reads it: the parser below follows Properties.load0 and its LineReader (openjdk/jdk
// src/java.base/share/classes/java/util/Properties.java; the rules are those of the javadoc of
// load(Reader), the same since Java 6, so also those of the KM's Java 8), keeping where each key and value
// stands in the text. An edit then splices only the value it changes, so comments, blank lines, the order of
// keys, separators, continuation lines elsewhere and every other byte stay as the file has them.
//
// The rules it follows:
// - a natural line ends at \n, \r or \r\n; a line that is blank (spaces, tabs, form feeds only) is skipped;
//   a line whose first other character is # or ! is a comment, and is never continued;
// - a line ending in an odd number of backslashes goes on in the next line, whose leading white space is
//   dropped; the last backslash is dropped, also at the end of the file;
// - the key runs to the first =, : or white space not escaped by a backslash; then white space, at most one
//   = or :, and white space again, are skipped; the rest of the logical line is the value;
// - escapes: \t \n \r \f, \uXXXX (exactly four hex digits, or load throws IllegalArgumentException), and a
//   backslash before any other character stands for that character;
// - a key given twice holds its last value (Properties is a Hashtable: put replaces).
// load(InputStream), which log4j 1.2's PropertyConfigurator uses, reads ISO 8859-1: the values written here
// are plain ASCII, everything else as \uXXXX.

import { EditedTexts, Recent } from "../lib/recent";

export type PropertiesEdit =
  /**
   * Gives `key` the value `value`: on every line that holds the key (Java keeps the last, and an earlier
   * line left with another value would mislead a reader), or as a new line at the end of the file. A line
   * that already holds the value keeps its bytes.
   */
  | { kind: "set"; key: string; value: string }
  /** Removes every line that holds `key`; one at least, unless `ifPresent`. */
  | { kind: "remove"; key: string; ifPresent?: boolean }
  /**
   * Adds `item` to the comma-separated list the key holds, unless one of its items, trimmed, is already
   * `item`: log4j's `LEVEL, APPENDER, ...` of a logger. The key must be there.
   */
  | { kind: "appendToList"; key: string; item: string };

export class PropertiesEditError extends Error {
  constructor(
    readonly file: string,
    readonly where: string,
    reason: string,
  ) {
    super(`${file}: ${where}: ${reason}`);
    this.name = "PropertiesEditError";
  }
}

/** One key-value line as Java reads it, with where it stands in the text. */
export interface PropertyEntry {
  key: string;
  value: string;
  /** 1-based line where the logical line starts, for messages. */
  line: number;
  /** Offsets in the text: the logical line's first character, and the end of its content (before the line terminator). */
  start: number;
  end: number;
  /** Offset just after the key's last character; the separator and the value follow. */
  keyEnd: number;
  /** Offset of the value's first character (`end` when the value is empty). */
  valueStart: number;
  /** Offset after the line's terminator (the text's length when it has none). */
  next: number;
}

const isWhite = (c: string) => c === " " || c === "\t" || c === "\f";
const isEol = (c: string) => c === "\n" || c === "\r";

/** A logical line: its characters as LineReader gathers them, each with its offset in the text. */
interface LogicalLine {
  chars: string[];
  at: number[];
  end: number;
  next: number;
  line: number;
}

/** The logical lines of the text that are neither blank nor comments, as LineReader.readLine returns them. */
function logicalLines(text: string): { lines: LogicalLine[]; danglingContinuation: boolean } {
  const lines: LogicalLine[] = [];
  let i = 0;
  let lineNo = 1;
  let danglingContinuation = false;
  const eolLength = (at: number) => (text[at] === "\r" && text[at + 1] === "\n" ? 2 : 1);
  while (i < text.length) {
    // The start of a natural line that begins a logical line: skip its leading white space.
    while (i < text.length && isWhite(text[i])) i++;
    if (i >= text.length) break;
    if (isEol(text[i])) {
      i += eolLength(i);
      lineNo++;
      continue;
    }
    if (text[i] === "#" || text[i] === "!") {
      while (i < text.length && !isEol(text[i])) i++;
      if (i < text.length) {
        i += eolLength(i);
        lineNo++;
      }
      continue;
    }
    const logical: LogicalLine = { chars: [], at: [], end: i, next: i, line: lineNo };
    for (;;) {
      let backslashes = 0;
      while (i < text.length && !isEol(text[i])) {
        logical.chars.push(text[i]);
        logical.at.push(i);
        backslashes = text[i] === "\\" ? backslashes + 1 : 0;
        i++;
      }
      const continued = backslashes % 2 === 1;
      if (continued) {
        // The backslash that continues the line is not part of it.
        logical.chars.pop();
        logical.at.pop();
      }
      logical.end = i;
      if (i >= text.length) {
        logical.next = i;
        danglingContinuation = continued;
        break;
      }
      i += eolLength(i);
      lineNo++;
      logical.next = i;
      if (!continued) break;
      // The next natural line goes on the logical line, without its leading white space; an empty one
      // (or one of white space only) ends it.
      while (i < text.length && isWhite(text[i])) i++;
      if (i >= text.length) {
        logical.next = i;
        danglingContinuation = true;
        break;
      }
      if (isEol(text[i])) break;
    }
    lines.push(logical);
  }
  return { lines, danglingContinuation };
}

/** Properties.loadConvert: the escapes of a key or value undone. */
function unescape(chars: readonly string[], file: string, line: number): string {
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = chars[++i];
    if (next === "u") {
      const hex = chars.slice(i + 1, i + 5).join("");
      if (!/^[0-9a-fA-F]{4}$/.test(hex))
        throw new PropertiesEditError(
          file,
          `line ${line}`,
          "malformed \\uxxxx escape, which java.util.Properties refuses (the whole file would be ignored)",
        );
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else out += next === "t" ? "\t" : next === "r" ? "\r" : next === "n" ? "\n" : next === "f" ? "\f" : (next ?? "");
  }
  return out;
}

/**
 * The entries of the texts lately parsed, by the whole text: a parse is a function of the text alone (the file's
 * name is only told in an error, and a failing parse keeps nothing), and its entries are only read. A plan
 * parses log4j.properties once to choose its edits and again for each edit; the tests plan hundreds of stacks.
 */
const parsed = new Recent<string, readonly PropertyEntry[]>(32);

/** The edited texts lately made (lib/recent.ts). */
const edited = new EditedTexts<readonly PropertiesEdit[]>(16, 8);

/** Every key-value line of the text, in order, as java.util.Properties.load reads them. */
export function parseProperties(file: string, text: string): PropertyEntry[] {
  return [...parsed.of(text, () => parseEntries(file, text))];
}

function parseEntries(file: string, text: string): PropertyEntry[] {
  return logicalLines(text).lines.map((l) => {
    const limit = l.chars.length;
    let keyLen = 0;
    let valueStart = limit;
    let hasSep = false;
    let precedingBackslash = false;
    while (keyLen < limit) {
      const c = l.chars[keyLen];
      if ((c === "=" || c === ":") && !precedingBackslash) {
        valueStart = keyLen + 1;
        hasSep = true;
        break;
      } else if (isWhite(c) && !precedingBackslash) {
        valueStart = keyLen + 1;
        break;
      }
      precedingBackslash = c === "\\" ? !precedingBackslash : false;
      keyLen++;
    }
    while (valueStart < limit) {
      const c = l.chars[valueStart];
      if (!isWhite(c)) {
        if (!hasSep && (c === "=" || c === ":")) hasSep = true;
        else break;
      }
      valueStart++;
    }
    return {
      key: unescape(l.chars.slice(0, keyLen), file, l.line),
      value: unescape(l.chars.slice(valueStart), file, l.line),
      line: l.line,
      start: l.at[0],
      end: l.end,
      keyEnd: keyLen > 0 ? l.at[keyLen - 1] + 1 : l.at[0],
      valueStart: valueStart < limit ? l.at[valueStart] : l.end,
      next: l.next,
    };
  });
}

/** The properties as Java holds them after load: each key's last value. */
export function readProperties(file: string, text: string): Map<string, string> {
  return new Map(parseProperties(file, text).map((e) => [e.key, e.value]));
}

/** A character as Properties.store writes it, ASCII only; `special` also escapes = : # ! and spaces. */
function escapeChar(c: string, special: boolean): string {
  if (c === "\\") return "\\\\";
  if (c === "\t") return "\\t";
  if (c === "\n") return "\\n";
  if (c === "\r") return "\\r";
  if (c === "\f") return "\\f";
  if (special && (c === "=" || c === ":" || c === "#" || c === "!" || c === " ")) return "\\" + c;
  const code = c.charCodeAt(0);
  if (code < 0x20 || code > 0x7e) return "\\u" + code.toString(16).toUpperCase().padStart(4, "0");
  return c;
}

/** A key as it must be written for Java to read it back whole. */
export function escapeKey(key: string): string {
  // By UTF-16 unit, as Java's \uXXXX escapes count: a character beyond U+FFFF is written as its two halves.
  return key
    .split("")
    .map((c) => escapeChar(c, true))
    .join("");
}

/**
 * A value as it must be written after a separator: leading white space, and a leading = or : (which a line
 * separated by white space would take for its separator), escaped; the rest as Properties.store writes
 * values.
 */
export function escapeValue(value: string): string {
  return value
    .split("")
    .map((c, i) => (i === 0 && (isWhite(c) || c === "=" || c === ":") ? "\\" + (c === "\t" ? "t" : c === "\f" ? "f" : c) : escapeChar(c, false)))
    .join("");
}

function lineTerminator(text: string): string {
  const first = /\r\n|\r|\n/.exec(text);
  return first ? first[0] : "\n";
}

/** The text with `value` in place of the value of `entry`. */
function replaceValue(text: string, entry: PropertyEntry, value: string): string {
  // An empty value may stand after no separator at all ("key"): write one.
  if (entry.valueStart === entry.end) return text.slice(0, entry.keyEnd) + "=" + escapeValue(value) + text.slice(entry.end);
  return text.slice(0, entry.valueStart) + escapeValue(value) + text.slice(entry.end);
}

function applyOne(file: string, text: string, edit: PropertiesEdit): string {
  const entries = parseProperties(file, text).filter((e) => e.key === edit.key);
  switch (edit.kind) {
    case "set": {
      if (entries.length === 0) {
        const eol = lineTerminator(text);
        const { danglingContinuation } = logicalLines(text);
        // A last line without a terminator gets one; a last line that continues at the end of the file gets a
        // blank line after it too, which ends it where Java ended it, rather than taking in the new line.
        const before = text === "" || /[\r\n]$/.test(text) ? "" : eol;
        return text + before + (danglingContinuation ? eol : "") + `${escapeKey(edit.key)}=${escapeValue(edit.value)}${eol}`;
      }
      // From the last, so the offsets of the earlier ones still hold.
      return [...entries].reverse().reduce((t, e) => (e.value === edit.value ? t : replaceValue(t, e, edit.value)), text);
    }
    case "remove": {
      if (entries.length === 0) {
        if (edit.ifPresent) return text;
        throw new PropertiesEditError(file, edit.key, "no such key in the template (commented-out lines do not count)");
      }
      return [...entries].reverse().reduce((t, e) => t.slice(0, e.start) + t.slice(e.next), text);
    }
    case "appendToList": {
      const last = entries[entries.length - 1];
      if (!last) throw new PropertiesEditError(file, edit.key, "no such key in the template (commented-out lines do not count)");
      if (last.value.split(",").some((item) => item.trim() === edit.item)) return text;
      const value = last.value.trim() === "" ? `, ${edit.item}` : `${last.value.replace(/[ \t\f]+$/, "")}, ${edit.item}`;
      return [...entries].reverse().reduce((t, e) => replaceValue(t, e, value), text);
    }
  }
}

/** The text with every edit applied in turn. */
export function applyPropertiesEdits(file: string, source: string, edits: readonly PropertiesEdit[]): string {
  return edited.of(source, edits, () => {
    parseProperties(file, source); // refuses a file Java would refuse, even with no edit
    return edits.reduce((text, edit) => applyOne(file, text, edit), source);
  });
}
