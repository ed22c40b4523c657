// Where node-file templates come from: the project's own config-templates/, or a directory of the user's
// own pack (config key configTemplates) laid out as its repository/conf. Reading them is the plan's only I/O.
import * as fs from "fs";
import * as path from "path";
import { applyEdits, XmlEdit } from "./edits";

export const BUNDLED_TEMPLATES = path.resolve(__dirname, "..", "config-templates");
/** The OB API Manager's files, laid out as its repository/conf. */
export const BUNDLED_APIM_TEMPLATES = path.join(BUNDLED_TEMPLATES, "apim");

export class TemplateNotFoundError extends Error {
  constructor(file: string, dir: string) {
    super(`${file}: no such template in ${dir} (obkm:configTemplates must name a directory laid out as the pack's repository/conf)`);
    this.name = "TemplateNotFoundError";
  }
}

/** A template with its edits applied: the file as a node receives it. */
export function renderTemplate(dir: string | undefined, file: string, edits: readonly XmlEdit[]): { path: string; content: string } {
  return { path: file, content: applyEdits(file, readTemplate(dir, file), edits) };
}

export function readTemplate(dir: string | undefined, file: string): string {
  const root = dir ?? BUNDLED_TEMPLATES;
  const full = path.join(root, file);
  if (!fs.existsSync(full)) throw new TemplateNotFoundError(file, root);
  return fs.readFileSync(full, "utf8");
}
