// The editor as one script for a Node container: ob-edit.ts with its edit engines and their parsers
// (@rgrove/parse-xml, jsonc-parser), bundled by esbuild when the program plans, so the project holds no
// copy of anyone's code and the script always matches the engines the render used. esbuild's output is
// the same for the same sources and version, so the ConfigMap changes only when the editor does.
//
// Bundling starts esbuild's own process, a tenth of a second or more on every `pulumi preview`; the
// bundle is kept under node_modules/.cache with the list of the files it was built from and a hash of
// their content, and used again while every one of them is unchanged. It sits beside the packages it is
// built from, with the same trust: never in a shared temporary directory, since it runs in the pods.
import { createHash } from "crypto";
import type { BuildOptions, Metafile } from "esbuild";
import * as fs from "fs";
import * as path from "path";
import { writeWhole } from "../lib/write-whole";

const ROOT = path.resolve(__dirname, "..");
/** The editor's source, the one file esbuild starts from; what it imports is followed from there. */
export const EDITOR_ENTRY = path.join(__dirname, "ob-edit.ts");
const CACHE = path.join(ROOT, "node_modules", ".cache", "obkm", "ob-edit.json");

interface CacheEntry {
  inputs: string[];
  fingerprint: string;
  bundle: string;
}

/** The build's options, but for the paths of this checkout; part of the fingerprint. */
const OPTIONS = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // jsonc-parser's UMD build loads its parts with a require esbuild cannot follow; its ES module build
  // imports them, so the bundle holds them all.
  mainFields: ["module", "main"],
  minify: true,
  // The licences of the bundled packages stay with their code.
  legalComments: "inline",
} as const satisfies BuildOptions;

/** esbuild's version, read without loading esbuild, which only a build needs. */
const esbuildVersion = () => (JSON.parse(fs.readFileSync(require.resolve("esbuild/package.json"), "utf8")) as { version: string }).version;

/**
 * What decides the bundle's bytes: esbuild's version, the options it builds with, and every input's path and
 * content.
 */
function fingerprint(inputs: readonly string[]): string | undefined {
  const hash = createHash("sha256").update(esbuildVersion()).update("\0").update(JSON.stringify(OPTIONS));
  for (const input of inputs) {
    const file = path.join(ROOT, input);
    if (!fs.existsSync(file)) return undefined;
    hash.update("\0").update(input).update("\0").update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

function fromCache(cacheFile: string): string | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as CacheEntry;
    return entry.fingerprint === fingerprint(entry.inputs) ? entry.bundle : undefined;
  } catch {
    return undefined; // none yet, or unreadable: bundled anew
  }
}

function build(cacheFile: string): string {
  const { buildSync } = require("esbuild") as typeof import("esbuild");
  const options = {
    ...OPTIONS,
    mainFields: [...OPTIONS.mainFields],
    entryPoints: [EDITOR_ENTRY],
    absWorkingDir: ROOT,
    metafile: true,
    write: false,
    logLevel: "silent",
  } satisfies BuildOptions;
  const result = buildSync(options);
  const bundle = result.outputFiles[0].text;
  const inputs = Object.keys((result.metafile as Metafile).inputs).sort();
  const print = fingerprint(inputs);
  if (print) {
    try {
      writeWhole(cacheFile, JSON.stringify({ inputs, fingerprint: print, bundle } satisfies CacheEntry));
    } catch {
      // A read-only checkout: bundled again next time.
    }
  }
  return bundle;
}

/** The bundle from `cacheFile` while its inputs are unchanged; otherwise built, and kept there. */
export function cachedBundle(cacheFile: string): string {
  return fromCache(cacheFile) ?? build(cacheFile);
}

let bundled: string | undefined;

export function editorBundle(): string {
  bundled ??= cachedBundle(CACHE);
  return bundled;
}
