// The Key Manager's databases and users must be its own: never one of the engine's system databases, never
// its superuser (config/database-system-names.ts holds each engine's names and how it compares them); and
// its hosts must be ones the engine's JDBC URL can carry (config/database-ipv6.ts).
import { DATABASE_LAYOUTS, DatasourceKey } from "./database-keys";
import { IPV6_IN_URL, isIpv6Address } from "./database-ipv6";
import { ENGINE_NAMES, isReservedUserName, superuserNamed, systemDatabaseNamed } from "./database-system-names";
import { Failed, Parsed } from "./parsed";
import { fullKey, showValue } from "./problems";

export function databaseNameProblems(parsed: Parsed, failed: Failed): string[] {
  if (failed("database.type", "database.layout", "database.provision")) return [];
  const engine = parsed["database.type"];
  const names = ENGINE_NAMES[engine];
  const inUse: readonly DatasourceKey[] = DATABASE_LAYOUTS[parsed["database.layout"]].datasources;
  const problems: string[] = [];
  for (const d of inUse) {
    const key = `database.${d}.name` as const;
    const system = failed(key) ? undefined : systemDatabaseNamed(engine, parsed[key]);
    if (system) {
      problems.push(
        `${fullKey([key])}: got ${showValue(parsed[key])} with database.type ${engine}; expected a database of the Key Manager's own, not ${names.engine}'s system database ${system} (${names.engine}'s own are ${names.systemDatabases.join(", ")}, compared ${names.databaseComparison === "exact" ? "as typed" : "without case"})`,
      );
    }
  }
  // The user each datasource connects as: its own key, else the shared one; each key reported once.
  const userKeys = new Set<"database.username" | `database.${DatasourceKey}.username`>(
    inUse.map((d) => (parsed[`database.${d}.username`] ? (`database.${d}.username` as const) : "database.username")),
  );
  const provisioned = parsed["database.provision"];
  for (const key of [...userKeys].filter((k) => !failed(k))) {
    const user = parsed[key];
    if (!user) continue;
    const superuser = superuserNamed(engine, user);
    const because = superuser
      ? provisioned && engine === "mysql"
        ? `${superuser} is MySQL's superuser, which the MySQL image's entrypoint refuses as MYSQL_USER, so the provisioned database would never start`
        : provisioned && engine === "postgresql"
          ? `${superuser} is PostgreSQL's superuser, the provisioned database's administrator, and the Key Manager would run with every right on the database server`
          : `${superuser} is ${names.engine}'s superuser, and the Key Manager would run with every right on the database server`
      : isReservedUserName(engine, user)
        ? `${names.engine} reserves user names starting with ${names.reservedUserPrefix} and refuses to create one`
        : undefined;
    if (because) {
      problems.push(
        `${fullKey([key])}: got ${showValue(user)} with database.type ${engine}; expected a user of the Key Manager's own, because ${because}`,
      );
    }
  }
  return problems;
}

/** An IPv6 address as the host of an engine whose driver cannot read one in its URL (config/database-ipv6.ts). */
export function databaseHostProblems(parsed: Parsed, failed: Failed): string[] {
  if (failed("database.type", "database.layout", "database.provision") || parsed["database.provision"]) return [];
  const engine = parsed["database.type"];
  const rule = IPV6_IN_URL[engine];
  if (!("refused" in rule)) return [];
  const inUse: readonly DatasourceKey[] = DATABASE_LAYOUTS[parsed["database.layout"]].datasources;
  const keys = ["database.host", ...inUse.map((d) => `database.${d}.host` as const)] as const;
  return keys
    .filter((key) => !failed(key) && isIpv6Address(parsed[key]))
    .map(
      (key) =>
        `${fullKey([key])}: got ${showValue(parsed[key])} with database.type ${engine}; expected a host name or an IPv4 address, because ${rule.refused} (a DNS name that resolves to the IPv6 address works)`,
    );
}
