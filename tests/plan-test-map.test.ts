// Where a maintainer finds the unit tests of a plan module: every module of plan/ with something to run
// has exactly one block `describe("plan/<path>.ts", ...)`, in a test file that imports the module itself,
// and CONTRIBUTING.md's map names that file. A module of types only (nothing survives its transpilation)
// has nothing to run and no block.
import * as fs from "fs";
import * as path from "path";
import { transformSync } from "@swc/core";
import { PROJECT_DIR } from "../project-dir";
import { importsOf, projectTypeScript } from "./helpers/import-graph";

// The transform's options, kept in the plain JavaScript of the require hook (untyped to tsc).
const { options: SWC_OPTIONS } = require("../scripts/ts-register.js") as { options: import("@swc/core").Options };

const relative = (file: string) => path.relative(PROJECT_DIR, file).split(path.sep).join("/");

/**
 * True when the module exports a value: its JavaScript, as the project's own transform writes it (swc with
 * scripts/ts-register.js's options, as the tests and the commands run it), defines an export besides the ES
 * module marker. swc 1.13 defines one export with `Object.defineProperty(exports, "name", ...)` and several
 * with its `_export(exports, {...})` helper; a module of types only keeps the marker alone. (TypeScript's
 * transpileModule, which read the same 71 modules alike when this moved to swc, cost eight times as much.)
 */
function exportsValues(file: string): boolean {
  const js = transformSync(fs.readFileSync(file, "utf8"), { ...SWC_OPTIONS, filename: file }).code;
  return /^_export\(exports, \{|^Object\.defineProperty\(exports, "(?!__esModule)/m.test(js);
}

const modules = projectTypeScript(path.join(PROJECT_DIR, "plan")).map(relative).sort();
const testFiles = projectTypeScript(path.join(PROJECT_DIR, "tests"))
  .filter((file) => file.endsWith(".test.ts"))
  .map(relative)
  .sort();

/** Each `describe("plan/...ts"` block, by module, with the test files it stands in. */
const blocks = new Map<string, string[]>();
for (const file of testFiles) {
  const text = fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");
  for (const [, module] of text.matchAll(/^describe\(\s*"(plan\/[^"]+\.ts)"/gm)) blocks.set(module, [...(blocks.get(module) ?? []), file]);
}

/** CONTRIBUTING.md's map: the rows of the table under "Where each plan module is tested". */
function contributingMap(): Map<string, string> {
  const page = fs.readFileSync(path.join(PROJECT_DIR, "CONTRIBUTING.md"), "utf8");
  const section = page.split(/^## Where each plan module is tested$/m)[1]?.split(/^## /m)[0] ?? "";
  const rows = [...section.matchAll(/^\|\s*`(plan\/[^`]+)`\s*\|\s*`(tests\/[^`]+)`\s*\|$/gm)];
  return new Map(rows.map(([, module, file]) => [module, file]));
}

const testable = modules.filter((module) => exportsValues(path.join(PROJECT_DIR, module)));

describe("the plan modules' unit tests", () => {
  it("finds the modules and the blocks it checks (a scan that finds nothing proves nothing)", () => {
    expect(testable.length).toBeGreaterThan(40);
    expect(modules.filter((m) => !testable.includes(m))).toContain("plan/types.ts");
  });

  it.each(testable)("%s has exactly one block of unit tests", (module) => {
    expect({ module, files: blocks.get(module) ?? [] }).toEqual({ module, files: [expect.any(String)] });
  });

  it.each(testable)("%s is imported by the test file that holds its block", (module) => {
    const [file] = blocks.get(module) ?? [];
    expect(file).toBeDefined();
    expect(importsOf(path.join(PROJECT_DIR, file)).map(relative)).toContain(module);
  });

  it("has no block for a module that is not there", () => {
    expect([...blocks.keys()].filter((module) => !modules.includes(module))).toEqual([]);
  });

  it("is mapped in CONTRIBUTING.md, module by module, to the file that holds its block", () => {
    const expected = new Map(testable.map((module) => [module, (blocks.get(module) ?? [])[0]]));
    expect(Object.fromEntries(contributingMap())).toEqual(Object.fromEntries(expected));
  });
});
