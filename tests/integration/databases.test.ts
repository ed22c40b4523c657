// The scripts that touch the databases, run against real servers from Debian's packages (MariaDB for MySQL,
// PostgreSQL), the suite's own, which its globalSetup starts (tests/integration/servers/): the provisioned
// database's init SQL and schema job, for both layouts, and the nodes' wait for their databases. The
// dbscripts are small fixtures of ours (tests/fixtures/dbscripts); the pack's own come from the KM image.
import { spawnSync } from "child_process";
import * as path from "path";
import { plannedOf } from "../helpers/plan";
import { MARIADB_ROOT_PASSWORD } from "./servers/mariadb";
import { clientEnv, mysql, psql, servers } from "./servers/servers";

const FIXTURE_SCRIPTS = path.join(__dirname, "..", "fixtures", "dbscripts");
/** Each layout's databases, the first the one the image creates itself (config/database-keys.ts DATABASE_LAYOUTS). */
const LAYOUTS = {
  openBanking: ["am", "common", "ob"],
  clustering: ["um", "am", "config", "reg", "ob"],
} as const;
type Layout = keyof typeof LAYOUTS;
/** Names of the suite's own, so that a developer's databases on the same server are never touched. */
const namesWith = (prefix: string, layout: Layout) => LAYOUTS[layout].map((d) => `database.${d}.name=${prefix}${d}`);
/** A table each database has once its scripts ran (the fixtures create one of each). */
const MARKERS: Record<string, string> = {
  am: "IDN_OAUTH_CONSUMER_APPS",
  ob: "UK_ACCOUNT_INITIATION",
  common: "UM_USER",
  um: "UM_USER",
  config: "REG_RESOURCE",
  reg: "REG_RESOURCE",
};

/**
 * Runs a script of the program's, killed after `seconds`: a synchronous child blocks the worker, so jest's own
 * timeout (120 s, jest.integration.config.js) could not stop it, and only this bound can.
 */
const sh = (script: string, env: Record<string, string>, seconds = 60) => {
  // The servers' ports as the clients' defaults: the scripts name a host and no port, as in the cluster.
  const run = spawnSync("/bin/sh", ["-c", script], {
    env: { PATH: process.env.PATH, ...clientEnv(), ...env },
    encoding: "utf8",
    timeout: seconds * 1000,
  });
  if (run.error) throw new Error(`${run.error.message} (the script ran longer than ${seconds}s):\n${run.stdout}${run.stderr}`);
  if (run.status !== 0) throw new Error(`exit ${run.status}:\n${run.stdout}${run.stderr}`);
  return run.stdout;
};

/** The provisioned database's init SQL and schema job of a dev stack, with the fixture dbscripts in place. */
function provisioned(engine: "mysql" | "postgresql", user: string, layout: Layout, prefix: string) {
  const { plan } = plannedOf(
    [`database.type=${engine}`, `database.username=${user}`, `database.layout=${layout}`, ...namesWith(prefix, layout)],
    "dev",
  );
  const data = plan.database!.initConfigMap.data as Record<string, string>;
  return { initSql: data["create-databases.sql"], job: data["create-schemas.sh"].split("/dbscripts/").join(`${FIXTURE_SCRIPTS}/`) };
}

