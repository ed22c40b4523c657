// syncedDoc (scripts/doc-blocks.ts) kept across test runs, as renders are (render-cache.ts): each call starts
// Prettier's command, 1.5 to 2 CPU-seconds a page, for pages that change far less often than the tests run.
// A synced page is kept under the key of all that makes it: the page, the blocks written into it, the code
// that writes them and runs Prettier, Prettier's package and its settings for the page's path, Node and the
// run's starting environment; a change of any of them makes it anew.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../project-dir";
import { writeWhole } from "../../lib/write-whole";
import { docBlocks } from "../../scripts/doc-blocks";
import { pruneOldKeys } from "./render-cache";
import { startingEnv } from "./run-tmp";
import { TEST_CACHE_DIR } from "./test-cache";

const PAGES = path.join(TEST_CACHE_DIR, "synced-docs");

/**
 * The files Prettier 3.10.1 reads its settings from for a page, in the page's folder and the project's: the
 * names its config search tries (as its build, node_modules/prettier/index.mjs, lists them), .editorconfig,
 * and .prettierignore, under which it would leave the page as it is. Each may be absent, which the key
 * records too.
 */
const PRETTIER_SETTINGS = [
  ".prettierrc",
  ".prettierrc.json",
  ".prettierrc.yaml",
  ".prettierrc.yml",
  ".prettierrc.json5",
  ".prettierrc.js",
  ".prettierrc.mjs",
  ".prettierrc.cjs",
  ".prettierrc.ts",
  ".prettierrc.mts",
  ".prettierrc.cts",
  ".prettierrc.toml",
  "prettier.config.js",
  "prettier.config.mjs",
  "prettier.config.cjs",
  "prettier.config.ts",
  "prettier.config.mts",
  "prettier.config.cts",
  "package.json",
  "package.yaml",
  ".editorconfig",
];

/** The project files a synced page depends on besides the page, relative and sorted. */
function syncInputs(file: string): string[] {
  // Loaded here only: it loads TypeScript, which a page found in the cache does not need otherwise.
  const { importClosure } = require("./import-graph") as typeof import("./import-graph");
  const code = importClosure([path.join(PROJECT_DIR, "scripts", "doc-blocks.ts")]).map((f) =>
    path.relative(PROJECT_DIR, f).split(path.sep).join("/"),
  );
  const folders = [...new Set([path.posix.dirname(file), "."])];
  const settings = folders.flatMap((folder) => PRETTIER_SETTINGS.map((name) => path.posix.join(folder, name)));
  return [...new Set([...code, ...settings, ".prettierignore", "package-lock.json"])].sort();
}

/** syncedDoc(page, file) from the cache while nothing that makes it has changed; `file` is relative to the project. */
export function cachedSyncedDoc(page: string, file: string, sync: (page: string, file: string) => string): string {
  const { readProjectFile, renderCacheKey } = require("./render-cache-key") as typeof import("./render-cache-key");
  const inputs = renderCacheKey(syncInputs(file), {
    read: (f) => readProjectFile(PROJECT_DIR, f),
    env: startingEnv(),
    nodeVersion: process.version,
  });
  // A folder per key of the code, settings and environment, as render-cache.ts keeps renders; in it, a file
  // per page, blocks and path.
  const dir = path.join(PAGES, inputs);
  const name = createHash("sha256")
    .update(JSON.stringify([file, page, docBlocks(file)]))
    .digest("hex")
    .slice(0, 32);
  const kept = path.join(dir, `${name}.json`);
  if (fs.existsSync(kept)) return JSON.parse(fs.readFileSync(kept, "utf8")) as string;
  const synced = sync(page, path.join(PROJECT_DIR, file));
  // Folders of other keys are of code that has mostly gone: the newest few are kept beside a new one.
  if (!fs.existsSync(dir)) pruneOldKeys(PAGES);
  writeWhole(kept, JSON.stringify(synced));
  return synced;
}
