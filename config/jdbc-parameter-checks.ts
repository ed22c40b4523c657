// database.urlParameters against the table of the driver versions the engine and driver class may load
// (jdbc-parameters.ts): a parameter the program manages, one that weakens TLS where TLS must hold, and a
// dangerous one are refused; one the driver does not define is warned.
import { isDevStack } from "./stacks";
import { driversOf, JdbcDriver, lookUp, ParameterRule, USUAL_DRIVER_CLASS } from "./jdbc-parameters";
import type { Failed, Parsed } from "./parsed";
import { fullKey, showValue } from "./problems";

const KEY = "database.urlParameters";

/** A percent-escaped text decoded as the drivers decode URL parameters; as given where it holds a malformed escape. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Where a driver defines a parameter, for the messages and the docs. */
export function sourceOf(driver: JdbcDriver, name: string, rule?: ParameterRule): string {
  const s = driver.source;
  return rule?.source
    ? `${s.repo} ${rule.source.tag ?? s.tag} ${rule.source.file}:${rule.source.line}`
    : `${s.repo} ${s.tag} ${s.file}:${s.names[name]}`;
}

export function jdbcParameterFindings(parsed: Parsed, failed: Failed, stack: string): { problems: string[]; warnings: string[] } {
  const none = { problems: [], warnings: [] };
  if (failed("database.type", KEY, "database.driverClassName", "keystores.trust.databaseCa") || !parsed[KEY]) return none;
  const engine = parsed["database.type"];
  if (engine === "oracle") return none; // Oracle's thin URLs take none: database-checks.ts
  const separator = engine === "mssql" ? ";" : "&";
  const pairs = parsed[KEY].split(separator).map((pair) => pair.split("="));
  // A malformed list has its own problem (database-checks.ts urlParameterProblems).
  if (pairs.some((pair) => pair.length < 2 || !pair[0])) return none;

  const driverClass = parsed["database.driverClassName"] || USUAL_DRIVER_CLASS[engine];
  const { drivers, known } = driversOf(engine, driverClass);
  const tlsMustHold = !isDevStack(stack) || parsed["keystores.trust.databaseCa"] !== "";
  const problems: string[] = [];
  const warnings: string[] = [];
  const got = `got ${showValue(parsed[KEY])}`;
  if (!known) {
    warnings.push(
      `${fullKey([KEY])}: database.driverClassName ${driverClass} is none of the drivers obkm knows the parameters of; they were checked against ${drivers.map((d) => d.label).join(" and ")}`,
    );
  }
  for (const [rawName, ...rest] of pairs) {
    const name = decoded(rawName);
    const value = decoded(rest.join("="));
    const shown = `${name}=${value}`;
    const found = drivers.map((driver) => ({ driver, entry: lookUp(driver, name) }));
    // The first rule of any version that may be loaded decides: each is refused whichever version reads it.
    const ruled = found.find((f) => f.entry?.rule && (!f.entry.rule.risky || f.entry.rule.risky.test(value)));
    if (ruled) {
      const { driver, entry } = ruled;
      const rule = entry!.rule!;
      const where = `${driver.label}, ${sourceOf(driver, entry!.name, rule)}`;
      if (rule.kind === "managed") {
        problems.push(
          `${fullKey([KEY])}: ${got}; expected no ${entry!.name}, which the program sets (${rule.why}): set ${rule.key} instead (${where})`,
        );
      } else if (rule.kind === "dangerous") {
        problems.push(`${fullKey([KEY])}: ${got}; expected no ${shown}, a dangerous driver feature (it ${rule.why}) (${where})`);
      } else if (tlsMustHold) {
        problems.push(
          `${fullKey([KEY])}: ${got}; expected no ${shown} (${rule.why}): TLS to the database stays on and verified on a non-dev stack and wherever keystores.trust.databaseCa is set (${where})`,
        );
      }
      continue;
    }
    for (const { driver } of found.filter((f) => !f.entry)) {
      warnings.push(
        `${fullKey([KEY])}: ${name} is not a parameter of ${driver.label} (${driver.source.repo} ${driver.source.tag} ${driver.source.file}), which ignores it`,
      );
    }
  }
  return { problems, warnings };
}
