// Writing a cache file that other processes read at the same time (jest workers, renders side by side):
// written whole under a name of this process's, then renamed over the target, so a reader sees the old
// file, no file, or the new one, never half of one (rename is atomic within a file system).
import * as fs from "fs";
import * as path from "path";

export function writeWhole(file: string, content: string, mode = 0o644): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, content, { mode });
  fs.renameSync(partial, file);
}
