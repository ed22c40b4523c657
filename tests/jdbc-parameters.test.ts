// database.urlParameters, checked against the table of each JDBC driver version (config/jdbc-parameters.ts):
// parameters the program sets are refused with the key to set, dangerous features refused everywhere,
// TLS-weakening ones refused outside a dev stack without a CA, names a driver version does not define
// warned. Each case is put to the program as a stack would put it (planStackFromTexts), on the dev stack
// (MySQL, no CA) and the prod stack (PostgreSQL, keystores.trust.databaseCa set).
import { connectorJ51, connectorJ8, mssqlJdbc12, pgjdbc42 } from "../config/jdbc-driver-parameters";
import { JDBC_DRIVERS, ParameterRule } from "../config/jdbc-parameters";
import { plannedOf } from "./helpers/plan";

/** The refusal's lines, or the warnings when accepted. */
function outcome(sets: string[], stack: string): { refused: string[] } | { warnings: string[] } {
  try {
    return { warnings: plannedOf(sets, stack).warnings.filter((w) => w.includes("database.urlParameters")) };
  } catch (error) {
    return { refused: (error as Error).message.split("\n").slice(1) };
  }
}

const DRIVER_CLASS: Record<string, string> = {
  "connector-j-5.1": "com.mysql.jdbc.Driver",
  "connector-j-8": "com.mysql.cj.jdbc.Driver",
  "pgjdbc-42": "org.postgresql.Driver",
  "mssql-jdbc-12": "com.microsoft.sqlserver.jdbc.SQLServerDriver",
};
const ENGINE_SETS = (engine: string, driverClass: string, parameters: string) => [
  `database.type=${engine}`,
  `database.driverClassName=${driverClass}`,
  `database.urlParameters=${parameters}`,
  // The dev stack provisions its MySQL; another engine needs a server of its own.
  ...(engine === "mysql" ? [] : ["database.provision=false", "database.host=db.bank.example"]),
];

/** A value the rule calls risky: one of the values it names, or any text. */
function riskyValue(rule: ParameterRule): string {
  const candidates = ["false", "true", "DISABLED", "disable", "TLSv1", "optional", "org.postgresql.ssl.NonValidatingFactory", "x"];
  return candidates.find((v) => !rule.risky || rule.risky.test(v))!;
}

describe("the drivers' parameter tables", () => {
  it("name only parameters each driver defines, at the line cited", () => {
    for (const driver of JDBC_DRIVERS) {
      const undefinedHere = Object.entries(driver.rules).filter(([name, rule]) => !rule.source && !(name in driver.source.names));
      expect({ driver: driver.id, undefinedHere }).toEqual({ driver: driver.id, undefinedHere: [] });
    }
    // The lists hold each driver's whole set (counted in the sources at their tags), not a sample of it.
    expect(Object.keys(connectorJ51.names).length).toBeGreaterThan(200);
    expect(Object.keys(connectorJ8.names).length).toBeGreaterThan(250);
    expect(Object.keys(pgjdbc42.names).length).toBeGreaterThan(90);
    expect(Object.keys(mssqlJdbc12.names).length).toBeGreaterThan(90);
  });
});

