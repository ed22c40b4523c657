// A database user's name as each engine takes it: MySQL refuses one longer than 32 characters
// (USERNAME_CHAR_LENGTH in mysql/mysql-server include/mysql_com.h), so the stack refuses it before the
// provisioned database or a DBA's CREATE USER would. Tested here, at unit level: the integration suite's
// MariaDB 10.11 allows 128 characters (its mysql.global_priv has User char(128)), so a real server on this
// machine cannot show MySQL's limit.
import { loadMinimal, minimalProblems } from "./helpers/cli-config";

const named = (length: number) => `u${"x".repeat(length - 1)}`;

describe("a database user's name on MySQL", () => {
  it.each(["database.username", "database.um.username", "database.am.username", "database.config.username", "database.reg.username"])(
    "is refused in %s above 32 characters, naming the key and the limit",
    (key) => {
      expect(minimalProblems({ "obkm:database.type": "mysql", [`obkm:${key}`]: named(33) })).toEqual([
        `obkm:${key}: got "${named(33)}" (33 characters) with database.type mysql; expected at most 32 characters, because MySQL refuses a longer user name`,
      ]);
    },
  );

  it("is accepted at 32 characters, MySQL's USERNAME_CHAR_LENGTH", () => {
    const { config } = loadMinimal({ "obkm:database.type": "mysql", "obkm:database.username": named(32) });
    expect(config.database.datasources.am.username).toBe(named(32));
  });
});

describe("a database user's name on the other engines", () => {
  it.each(["postgresql", "mssql", "oracle"])("is accepted on %s up to the keys' own 63 characters (PostgreSQL's NAMEDATALEN - 1)", (engine) => {
    expect(() => loadMinimal({ "obkm:database.type": engine, "obkm:database.username": named(63) })).not.toThrow();
    expect(minimalProblems({ "obkm:database.type": engine, "obkm:database.username": named(64) })).toEqual([
      expect.stringMatching(/^obkm:database.username: got "ux+"; expected a user name of letters, digits and '_'/),
    ]);
  });
});
