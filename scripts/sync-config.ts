// npm run sync-config (its command line: SYNC_CONFIG_LINE below): rewrites the config declarations of Pulumi.yaml from config/keys.ts, docs/configuration.md's
// generated blocks (scripts/doc-blocks.ts) and the settings interface of library users
// (config/settings.generated.ts, scripts/settings-interface.ts), then the component package's schema
// (component-package/schema.json, scripts/component-schema.ts), which the settings interface shapes, and the policy
// pack's copy of the stack kinds (policy/stack-kinds.json: the pack is a package of its own, published alone, and
// imports nothing from here). The tests fail until they agree.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { configKeys, declarationOf, KeySpec, keyNames } from "../config/keys";
import { DOC_FILES, syncedDoc } from "./doc-blocks";
import { SETTINGS_FILE, settingsInterface } from "./settings-interface";
import { componentSchema, SCHEMA_FILE } from "./component-schema";
import { runAsCli } from "./command";
import { CommandLine, lineCommand } from "./command-line";

const SYNC_CONFIG_LINE: CommandLine = {
  name: "sync-config",
  synopsis: "",
  about:
    "Writes what follows from config/keys.ts and the project's other tables: Pulumi.yaml's config declarations, the generated blocks of docs/configuration.md, docs/design.md and docs/open-banking.md, config/settings.generated.ts, component-package/schema.json and policy/stack-kinds.json. The tests fail until they agree.",
  options: {},
  exits: { 0: "written", 2: "refused: the command takes no arguments" },
  refused: 2,
};

const root = path.resolve(__dirname, "..");

/** The stack kinds, and the policy pack's copy of them, byte for byte (tests/policy.test.ts holds it current). */
const STACK_KINDS = { source: "config/stack-kinds.json", copy: "policy/stack-kinds.json" };
function pulumiYaml(): void {
  const file = path.join(root, "Pulumi.yaml");
  const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"));
  const declarations = Object.fromEntries(
    keyNames.map((key) => {
      const spec: KeySpec = configKeys[key];
      const { type, items, default: value } = declarationOf(spec);
      return [key, { type, ...(items ? { items } : {}), description: spec.description, ...(value === undefined ? {} : { default: value }) }];
    }),
  );
  doc.set("config", doc.createNode(declarations));
  fs.writeFileSync(file, doc.toString({ lineWidth: 0 }));
}

/** `npm run sync-config` as a function (scripts/command.ts). */
export const syncConfigCommand = lineCommand(SYNC_CONFIG_LINE, (_values, io) => {
  pulumiYaml();
  for (const file of DOC_FILES) {
    const docFile = path.join(root, file);
    fs.writeFileSync(docFile, syncedDoc(fs.readFileSync(docFile, "utf8"), docFile));
  }
  fs.writeFileSync(path.join(root, SETTINGS_FILE), settingsInterface());
  fs.copyFileSync(path.join(root, STACK_KINDS.source), path.join(root, STACK_KINDS.copy));
  // After the interface is written: the analysis reads it from disk.
  fs.writeFileSync(path.join(root, SCHEMA_FILE), componentSchema());
  io.stdout.write(
    `synced ${keyNames.length} config keys into Pulumi.yaml, ${DOC_FILES.join(", ")}, ${SETTINGS_FILE} and ${SCHEMA_FILE}; ${STACK_KINDS.source} into ${STACK_KINDS.copy}\n`,
  );
  return 0;
});

runAsCli(module, syncConfigCommand);
