// npm run component-schema (its command line: COMPONENT_SCHEMA_LINE below): writes component-package/schema.json, the schema the Pulumi CLI gets from the
// component package (`pulumi package add`), by running the SDK's own analysis here, with no CLI:
// @pulumi/pulumi 3.248.0 provider/experimental/provider.js ComponentProvider.getSchema builds it as
// `new Analyzer(dir, name, packageJSON, componentNames).analyze()` (analyzer.js: the TypeScript program of
// <dir>/tsconfig.json, from package.json's entry, each component's `args` interface its inputs and its
// declared properties its outputs) then `generateSchema(name, version, description, ...)` (schema.js); the
// name, version and components as cmd/run-plugin/run.js gives them: package.json's name and version, and
// the component classes the entry exports (getPulumiComponents). tests/component-schema.test.ts fails until
// the committed file is what this writes now.
import * as fs from "fs";
import * as path from "path";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import { getPulumiComponents } from "@pulumi/pulumi/provider/experimental/provider";
import { generateSchema } from "@pulumi/pulumi/provider/experimental/schema";
import { PROJECT_DIR } from "../project-dir";
import { runAsCli } from "./command";
import { CommandLine, lineCommand } from "./command-line";

export const COMPONENT_PACKAGE = "component-package";
export const SCHEMA_FILE = `${COMPONENT_PACKAGE}/schema.json`;

export function componentSchema(): string {
  const dir = path.join(PROJECT_DIR, COMPONENT_PACKAGE);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  // run-plugin's provider name: the package's name without its scope, other characters than -, _, letters
  // and digits as "-" (obkm has none of either).
  const name = pkg.name.replace(/^@.*?\//, "").replace(/[^-a-zA-Z0-9_]/g, "-");
  const components = getPulumiComponents(require(path.join(dir, "index.ts"))).map((component) => component.name);
  const analyzed = new Analyzer(dir, name, pkg, new Set(components)).analyze();
  const schema = generateSchema(name, pkg.version, pkg.description, analyzed.components, analyzed.typeDefinitions, analyzed.dependencies);
  return `${JSON.stringify(schema, null, 2)}\n`;
}

const COMPONENT_SCHEMA_LINE: CommandLine = {
  name: "component-schema",
  synopsis: "",
  about: `Writes ${SCHEMA_FILE}, the schema the Pulumi CLI gets from the component package, by the Pulumi SDK's own analysis of its entry's KeyManager component, with no CLI. npm run sync-config writes it too.`,
  options: {},
  exits: { 0: "written", 2: "refused: the command takes no arguments" },
  refused: 2,
};

/** `npm run component-schema` as a function (scripts/command.ts). */
export const componentSchemaCommand = lineCommand(COMPONENT_SCHEMA_LINE, (_values, io) => {
  fs.writeFileSync(path.join(PROJECT_DIR, SCHEMA_FILE), componentSchema());
  io.stdout.write(`wrote ${SCHEMA_FILE}\n`);
  return 0;
});

runAsCli(module, componentSchemaCommand);
