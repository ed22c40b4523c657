// The checks of the database and user store keys that need several of them.
import { DATABASE_LAYOUTS, DATASOURCE_KEYS, DatasourceKey } from "./database-keys";
import { databaseUserProblems } from "./database-user-checks";
import type { ConfigKey } from "./keys";
import { Failed, Parsed } from "./parsed";
import { fullKey, showValue } from "./problems";

/** What the database and user store settings need together, each problem naming the key to change. */
export function databaseProblems(parsed: Parsed, failed: Failed): string[] {
  const problems: string[] = [];
  const provision = !failed("database.provision") && parsed["database.provision"];
  const engine = parsed["database.type"];
  // The keys of datasources the layout does not use draw a warning (ineffective-settings.ts), not a problem.
  const inUse: readonly DatasourceKey[] = failed("database.layout") ? DATASOURCE_KEYS : DATABASE_LAYOUTS[parsed["database.layout"]].datasources;
  if (provision && !failed("database.type") && engine !== "mysql" && engine !== "postgresql") {
    problems.push(
      `${fullKey(["database.type"])}: got ${showValue(engine)} with ${fullKey(["database.provision"])} true; expected mysql or postgresql, the engines the program can provision`,
    );
  }
  if (provision) {
    const oneUser = inUse.flatMap((d): ConfigKey[] => [`database.${d}.host`, `database.${d}.username`, `database.${d}.password`]);
    for (const key of ["database.host", ...oneUser] satisfies ConfigKey[]) {
      if (!failed(key) && parsed[key]) {
        const shown = key.endsWith(".password") ? "a value" : showValue(parsed[key]);
        problems.push(
          `${fullKey([key])}: got ${shown} with ${fullKey(["database.provision"])} true; expected empty, because the provisioned database has one server and one user`,
        );
      }
    }
  } else if (!failed("database.host") && !parsed["database.host"]) {
    const without = inUse.filter((d) => !parsed[`database.${d}.host`]);
    if (without.length) {
      problems.push(
        `${fullKey(["database.host"])}: missing; expected the host of the database server (needed by ${without.map((d) => `database.${d}`).join(", ")}), or database.provision true for an in-cluster database in dev`,
      );
    }
  }
  problems.push(...urlParameterProblems(parsed, failed), ...provisionImageProblems(parsed, failed));
  if (!failed("database.type", "database.urlParameters") && engine === "oracle" && parsed["database.urlParameters"]) {
    problems.push(
      `${fullKey(["database.urlParameters"])}: got ${showValue(parsed["database.urlParameters"])} with database.type oracle; expected empty, because Oracle thin URLs take no parameters (use the driver's properties)`,
    );
  }
  if (!failed("database.type") && engine === "postgresql") {
    // PostgreSQL folds an unquoted name to lower case: a database created as obkm_AM is obkm_am, and the JDBC
    // URL, which names it exactly, would find no such database (tests/integration/databases.test.ts).
    const names = ["database.username", ...inUse.flatMap((d) => [`database.${d}.name`, `database.${d}.username`] as const)] as const;
    for (const key of names.filter((k) => !failed(k) && parsed[k] && parsed[k] !== parsed[k].toLowerCase())) {
      problems.push(
        `${fullKey([key])}: got ${showValue(parsed[key])} with database.type postgresql; expected lower case, because PostgreSQL folds unquoted names to lower case and the JDBC URL names them exactly`,
      );
    }
  }
  problems.push(...databaseUserProblems(parsed, failed));
  if (!failed("userStore.type") && parsed["userStore.type"] === "ldap") {
    for (const key of [
      "userStore.ldap.url",
      "userStore.ldap.bindDn",
      "userStore.ldap.bindPassword",
      "userStore.ldap.userSearchBase",
      "userStore.ldap.groupSearchBase",
    ] as const) {
      if (!failed(key) && !parsed[key]) problems.push(`${fullKey([key])}: missing; expected a value, because userStore.type is ldap`);
    }
  }
  return problems;
}

/**
 * The URL's parameters as the engine's driver splits them: MySQL's Connector/J and pgjdbc read
 * `?name=value&name=value`, Microsoft's driver `;name=value;name=value` (its connection-string syntax). A
 * separator of the other kind would end up inside a value: the driver would read `encrypt` as
 * "true&trustServerCertificate=false".
 */
function urlParameterProblems(parsed: Parsed, failed: Failed): string[] {
  if (failed("database.type", "database.urlParameters") || !parsed["database.urlParameters"]) return [];
  const engine = parsed["database.type"];
  const given = parsed["database.urlParameters"];
  const separator = engine === "mssql" ? ";" : engine === "oracle" ? undefined : "&";
  if (!separator) return [];
  const other = separator === "&" ? ";" : "&";
  const pairs = given.split(separator);
  if (given.includes(other) || pairs.some((pair) => !/^[A-Za-z][\w.-]*=/.test(pair))) {
    const example = separator === "&" ? "useSSL=true&requireSSL=true" : "encrypt=true;trustServerCertificate=false";
    return [
      `${fullKey(["database.urlParameters"])}: got ${showValue(given)} with database.type ${engine}; expected name=value pairs joined with '${separator}', such as ${example}, as that engine's JDBC driver splits them`,
    ];
  }
  // Connector/J and pgjdbc URL-decode each value with java.net.URLDecoder, which throws on a '%' that starts
  // no escape of two hex digits, and the datasource then never connects (mysql/mysql-connector-j 5.1
  // src/com/mysql/jdbc/NonRegisteringDriver.java parseURL; pgjdbc org/postgresql/Driver.java parseURL,
  // URLCoder.decode). Microsoft's driver, whose URL is split by ';', decodes nothing.
  if (separator === "&" && /%(?![0-9A-Fa-f]{2})/.test(given)) {
    return [
      `${fullKey(["database.urlParameters"])}: got ${showValue(given)} with database.type ${engine}; expected each '%' to start an escape of two hex digits (%25 for a percent sign), because the driver URL-decodes each value and refuses the URL otherwise`,
    ];
  }
  return [];
}

/** The provisioned database's image must be the engine's: a MySQL image run with PostgreSQL's settings never starts. */
function provisionImageProblems(parsed: Parsed, failed: Failed): string[] {
  if (failed("database.type", "database.provision", "database.provisionImage") || !parsed["database.provision"]) return [];
  const image = parsed["database.provisionImage"];
  if (!image) return [];
  // The repository's last path component, without registry, tag or digest: mirrors rename the path, rarely the name.
  const name = image.split("@")[0].split("/").pop()!.split(":")[0];
  const engine = parsed["database.type"];
  const otherEngine = engine === "mysql" ? /postgres/ : engine === "postgresql" ? /mysql|mariadb/ : undefined;
  if (otherEngine?.test(name)) {
    return [
      `${fullKey(["database.provisionImage"])}: got ${showValue(image)} with database.type ${engine}; expected an image of ${engine}, because the program runs it with ${engine}'s settings (environment, data directory, init scripts)`,
    ];
  }
  return [];
}
