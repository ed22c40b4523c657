// An IPv6 database host in each engine's JDBC URL as its driver reads it: bracketed for pgjdbc and Oracle's
// thin driver, refused with the reason for Connector/J 5.1 and SQL Server (config/database-ipv6.ts).
import { planStackFromTexts } from "../plan-from-config";
import { ENGINES } from "../plan/database/engines";
import { PROJECT_DIR } from "../project-dir";
import { cliConfig, MINIMAL_SETTINGS, minimalProblems } from "./helpers/cli-config";

describe("an IPv6 database host", () => {
  it("is bracketed in PostgreSQL's URL, where pgjdbc takes the port after the last ']'", () => {
    expect(ENGINES.postgresql.url("fd00::7", 5432, "obkm", "")).toBe("jdbc:postgresql://[fd00::7]:5432/obkm");
    expect(ENGINES.postgresql.url("10.0.0.7", 5432, "obkm", "")).toBe("jdbc:postgresql://10.0.0.7:5432/obkm");
  });

  it("is bracketed in Oracle's Easy Connect URL, which requires brackets around an IPv6 host", () => {
    expect(ENGINES.oracle.url("2001:db8::1", 1521, "km", "")).toBe("jdbc:oracle:thin:@//[2001:db8::1]:1521/km");
  });

  it("reaches the nodes' datasources bracketed", () => {
    const { plan } = planStackFromTexts(
      cliConfig({ ...MINIMAL_SETTINGS, "obkm:database.type": "postgresql", "obkm:database.host": "fd00::7", "obkm:networkPolicy.enabled": "false" }),
      { stack: "dev", projectDir: PROJECT_DIR },
    );
    const files = Object.values(plan.secretFilesShown("[redacted]")).join("\n");
    expect(files).toContain("jdbc:postgresql://[fd00::7]:5432/");
    expect(files).not.toMatch(/jdbc:postgresql:\/\/fd00/);
  });

  it.each([
    ["mysql", "database.host", "Connector/J 5.1"],
    ["mysql", "database.am.host", "Connector/J 5.1"],
    ["mssql", "database.host", "has no bracketed host"],
  ])("is refused on %s in %s, saying why (%s) and what works instead", (engine, key, why) => {
    expect(minimalProblems({ "obkm:database.type": engine, [`obkm:${key}`]: "fd00::7" })).toEqual([
      expect.stringMatching(
        new RegExp(
          `^obkm:${key.replace(/\./g, "\\.")}: got "fd00::7" with database.type ${engine}; expected a host name or an IPv4 address, because .*${why}`,
        ),
      ),
    ]);
  });
});