describe("database.urlParameters", () => {
  it("refuses each managed and dangerous parameter of every driver, on every stack, in one line naming the key", () => {
    const wrong: string[] = [];
    for (const driver of JDBC_DRIVERS) {
      for (const [name, rule] of Object.entries(driver.rules).filter(([, r]) => r.kind !== "tls")) {
        const parameter = `${name}=${riskyValue(rule)}`;
        const result = outcome(ENGINE_SETS(driver.engine, DRIVER_CLASS[driver.id], parameter), "dev");
        const expected =
          rule.kind === "managed" ? `expected no ${name}, which the program sets` : `expected no ${parameter}, a dangerous driver feature`;
        if (!("refused" in result) || !result.refused.some((l) => l.startsWith("  - obkm:database.urlParameters: got ") && l.includes(expected))) {
          wrong.push(`${driver.id} ${parameter}: ${JSON.stringify(result)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("refuses each TLS-weakening parameter on a non-dev stack and with a CA, and accepts it on a dev stack without one", () => {
    const wrong: string[] = [];
    for (const driver of JDBC_DRIVERS) {
      for (const [name, rule] of Object.entries(driver.rules).filter(([, r]) => r.kind === "tls")) {
        const parameter = `${name}=${riskyValue(rule)}`;
        const sets = ENGINE_SETS(driver.engine, DRIVER_CLASS[driver.id], parameter);
        for (const [stack, extra, refused] of [
          ["prod", [], true],
          ["dev", ["keystores.trust.databaseCa=secret:db-ca/ca.crt"], true],
          ["dev", [], false],
        ] as const) {
          const result = outcome([...sets, ...extra], stack);
          const ok = refused
            ? "refused" in result &&
              result.refused.some((l) => l.includes(`expected no ${parameter} (`) && l.includes("TLS to the database stays on"))
            : "warnings" in result;
          if (!ok) wrong.push(`${driver.id} ${parameter} on ${stack} ${extra.join(" ")}: ${JSON.stringify(result)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("accepts the values that keep TLS on and verified, and turn the dangerous features off", () => {
    for (const [engine, parameters] of [
      ["postgresql", "sslmode=verify-full"],
      ["postgresql", "ssl=true&sslmode=verify-ca&sslfactory=org.postgresql.ssl.LibPQFactory"],
      ["mysql", "useSSL=true&requireSSL=true&verifyServerCertificate=true&allowLoadLocalInfile=false&autoDeserialize=false"],
      ["mysql", "enabledTLSProtocols=TLSv1.2,TLSv1.3"],
      ["mssql", "encrypt=strict;trustServerCertificate=false"],
    ]) {
      const sets = ENGINE_SETS(engine, "", parameters).filter((s) => !s.startsWith("database.driverClassName"));
      expect({ parameters, result: outcome(sets, "prod") }).toEqual({ parameters, result: { warnings: [] } });
    }
  });

  it("refuses the issue's cases: TLS off or unverified, the program's sslrootcert replaced, dangerous features, another database", () => {
    for (const [engine, parameters, expected] of [
      ["mysql", "useSSL=false", /expected no useSSL=false \(turns TLS off\)/],
      ["mysql", "sslMode=DISABLED", /expected no sslMode=DISABLED/],
      ["mssql", "trustServerCertificate=true", /expected no trustServerCertificate=true/],
      ["postgresql", "sslfactory=org.postgresql.ssl.NonValidatingFactory", /expected no sslfactory=org.postgresql.ssl.NonValidatingFactory/],
      ["postgresql", "sslmode=require", /expected no sslmode=require/],
      ["postgresql", "sslrootcert=/etc/ssl/other.pem", /expected no sslrootcert, which the program sets .*: set keystores.trust.databaseCa/],
      ["mysql", "autoDeserialize=true", /a dangerous driver feature/],
      ["mysql", "allowLoadLocalInfile=true", /a dangerous driver feature/],
      ["mysql", "allowUrlInLocalInfile=true", /a dangerous driver feature/],
      ["postgresql", "PGDBNAME=postgres", /expected no PGDBNAME, which the program sets .*: set database.<datasource>.name instead/],
      ["mssql", "databaseName=master", /set database.<datasource>.name instead/],
      ["mssql", "DATABASE=master", /set database.<datasource>.name instead/],
      // Names in another case, and percent-escaped, as the drivers would decode them.
      ["mysql", "AutoDeserialize=true", /a dangerous driver feature/],
      ["postgresql", "sslmode=%64isable", /expected no sslmode=disable/],
    ] as const) {
      const sets = ENGINE_SETS(engine, "", parameters).filter((s) => !s.startsWith("database.driverClassName"));
      const result = outcome(sets, "prod");
      expect({ parameters, refused: "refused" in result && result.refused.some((l) => expected.test(l)) }).toEqual({ parameters, refused: true });
    }
  });

  it("warns of a parameter the driver version does not define, naming the version, and of a driver it does not know", () => {
    // com.mysql.jdbc.Driver loads Connector/J 5.1 or 8.x: sslMode is 8.x's only.
    expect(outcome(["database.urlParameters=sslMode=VERIFY_IDENTITY"], "dev")).toEqual({
      warnings: [
        expect.stringMatching(
          /^obkm:database.urlParameters: sslMode is not a parameter of MySQL Connector\/J 5.1 \(mysql\/mysql-connector-j 5.1.49 /,
        ),
      ],
    });
    expect(outcome(["database.urlParameters=useSSL=true&connectTimeout=5000"], "dev")).toEqual({ warnings: [] });
    expect(outcome(["database.urlParameters=fooBar=1", "database.driverClassName=com.mysql.cj.jdbc.Driver"], "dev")).toEqual({
      warnings: [expect.stringMatching(/fooBar is not a parameter of MySQL Connector\/J 8.x/)],
    });
    const other = outcome(["database.urlParameters=connectTimeout=5000", "database.driverClassName=org.mariadb.jdbc.Driver"], "dev");
    expect(other).toEqual({ warnings: [expect.stringMatching(/org.mariadb.jdbc.Driver is none of the drivers obkm knows/)] });
  });
});
