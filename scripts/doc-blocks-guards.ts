// The blocks of docs/configuration.md that state the guards of issue 24 from the tables the checks read:
// the paths an extra public path must stay out of (config/ingress-paths.ts) and the addresses that are not
// public (config/trusted-proxies.ts).
import { CONSOLE_PATHS, INTERNAL_PATHS, TENANT_PATH } from "../config/ingress-paths";
import { ADDRESS_SPACE, NON_PUBLIC_RANGES } from "../config/trusted-proxies";

function guardedPathsTable(): string {
  const rows = [
    ...CONSOLE_PATHS.map((p) => `| \`${p}\` | the console's: refused at or under it, whose allowlist a longer public path would bypass |`),
    ...INTERNAL_PATHS.map((i) => `| \`${i.path}\` | ${i.why}: refused at, above or under it |`),
    `| \`${TENANT_PATH}\` | Carbon's tenant URLs, \`/t/<domain>/...\`, which reach every webapp under another name: refused at, above or under it |`,
  ];
  return ["| path | why an extra public path must stay out of it |", "|---|---|", ...rows].join("\n");
}

function nonPublicRangesTable(): string {
  const rows = NON_PUBLIC_RANGES.map((r) => `| \`${r.range}\` | ${r.what} |`);
  return [
    `Public: ${ADDRESS_SPACE.map((r) => `\`${r}\``).join(" and ")}, less these ranges:`,
    "",
    "| range | what it is |",
    "|---|---|",
    ...rows,
  ].join("\n");
}

/** Each block by the name of its markers, as scripts/doc-blocks.ts writes them. */
export function guardDocBlocks(): Record<string, string> {
  return { "guarded-paths": guardedPathsTable(), "non-public-ranges": nonPublicRangesTable() };
}
