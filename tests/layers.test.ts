// The project's layers, lowest first, and the rule between them: a file imports only from its own layer or
// those below it. The edit engines know nothing of Open Banking, the config nothing of the plan, the plan
// nothing of Pulumi's resources, the program nothing of the render. An import that runs back up a layer
// fails here, naming both files.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { PROJECT_DIR } from "../project-dir";

/** Each layer by the top-level folders and files it holds, lowest first. */
const LAYERS: string[][] = [
  // Neutral helpers any layer may use: a Java regex engine in JS, whole-file writes, where the project is.
  ["lib", "project-dir.ts"],
  // The generic edit engines for XML and JSON files.
  ["xml", "json"],
  // The OB editor the pods run, and the shape of its edit plan: the engines and nothing else.
  ["editor"],
  ["config"],
  // Pure functions from config to manifests and node files.
  ["plan"],
  ["plan-from-config.ts"],
  // The Pulumi resources, each creating what the plan says.
  ["components"],
  ["api.ts", "program.ts", "index.ts"],
  ["render"],
  ["policy"],
  ["examples"],
  ["scripts"],
];

const layerOf = (file: string): number => LAYERS.findIndex((layer) => layer.includes(file.split("/")[0]));

/** Every TypeScript file of the project outside tests/ (which may import anything), relative, `/`-separated. */
function sources(dir = PROJECT_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith(".") || ["node_modules", "out", "bin", "tests"].includes(entry.name) ? [] : sources(full);
    return entry.name.endsWith(".ts") ? [path.relative(PROJECT_DIR, full).split(path.sep).join("/")] : [];
  });
}

/** The project files a file imports or requires (TypeScript's own scanner), relative to the project. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(PROJECT_DIR, file), "utf8"), true, true);
  return importedFiles
    .filter(({ fileName }) => fileName.startsWith("."))
    .map(({ fileName }) =>
      path
        .relative(PROJECT_DIR, path.resolve(PROJECT_DIR, path.dirname(file), fileName))
        .split(path.sep)
        .join("/"),
    );
}

describe("the layers", () => {
  const files = sources();

  it("hold every source file of the project", () => {
    expect(files.filter((file) => layerOf(file) < 0)).toEqual([]);
    expect(files.length).toBeGreaterThan(100);
  });

  it("are never crossed upwards by an import", () => {
    const upwards = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => layerOf(target) > layerOf(file))
        .map((target) => `${file} (${LAYERS[layerOf(file)].join(", ")}) imports ${target} (${LAYERS[layerOf(target)].join(", ")})`),
    );
    expect(upwards).toEqual([]);
  });

  it("tell an upward import when there is one", () => {
    // The rule itself, on a made-up pair: the config reading the plan.
    expect(layerOf("plan/index.ts")).toBeGreaterThan(layerOf("config/keys.ts"));
    expect(layerOf("lib/java-regex.ts")).toBeLessThan(layerOf("config/rules.ts"));
  });
});
