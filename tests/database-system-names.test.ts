// The KM's databases and users are its own: each engine's system databases and superusers are refused, as
// that engine compares names (config/database-system-names.ts cites each engine's source).
import { loadMinimal, minimalProblems } from "./helpers/cli-config";

const provisioned = { "obkm:database.provision": "true", "obkm:database.host": "" };

describe("a datasource's database name", () => {
  it.each([
    ["mysql", "mysql"],
    ["mysql", "information_schema"],
    ["mysql", "PERFORMANCE_SCHEMA"],
    ["mysql", "Sys"],
    ["postgresql", "postgres"],
    ["postgresql", "template0"],
    ["postgresql", "template1"],
    ["mssql", "MASTER"],
    ["mssql", "tempdb"],
  ])("is refused on %s when it is the system database %s, naming the key", (engine, name) => {
    const problems = minimalProblems({ "obkm:database.type": engine, "obkm:database.am.name": name });
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(`^obkm:database\\.am\\.name: got "${name}" with database\\.type ${engine}; expected a database of the Key Manager's own, not `),
      ),
    ]);
  });

  it("is refused on the provisioned MySQL, whose schema job would grant the KM's user the grant tables", () => {
    expect(minimalProblems({ ...provisioned, "obkm:database.ob.name": "mysql" })).toEqual([
      expect.stringMatching(/^obkm:database\.ob\.name: got "mysql"/),
    ]);
  });

  it("is accepted when it only resembles one: another engine's system database, or a longer name", () => {
    expect(() => loadMinimal({ "obkm:database.type": "mysql", "obkm:database.am.name": "postgres" })).not.toThrow();
    expect(() => loadMinimal({ "obkm:database.type": "postgresql", "obkm:database.am.name": "mysql" })).not.toThrow();
    expect(() => loadMinimal({ "obkm:database.type": "mysql", "obkm:database.am.name": "mysql_km" })).not.toThrow();
  });
});

describe("the database user", () => {
  it("is refused as root on the provisioned MySQL, whose image's entrypoint refuses MYSQL_USER=root", () => {
    expect(minimalProblems({ ...provisioned, "obkm:database.username": "root" })).toEqual([
      `obkm:database.username: got "root" with database.type mysql; expected a user of the Key Manager's own, because root is MySQL's superuser, which the MySQL image's entrypoint refuses as MYSQL_USER, so the provisioned database would never start`,
    ]);
  });

  it("is refused as postgres on the provisioned PostgreSQL, whose administrator it is (plan/database/postgresql-users.ts)", () => {
    expect(minimalProblems({ ...provisioned, "obkm:database.type": "postgresql", "obkm:database.username": "postgres" })).toEqual([
      `obkm:database.username: got "postgres" with database.type postgresql; expected a user of the Key Manager's own, because postgres is PostgreSQL's superuser, the provisioned database's administrator, and the Key Manager would run with every right on the database server`,
    ]);
  });

  it.each([
    ["mysql", "database.username", "root"],
    ["mysql", "database.common.username", "root"],
    ["postgresql", "database.username", "postgres"],
    ["mssql", "database.username", "SA"],
    ["oracle", "database.username", "SYSTEM"],
  ])("is refused on %s as %s %s, the engine's superuser", (engine, key, user) => {
    expect(minimalProblems({ "obkm:database.type": engine, [`obkm:${key}`]: user })).toEqual([
      expect.stringMatching(
        new RegExp(`^obkm:${key.replace(/\./g, "\\.")}: got "${user}" .*; expected a user of the Key Manager's own, because .* superuser`),
      ),
    ]);
  });

  it("is refused on PostgreSQL with a name CREATE ROLE reserves (pg_...)", () => {
    expect(minimalProblems({ "obkm:database.type": "postgresql", "obkm:database.username": "pg_monitor" })).toEqual([
      expect.stringMatching(/^obkm:database\.username: got "pg_monitor" .*reserves user names starting with pg_/),
    ]);
  });

  it("is accepted as Root on MySQL, which compares user names as typed (the entrypoint's test is exact)", () => {
    expect(() => loadMinimal({ "obkm:database.type": "mysql", "obkm:database.username": "Root" })).not.toThrow();
  });
});
