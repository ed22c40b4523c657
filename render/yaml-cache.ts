// Pulumi.yaml parsed once for each of its contents: yaml's parser took about 0.12 s of CPU over its 600 lines
// of declarations, cold, in every render; the value, as JSON in node_modules/.cache beside the editor's
// bundle, is read back in well under a millisecond. The key is a hash of the text and of yaml's version,
// so an edited file or another parser is a new entry, never an old answer. A text with an error or a warning,
// or a value JSON cannot hold (.inf, say), is parsed by yaml each time, as before, and never kept.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { isDeepStrictEqual } from "util";
import * as YAML from "yaml";
import { writeWhole } from "../lib/write-whole";

const DEFAULT_DIR = path.join(__dirname, "..", "node_modules", ".cache", "obkm", "yaml");
const YAML_VERSION = (require("yaml/package.json") as { version: string }).version;

/** What YAML.parse(text) returns, from the cache in `dir` when it holds this text. */
export function parseYamlCached(text: string, dir = DEFAULT_DIR): unknown {
  const file = path.join(dir, `${createHash("sha256").update(`yaml ${YAML_VERSION}\0`).update(text).digest("hex").slice(0, 40)}.json`);
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    // Not kept yet, or unreadable: parse.
  }
  const doc = YAML.parseDocument(text);
  // YAML.parse logs the warnings and throws the first error (yaml dist/public-api.js parse): left to it.
  if (doc.errors.length > 0 || doc.warnings.length > 0) return YAML.parse(text);
  const value: unknown = doc.toJS();
  const json = JSON.stringify(value);
  if (json !== undefined && isDeepStrictEqual(JSON.parse(json), value)) {
    try {
      writeWhole(file, json);
    } catch {
      // A read-only checkout renders as well, only slower.
    }
  }
  return value;
}
