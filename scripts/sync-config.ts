// npm run sync-config: rewrites the config declarations of Pulumi.yaml, the config table of README.md and
// its list of scenario 4's security caches from config/keys.ts and config/caching.ts. The tests fail until
// they agree.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { SECURITY_CACHES } from "../config/caching";
import { configKeys, declarationOf, KeySpec, keyNames } from "../config/keys";

const root = path.resolve(__dirname, "..");
/** Replaces what stands between a start and an end marker of the README. */
function replaceBlock(readme: string, name: string, content: string): string {
  const startMarker = `<!-- ${name}:start (npm run sync-config) -->`;
  const endMarker = `<!-- ${name}:end -->`;
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(endMarker);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${startMarker} and ${endMarker}`);
  return `${readme.slice(0, start + startMarker.length)}\n${content}\n${readme.slice(end)}`;
}

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

function configTable(): string {
  const rows = keyNames.map((key) => {
    const spec: KeySpec = configKeys[key];
    const shown =
      spec.default === undefined
        ? "*(required)*"
        : Array.isArray(spec.default)
          ? spec.default.map((d) => `\`${d}\``).join(", ") || "`[]`"
          : spec.default === ""
            ? '`""`'
            : `\`${spec.default}\``;
    const type = spec.items ? `array of ${spec.items.type}` : spec.type;
    return `| \`${key}\` | ${type} | ${shown} | ${spec.description.replace(/\|/g, "\\|")} |`;
  });
  return ["| key | type | default | what it sets |", "|---|---|---|---|", ...rows].join("\n");
}

function securityCachesTable(): string {
  const rows = Object.entries(SECURITY_CACHES).map(([cache, why]) => `| \`${cache}\` | ${why} |`);
  return ["| cache | why scenario 4 turns it off |", "|---|---|", ...rows].join("\n");
}

pulumiYaml();
const readmeFile = path.join(root, "README.md");
let readme = fs.readFileSync(readmeFile, "utf8");
readme = replaceBlock(readme, "config-table", configTable());
readme = replaceBlock(readme, "security-caches", securityCachesTable());
fs.writeFileSync(readmeFile, readme);
console.log(`synced ${keyNames.length} config keys into Pulumi.yaml and README.md`);
