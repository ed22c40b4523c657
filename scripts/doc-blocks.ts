// The parts of docs/configuration.md that npm run sync-config writes from the program's own tables: the config keys
// (config/keys.ts), the caching scenarios (config/caching-scenarios.ts) and scenario 4's security caches
// (config/caching.ts). tests/project-files.test.ts holds the page to them.
import { spawnSync } from "child_process";
import { SECURITY_CACHES } from "../config/caching";
import { scenario, scenarioColumns, SCENARIO_NUMBERS } from "../config/caching-scenarios";
import { configKeys, KeySpec, keyNames } from "../config/keys";
import { apimChecklist, callMapTable } from "./doc-blocks-calls";
import { guardDocBlocks } from "./doc-blocks-guards";

/** The configuration page, which holds most generated blocks, relative to the project. */
export const DOC_FILE = "docs/configuration.md";
/** The design page, which holds the call map's table. */
export const DESIGN_FILE = "docs/design.md";
/** The Open Banking page, which holds the API Manager's checklist. */
export const OPEN_BANKING_FILE = "docs/open-banking.md";
/** Every page with generated blocks. */
export const DOC_FILES = [DOC_FILE, DESIGN_FILE, OPEN_BANKING_FILE];

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

function scenarioTable(): string {
  const rows = SCENARIO_NUMBERS.map((n) => {
    const s = scenario(n);
    const c = scenarioColumns(s);
    const marks = [...(configKeys["caching.scenario"].default === n ? ["default"] : []), ...(s.recommended ? ["recommended"] : [])];
    const name = `${s.summary}${marks.length ? ` (**${marks.join(", ")}**)` : ""}`;
    return `| ${n} | ${name} | ${c.local} | ${c.distributed} | ${c.clustering} | ${c.invalidation} |`;
  });
  const header = "| # | scenario | local caching | distributed caching | Hazelcast clustering | distributed invalidation |";
  return [header, "|---|---|---|---|---|---|", ...rows].join("\n");
}

function securityCachesTable(): string {
  const rows = Object.entries(SECURITY_CACHES).map(([cache, why]) => `| \`${cache}\` | ${why} |`);
  return ["| cache | why scenario 4 turns it off |", "|---|---|", ...rows].join("\n");
}

/** Each block by the name of its markers (`<!-- NAME:start (npm run sync-config) -->` ... `<!-- NAME:end -->`). */
export function docBlocks(file: string = DOC_FILE): Record<string, string> {
  if (file === DESIGN_FILE) return { "who-calls-whom": callMapTable() };
  if (file === OPEN_BANKING_FILE) return { "apim-checklist": apimChecklist() };
  return { "config-table": configTable(), scenarios: scenarioTable(), "security-caches": securityCachesTable(), ...guardDocBlocks() };
}

const startMarker = (name: string) => `<!-- ${name}:start (npm run sync-config) -->`;
const endMarker = (name: string) => `<!-- ${name}:end -->`;

/** What a page holds between a block's markers; undefined where it lacks them. */
export function docBlock(page: string, name: string): string | undefined {
  const start = page.indexOf(startMarker(name));
  const end = page.indexOf(endMarker(name));
  return start < 0 || end < start ? undefined : page.slice(start + startMarker(name).length, end).trim();
}

/** The page with a block's content replaced. */
export function replaceBlock(page: string, name: string, content: string): string {
  const start = page.indexOf(startMarker(name));
  const end = page.indexOf(endMarker(name));
  if (start < 0 || end < start) throw new Error(`the page needs the markers ${startMarker(name)} and ${endMarker(name)}`);
  return `${page.slice(0, start + startMarker(name).length)}\n${content}\n${page.slice(end)}`;
}

/**
 * The page with every block written anew, then formatted by Prettier with the project's settings, as
 * `npm run lint` checks it: what npm run sync-config writes, and what the page must already be.
 */
export function syncedDoc(page: string, file: string): string {
  let text = page;
  const relative = DOC_FILES.find((f) => file.split("\\").join("/").endsWith(f)) ?? DOC_FILE;
  for (const [name, content] of Object.entries(docBlocks(relative))) text = replaceBlock(text, name, content);
  // Prettier's own command, reading the text on stdin as if it were `file` (its settings, its parser): its
  // API loads its plugins by dynamic import, which jest's module system does not run.
  const cli = require.resolve("prettier/bin/prettier.cjs");
  const run = spawnSync(process.execPath, [cli, "--stdin-filepath", file], { input: text, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`prettier: ${run.stderr}`);
  return run.stdout;
}
