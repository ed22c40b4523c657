// A Java regular expression, as Carbon applies it (java.util.regex.Pattern, then Matcher.matches(): the whole
// input must match), evaluated in Node. The expression is parsed by regjsparser and written out again as a
// JavaScript expression with Java's meaning where the two languages differ on the same syntax:
//   - \s is Java's [ \t\n\x0B\f\r] (ASCII only), where JavaScript's also takes Unicode spaces (U+00A0...);
//     \S likewise;
//   - `.` excludes Java's line terminators, U+0085 among them, which JavaScript's does not;
//   - `$` also matches before a line terminator that ends the input.
// \d and \w are ASCII in both (Java without UNICODE_CHARACTER_CLASS, JavaScript without the i and v flags),
// and both match code points, not UTF-16 units (JavaScript with the u flag). What Java reads differently and
// this cannot mirror (\b and \B, \v, \p{...}, embedded flags, possessive and atomic forms, nested classes and
// && inside a class, \Q...\E, octal escapes, \A \Z \z \G \R \h...) is refused, never guessed at.
// tests/integration/java-regex.test.ts holds the translation against Java's own Pattern.
import { AstNode, CharacterClass, CharacterClassBody, parse } from "regjsparser";

/** What regjsparser reads beyond ES5: lookbehind and named groups, which Java has with the same syntax. */
const FEATURES = { lookbehind: true, namedGroups: true } as const;
type Node = AstNode<typeof FEATURES>;
/** A node of a Java expression's syntax tree (javaRegexTree). */
export type JavaRegexNode = Node;

export class UnsupportedJavaRegex extends Error {
  constructor(
    readonly regex: string,
    readonly reason: string,
  ) {
    super(`${JSON.stringify(regex)}: ${reason}, which obkm cannot evaluate as Java does`);
    this.name = "UnsupportedJavaRegex";
  }
}

/** Java's \s without UNICODE_CHARACTER_CLASS: [ \t\n\x0B\f\r]. */
const JAVA_SPACE = "\\t\\n\\x0B\\f\\r ";
/** Java's line terminators, which `.` does not match (without DOTALL or UNIX_LINES). */
const JAVA_LINE_TERMINATOR = "\\n\\r\\u0085\\u2028\\u2029";

export interface JavaRegex {
  source: string;
  /** Matcher.matches(): does the whole text match? */
  matches(text: string): boolean;
}

/** Each expression read once per process: a stack's every load reads the same ones (tomcat.internalProxies). */
const read = new Map<string, JavaRegex | UnsupportedJavaRegex>();

/** The expression with Java's meaning, or UnsupportedJavaRegex (thrown) with the reason it cannot be mirrored. */
export function javaRegex(source: string): JavaRegex {
  if (!read.has(source)) {
    try {
      read.set(source, translate(source));
    } catch (error) {
      if (!(error instanceof UnsupportedJavaRegex)) throw error;
      read.set(source, error);
    }
  }
  const result = read.get(source)!;
  if (result instanceof UnsupportedJavaRegex) throw result;
  return result;
}

/**
 * The expression's syntax tree, read as Java reads it (regjsparser's nodes, each escape of a non-alphanumeric
 * character already the character itself), or UnsupportedJavaRegex (thrown) where the two languages part
 * ways. What write() below refuses on top (\b, \v, \p, octal escapes, Java's group names) is refused by
 * javaRegex(), which a caller of this runs first.
 */
export function javaRegexTree(source: string): JavaRegexNode {
  refuseJavaOnlyClassSyntax(source);
  try {
    return parse(literalEscapes(source), "u", FEATURES);
  } catch (error) {
    throw new UnsupportedJavaRegex(source, `uses syntax JavaScript reads otherwise or not at all (${(error as Error).message.split("\n")[0]})`);
  }
}

function translate(source: string): JavaRegex {
  const ast = javaRegexTree(source);
  const translated = new RegExp(`^(?:${write(ast, source)})$`, "u");
  return { source, matches: (text) => translated.test(text) };
}

/**
 * Java takes a backslash before any character that is not a letter or a digit as that character itself
 * (Pattern's documentation: "Backslashes may be used prior to a non-alphabetic character"), as in Carbon's
 * own e-mail rule (\@); JavaScript with the u flag takes it only before its syntax characters. Each such
 * escape is written as the code point's escape, which both read alike, in a class or out of one.
 */
function literalEscapes(source: string): string {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    if (source[i] !== "\\" || i + 1 >= source.length) {
      out += source[i];
      continue;
    }
    const next = source.codePointAt(i + 1)!;
    const char = String.fromCodePoint(next);
    out += /[A-Za-z0-9]/.test(char) ? `\\${char}` : `\\u{${next.toString(16)}}`;
    i += char.length;
  }
  return out;
}

