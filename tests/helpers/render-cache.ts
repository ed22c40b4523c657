// Renders shared across test files: many files render the same stack (the dev stack as it stands, above
// all), each in its own jest worker. A render is kept on disk under a key of its whole input and of every
// file that can change its output (the project's sources, templates and lockfile), so a change of code
// never meets an old render. Each call parses its own copy, so a test may change what it gets.
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Rendered } from "../../render/render";
import { writeWhole } from "../../render/write-whole";

const SOURCES = [
  "api.ts",
  "program.ts",
  "index.ts",
  "Pulumi.yaml",
  "package-lock.json",
  "config",
  "plan",
  "xml",
  "json",
  "editor",
  "components",
  "render",
  "config-templates",
];

function filesUnder(root: string, entry: string): string[] {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs.readdirSync(full).flatMap((child) => filesUnder(root, path.join(entry, child)));
}

let sourceHash: string | undefined;

function sourcesHash(projectDir: string): string {
  if (!sourceHash) {
    const hash = createHash("sha256");
    for (const file of SOURCES.flatMap((entry) => filesUnder(projectDir, entry)).sort())
      hash
        .update(file)
        .update("\0")
        .update(fs.readFileSync(path.join(projectDir, file)))
        .update("\0");
    sourceHash = hash.digest("hex").slice(0, 16);
  }
  return sourceHash;
}

/** The render for `input` from the cache, or made by `make` and kept. */
export async function cachedRender(projectDir: string, input: unknown, make: () => Promise<Rendered>): Promise<Rendered> {
  const dir = path.join(os.tmpdir(), "obkm-test-renders", sourcesHash(projectDir));
  const file = path.join(dir, `${createHash("sha256").update(JSON.stringify(input)).digest("hex").slice(0, 24)}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as Rendered;
  const rendered = await make();
  writeWhole(file, JSON.stringify(rendered));
  return JSON.parse(JSON.stringify(rendered)) as Rendered;
}
