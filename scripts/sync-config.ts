// npm run sync-config: rewrites the config declarations of Pulumi.yaml from config/keys.ts, the README's
// generated blocks (scripts/readme-blocks.ts) and the settings interface of library users
// (config/settings.generated.ts, scripts/settings-interface.ts). The tests fail until they agree.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { configKeys, declarationOf, KeySpec, keyNames } from "../config/keys";
import { syncedReadme } from "./readme-blocks";
import { SETTINGS_FILE, settingsInterface } from "./settings-interface";

const root = path.resolve(__dirname, "..");
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

pulumiYaml();
const readmeFile = path.join(root, "README.md");
fs.writeFileSync(readmeFile, syncedReadme(fs.readFileSync(readmeFile, "utf8"), readmeFile));
fs.writeFileSync(path.join(root, SETTINGS_FILE), settingsInterface());
console.log(`synced ${keyNames.length} config keys into Pulumi.yaml, README.md and ${SETTINGS_FILE}`);
