// The scripts that touch the databases, run against real servers from Debian's packages (MariaDB for MySQL,
// PostgreSQL), the suite's own, which its globalSetup starts (tests/integration/servers/): the provisioned
// database's init SQL and schema job, for both layouts, and the nodes' wait for their databases. The
// dbscripts are small fixtures of ours (tests/fixtures/dbscripts); the pack's own come from the KM image.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { plannedOf } from "../helpers/plan";
import { MARIADB_ROOT_PASSWORD } from "./servers/mariadb";
import { POSTGRESQL_ADMIN } from "../../plan/database/postgresql-users";
import { freePorts } from "./servers/lifecycle";
import { startPostgresql, stopPostgresql } from "./servers/postgresql";
import { giveTo, serverUser } from "./servers/run";
import { clientEnv, mysql, psql, servers } from "./servers/servers";
import { busyboxBin } from "./busybox";

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

/**
 * A PostgreSQL cluster of this file's own, made as the postgres image makes one on its first start: initdb
 * with POSTGRES_USER, the image's administrator, as the bootstrap superuser and POSTGRES_PASSWORD as its
 * password (docker-library/postgres 16/bookworm/docker-entrypoint.sh at 32b6fcdda7f5, line 92), password
 * authentication for every connection (line 257 appends `host all all all <password_encryption>`).
 */
const ADMIN = { user: POSTGRESQL_ADMIN, password: "Admin-Pw-1" };
/** Quotes of both kinds, a backslash, '$' and ';': the init script hands them to PostgreSQL as they are. */
const KM_PASSWORD = `km 'Pw' "$HOME" \\; 1`;
const fresh = { dir: "", port: 0 };

beforeAll(async () => {
  const user = serverUser();
  fresh.dir = fs.mkdtempSync(path.join(servers().dir, "fresh-postgresql-"));
  giveTo(user, fresh.dir);
  [fresh.port] = await freePorts(1);
  await startPostgresql(fresh.dir, fresh.port, user, { admin: ADMIN });
}, 90_000);

afterAll(async () => {
  if (fresh.port) await stopPostgresql(fresh.dir, serverUser());
}, 60_000);

/** psql to the fresh cluster (or another of this file's), as its administrator unless told; `sql`, or a file of it. */
function freshPsql(
  sql: string,
  options: { database?: string; user?: string; password?: string; cluster?: typeof fresh; file?: string } = {},
): string {
  const cluster = options.cluster ?? fresh;
  const what = options.file ? ["-f", options.file] : ["-tAc", sql];
  const args = [
    "-h",
    "127.0.0.1",
    "-p",
    String(cluster.port),
    "-U",
    options.user ?? ADMIN.user,
    "-d",
    options.database ?? "postgres",
    "-v",
    "ON_ERROR_STOP=1",
    "-q",
    ...what,
  ];
  const run = spawnSync("psql", args, {
    env: { PATH: process.env.PATH, PGPASSWORD: options.password ?? ADMIN.password, PGCONNECT_TIMEOUT: "5" },
    encoding: "utf8",
    timeout: 60000,
  });
  if (run.status !== 0) throw new Error(`psql exited ${run.status}: ${run.stderr.trim()}`);
  return run.stdout.trim();
}

/**
 * A container's environment as Kubernetes gives it: each value as written, each secretKeyRef from the
 * credentials Secret, here the administrator's password and the KM user's.
 */
function containerEnv(container: { env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { key: string } } }> }) {
  const secret = (key: string) => (key === "database-root-password" ? ADMIN.password : KM_PASSWORD);
  return Object.fromEntries(
    (container.env ?? []).map((e) => [e.name, e.valueFrom?.secretKeyRef ? secret(e.valueFrom.secretKeyRef.key) : e.value!]),
  ) as Record<string, string>;
}

