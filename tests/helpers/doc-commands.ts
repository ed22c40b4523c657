// Where the project writes the commands a user types, for the tests that hold each command to what runs it
// (tests/command-lines.test.ts: `npm run NAME -- ...`; tests/docs-config-commands.test.ts: `pulumi config
// set`): the front page, the contributors' page, the docs pages and the workflows.
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../project-dir";

/** The files, relative to the project. */
export const COMMAND_DOC_FILES: readonly string[] = [
  "README.md",
  "CONTRIBUTING.md",
  ...fs.readdirSync(path.join(PROJECT_DIR, "docs")).map((f) => `docs/${f}`),
  ...fs.readdirSync(path.join(PROJECT_DIR, ".github", "workflows")).map((f) => `.github/workflows/${f}`),
];

/** A shell command's words: blanks separate them, quotes hold them together; a $VARIABLE stays as written. */
export function shellWords(args: string): string[] {
  return [...args.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}
