// Declarative edits to a JSON file that may hold comments (the consent apps' conf.json do: Jaggery reads
// them as JavaScript). jsonc-parser finds the member an edit names and changes only its value's text, so
// comments, key order and layout stay as the pack has them, as the XML edits keep theirs.
import { applyEdits, findNodeAtLocation, modify, Node, parseTree, printParseErrorCode, ParseError } from "jsonc-parser";

export type JsonValue = string | number | boolean;

/** Sets the value at `path` (member names from the root); one that is not there fails, unless `ifPresent`. */
export interface JsonEdit {
  kind: "set";
  path: readonly string[];
  value: JsonValue;
  ifPresent?: boolean;
}

export class JsonEditError extends Error {
  constructor(
    readonly file: string,
    readonly memberPath: string,
    reason: string,
  ) {
    super(`${file}: ${memberPath}: ${reason}`);
    this.name = "JsonEditError";
  }
}

const PARSE = { allowTrailingComma: true, disallowComments: false };

const showPath = (path: readonly string[]) => "/" + path.join("/");

export function applyJsonEdits(file: string, source: string, edits: readonly JsonEdit[]): string {
  return edits.reduce((text, edit) => {
    const errors: ParseError[] = [];
    const tree = parseTree(text, errors, PARSE);
    if (!tree || errors.length) {
      const first = errors[0];
      throw new JsonEditError(file, "/", `not well-formed JSON${first ? `: ${printParseErrorCode(first.error)} at offset ${first.offset}` : ""}`);
    }
    const node = findNodeAtLocation(tree, [...edit.path]);
    if (!node) {
      if (edit.ifPresent) return text;
      throw new JsonEditError(file, showPath(edit.path), "no such member in the template (commented-out members do not count)");
    }
    if (node.type === "object" || node.type === "array")
      throw new JsonEditError(file, showPath(edit.path), `holds an ${node.type}; a set writes a single value`);
    return applyEdits(text, modify(text, [...edit.path], edit.value, { formattingOptions: { insertSpaces: false } }));
  }, source);
}

/**
 * The text with each string member that `replace` gives a value for (by its name and value) replaced by it,
 * every other byte as it was: what a render shows of a user's file that may hold credentials
 * (plan/credential-members.ts; ccportal's ssoConfiguration.keyStorePassword, consentmgt's authCredential).
 */
export function replaceJsonStrings(file: string, source: string, replace: (name: string, value: string) => string | undefined): string {
  const errors: ParseError[] = [];
  const tree = parseTree(source, errors, PARSE);
  if (!tree || errors.length) throw new JsonEditError(file, "/", "not well-formed JSON");
  const found: Array<[Array<string | number>, string]> = [];
  const walk = (node: Node, path: Array<string | number>) => {
    if (node.type === "object") {
      for (const property of node.children ?? []) {
        const [key, member] = property.children ?? [];
        if (!key || !member) continue;
        const name = String(key.value);
        const value = member.type === "string" ? replace(name, String(member.value)) : undefined;
        if (value !== undefined) found.push([[...path, name], value]);
        else walk(member, [...path, name]);
      }
    } else if (node.type === "array") (node.children ?? []).forEach((child, i) => walk(child, [...path, i]));
  };
  walk(tree, []);
  return found.reduce((text, [path, value]) => applyEdits(text, modify(text, path, value, {})), source);
}