describe.each(Object.keys(LAYOUTS) as Layout[])("on MariaDB (MySQL's protocol and SQL), database.layout %s", (layout) => {
  const admin = (sql: string) => mysql(["-N", "-e", sql]);
  const prefix = `obkm_it_${layout === "openBanking" ? "ob" : "cl"}_`;
  const databases = LAYOUTS[layout];
  const { initSql, job } = provisioned("mysql", "obkm_it_km", layout, prefix);

  beforeAll(() => {
    // What the mysql image does with MYSQL_USER, MYSQL_PASSWORD and MYSQL_DATABASE on its first start.
    admin(
      [
        ...databases.map((d) => `DROP DATABASE IF EXISTS ${prefix}${d};`),
        "DROP USER IF EXISTS 'obkm_it_km'@'%';",
        "CREATE USER 'obkm_it_km'@'%' IDENTIFIED BY 'km-Password-1';",
        `CREATE DATABASE ${prefix}${databases[0]};`,
        `GRANT ALL PRIVILEGES ON ${prefix}${databases[0]}.* TO 'obkm_it_km'@'%';`,
      ].join(" "),
    );
  });

  it("runs the init SQL, which creates the layout's other databases for the KM's user", () => {
    mysql([], { input: initSql });
    expect(admin(`SHOW DATABASES LIKE '${prefix}%';`).trim().split("\n").sort()).toEqual(databases.map((d) => `${prefix}${d}`).sort());
  });

  it("creates every database's tables once with the schema job, which the KM's user can then use", () => {
    const env = { DB_HOST: "127.0.0.1", DB_USER: "obkm_it_km", MYSQL_PWD: MARIADB_ROOT_PASSWORD };
    const first = sh(job, env);
    for (const d of databases) {
      expect(first).toContain(`obkm: created the tables of ${prefix}${d}`);
      expect(admin(`SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='${prefix}${d}' AND table_name='${MARKERS[d]}';`).trim()).toBe(
        "1",
      );
    }
    const again = sh(job, env);
    for (const d of databases) expect(again).toContain(`obkm: ${prefix}${d} has its tables already`);
    const registry = layout === "openBanking" ? "common" : "reg";
    const asKm = mysql(["-N", "-e", `SELECT COUNT(*) FROM ${prefix}am.AM_SUBSCRIBER; SELECT COUNT(*) FROM ${prefix}${registry}.REG_RESOURCE;`], {
      user: "obkm_it_km",
      password: "km-Password-1",
    });
    expect(asKm.trim().split("\n")).toEqual(["0", "0"]);
  });

  it("creates a database the server lacks, as after a change of layout on an existing dev database", () => {
    // The init SQL ran on the first start only; a database the layout adds later exists only once the Job runs.
    const added = `${prefix}${databases[databases.length - 1]}`;
    admin(`DROP DATABASE ${added};`);
    const out = sh(job, { DB_HOST: "127.0.0.1", DB_USER: "obkm_it_km", MYSQL_PWD: MARIADB_ROOT_PASSWORD });
    expect(out).toContain(`obkm: created the tables of ${added}`);
    expect(admin(`SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='${added}';`).trim()).not.toBe("0");
  });
});

const pgAdmin = (sql: string, database = "postgres") => psql(["-d", database, "-tAc", sql]);
/** The tests' own clean-up: a DROP ... IF EXISTS of nothing is no news. */
const pgClean = (sql: string) => psql(["-d", "postgres", "-tAc", sql], { quiet: true });

/** Drops a role of the suite's and every database it owns (a run of another layout, or an earlier one, left them). */
function pgDropRole(quoted: string) {
  const owned = pgAdmin(`SELECT datname FROM pg_database d JOIN pg_roles r ON d.datdba = r.oid WHERE r.rolname = '${quoted.replace(/"/g, "")}'`);
  for (const name of owned.trim().split("\n").filter(Boolean)) pgAdmin(`DROP DATABASE "${name}"`);
  pgClean(`DROP ROLE IF EXISTS ${quoted}`);
}

describe.each(Object.keys(LAYOUTS) as Layout[])("on PostgreSQL, database.layout %s", (layout) => {
  const prefix = `obkm_it_${layout === "openBanking" ? "ob" : "cl"}_`;
  const databases = LAYOUTS[layout];
  const { initSql, job } = provisioned("postgresql", "obkm_it_km", layout, prefix);

  beforeAll(() => {
    // What the postgres image does with POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB on its first start.
    for (const d of databases) pgClean(`DROP DATABASE IF EXISTS ${prefix}${d}`);
    pgDropRole("obkm_it_km");
    pgAdmin("CREATE ROLE obkm_it_km LOGIN SUPERUSER PASSWORD 'km-Password-1'");
    pgAdmin(`CREATE DATABASE ${prefix}${databases[0]} OWNER obkm_it_km`);
  });

  it("runs the init SQL as the KM's user, as the image runs its init scripts, creating the layout's other databases", () => {
    psql(["-d", `${prefix}${databases[0]}`, "-q"], { user: "obkm_it_km", password: "km-Password-1", input: initSql });
    const owned = pgAdmin(`SELECT datname || ' ' || pg_get_userbyid(datdba) FROM pg_database WHERE datname LIKE '${prefix}%' ORDER BY datname`);
    expect(owned.trim().split("\n")).toEqual(databases.map((d) => `${prefix}${d} obkm_it_km`).sort());
  });

  it("creates every database's tables once with the schema job, as the KM's user", () => {
    const env = { DB_HOST: "127.0.0.1", DB_USER: "obkm_it_km", DB_PRIMARY: `${prefix}${databases[0]}`, PGPASSWORD: "km-Password-1" };
    const first = sh(job, env);
    for (const d of databases) {
      expect(first).toContain(`obkm: created the tables of ${prefix}${d}`);
      const table = MARKERS[d].toLowerCase();
      expect(pgAdmin(`SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '${table}'`, `${prefix}${d}`).trim()).toBe("1");
    }
    const again = sh(job, env);
    for (const d of databases) expect(again).toContain(`obkm: ${prefix}${d} has its tables already`);
    // A database the server lacks (a layout changed on an existing dev database) is created, then filled.
    const added = `${prefix}${databases[databases.length - 1]}`;
    pgAdmin(`DROP DATABASE ${added}`);
    expect(sh(job, env)).toContain(`obkm: created the tables of ${added}`);
    expect(pgAdmin(`SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '${added}'`).trim()).toBe("obkm_it_km");
  });
});

