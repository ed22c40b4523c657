// The project's TypeScript as a graph: which files there are, and which project files each imports, read
// with TypeScript's own scanner (import, export ... from, import(), require(), type-only ones too) and
// resolved as Node and the TypeScript transform resolve them, the package's own name ("obkm") to its entry.
// Other packages are left out: the lockfile holds them.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../project-dir";
import { writeWhole } from "../../lib/write-whole";
import { TEST_CACHE_DIR } from "./test-cache";

const CODE = [".ts", ".js", ".json"];

/** Every TypeScript file under `dir` (the project by default), but what npm installs, a render writes, or `skip` names. */
export function projectTypeScript(dir = PROJECT_DIR, skip: readonly string[] = []): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name.startsWith(".") || ["node_modules", "out", "bin", ...skip].includes(entry.name) ? [] : projectTypeScript(full, skip);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** The project file a relative import names. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, ...CODE.map((ext) => base + ext), ...CODE.map((ext) => path.join(base, `index${ext}`))];
  return candidates.find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
}

/** The package's own name and the file it resolves to (package.json `exports`, as tsconfig.json's `paths` maps it). */
const PACKAGE = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as { name: string; exports: { ".": { types: string } } };

/**
 * The module names a text imports, as TypeScript's scanner reads them (preProcessFile with imports and
 * JavaScript's requires), kept in this clone's test cache by the text's SHA-256 under TypeScript's version: the
 * scan is a function of the text alone. Loading TypeScript cost each process that follows the graph about 0.45
 * CPU s, for some 250 scans of a few milliseconds in all: jest's global set-up keyed the renders and the
 * verdicts in 690 ms of CPU, 175 with the scans kept; tests/layers.test.ts took 0.48 CPU s, 0.06 with them,
 * plan-test-map.test.ts 0.66 and 0.17 (interleaved, 2026-12-03, load 7). At
 * most 4,000 texts are kept, the oldest out first; a process writes the file only when it scanned something.
 */
const TS_VERSION = (JSON.parse(fs.readFileSync(require.resolve("typescript/package.json"), "utf8")) as { version: string }).version;
export const SCANS_FILE = path.join(TEST_CACHE_DIR, "imports", `typescript-${TS_VERSION}.json`);
const SCANS_KEPT = 4000;
let scans: Map<string, readonly string[]> | undefined;

function scansKept(): Map<string, readonly string[]> {
  if (!scans) {
    try {
      scans = new Map(Object.entries(JSON.parse(fs.readFileSync(SCANS_FILE, "utf8")) as Record<string, string[]>));
    } catch {
      scans = new Map(); // none yet, or unreadable: each text is scanned afresh
    }
  }
  return scans;
}

function importedNames(text: string): readonly string[] {
  const key = createHash("sha256").update(text).digest("hex");
  const kept = scansKept();
  const known = kept.get(key);
  if (known) return known;
  // Loaded only for a text not scanned before.
  const ts = require("typescript") as typeof import("typescript");
  const names = ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => fileName);
  kept.set(key, names);
  while (kept.size > SCANS_KEPT) kept.delete(kept.keys().next().value as string);
  scanned = true;
  return names;
}

let scanned = false;

/** Writes the scans kept, with those this process made since it last wrote. */
function keepScans(): void {
  if (!scanned) return;
  writeWhole(SCANS_FILE, JSON.stringify(Object.fromEntries(scansKept())));
  scanned = false;
}

/** The project files `file` imports or requires; an import that names no file is an error, never left out. */
export function importsOf(file: string): string[] {
  try {
    return importsOfUnkept(file);
  } finally {
    keepScans();
  }
}

function importsOfUnkept(file: string): string[] {
  if (file.endsWith(".json")) return [];
  return importedNames(fs.readFileSync(file, "utf8"))
    .filter((fileName) => fileName.startsWith(".") || fileName === PACKAGE.name)
    .map((fileName) => {
      const target = fileName === PACKAGE.name ? path.join(PROJECT_DIR, PACKAGE.exports["."].types) : resolveImport(file, fileName);
      if (!target) throw new Error(`${file}: cannot resolve the import ${fileName}`);
      return target;
    });
}

/** Every project file reachable by imports from `entries`, the entries among them. */
export function importClosure(entries: string[]): string[] {
  const seen = new Set<string>();
  const pending = [...entries];
  try {
    while (pending.length) {
      const file = pending.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      pending.push(...importsOfUnkept(file));
    }
  } finally {
    keepScans();
  }
  return [...seen];
}
