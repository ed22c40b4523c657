// The provisioned PostgreSQL's roles: an administrator of its own, the image's superuser, and the KM's users
// (each datasource's username), which log in, own their databases and have no other right on the server.
// The official image makes POSTGRES_USER the cluster's superuser (docker-library/postgres, 16/bookworm/
// docker-entrypoint.sh at commit 32b6fcdda7f52830f42dd695e2dc2f739581756b, the 16.6 image: line 92
// `initdb --username="$POSTGRES_USER" --pwfile=<(... "$POSTGRES_PASSWORD")`), so POSTGRES_USER is the
// administrator and the KM's users are made by the init script below, as MySQL's image makes MYSQL_USER beside
// root. The API Manager shares these databases and users, so it gets no superuser either.
import { DatasourceKey } from "../../config/database-keys";
import { ENGINE_NAMES } from "../../config/database-system-names";
import { ObkmConfig } from "../../config/load";

/**
 * The administrator: the name PostgreSQL's own tools and the image default to, and one the loader refuses as
 * a KM user (config/database-system-names.ts), so the two can never be the same role.
 */
export const POSTGRESQL_ADMIN = ENGINE_NAMES.postgresql.superusers[0];

/** The database initdb creates for an administrator to connect to (src/bin/initdb/initdb.c, make_postgres). */
export const MAINTENANCE_DATABASE = "postgres";

export interface ApplicationUser {
  username: string;
  /** The key of the credentials Secret that holds its password: its first datasource's. */
  passwordKey: `${DatasourceKey}-password`;
  /** The environment variable the init script and the schema job read that password from. */
  passwordEnv: string;
  /** Its databases, each once, in the layout's order. */
  databases: string[];
}

/**
 * Each user the layout's datasources log in as, once, with its databases. A provisioned database has one
 * (database-checks.ts refuses a datasource's own user or password there), but nothing here relies on it.
 */
export function applicationUsers(config: ObkmConfig): ApplicationUser[] {
  const users = new Map<string, ApplicationUser>();
  for (const key of config.database.inUse) {
    const { username, database } = config.database.datasources[key];
    const user = users.get(username) ?? {
      username,
      passwordKey: `${key}-password` as const,
      passwordEnv: `DB_PASSWORD_${key.toUpperCase()}`,
      databases: [],
    };
    if (!user.databases.includes(database)) user.databases.push(database);
    users.set(username, user);
  }
  return [...users.values()];
}

/** The user a datasource logs in as. */
export function applicationUserOf(config: ObkmConfig, key: DatasourceKey): ApplicationUser {
  return applicationUsers(config).find((u) => u.username === config.database.datasources[key].username)!;
}

/** psql's variable `password`, from $OBKM_PASSWORD by the shell's own printf: on no command line. */
const PASSWORD_FROM_ENV = String.raw`\set password ` + "`printf '%s' \"$OBKM_PASSWORD\"`";

/**
 * What makes a user and one of its databases, as psql reads it from its input with the variables `user` and
 * `database` set and the password in $OBKM_PASSWORD. Every name and the password reach the SQL through psql's
 * own quoting (:"user" an identifier, :'password' a literal), never through the shell. Each step checks first,
 * so the same text runs on an empty server (the init script) and on one that has it all (the schema job).
 * The password comes through psql's backquotes from the environment: `\getenv` would do it, but only from
 * psql 15, and database.provisionImage may name an older image; printf is the shell's own, so the password is
 * on no command line. An existing user keeps its password and is made no more than a login again, whatever
 * was granted it since (docs/design.md, "A dev stack's own database", says how a stack provisioned by an
 * earlier release, whose KM user was the superuser, moves to this).
 */
export const ENSURE_USER_SQL = [
  String.raw`\set ON_ERROR_STOP on`,
  PASSWORD_FROM_ENV,
  String.raw`SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') AS obkm_create_user \gset`,
  String.raw`\if :obkm_create_user`,
  `CREATE ROLE :"user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';`,
  String.raw`\else`,
  `ALTER ROLE :"user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;`,
  String.raw`\endif`,
  String.raw`SELECT NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') AS obkm_create_database \gset`,
  String.raw`\if :obkm_create_database`,
  `CREATE DATABASE :"database" OWNER :"user";`,
  // Only its owner (and the administrator) connects: no other role on the server reads the KM's data.
  `REVOKE ALL ON DATABASE :"database" FROM PUBLIC;`,
  String.raw`\endif`,
].join("\n");

/**
 * Shell lines that make each user and its databases with `psql`, whose connection (host, administrator and
 * its password) `connect` gives, the passwords in the variables `applicationUsers` names.
 */
export function ensureUsersShell(config: ObkmConfig, connect: string): string[] {
  return [
    "ensure_user() {",
    '  OBKM_PASSWORD="$3" ' + `${connect} -d ${MAINTENANCE_DATABASE} -q --no-psqlrc -v user="$1" -v database="$2" <<'SQL'`,
    ENSURE_USER_SQL,
    "SQL",
    "}",
    ...applicationUsers(config).flatMap((u) => [
      `: "\${${u.passwordEnv}:?obkm: no password for the database user ${u.username} in ${u.passwordEnv}}"`,
      // The names are letters, digits and '_' (database-keys.ts); quoted all the same.
      ...u.databases.map((db) => `ensure_user '${u.username}' '${db}' "$${u.passwordEnv}"`),
    ]),
  ];
}

/**
 * The init script the image runs on its first start (the entrypoint's docker_process_init_files runs an
 * executable *.sh of /docker-entrypoint-initdb.d, and sources one that is not: 16/bookworm/
 * docker-entrypoint.sh lines 169-177 at the commit above). Executable, so it runs in a process of its own
 * and its `set -eu` stays out of the entrypoint. It connects as the entrypoint's own psql does, over the
 * socket as POSTGRES_USER, with PGPASSWORD, which the entrypoint exports (line 328).
 */