/** A class with `[` or `&&` inside is a union or intersection of classes in Java, plain characters in JavaScript. */
function refuseJavaOnlyClassSyntax(source: string): void {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      if (source[i + 1] === "Q") throw new UnsupportedJavaRegex(source, "quotes with \\Q...\\E");
      i++;
      continue;
    }
    if (!inClass && c === "[") {
      inClass = true;
      // A ] first in the class (after an optional ^) is a literal in Java, the end of an empty class in JavaScript.
      const next = source[i + 1] === "^" ? i + 2 : i + 1;
      if (source[next] === "]") throw new UnsupportedJavaRegex(source, "starts a class with ]");
      continue;
    }
    if (inClass && c === "[") throw new UnsupportedJavaRegex(source, "nests a class inside a class");
    if (inClass && c === "&" && source[i + 1] === "&") throw new UnsupportedJavaRegex(source, "intersects classes with &&");
    if (inClass && c === "]") inClass = false;
  }
}

function write(node: Node, source: string): string {
  const all = (nodes: Node[]) => nodes.map((n) => write(n, source)).join("");
  switch (node.type) {
    case "alternative":
      return all(node.body);
    case "disjunction":
      return node.body.map((n) => write(n, source)).join("|");
    case "group": {
      const open = { normal: "(", ignore: "(?:", lookahead: "(?=", negativeLookahead: "(?!", lookbehind: "(?<=", negativeLookbehind: "(?<!" }[
        node.behavior
      ];
      // Java's group names are ASCII letters and digits, starting with a letter (Pattern.groupname); JavaScript
      // also takes '_', '$' and Unicode letters.
      const groupName = node.behavior === "normal" ? node.name?.value : undefined;
      if (groupName !== undefined && !/^[A-Za-z][A-Za-z0-9]*$/.test(groupName)) {
        throw new UnsupportedJavaRegex(
          source,
          `names a group ${groupName}, which Java refuses: a group's name is ASCII letters and digits, a letter first`,
        );
      }
      const name = groupName !== undefined ? `?<${groupName}>` : "";
      return `${open}${name}${all(node.body)})`;
    }
    case "quantifier": {
      const bounds = node.max === undefined ? `{${node.min},}` : node.min === node.max ? `{${node.min}}` : `{${node.min},${node.max}}`;
      return `(?:${write(node.body[0], source)})${bounds}${node.greedy ? "" : "?"}`;
    }
    case "anchor":
      if (node.kind === "start") return "^";
      if (node.kind === "end") return `(?=(?:\\r\\n|[${JAVA_LINE_TERMINATOR}])?$)`;
      throw new UnsupportedJavaRegex(source, "uses \\b or \\B, whose word characters are Unicode letters in Java");
    case "dot":
      return `[^${JAVA_LINE_TERMINATOR}]`;
    case "reference":
      return node.name ? `\\k<${node.name.value}>` : `\\${node.matchIndex}`;
    case "characterClassEscape":
      return escapeOf(node.value);
    case "characterClass":
      return characterClass(node, source);
    case "value":
      return value(node, source);
    default:
      throw new UnsupportedJavaRegex(source, `uses ${(node as { raw: string }).raw}`);
  }
}

function escapeOf(letter: "d" | "D" | "w" | "W" | "s" | "S"): string {
  if (letter === "s") return `[${JAVA_SPACE}]`;
  if (letter === "S") return `[^${JAVA_SPACE}]`;
  return `\\${letter}`;
}

function value(node: Extract<Node, { type: "value" }>, source: string): string {
  // Escapes that mean another character, or a class, in Java.
  if (node.raw === "\\v") throw new UnsupportedJavaRegex(source, "uses \\v, which is a class of vertical spaces in Java");
  if (node.kind === "null" || node.kind === "octal") throw new UnsupportedJavaRegex(source, `uses ${node.raw}, an octal escape in Java`);
  return `\\u{${node.codePoint.toString(16)}}`;
}

/**
 * A class whose members JavaScript reads as Java does, or, with \s or \S among them, the same set written as
 * an alternation (a class cannot hold a negated class in JavaScript without the v flag).
 */
function characterClass(node: CharacterClass<typeof FEATURES>, source: string): string {
  const member = (m: CharacterClassBody): string => {
    if (m.type === "characterClassRange") return `${value(m.min, source)}-${value(m.max, source)}`;
    if (m.type === "value") return value(m, source);
    if (m.type === "characterClassEscape") return `\\${m.value}`;
    throw new UnsupportedJavaRegex(source, "uses \\p or \\P, whose names mean other classes in Java");
  };
  const spaces = node.body.filter((m) => m.type === "characterClassEscape" && (m.value === "s" || m.value === "S"));
  const plain = node.body.filter((m) => !spaces.includes(m));
  if (spaces.length === 0) return `[${node.negative ? "^" : ""}${plain.map(member).join("")}]`;
  const parts = [...(plain.length ? [`[${plain.map(member).join("")}]`] : []), ...spaces.map((m) => escapeOf((m as { value: "s" | "S" }).value))];
  const union = parts.length === 1 ? parts[0] : `(?:${parts.join("|")})`;
  // Negated: any one code point that is none of the members.
  return node.negative ? `(?:(?!${union})[\\s\\S])` : union;
}
