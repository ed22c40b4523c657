// A readable unified diff of two renders: every file of either tree, in a stable order.
import { createTwoFilesPatch } from "diff";
import * as fs from "fs";
import * as path from "path";

export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!fs.existsSync(dir)) return files;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, full).split(path.sep).join("/")] = fs.readFileSync(full, "utf8");
    }
  }
  return files;
}

/** The unified diff of each file that differs (added and removed files against nothing); empty when equal. */
export function diffTrees(base: Record<string, string>, head: Record<string, string>): string {
  const paths = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort();
  return paths
    .filter((p) => base[p] !== head[p])
    .map((p) =>
      createTwoFilesPatch(
        p in base ? `a/${p}` : "/dev/null",
        p in head ? `b/${p}` : "/dev/null",
        base[p] ?? "",
        head[p] ?? "",
        undefined,
        undefined,
        { context: 3 },
      ),
    )
    .map((patch) => patch.replace(/^=+\n/, ""))
    .join("");
}