/** The provisioned PostgreSQL of a dev stack: its init script and schema job, each with the environment its container has. */
function provisionedPostgresql(user: string, layout: Layout, prefix: string, cluster = fresh) {
  const { plan } = plannedOf(
    ["database.type=postgresql", `database.username=${user}`, `database.layout=${layout}`, ...namesWith(prefix, layout)],
    "dev",
  );
  const database = plan.database!;
  const data = database.initConfigMap.data as Record<string, string>;
  const server = (database.statefulSet.spec as any).template.spec.containers[0];
  const job = (database.schemaJob.spec as any).template.spec.containers[0];
  // On TCP to this cluster: the image runs its init scripts over the socket, the Job names the Service.
  const tcp: Record<string, string> = { PGHOST: "127.0.0.1", PGPORT: String(cluster.port) };
  return {
    // The entrypoint exports PGPASSWORD from POSTGRES_PASSWORD before it runs the init scripts (line 328).
    init: {
      script: data["create-users.sh"],
      env: <Record<string, string>>{ ...containerEnv(server), PGPASSWORD: containerEnv(server).POSTGRES_PASSWORD, ...tcp },
    },
    // Run by hand in the server's pod, over its socket.
    move: {
      script: data["move-to-administrator.sh"],
      env: <Record<string, string>>{ ...containerEnv(server), PGHOST: cluster.dir, PGPORT: String(cluster.port) },
    },
    job: {
      script: data["create-schemas.sh"].split("/dbscripts/").join(`${FIXTURE_SCRIPTS}/`),
      env: <Record<string, string>>{ ...containerEnv(job), ...tcp, DB_HOST: "127.0.0.1" },
    },
  };
}

describe.each(Object.keys(LAYOUTS) as Layout[])(
  "on a fresh PostgreSQL whose superuser is the image's administrator, database.layout %s",
  (layout) => {
    const prefix = `obkm_it_${layout === "openBanking" ? "ob" : "cl"}_`;
    const user = `${prefix}km`;
    const databases = LAYOUTS[layout];
    const stack = () => provisionedPostgresql(user, layout, prefix);

    it("runs the init script with the server's environment: the KM's user logs in, owns its databases and has no other right", () => {
      const { init } = stack();
      // The administrator it connects as is the image's POSTGRES_USER, as in the pod.
      expect(init.env.POSTGRES_USER).toBe(ADMIN.user);
      sh(init.script, init.env);
      expect(
        freshPsql(`SELECT rolsuper, rolcreatedb, rolcreaterole, rolcanlogin, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = '${user}'`),
      ).toBe("f|f|f|t|f|f");
      const owned = freshPsql(`SELECT datname || ' ' || pg_get_userbyid(datdba) FROM pg_database WHERE datname LIKE '${prefix}%' ORDER BY datname`);
      expect(owned.split("\n")).toEqual(databases.map((d) => `${prefix}${d} ${user}`).sort());
      // Its password, quotes and all, logs it in, and it creates a table in each of its databases.
      for (const d of databases) {
        const asKm = { user, password: KM_PASSWORD, database: `${prefix}${d}` };
        // psql prints each statement's tag; the last line is the SELECT's.
        expect(freshPsql("CREATE TABLE obkm_it_probe (id integer); DROP TABLE obkm_it_probe; SELECT current_user", asKm).split("\n").pop()).toBe(
          user,
        );
      }
      expect(() => freshPsql(`CREATE DATABASE ${prefix}more`, { user, password: KM_PASSWORD, database: `${prefix}${databases[0]}` })).toThrow(
        /permission denied to create database/,
      );
      expect(() => freshPsql(`CREATE ROLE ${prefix}other`, { user, password: KM_PASSWORD, database: `${prefix}${databases[0]}` })).toThrow(
        /permission denied to create role/,
      );
    });

    it("creates every database's tables once with the schema job, owned by the KM's user, and a database the server lacks", () => {
      const { job } = stack();
      const first = sh(job.script, job.env);
      for (const d of databases) {
        expect(first).toContain(`obkm: created the tables of ${prefix}${d}`);
        const table = MARKERS[d].toLowerCase();
        expect(freshPsql(`SELECT tableowner FROM pg_tables WHERE tablename = '${table}'`, { database: `${prefix}${d}` })).toBe(user);
      }
      const again = sh(job.script, job.env);
      for (const d of databases) expect(again).toContain(`obkm: ${prefix}${d} has its tables already`);
      // A database the server lacks (a layout changed on an existing dev database) is created for its user, then filled.
      const added = `${prefix}${databases[databases.length - 1]}`;
      freshPsql(`DROP DATABASE ${added}`);
      expect(sh(job.script, job.env)).toContain(`obkm: created the tables of ${added}`);
      expect(freshPsql(`SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '${added}'`)).toBe(user);
      expect(freshPsql(`SELECT rolsuper FROM pg_roles WHERE rolname = '${user}'`)).toBe("f");
    });

    it("stops, saying where to read on, where the administrator cannot log in (a server an earlier release provisioned)", () => {
      const { job } = stack();
      // The job waits ADMIN_WAIT_SECONDS for an operator to move the server; here not at all.
      expect(job.env.ADMIN_WAIT_SECONDS).toBe("300");
      expect(() => sh(job.script, { ...job.env, PGPASSWORD: "not-the-password", ADMIN_WAIT_SECONDS: "0" })).toThrow(
        /password authentication failed for user "postgres"[\s\S]*obkm: cannot log in as the database's administrator postgres[\s\S]*run move-to-administrator.sh of the ConfigMap obkm-db-init in the pod obkm-db-0 \(docs\/design.md, "A dev stack's own database"\)/,
      );
    });
  },
);

