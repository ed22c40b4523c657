// The scripts that touch the databases, run against real servers from Debian's packages (MariaDB for MySQL,
// PostgreSQL), as .ci/integration-setup installs and starts them: the provisioned database's init SQL and
// schema job, and the nodes' wait for their databases. The dbscripts are small fixtures of ours
// (tests/fixtures/dbscripts); the pack's own come from the KM image.
import { execFileSync, spawnSync } from "child_process";
import * as path from "path";
import { plannedOf } from "../helpers/plan";

const FIXTURE_SCRIPTS = path.join(__dirname, "..", "fixtures", "dbscripts");
const DATABASES = ["um", "am", "config", "reg"] as const;
/** Names of the suite's own, so that a developer's databases on the same server are never touched. */
const namesWith = (prefix: string) => DATABASES.map((d) => `database.${d}.name=${prefix}${d}`);

const sh = (script: string, env: Record<string, string>) => {
  const run = spawnSync("/bin/sh", ["-c", script], { env: { PATH: process.env.PATH, ...env }, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`exit ${run.status}:\n${run.stdout}${run.stderr}`);
  return run.stdout;
};

/** The provisioned database's init SQL and schema job of a dev stack, with the fixture dbscripts in place. */
function provisioned(engine: "mysql" | "postgresql", user: string, prefix = "obkm_it_") {
  const { plan } = plannedOf([`database.type=${engine}`, `database.username=${user}`, ...namesWith(prefix)], "dev");
  const data = plan.database!.initConfigMap.data as Record<string, string>;
  return { initSql: data["create-databases.sql"], job: data["create-schemas.sh"].split("/dbscripts/").join(`${FIXTURE_SCRIPTS}/`) };
}

describe("on MariaDB (MySQL's protocol and SQL)", () => {
  const admin = (sql: string) =>
    execFileSync("mysql", ["-h", "127.0.0.1", "-uroot", "-N", "-e", sql], { env: { ...process.env, MYSQL_PWD: "obkm-it-root" }, encoding: "utf8" });
  const { initSql, job } = provisioned("mysql", "obkm_it_km");

  beforeAll(() => {
    // What the mysql image does with MYSQL_USER, MYSQL_PASSWORD and MYSQL_DATABASE on its first start.
    admin(
      [
        ...DATABASES.map((d) => `DROP DATABASE IF EXISTS obkm_it_${d};`),
        "DROP USER IF EXISTS 'obkm_it_km'@'%';",
        "CREATE USER 'obkm_it_km'@'%' IDENTIFIED BY 'km-Password-1';",
        "CREATE DATABASE obkm_it_um;",
        "GRANT ALL PRIVILEGES ON obkm_it_um.* TO 'obkm_it_km'@'%';",
      ].join(" "),
    );
  });

  it("runs the init SQL, which creates the other three databases for the KM's user", () => {
    execFileSync("mysql", ["-h", "127.0.0.1", "-uroot"], { input: initSql, env: { ...process.env, MYSQL_PWD: "obkm-it-root" } });
    expect(admin("SHOW DATABASES LIKE 'obkm_it_%';").trim().split("\n").sort()).toEqual([
      "obkm_it_am",
      "obkm_it_config",
      "obkm_it_reg",
      "obkm_it_um",
    ]);
  });

  it("creates every database's tables once with the schema job, which the KM's user can then use", () => {
    const env = { DB_HOST: "127.0.0.1", DB_USER: "obkm_it_km", MYSQL_PWD: "obkm-it-root" };
    const first = sh(job, env);
    for (const d of DATABASES) expect(first).toContain(`obkm: created the tables of obkm_it_${d}`);
    expect(
      admin("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='obkm_it_am' AND table_name='IDN_OAUTH_CONSUMER_APPS';").trim(),
    ).toBe("1");
    const again = sh(job, env);
    for (const d of DATABASES) expect(again).toContain(`obkm: obkm_it_${d} has its tables already`);
    const asKm = execFileSync(
      "mysql",
      [
        "-h",
        "127.0.0.1",
        "-uobkm_it_km",
        "-N",
        "-e",
        "SELECT COUNT(*) FROM obkm_it_am.AM_SUBSCRIBER; SELECT COUNT(*) FROM obkm_it_reg.REG_RESOURCE;",
      ],
      {
        env: { ...process.env, MYSQL_PWD: "km-Password-1" },
        encoding: "utf8",
      },
    );
    expect(asKm.trim().split("\n")).toEqual(["0", "0"]);
  });
});

describe("on PostgreSQL", () => {
  const admin = (sql: string, database = "postgres") =>
    execFileSync("psql", ["-h", "127.0.0.1", "-U", "obkm_it_admin", "-d", database, "-v", "ON_ERROR_STOP=1", "-tAc", sql], {
      env: { ...process.env, PGPASSWORD: "obkm-it-admin" },
      encoding: "utf8",
    });
  const { initSql, job } = provisioned("postgresql", "obkm_it_km");

  beforeAll(() => {
    // What the postgres image does with POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB on its first start.
    for (const d of DATABASES) admin(`DROP DATABASE IF EXISTS obkm_it_${d}`);
    admin("DROP ROLE IF EXISTS obkm_it_km");
    admin("CREATE ROLE obkm_it_km LOGIN SUPERUSER PASSWORD 'km-Password-1'");
    admin("CREATE DATABASE obkm_it_um OWNER obkm_it_km");
  });

  it("runs the init SQL as the KM's user, as the image runs its init scripts, creating the other three databases", () => {
    execFileSync("psql", ["-h", "127.0.0.1", "-U", "obkm_it_km", "-d", "obkm_it_um", "-v", "ON_ERROR_STOP=1", "-q"], {
      input: initSql,
      env: { ...process.env, PGPASSWORD: "km-Password-1" },
    });
    const owned = admin("SELECT datname || ' ' || pg_get_userbyid(datdba) FROM pg_database WHERE datname LIKE 'obkm_it_%' ORDER BY datname");
    expect(owned.trim().split("\n")).toEqual([
      "obkm_it_am obkm_it_km",
      "obkm_it_config obkm_it_km",
      "obkm_it_reg obkm_it_km",
      "obkm_it_um obkm_it_km",
    ]);
  });

  it("folds an unquoted name to lower case, which is why the loader keeps PostgreSQL's names lower case", () => {
    admin("DROP DATABASE IF EXISTS obkm_it_folded");
    admin("CREATE DATABASE obkm_it_Folded");
    expect(admin("SELECT datname FROM pg_database WHERE lower(datname) = 'obkm_it_folded'").trim()).toBe("obkm_it_folded");
    admin("DROP DATABASE obkm_it_folded");
    expect(() => plannedOf(["database.type=postgresql", "database.am.name=obkm_AM"], "dev")).toThrow(
      'obkm:database.am.name: got "obkm_AM" with database.type postgresql; expected lower case',
    );
  });

  it("creates the databases for a user whose name PostgreSQL reserves, since the init SQL quotes names", () => {
    for (const d of DATABASES) admin(`DROP DATABASE IF EXISTS obkm_itr_${d}`);
    admin('DROP ROLE IF EXISTS "user"');
    admin(`CREATE ROLE "user" LOGIN SUPERUSER PASSWORD 'km-Password-2'`);
    admin('CREATE DATABASE obkm_itr_um OWNER "user"');
    execFileSync("psql", ["-h", "127.0.0.1", "-U", "user", "-d", "obkm_itr_um", "-v", "ON_ERROR_STOP=1", "-q"], {
      input: provisioned("postgresql", "user", "obkm_itr_").initSql,
      env: { ...process.env, PGPASSWORD: "km-Password-2" },
    });
    const owners = admin("SELECT DISTINCT pg_get_userbyid(datdba) FROM pg_database WHERE datname LIKE 'obkm_itr_%'");
    expect(owners.trim()).toBe("user");
    for (const d of DATABASES) admin(`DROP DATABASE obkm_itr_${d}`);
    admin('DROP ROLE "user"');
  });

  it("creates every database's tables once with the schema job, as the KM's user", () => {
    const env = { DB_HOST: "127.0.0.1", DB_USER: "obkm_it_km", PGPASSWORD: "km-Password-1" };
    const first = sh(job, env);
    for (const d of DATABASES) expect(first).toContain(`obkm: created the tables of obkm_it_${d}`);
    expect(admin("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'idn_oauth_consumer_apps'", "obkm_it_am").trim()).toBe("1");
    const again = sh(job, env);
    for (const d of DATABASES) expect(again).toContain(`obkm: obkm_it_${d} has its tables already`);
  });
});

describe("a node's wait for its databases", () => {
  it("goes on as soon as each server of the stack accepts connections", () => {
    for (const [engine, port] of [
      ["mysql", 3306],
      ["postgresql", 5432],
    ] as const) {
      const { plan } = plannedOf([`database.type=${engine}`, "database.host=127.0.0.1", `database.port=${port}`], "prod");
      const script = (plan.nodeFilesConfigMap.data as Record<string, string>)["bin__wait-for-database.sh"];
      expect(sh(script, {})).toContain(`obkm: the database at 127.0.0.1:${port} answers`);
    }
  });

  it("waits for a server that does not answer, saying so, and gives up after database.waitSeconds", () => {
    // Port 9 (discard) is closed on a test machine.
    const { plan } = plannedOf(["database.host=127.0.0.1", "database.port=9", "database.waitSeconds=10"], "prod");
    const script = (plan.nodeFilesConfigMap.data as Record<string, string>)["bin__wait-for-database.sh"];
    expect(() => sh(script, {})).toThrow(/obkm: waiting for the database at 127.0.0.1:9 \(0 of 10s\)[\s\S]*did not answer in 10s; giving up/);
  });
});
