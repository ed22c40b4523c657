// The blocks of docs/configuration.md that state the guards of issue 24 from the tables the checks read:
// the paths an extra public path must stay out of (config/ingress-paths.ts) and the addresses that are not
// public (config/public-addresses.ts), and per JDBC driver the URL parameters that are not safe
// (config/jdbc-parameters.ts).
import { CONSOLE_PATHS, INTERNAL_PATHS, TENANT_PATH } from "../config/ingress-paths";
import { sourceOf } from "../config/jdbc-parameter-checks";
import { JDBC_DRIVERS } from "../config/jdbc-parameters";
import { ADDRESS_BLOCKS } from "../config/public-addresses";

function guardedPathsTable(): string {
  const rows = [
    ...CONSOLE_PATHS.map((p) => `| \`${p}\` | the console's: refused at or under it, whose allowlist a longer public path would bypass |`),
    ...INTERNAL_PATHS.map((i) => `| \`${i.path}\` | ${i.why}: refused at, above or under it |`),
    `| \`${TENANT_PATH}\` | Carbon's tenant URLs, \`/t/<domain>/...\`, which reach every webapp under another name: refused at, above or under it |`,
  ];
  return ["| path | why an extra public path must stay out of it |", "|---|---|", ...rows].join("\n");
}

function nonPublicRangesTable(): string {
  const rows = ADDRESS_BLOCKS.map((b) => `| \`${b.range}\` | ${b.globallyReachable ? "yes" : "no"} | ${b.what} |`);
  return [
    "An address is public when the most specific range below that holds it is globally reachable:",
    "",
    "| range | globally reachable | what it is |",
    "|---|---|---|",
    ...rows,
  ].join("\n");
}

const KIND_WORDS = {
  managed: "managed: refused, set",
  tls: "TLS-weakening: refused on a non-dev stack or with keystores.trust.databaseCa",
  dangerous: "dangerous: refused",
};

/** One table per driver family and major version: each parameter that is not safe, then the names of the safe ones. */
function jdbcParametersTables(): string {
  return JDBC_DRIVERS.map((driver) => {
    const rows = Object.entries(driver.rules).map(([name, rule]) => {
      const verdict = rule.kind === "managed" ? `${KIND_WORDS.managed} ${rule.key}` : KIND_WORDS[rule.kind];
      // `<datasource>` would be read as an HTML tag.
      return `| \`${name}\` | ${rule.risky?.values ?? "any"} | ${verdict.replace(/</g, "&lt;")} | ${rule.why} | ${sourceOf(driver, name, rule)} |`;
    });
    const safe = Object.keys(driver.source.names).filter((n) => !(n in driver.rules));
    return [
      `**${driver.label}** (${driver.classes.map((c) => `\`${c}\``).join(", ")}; names as ${driver.source.repo} ${driver.source.tag} \`${driver.source.file}\` defines them${driver.anyCase ? ", any case" : ""}):`,
      "",
      "| parameter | values | what the program does | why | defined at |",
      "|---|---|---|---|---|",
      ...rows,
      "",
      `Safe, accepted as given (${safe.length}): ${safe.map((n) => `\`${n}\``).join(", ")}.`,
    ].join("\n");
  }).join("\n\n");
}

/** Each block by the name of its markers, as scripts/doc-blocks.ts writes them. */
export function guardDocBlocks(): Record<string, string> {
  return { "guarded-paths": guardedPathsTable(), "non-public-ranges": nonPublicRangesTable(), "jdbc-parameters": jdbcParametersTables() };
}
