// npm run sync-config: rewrites the config declarations of Pulumi.yaml and the config table of README.md
// from config/keys.ts, the one table of keys. tests/project-files.test.ts fails until they agree.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { configKeys, KeySpec, keyNames } from "../config/keys";

const root = path.resolve(__dirname, "..");
const TABLE_START = "<!-- config-table:start (npm run sync-config) -->";
const TABLE_END = "<!-- config-table:end -->";

function pulumiYaml(): void {
  const file = path.join(root, "Pulumi.yaml");
  const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"));
  const declarations = Object.fromEntries(
    keyNames.map((key) => {
      const spec: KeySpec = configKeys[key];
      return [key, { type: spec.type, description: spec.description, ...(spec.default === undefined ? {} : { default: spec.default }) }];
    }),
  );
  doc.set("config", doc.createNode(declarations));
  fs.writeFileSync(file, doc.toString({ lineWidth: 0 }));
}

function readmeTable(): void {
  const file = path.join(root, "README.md");
  const readme = fs.readFileSync(file, "utf8");
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${TABLE_START} and ${TABLE_END}`);
  const rows = keyNames.map((key) => {
    const spec: KeySpec = configKeys[key];
    const shown = spec.default === undefined ? "*(required)*" : spec.default === "" ? '`""`' : `\`${spec.default}\``;
    return `| \`${key}\` | ${spec.type} | ${shown} | ${spec.description.replace(/\|/g, "\\|")} |`;
  });
  const table = ["| key | type | default | what it sets |", "|---|---|---|---|", ...rows].join("\n");
  fs.writeFileSync(file, `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`);
}

pulumiYaml();
readmeTable();
console.log(`synced ${keyNames.length} config keys into Pulumi.yaml and README.md`);
