// A project of a test's own: some of this project's files copied into a temporary folder, beside this
// project's packages (a link, so that node resolves the SDK and the swc hook's cache is this project's too).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../../project-dir";

/** A new folder holding `files` (paths relative to the project) and a link to node_modules. */
export function projectCopy(prefix: string, files: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(dir, file));
  }
  fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}
