// Renders shared across test files: many files render the same stack (the dev stack as it stands, above
// all), each in its own jest worker. A render is kept under the key of everything it depends on
// (render-cache-key.ts), in a folder of that key, and its input names the file in it: a change of code,
// template, package, Node or environment leads to another folder, and never to an old render. Each call
// parses its own copy, so a test may change what it gets.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { Rendered } from "../../render/render";
import { writeWhole } from "../../lib/write-whole";
import { readProjectFile, renderCacheKey, renderDependencies } from "./render-cache-key";
import { TEST_CACHE_DIR } from "./test-cache";

const RENDERS = path.join(TEST_CACHE_DIR, "renders");

let keyed: { projectDir: string; dir: string } | undefined;

/** This process's folder of renders, worked out once: the sources do not change during a test run. */
function rendersDir(projectDir: string): string {
  if (keyed?.projectDir !== projectDir) {
    const key = renderCacheKey(renderDependencies(projectDir), {
      read: (file) => readProjectFile(projectDir, file),
      env: process.env,
      nodeVersion: process.version,
    });
    keyed = { projectDir, dir: path.join(RENDERS, key) };
  }
  return keyed.dir;
}

/**
 * Folders of other keys hold renders of sources or environments that have mostly gone: when a new key's
 * first render is kept, all but the newest few are removed (a few, since `npm test` and `npx jest` differ
 * in npm's variables and so in their keys).
 */
const KEPT_KEYS = 4;
function pruneOldKeys(): void {
  const dirs = (fs.existsSync(RENDERS) ? fs.readdirSync(RENDERS) : []).map((entry) => path.join(RENDERS, entry));
  // Another worker may be pruning too: a folder gone meanwhile is simply passed over.
  const aged = dirs.flatMap((dir) => {
    try {
      return [{ dir, mtime: fs.statSync(dir).mtimeMs }];
    } catch {
      return [];
    }
  });
  const newestFirst = aged.sort((a, b) => b.mtime - a.mtime);
  for (const { dir } of newestFirst.slice(KEPT_KEYS - 1)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The render for `input` from the cache, or made by `make` and kept. */
export async function cachedRender(projectDir: string, input: unknown, make: () => Promise<Rendered>): Promise<Rendered> {
  const dir = rendersDir(projectDir);
  const file = path.join(dir, `${createHash("sha256").update(JSON.stringify(input)).digest("hex").slice(0, 32)}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as Rendered;
  const rendered = await make();
  if (!fs.existsSync(dir)) pruneOldKeys();
  writeWhole(file, JSON.stringify(rendered));
  return JSON.parse(JSON.stringify(rendered)) as Rendered;
}
