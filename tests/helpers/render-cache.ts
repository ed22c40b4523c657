// Renders shared across test files: many files render the same stack (the dev stack as it stands, above
// all), each in its own jest worker. A render is kept under the key of everything it depends on
// (render-cache-key.ts), in a folder of that key, and what it was asked for (a stack and its --set
// overrides) names the file in it: a change of code, template, stack file, package, Node or environment
// leads to another folder, and never to an old render. Each call parses its own copy, so a test may change
// what it gets.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../project-dir";
import type { Rendered } from "../../render/render";
import { writeWhole } from "../../lib/write-whole";
import { RENDER_CACHE_ENV } from "./render-server-env";
import { TEST_CACHE_DIR } from "./test-cache";

const RENDERS = path.join(TEST_CACHE_DIR, "renders");

/** The folder of renders for the sources and environment as they are now. */
export function keyedRendersDir(projectDir: string): string {
  // Loaded here, not at the top: it follows the imports (and loads TypeScript for a file it has not scanned
  // before), which a jest worker need not do when the global set-up has worked the folder out (see rendersDir).
  const { readProjectFile, renderCacheKey, renderDependencies } = require("./render-cache-key") as typeof import("./render-cache-key");
  const key = renderCacheKey(renderDependencies(projectDir), {
    read: (file) => readProjectFile(projectDir, file),
    env: process.env,
    nodeVersion: process.version,
  });
  return path.join(RENDERS, key);
}

let keyed: { projectDir: string; dir: string } | undefined;

/**
 * This process's folder of renders, worked out once: the sources do not change during a test run. Under
 * jest, global-setup.ts has worked it out for the run, in the environment the render server renders in.
 */
function rendersDir(projectDir: string): string {
  const forRun = process.env[RENDER_CACHE_ENV];
  if (forRun && projectDir === PROJECT_DIR) return forRun;
  if (keyed?.projectDir !== projectDir) keyed = { projectDir, dir: keyedRendersDir(projectDir) };
  return keyed.dir;
}

/**
 * Folders of other keys hold renders of sources or environments that have mostly gone: when a new key's
 * first render is kept, all but the newest few are removed (a few, since `npm test` and `npx jest` differ
 * in npm's variables and so in their keys). `root` holds one folder per key.
 */
const KEPT_KEYS = 4;
export function pruneOldKeys(root = RENDERS): void {
  const dirs = (fs.existsSync(root) ? fs.readdirSync(root) : []).map((entry) => path.join(root, entry));
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

/** The file that keeps what `request` asked for, in this run's folder. */
function fileFor(dir: string, request: unknown): string {
  return path.join(dir, `${createHash("sha256").update(JSON.stringify(request)).digest("hex").slice(0, 32)}.json`);
}

function keep(dir: string, file: string, value: unknown): void {
  if (!fs.existsSync(dir)) pruneOldKeys();
  writeWhole(file, JSON.stringify(value));
}

/** The render asked for by `request` from the cache, or made by `make` and kept. */
export async function cachedRender(projectDir: string, request: unknown, make: () => Promise<Rendered>): Promise<Rendered> {
  const dir = rendersDir(projectDir);
  const file = fileFor(dir, request);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as Rendered;
  const rendered = await make();
  keep(dir, file, rendered);
  return JSON.parse(JSON.stringify(rendered)) as Rendered;
}

/**
 * A stack's config with --set overrides (render/stack-config.ts) from the cache, or read by `read` and kept:
 * reading it merges all of Pulumi.yaml, tens of milliseconds a call, and the pure plan's tests ask for
 * hundreds. The cache's key holds that code, Pulumi.yaml and the stack files (render-cache-key.ts).
 */
export function cachedStackConfig<T>(projectDir: string, stack: string, sets: string[], read: () => T): T {
  const dir = rendersDir(projectDir);
  const file = fileFor(dir, { stackConfig: { stack, sets } });
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  const config = read();
  keep(dir, file, config);
  return JSON.parse(JSON.stringify(config)) as T;
}
