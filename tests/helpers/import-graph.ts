// The project's TypeScript as a graph: which files there are, and which project files each imports, read
// with TypeScript's own scanner (import, export ... from, import(), require(), type-only ones too) and
// resolved as Node and the TypeScript transform resolve them, the package's own name ("obkm") to its entry.
// Other packages are left out: the lockfile holds them.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { PROJECT_DIR } from "../../project-dir";

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

/** The project files `file` imports or requires; an import that names no file is an error, never left out. */
export function importsOf(file: string): string[] {
  if (file.endsWith(".json")) return [];
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
  return importedFiles
    .filter(({ fileName }) => fileName.startsWith(".") || fileName === PACKAGE.name)
    .map(({ fileName }) => {
      const target = fileName === PACKAGE.name ? path.join(PROJECT_DIR, PACKAGE.exports["."].types) : resolveImport(file, fileName);
      if (!target) throw new Error(`${file}: cannot resolve the import ${fileName}`);
      return target;
    });
}

/** Every project file reachable by imports from `entries`, the entries among them. */
export function importClosure(entries: string[]): string[] {
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    pending.push(...importsOf(file));
  }
  return [...seen];
}
