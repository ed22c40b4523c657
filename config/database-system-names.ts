// The names each database engine keeps for itself: its system databases, which the Key Manager must never
// use as its own (the provisioned database's schema job would grant the KM's user MySQL's grant tables on
// `mysql`), and its superusers, which must never be the KM's user. One table per engine; the loader's check
// and the docs read it.
//
// Sources:
//   - MySQL: the schemas a server creates for itself, mysql, information_schema, performance_schema and sys
//     (MySQL 8.0 Reference Manual, "MySQL Server Administration", chapter 5.3 "The mysql System Schema",
//     chapter 28 INFORMATION_SCHEMA, 29 Performance Schema, 30 sys Schema). Whether a database name is
//     compared with case depends on the server's lower_case_table_names (1 on Windows, 2 on macOS, a common
//     setting on managed servers) and INFORMATION_SCHEMA is compared without case on every server, so the
//     names are refused in any case. The superuser root: the MySQL image's entrypoint refuses MYSQL_USER=root
//     (docker-library/mysql docker-entrypoint.sh, docker_verify_minimum_env: `if [ "$MYSQL_USER" = 'root' ]`
//     ... "cannot be used for the root user"), an exact comparison, as MySQL compares user names.
//   - PostgreSQL: initdb creates template1, template0 (make_template0) and postgres (make_postgres) in
//     src/bin/initdb/initdb.c; role names starting with pg_ are reserved (src/backend/commands/user.c
//     CreateRole: IsReservedName, "Role names starting with \"pg_\" are reserved."), and postgres is the
//     bootstrap superuser of the official image, which the provisioned database makes its administrator
//     (plan/database/postgresql-users.ts reads the name from here). The keys already require lower case for PostgreSQL
//     (database-checks.ts: unquoted names fold to lower case), so the comparison is exact.
//   - SQL Server: the system databases master, model, msdb and tempdb (Microsoft Learn, "System databases"),
//     the superuser login sa; names compared without case, as the default server collation
//     (SQL_Latin1_General_CP1_CI_AS) compares them.
//   - Oracle: the database key names a service, and the identifier rule of the keys (letters, digits, '_')
//     already refuses CDB$ROOT; the superusers SYS and SYSTEM, compared without case, as Oracle folds an
//     unquoted name to upper case.
import type { DatabaseEngine } from "./types";

type Comparison = "exact" | "without case";

export interface EngineNames {
  /** The engine's name in messages. */
  engine: string;
  systemDatabases: readonly string[];
  /** How the engine compares database names: as typed, or without case. */
  databaseComparison: Comparison;
  superusers: readonly string[];
  /** User names that start with this are the engine's own. */
  reservedUserPrefix?: string;
  userComparison: Comparison;
}

export const ENGINE_NAMES: Record<DatabaseEngine, EngineNames> = {
  mysql: {
    engine: "MySQL",
    systemDatabases: ["mysql", "information_schema", "performance_schema", "sys"],
    databaseComparison: "without case",
    superusers: ["root"],
    userComparison: "exact",
  },
  postgresql: {
    engine: "PostgreSQL",
    systemDatabases: ["postgres", "template0", "template1"],
    databaseComparison: "exact",
    superusers: ["postgres"],
    reservedUserPrefix: "pg_",
    userComparison: "exact",
  },
  mssql: {
    engine: "SQL Server",
    systemDatabases: ["master", "model", "msdb", "tempdb"],
    databaseComparison: "without case",
    superusers: ["sa"],
    userComparison: "without case",
  },
  oracle: {
    engine: "Oracle",
    systemDatabases: [],
    databaseComparison: "without case",
    superusers: ["sys", "system"],
    userComparison: "without case",
  },
};

function same(comparison: Comparison, a: string, b: string): boolean {
  return comparison === "exact" ? a === b : a.toLowerCase() === b.toLowerCase();
}

/** The engine's system database this name is, if it is one. */
export function systemDatabaseNamed(engine: DatabaseEngine, name: string): string | undefined {
  const names = ENGINE_NAMES[engine];
  return names.systemDatabases.find((system) => same(names.databaseComparison, system, name));
}

/** The engine's superuser this name is, if it is one. */
export function superuserNamed(engine: DatabaseEngine, name: string): string | undefined {
  const names = ENGINE_NAMES[engine];
  return names.superusers.find((su) => same(names.userComparison, su, name));
}

/** True when the engine keeps names that start like this one for itself (CREATE ROLE refuses them). */
export function isReservedUserName(engine: DatabaseEngine, name: string): boolean {
  const prefix = ENGINE_NAMES[engine].reservedUserPrefix;
  return prefix !== undefined && same(ENGINE_NAMES[engine].userComparison, name.slice(0, prefix.length), prefix);
}