export function initScript(config: ObkmConfig): string {
  return [
    "#!/bin/sh",
    "# Rendered by obkm: makes the KM's database users, each a login with no other right on the server,",
    `# and the databases each owns. The image runs it once, on an empty data directory, as ${POSTGRESQL_ADMIN}.`,
    "set -eu",
    ...ensureUsersShell(config, 'psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER"'),
    "",
  ].join("\n");
}

/** The role that renames the KM's user while it moves: a session cannot rename its own user. */
const MOVING_ROLE = "obkm_moving_to_administrator";

/**
 * Gives a database and what its schema public holds (tables, views, sequences, functions: what the pack's
 * scripts create) from :"old" to :"user". REASSIGN OWNED cannot: it refuses the objects of the bootstrap
 * superuser, which the database system needs (postgres/postgres src/backend/catalog/pg_shdepend.c,
 * shdepReassignOwned). A sequence that belongs to a column moves with its table.
 */
export const MOVE_OWNERSHIP_SQL = [
  String.raw`\set ON_ERROR_STOP on`,
  `ALTER DATABASE :"database" OWNER TO :"user";`,
  `REVOKE ALL ON DATABASE :"database" FROM PUBLIC;`,
  String.raw`SELECT format('ALTER TABLE %s OWNER TO %I', c.oid::regclass, :'user') FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relowner = :'old'::regrole \gexec`,
  String.raw`SELECT format('ALTER SEQUENCE %s OWNER TO %I', c.oid::regclass, :'user') FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' AND c.relowner = :'old'::regrole AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')) \gexec`,
  String.raw`SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, :'user') FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proowner = :'old'::regrole \gexec`,
].join("\n");

/**
 * Moves a server an earlier release provisioned, whose bootstrap superuser is the KM's user (it was
 * POSTGRES_USER), to the shape `initScript` gives a new one: that role becomes the administrator, with the
 * administrator's password, and the KM's user is made anew as a login with no other right that owns its
 * databases and their objects. Renamed rather than demoted: from PostgreSQL 16 AlterRole refuses to take
 * SUPERUSER from the bootstrap superuser (postgres/postgres commit e530be2c5ce77475d56ccf8f4e0c4872b666ad5f,
 * src/backend/commands/user.c: "The bootstrap user must have the SUPERUSER attribute"), and where an older
 * server allows it, the demoted role still owns the system catalogs and could make itself superuser again
 * (the commit's message). Run by hand inside the database's pod, over the socket, which the
 * image trusts (its initdb gets no --auth-local: src/bin/initdb/initdb.c, check_authmethod_unspecified), with
 * the server's environment: POSTGRES_PASSWORD and the users' passwords (docs/design.md, "A dev stack's own
 * database").
 */
export function moveToAdministratorScript(config: ObkmConfig): string {
  const users = applicationUsers(config);
  // The earlier release's POSTGRES_USER: the layout's first datasource's user.
  const old = users[0].username;
  const admin = POSTGRESQL_ADMIN;
  return [
    "#!/bin/sh",
    `# Rendered by obkm: moves a PostgreSQL an earlier release provisioned, whose superuser is the KM's user ${old},`,
    `# to an administrator of its own, ${admin}. Run once, inside the database's pod, after a pulumi up of this release.`,
    "set -eu",
    ': "${POSTGRES_PASSWORD:?obkm: no administrator password in POSTGRES_PASSWORD: pulumi up this release first}"',
    `if [ "$(psql -q --no-psqlrc -U '${old}' -d ${MAINTENANCE_DATABASE} -tAc "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")" != t ]; then`,
    `  echo "obkm: ${old} is not the superuser here; nothing to move" >&2`,
    "  exit 1",
    "fi",
    `psql -v ON_ERROR_STOP=1 -q --no-psqlrc -U '${old}' -d ${MAINTENANCE_DATABASE} -v moving='${MOVING_ROLE}' <<'SQL'`,
    `CREATE ROLE :"moving" SUPERUSER LOGIN;`,
    "SQL",
    `OBKM_PASSWORD="$POSTGRES_PASSWORD" psql -v ON_ERROR_STOP=1 -q --no-psqlrc -U '${MOVING_ROLE}' -d ${MAINTENANCE_DATABASE} -v old='${old}' -v admin='${admin}' <<'SQL'`,
    PASSWORD_FROM_ENV,
    `ALTER ROLE :"old" RENAME TO :"admin";`,
    `ALTER ROLE :"admin" PASSWORD :'password';`,
    "SQL",
    `echo "obkm: ${old} is now ${admin}, the administrator"`,
    ...ensureUsersShell(config, `psql -v ON_ERROR_STOP=1 -U '${admin}'`),
    ...users.flatMap((u) =>
      u.databases.flatMap((db) => [
        `psql -q --no-psqlrc -U '${admin}' -d '${db}' -v old='${admin}' -v user='${u.username}' -v database='${db}' <<'SQL'`,
        MOVE_OWNERSHIP_SQL,
        "SQL",
        `echo "obkm: ${db} and its objects are ${u.username}'s"`,
      ]),
    ),
    `psql -v ON_ERROR_STOP=1 -q --no-psqlrc -U '${admin}' -d ${MAINTENANCE_DATABASE} -v moving='${MOVING_ROLE}' <<'SQL'`,
    `DROP ROLE :"moving";`,
    "SQL",
    `echo "obkm: done: ${users.map((u) => u.username).join(", ")} log in with no other right; ${admin} administers the server"`,
    "",
  ].join("\n");
}
