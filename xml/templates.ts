// Where node-file templates come from: the project's own config-templates/, or a directory of the user's
// own pack (config key configTemplates) laid out as its repository/conf. The program reads them once
// (readTemplates) and hands them to the plan, which does no I/O.
import * as fs from "fs";
import * as path from "path";
import { Recent } from "../lib/recent";
import type { XmlEdit } from "./edits";
import { keptEdits } from "./kept-edits";

export const BUNDLED_TEMPLATES = path.resolve(__dirname, "..", "config-templates");
/** The OB API Manager's files, laid out as its repository/conf. */
export const BUNDLED_APIM_TEMPLATES = path.join(BUNDLED_TEMPLATES, "apim");

/** The config key that names a template directory, and what the directory must be a copy of. */
export interface TemplateSource {
  key: "configTemplates" | "apim.configTemplates";
  pack: string;
}

export const KM_TEMPLATE_SOURCE: TemplateSource = { key: "configTemplates", pack: "the Key Manager pack's" };
export const APIM_TEMPLATE_SOURCE: TemplateSource = { key: "apim.configTemplates", pack: "the API Manager pack's" };

/** A directory as a message shows it: as written, or quoted with its escapes where it holds a line break or another control character. */
// eslint-disable-next-line no-control-regex
const shownDir = (dir: string) => (/[\u0000-\u001f\u007f]/.test(dir) ? JSON.stringify(dir) : dir);

/** A template the directory lacks: one line naming the key that chose the directory, and what it must hold. */
export class TemplateNotFoundError extends Error {
  constructor(file: string, dir: string, source: TemplateSource) {
    super(`obkm:${source.key}: ${file}: no such template in ${shownDir(dir)}; expected a directory laid out as ${source.pack} repository/conf`);
    this.name = "TemplateNotFoundError";
  }
}

/** Template files as read once, by their path under repository/conf. */
export interface Templates {
  /** Where they were read from, and the key that chose it, for messages. */
  readonly dir: string;
  readonly source: TemplateSource;
  readonly files: Readonly<Record<string, string>>;
}

/**
 * Reads the given files of a template directory (the bundled one by default); a missing one is an error
 * naming it. `optional` files are read where the directory has them: the Open Banking files, which only a
 * user's own pack can hold.
 */
export function readTemplates(
  dir: string | undefined,
  files: readonly string[],
  optional: readonly string[] = [],
  source: TemplateSource = KM_TEMPLATE_SOURCE,
): Templates {
  const root = dir ?? BUNDLED_TEMPLATES;
  const read: Record<string, string> = {};
  // One stat, where existsSync and statSync took two: absent or unreadable is no file, as existsSync says.
  const isFile = (full: string) => {
    try {
      return fs.statSync(full, { throwIfNoEntry: false })?.isFile() ?? false;
    } catch {
      return false;
    }
  };
  for (const file of files) {
    if (!isFile(path.join(root, file))) throw new TemplateNotFoundError(file, root, source);
    read[file] = readText(path.join(root, file));
  }
  for (const file of optional.filter((f) => isFile(path.join(root, f)))) read[file] = readText(path.join(root, file));
  return { dir: root, source, files: read };
}

/**
 * The text last read from each path. A file read again with the same text gives the string read before: the
 * plan's memories (lib/recent.ts) are keyed by texts, and a Map hashes a string it has not met over its whole
 * length, where comparing two equal texts is one pass of memcmp. Bounded (lib/recent.ts).
 */
const lastRead = new Recent<string, string>(64);

function readText(file: string): string {
  const text = fs.readFileSync(file, "utf8");
  const last = lastRead.get(file);
  if (last === text) return last;
  lastRead.set(file, text);
  return text;
}

/** A template with its edits applied: the file as a node receives it. */
export function renderTemplate(templates: Templates, file: string, edits: readonly XmlEdit[]): { path: string; content: string } {
  const source = templates.files[file];
  if (source === undefined) throw new TemplateNotFoundError(file, templates.dir, templates.source);
  return { path: file, content: keptEdits(file, source, edits) };
}