describe("PostgreSQL's names", () => {
  it("folds an unquoted name to lower case, which is why the loader keeps PostgreSQL's names lower case", () => {
    pgClean("DROP DATABASE IF EXISTS obkm_it_folded");
    pgAdmin("CREATE DATABASE obkm_it_Folded");
    expect(pgAdmin("SELECT datname FROM pg_database WHERE lower(datname) = 'obkm_it_folded'").trim()).toBe("obkm_it_folded");
    pgAdmin("DROP DATABASE obkm_it_folded");
    expect(() => plannedOf(["database.type=postgresql", "database.am.name=obkm_AM"], "dev")).toThrow(
      'obkm:database.am.name: got "obkm_AM" with database.type postgresql; expected lower case',
    );
  });

  it("creates the databases for a user whose name PostgreSQL reserves, since the init SQL quotes names", () => {
    const databases = LAYOUTS.openBanking;
    for (const d of databases) pgClean(`DROP DATABASE IF EXISTS obkm_itr_${d}`);
    pgDropRole('"user"');
    pgAdmin(`CREATE ROLE "user" LOGIN SUPERUSER PASSWORD 'km-Password-2'`);
    pgAdmin(`CREATE DATABASE obkm_itr_${databases[0]} OWNER "user"`);
    psql(["-d", `obkm_itr_${databases[0]}`, "-q"], {
      user: "user",
      password: "km-Password-2",
      input: provisioned("postgresql", "user", "openBanking", "obkm_itr_").initSql,
    });
    const owners = pgAdmin("SELECT DISTINCT pg_get_userbyid(datdba) FROM pg_database WHERE datname LIKE 'obkm_itr_%'");
    expect(owners.trim()).toBe("user");
    for (const d of databases) pgAdmin(`DROP DATABASE obkm_itr_${d}`);
    pgAdmin('DROP ROLE "user"');
  });
});

describe("a node's wait for its databases", () => {
  it("goes on as soon as each server of the stack accepts connections", () => {
    const { mariadb, postgresql } = servers();
    for (const [engine, port] of [
      ["mysql", mariadb.port],
      ["postgresql", postgresql.port],
    ] as const) {
      // The shortest wait the loader allows (the default is 300 s), so that a server that went away fails
      // this test in seconds rather than outlasting the test's timeout.
      // The prod stack's URL parameters are pgjdbc's (sslmode): none for the other engine, whose driver would
      // read sslmode as its own sslMode with a value it does not have.
      const sets = [
        `database.type=${engine}`,
        "database.host=127.0.0.1",
        `database.port=${port}`,
        "database.waitSeconds=10",
        ...(engine === "mysql" ? ["database.urlParameters="] : []),
      ];
      const script = (plannedOf(sets, "prod").plan.nodeFilesConfigMap.data as Record<string, string>)["bin__wait-for-database.sh"];
      expect(sh(script, {}, 30)).toContain(`obkm: the database at 127.0.0.1:${port} answers`);
    }
  });

  it("waits for a server that does not answer, saying so, and gives up after database.waitSeconds", () => {
    // Port 9 (discard) is closed on a test machine.
    const { plan } = plannedOf(["database.host=127.0.0.1", "database.port=9", "database.waitSeconds=10"], "prod");
    const script = (plan.nodeFilesConfigMap.data as Record<string, string>)["bin__wait-for-database.sh"];
    expect(() => sh(script, {}, 30)).toThrow(/obkm: waiting for the database at 127.0.0.1:9 \(0 of 10s\)[\s\S]*did not answer in 10s; giving up/);
  });
});
