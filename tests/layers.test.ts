// The project's layers, lowest first, and the rule between them: a file imports only from its own layer or
// those below it. The edit engines know nothing of Open Banking, the config nothing of the plan, the plan
// nothing of Pulumi's resources, the program nothing of the render. An import that runs back up a layer
// fails here, naming both files.
import * as path from "path";
import { PROJECT_DIR } from "../project-dir";
import { importsOf, projectTypeScript } from "./helpers/import-graph";

/** Each layer by the top-level folders and files it holds, lowest first. */
const LAYERS: string[][] = [
  // Neutral helpers any layer may use: a Java regex engine in JS, whole-file writes, where the project is.
  ["lib", "project-dir.ts"],
  // The generic edit engines for XML, JSON, Java .properties files and Velocity templates.
  ["xml", "json", "properties", "velocity"],
  // The OB editor the pods run, and the shape of its edit plan: the engines and nothing else.
  ["editor"],
  // The call map: who calls whom in the Open Banking flows, and where the node files hold each URL. Data only.
  ["flows"],
  ["config"],
  // Pure functions from config to manifests and node files.
  ["plan"],
  ["plan-from-config.ts"],
  // The Pulumi resources, each creating what the plan says.
  ["components"],
  // The entries: the package's (api.ts), the program's, and the component package's.
  ["api.ts", "program.ts", "index.ts", "component-package"],
  ["render"],
  ["policy"],
  ["examples"],
  ["scripts"],
];

const layerOf = (file: string): number => LAYERS.findIndex((layer) => layer.includes(file.split("/")[0]));

/** A project file relative to the project, `/`-separated. */
const relative = (file: string) => path.relative(PROJECT_DIR, file).split(path.sep).join("/");

describe("the layers", () => {
  // tests/ may import anything.
  const files = projectTypeScript(PROJECT_DIR, ["tests"]).map(relative);

  it("hold every source file of the project", () => {
    expect(files.filter((file) => layerOf(file) < 0)).toEqual([]);
    expect(files.length).toBeGreaterThan(100);
  });

  it("are never crossed upwards by an import", () => {
    const upwards = files.flatMap((file) =>
      importsOf(path.join(PROJECT_DIR, file))
        .map(relative)
        .filter((target) => layerOf(target) > layerOf(file))
        .map((target) => `${file} (${LAYERS[layerOf(file)].join(", ")}) imports ${target} (${LAYERS[layerOf(target)].join(", ")})`),
    );
    expect(upwards).toEqual([]);
  });

  // The policy pack is published alone (pulumi policy publish packs policy/ and nothing else): it shares
  // nothing with the program but the data sync-config copies into it (tests/policy.test.ts).
  it("keep the policy pack to itself: nothing in policy/ imports from outside it", () => {
    const outside = files
      .filter((file) => file.startsWith("policy/"))
      .flatMap((file) => importsOf(path.join(PROJECT_DIR, file)).map((target) => `${file} imports ${relative(target)}`))
      .filter((line) => !line.split(" imports ")[1].startsWith("policy/"));
    expect(outside).toEqual([]);
    expect(files.filter((file) => file.startsWith("policy/")).length).toBeGreaterThan(1);
  });

  it("tell an upward import when there is one", () => {
    // The rule itself, on a made-up pair: the config reading the plan.
    expect(layerOf("plan/index.ts")).toBeGreaterThan(layerOf("config/keys.ts"));
    expect(layerOf("lib/java-regex.ts")).toBeLessThan(layerOf("config/rules.ts"));
  });
});