describe("a PostgreSQL an earlier release provisioned, whose superuser is the KM's user", () => {
  // As the image made it then: POSTGRES_USER the KM's user, POSTGRES_PASSWORD its password, the socket trusted.
  const user = "obkm_itm_km";
  const prefix = "obkm_itm_";
  const databases = LAYOUTS.openBanking;
  const old = { dir: "", port: 0 };
  const asOld = (sql: string, options: { database?: string; file?: string } = {}) =>
    freshPsql(sql, { ...options, user, password: KM_PASSWORD, cluster: old });
  const asAdmin = (sql: string, database = "postgres") => freshPsql(sql, { database, cluster: old });

  beforeAll(async () => {
    const server = serverUser();
    old.dir = fs.mkdtempSync(path.join(servers().dir, "earlier-postgresql-"));
    giveTo(server, old.dir);
    [old.port] = await freePorts(1);
    await startPostgresql(old.dir, old.port, server, { admin: { user, password: KM_PASSWORD }, localTrust: true });
    // What the earlier release's init SQL and schema job made: the databases and their tables, all the KM user's,
    // and of each kind of object the move must hand over, one.
    for (const d of databases) asOld(`CREATE DATABASE ${prefix}${d}`);
    const scripts: Record<string, string[]> = { am: ["identity", "apimgt"], common: [""], ob: ["finance/openbanking.org.uk"] };
    for (const d of databases)
      for (const dir of scripts[d]) asOld("", { database: `${prefix}${d}`, file: path.join(FIXTURE_SCRIPTS, dir, "postgresql.sql") });
    asOld(
      "CREATE SEQUENCE obkm_it_seq; CREATE TABLE obkm_it_serial (id serial); CREATE VIEW obkm_it_view AS SELECT 1 AS one; CREATE FUNCTION obkm_it_one() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
      { database: `${prefix}am` },
    );
  }, 90_000);

  afterAll(async () => {
    if (old.port) await stopPostgresql(old.dir, serverUser());
  }, 60_000);

  it("moves to an administrator of its own with move-to-administrator.sh, the KM's user a login that owns its data, and the schema job goes on", () => {
    const { move, job } = provisionedPostgresql(user, "openBanking", prefix, old);
    // Before: the new release's job cannot log in as the administrator, and says what to run.
    expect(() => sh(job.script, { ...job.env, ADMIN_WAIT_SECONDS: "0" })).toThrow(/run move-to-administrator.sh/);
    const said = sh(move.script, move.env);
    expect(said).toContain(`obkm: ${user} is now postgres, the administrator`);
    expect(said).toContain(`obkm: done: ${user} log in with no other right; postgres administers the server`);
    // The administrator logs in over TCP with its own password; the KM's user has no right beyond its own data.
    expect(asAdmin("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).toBe("t");
    expect(asAdmin(`SELECT rolsuper, rolcreatedb, rolcreaterole, rolcanlogin FROM pg_roles WHERE rolname = '${user}'`)).toBe("f|f|f|t");
    expect(asAdmin("SELECT count(*) FROM pg_roles WHERE rolname = 'obkm_moving_to_administrator'")).toBe("0");
    for (const d of databases) {
      const db = `${prefix}${d}`;
      expect(asAdmin(`SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '${db}'`)).toBe(user);
      const notTheKms = "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relowner <> current_user::regrole";
      const kmFunctions = "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proowner = current_user::regrole";
      expect(asOld(notTheKms, { database: db })).toBe("0");
      if (d === "am") {
        expect(asOld(kmFunctions, { database: db })).toBe("1");
        expect(asOld("SELECT nextval('obkm_it_seq') + obkm_it_one() + (SELECT one FROM obkm_it_view)", { database: db })).toBe("3");
        expect(asOld("INSERT INTO obkm_it_serial DEFAULT VALUES RETURNING id", { database: db }).split("\n")[0]).toBe("1");
      }
    }
    // The new release's job now finds every table in place.
    const after = sh(job.script, job.env);
    for (const d of databases) expect(after).toContain(`obkm: ${prefix}${d} has its tables already`);
    // A second run finds nothing to move, and says so.
    expect(() => sh(move.script, move.env)).toThrow(`obkm: ${user} is not the superuser here; nothing to move`);
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

  it("makes a user whose name PostgreSQL reserves, and its databases, since the init script quotes names", () => {
    const { init } = provisionedPostgresql("user", "openBanking", "obkm_itr_");
    sh(init.script, init.env);
    expect(freshPsql("SELECT DISTINCT pg_get_userbyid(datdba) FROM pg_database WHERE datname LIKE 'obkm_itr_%'")).toBe("user");
    expect(freshPsql("SELECT current_user", { user: "user", password: KM_PASSWORD, database: "obkm_itr_am" })).toBe("user");
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

describe("a node's wait for its databases, with the tools of each image", () => {
  // The KM image runs the wait (plan/database/wait-script.ts): WSO2's Ubuntu image with bash and coreutils,
  // as the runs above; its Alpine image with BusyBox's tools and the bash and OpenBSD netcat its Dockerfile adds
  // (Debian's bash and netcat-openbsd here); and an image of BusyBox alone, whose small nc (Debian's build) has no -z.
  /** The wait script of a prod stack on 127.0.0.1:port, run by BusyBox's sh with its applets and `tools` alone on the PATH. */
  function waitWith(tools: Record<string, string>, port: number) {
    const bin = busyboxBin(tools);
    const sets = ["database.type=mysql", "database.host=127.0.0.1", `database.port=${port}`, "database.waitSeconds=10", "database.urlParameters="];
    const script = (plannedOf(sets, "prod").plan.nodeFilesConfigMap.data as Record<string, string>)["bin__wait-for-database.sh"];
    try {
      return spawnSync(path.join(bin, "sh"), ["-c", script], { env: { PATH: bin }, encoding: "utf8", timeout: 30000 });
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  }

  it("goes on when the server answers, under BusyBox with bash, as WSO2's Alpine image has them", () => {
    const { mariadb } = servers();
    const run = waitWith({ bash: "/bin/bash", nc: "/usr/bin/nc.openbsd" }, mariadb.port);
    expect([run.status, run.stdout]).toEqual([0, `obkm: the database at 127.0.0.1:${mariadb.port} answers\n`]);
  });

  it("tests the port with OpenBSD's netcat where there is no bash: goes on when it answers, gives up when it does not", () => {
    const { mariadb } = servers();
    const up = waitWith({ nc: "/usr/bin/nc.openbsd" }, mariadb.port);
    expect([up.status, up.stdout]).toEqual([0, `obkm: the database at 127.0.0.1:${mariadb.port} answers\n`]);
    const down = waitWith({ nc: "/usr/bin/nc.openbsd" }, 9);
    expect(down.status).toBe(1);
    expect(down.stderr).toContain("obkm: the database at 127.0.0.1:9 did not answer in 10s; giving up");
  });

  it("does not take a timeout of the old BusyBox form for one that kills a slow probe, nor call a live server down for it", () => {
    // A stand-in for BusyBox's timeout before 1.30, which is not in Debian: it took `-t SECS` and read a bare
    // SECS as the program to run ("can't execute '5'", busybox coreutils/timeout.c at 1_29_stable).
    const old = path.join(fs.mkdtempSync(path.join(servers().dir, "old-timeout-")), "timeout");
    fs.writeFileSync(
      old,
      `#!/bin/sh\n[ "$1" = -t ] && { shift 2; exec "$@"; }\necho "timeout: can't execute '$1': No such file or directory" >&2\nexit 127\n`,
      {
        mode: 0o755,
      },
    );
    const { mariadb } = servers();
    const run = waitWith({ bash: "/bin/bash", timeout: old }, mariadb.port);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      `obkm: the image has neither bash with timeout nor an nc that tests a port (-z); not waiting for 127.0.0.1:${mariadb.port}`,
    );
  });

  it("says it cannot wait, and goes on, with BusyBox's nc alone, which cannot test a port: never calls a live server down", () => {
    const { mariadb } = servers();
    const run = waitWith({}, mariadb.port);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      `obkm: the image has neither bash with timeout nor an nc that tests a port (-z); not waiting for 127.0.0.1:${mariadb.port}`,
    );
    expect(run.stdout).not.toContain("waiting for the database");
  });
});
