// What the program accepts in database.urlParameters, per JDBC driver family and major version: one table
// that the check (jdbc-parameter-checks.ts), the docs (docs/configuration.md, JDBC URL parameters, written
// by npm run sync-config) and the tests read.
//
// The engines: WSO2's OB 1.4 material configures MySQL (its samples name com.mysql.jdbc.Driver, Connector/J
// 5.1's class), notes Oracle's validation query, and its clustering guide lists MySQL, PostgreSQL, MS SQL
// Server and Oracle among the tested databases (shared/reference/obkm-ha-facts.md). The drivers the program
// supports, each by the classes that load it (database.driverClassName; empty is the engine's usual one):
//  - MySQL: Connector/J 5.1 (com.mysql.jdbc.Driver) and 8.x (com.mysql.cj.jdbc.Driver; 8.x still answers
//    to com.mysql.jdbc.Driver, src/legacy/java/com/mysql/jdbc/Driver.java at 8.4.0, so that class may be
//    either). The two name things differently: 5.1's useSSL/verifyServerCertificate, 8.x's sslMode.
//  - PostgreSQL: pgjdbc 42.x (org.postgresql.Driver).
//  - SQL Server: Microsoft's mssql-jdbc 12.x (com.microsoft.sqlserver.jdbc.SQLServerDriver).
//  - Oracle: the thin driver takes no URL parameters (refused in database-checks.ts).
// Every parameter a driver version defines is listed in jdbc-driver-parameters.ts with its line; the table
// below marks those that are not safe, with the reason and the line. Any other name the driver defines is
// safe; a name it does not define is warned (the driver ignores it, or the user meant another version's).
import type { DatabaseEngine } from "./types";
import { connectorJ51, connectorJ8, DriverSource, mssqlJdbc12, pgjdbc42 } from "./jdbc-driver-parameters";

/**
 * - managed: the program sets it from a key (`key`): refused, the key named;
 * - tls: turns TLS off or its verification, for the values `risky` accepts (all when absent): refused on a
 *   non-dev stack and on any stack whose keystores.trust.databaseCa is set;
 * - dangerous: a driver feature that lets the database server, or the text of a parameter, run code, read
 *   files or leak data, for the values `risky` accepts (all when absent): refused.
 */
export type ParameterKind = "managed" | "tls" | "dangerous";

export interface ParameterRule {
  kind: ParameterKind;
  why: string;
  /** For managed parameters: the key that sets it. */
  key?: string;
  /** The values that are risky, in words, and as a test; every value when absent. */
  risky?: { values: string; test: (value: string) => boolean };
  /** Where the driver defines it, when the driver's list (DriverSource.names) does not hold it. */
  source?: { tag?: string; file: string; line: number };
}

export interface JdbcDriver {
  id: string;
  label: string;
  engine: DatabaseEngine;
  /** The driver classes that load this version. */
  classes: readonly string[];
  source: DriverSource;
  /** Whether the driver matches a parameter's name whatever its case (mssql-jdbc: getNormalizedPropertyName, equalsIgnoreCase). */
  anyCase: boolean;
  rules: Readonly<Record<string, ParameterRule>>;
}

/** Connector/J's and mssql-jdbc's booleans: true, false, yes, no, any case. */
const isTrue = (v: string) => /^(?:true|yes)$/i.test(v);
const isFalse = (v: string) => /^(?:false|no)$/i.test(v);
const TRUE = { values: "true or yes", test: isTrue };
const FALSE = { values: "false or no", test: isFalse };
/** A list of TLS versions that holds one below 1.2. */
const OLD_TLS = {
  values: "a list with SSLv3, TLSv1 or TLSv1.1",
  test: (v: string) => v.split(",").some((p) => /^\s*(?:SSLv3|TLSv1|TLSv1\.1)\s*$/i.test(p)),
};

const DATABASE_NAME = "database.<datasource>.name";
const HOST = "database.host or database.<datasource>.host";
const PORT = "database.port or database.<datasource>.port";
const USER = "database.username or database.<datasource>.username";
const PASSWORD = "database.password or database.<datasource>.password (a secret)";
const TRUST = "keystores.trust.databaseCa (the database's CA, which the program adds to the truststore the driver uses)";

/** The rules both Connector/J versions share, by the name each gives the parameter. */
const connectorJCommon: Record<string, ParameterRule> = {
  user: { kind: "managed", key: USER, why: "the user of each datasource" },
  password: { kind: "managed", key: PASSWORD, why: "the password of each datasource" },
  trustCertificateKeyStoreUrl: { kind: "managed", key: TRUST, why: "replaces the truststore that holds the database's CA" },
  trustCertificateKeyStorePassword: { kind: "managed", key: TRUST, why: "the password of a truststore the program does not use" },
  trustCertificateKeyStoreType: { kind: "managed", key: TRUST, why: "the type of a truststore the program does not use" },
  requireSSL: { kind: "tls", risky: FALSE, why: "lets the driver fall back to an unencrypted connection" },
  verifyServerCertificate: { kind: "tls", risky: FALSE, why: "accepts any server certificate" },
  useSSL: { kind: "tls", risky: FALSE, why: "turns TLS off" },
  enabledTLSProtocols: { kind: "tls", risky: OLD_TLS, why: "allows TLS versions below 1.2" },
  enabledSSLCipherSuites: { kind: "tls", why: "replaces the JVM's cipher suites, weak ones possibly among them" },
  autoDeserialize: {
    kind: "dangerous",
    risky: TRUE,
    why: "deserializes Java objects stored in BLOBs, a remote-code path from whoever writes the database",
  },
  allowLoadLocalInfile: { kind: "dangerous", risky: TRUE, why: "lets the server read any file of the node (LOAD DATA LOCAL)" },
  allowUrlInLocalInfile: { kind: "dangerous", risky: TRUE, why: "lets LOAD DATA LOCAL fetch URLs from the node" },
  allowMultiQueries: { kind: "dangerous", risky: TRUE, why: "lets one statement carry several, which turns an SQL injection into any statement" },
  allowPublicKeyRetrieval: { kind: "dangerous", risky: TRUE, why: "lets a server in the middle obtain the password without TLS" },
  exceptionInterceptors: { kind: "dangerous", why: "loads classes named in the URL" },
  connectionLifecycleInterceptors: { kind: "dangerous", why: "loads classes named in the URL" },
  socketFactory: { kind: "dangerous", why: "loads a class named in the URL for the connection's socket" },
  authenticationPlugins: { kind: "dangerous", why: "loads classes named in the URL" },
  defaultAuthenticationPlugin: { kind: "dangerous", why: "loads a class named in the URL" },
  clientInfoProvider: { kind: "dangerous", why: "loads a class named in the URL" },
  loadBalanceExceptionChecker: { kind: "dangerous", why: "loads a class named in the URL" },
  profilerEventHandler: { kind: "dangerous", why: "loads a class named in the URL" },
  logger: { kind: "dangerous", why: "loads a class named in the URL" },
  propertiesTransform: { kind: "dangerous", why: "loads a class named in the URL, which may rewrite every other property" },
  autoGenerateTestcaseScript: { kind: "dangerous", risky: TRUE, why: "writes every statement, with its values, to the log" },
  socksProxyHost: { kind: "dangerous", why: "sends the database connection through another host" },
};

/** Connector/J 5.1 reads the host, port and database of the URL as these properties (NonRegisteringDriver.java at 5.1.49). */
const nonRegisteringDriver = (line: number) => ({ file: "src/com/mysql/jdbc/NonRegisteringDriver.java", line });

export const JDBC_DRIVERS: readonly JdbcDriver[] = [
  {
    id: "connector-j-5.1",
    label: "MySQL Connector/J 5.1",
    engine: "mysql",
    classes: ["com.mysql.jdbc.Driver"],
    source: connectorJ51,
    anyCase: false,
    rules: {
      ...connectorJCommon,
      DBNAME: { kind: "managed", key: DATABASE_NAME, why: "the database of each datasource", source: nonRegisteringDriver(108) },
      HOST: { kind: "managed", key: HOST, why: "the server of each datasource", source: nonRegisteringDriver(120) },
      PORT: { kind: "managed", key: PORT, why: "the port of each datasource", source: nonRegisteringDriver(137) },
      statementInterceptors: { kind: "dangerous", why: "loads classes named in the URL, the known path to autoDeserialize's code execution" },
      loadBalanceStrategy: { kind: "dangerous", why: "loads a class named in the URL" },
    },
  },
  {
    id: "connector-j-8",
    label: "MySQL Connector/J 8.x",
    engine: "mysql",
    classes: ["com.mysql.cj.jdbc.Driver", "com.mysql.jdbc.Driver"],
    source: connectorJ8,
    anyCase: false,
    rules: {
      ...connectorJCommon,
      dbname: { kind: "managed", key: DATABASE_NAME, why: "the database of each datasource" },
      host: { kind: "managed", key: HOST, why: "the server of each datasource" },
      port: { kind: "managed", key: PORT, why: "the port of each datasource" },
      address: { kind: "managed", key: HOST, why: "the server of each datasource" },
      protocol: { kind: "managed", key: HOST, why: "how the server is reached (tcp, pipe)" },
      namedPipePath: { kind: "managed", key: HOST, why: "how the server is reached" },
      sslMode: {
        kind: "tls",
        risky: { values: "DISABLED, PREFERRED or REQUIRED", test: (v) => !/^(?:VERIFY_CA|VERIFY_IDENTITY)$/i.test(v) },
        why: "below VERIFY_CA, no server certificate is checked (DISABLED: no TLS at all)",
      },
      tlsVersions: { kind: "tls", risky: OLD_TLS, why: "allows TLS versions below 1.2" },
      tlsCiphersuites: { kind: "tls", why: "replaces the JVM's cipher suites, weak ones possibly among them" },
      trustManagerFactoryProvider: { kind: "tls", why: "replaces the provider that checks the server's certificate" },
      sslContextProvider: { kind: "tls", why: "replaces the TLS implementation" },
      fallbackToSystemTrustStore: { kind: "managed", key: TRUST, why: "the program's truststore is the system one" },
      // Removed after 8.0 (8.4.0 defines it no more), but every 8.0 release reads it.
      autoDeserialize: {
        ...connectorJCommon.autoDeserialize,
        source: { tag: "8.0.33", file: "src/main/core-api/java/com/mysql/cj/conf/PropertyKey.java", line: 75 },
      },
      queryInterceptors: { kind: "dangerous", why: "loads classes named in the URL, the known path to autoDeserialize's code execution" },
      allowLoadLocalInfileInPath: { kind: "dangerous", why: "lets the server read the files of a directory of the node" },
      authenticationWebAuthnCallbackHandler: { kind: "dangerous", why: "loads a class named in the URL" },
      "ha.loadBalanceStrategy": { kind: "dangerous", why: "loads a class named in the URL" },
      haLoadBalanceStrategy: { kind: "dangerous", why: "loads a class named in the URL" },
      queryInfoCacheFactory: { kind: "dangerous", why: "loads a class named in the URL" },
      parseInfoCacheFactory: { kind: "dangerous", why: "loads a class named in the URL" },
      serverConfigCacheFactory: { kind: "dangerous", why: "loads a class named in the URL" },
    },
  },
  {
    id: "pgjdbc-42",
    label: "PostgreSQL pgjdbc 42.x",
    engine: "postgresql",
    classes: ["org.postgresql.Driver"],
    source: pgjdbc42,
    anyCase: false,
    rules: {
      user: { kind: "managed", key: USER, why: "the user of each datasource" },
      password: { kind: "managed", key: PASSWORD, why: "the password of each datasource" },
      PGDBNAME: { kind: "managed", key: DATABASE_NAME, why: "the database of each datasource" },
      PGHOST: { kind: "managed", key: HOST, why: "the server of each datasource" },
      PGPORT: { kind: "managed", key: PORT, why: "the port of each datasource" },
      sslrootcert: {
        kind: "managed",
        key: "keystores.trust.databaseCa (the program gives the driver its own sslrootcert)",
        why: "the CA the server is verified against",
      },
      ssl: { kind: "tls", risky: FALSE, why: "turns TLS off" },
      sslmode: {
        kind: "tls",
        risky: { values: "disable, allow, prefer or require", test: (v) => !/^(?:verify-ca|verify-full)$/.test(v) },
        why: "below verify-ca, the server's certificate is not checked against the CA (disable and allow: no TLS at all)",
      },
      sslfactory: {
        kind: "tls",
        risky: {
          values: "any class but org.postgresql.ssl.LibPQFactory and DefaultJavaSSLFactory, such as NonValidatingFactory",
          test: (v) => !/^org\.postgresql\.ssl\.(?:LibPQFactory|DefaultJavaSSLFactory)$/.test(v),
        },
        why: "another factory may skip the certificate check (NonValidatingFactory accepts any)",
      },
      sslhostnameverifier: { kind: "tls", why: "replaces the check of the server's host name" },
      socketFactory: { kind: "dangerous", why: "instantiates a class named in the URL with an argument from it (CVE-2022-21724)" },
      socketFactoryArg: { kind: "dangerous", why: "the argument of socketFactory's class" },
      sslpasswordcallback: { kind: "dangerous", why: "loads a class named in the URL" },
      authenticationPluginClassName: { kind: "dangerous", why: "loads a class named in the URL" },
      connectExecutor: { kind: "dangerous", why: "loads a class named in the URL" },
      xmlFactoryFactory: { kind: "dangerous", why: "loads a class named in the URL; LEGACY_INSECURE parses XML with external entities" },
      loggerFile: { kind: "dangerous", why: "writes the driver's log to any file of the node (CVE-2022-26520)" },
    },
  },
  {
    id: "mssql-jdbc-12",
    label: "Microsoft mssql-jdbc 12.x",
    engine: "mssql",
    classes: ["com.microsoft.sqlserver.jdbc.SQLServerDriver"],
    source: mssqlJdbc12,
    anyCase: true,
    rules: {
      databaseName: { kind: "managed", key: DATABASE_NAME, why: "the database of each datasource" },
      database: {
        kind: "managed",
        key: DATABASE_NAME,
        why: "the database of each datasource (a synonym of databaseName)",
        source: { file: "src/main/java/com/microsoft/sqlserver/jdbc/SQLServerDriver.java", line: 1022 },
      },
      serverName: { kind: "managed", key: HOST, why: "the server of each datasource" },
      server: {
        kind: "managed",
        key: HOST,
        why: "the server of each datasource (a synonym of serverName)",
        source: { file: "src/main/java/com/microsoft/sqlserver/jdbc/SQLServerDriver.java", line: 1024 },
      },
      portNumber: { kind: "managed", key: PORT, why: "the port of each datasource" },
      port: {
        kind: "managed",
        key: PORT,
        why: "the port of each datasource (a synonym of portNumber)",
        source: { file: "src/main/java/com/microsoft/sqlserver/jdbc/SQLServerDriver.java", line: 1026 },
      },
      instanceName: { kind: "managed", key: PORT, why: "looks the port up by instance name instead of the one given" },
      failoverPartner: { kind: "managed", key: HOST, why: "a second server the datasource would use" },
      user: { kind: "managed", key: USER, why: "the user of each datasource" },
      userName: {
        kind: "managed",
        key: USER,
        why: "the user of each datasource (a synonym of user)",
        source: { file: "src/main/java/com/microsoft/sqlserver/jdbc/SQLServerDriver.java", line: 1023 },
      },
      password: { kind: "managed", key: PASSWORD, why: "the password of each datasource" },
      trustStore: { kind: "managed", key: TRUST, why: "replaces the truststore that holds the database's CA" },
      trustStorePassword: { kind: "managed", key: TRUST, why: "the password of a truststore the program does not use" },
      trustStoreType: { kind: "managed", key: TRUST, why: "the type of a truststore the program does not use" },
      encrypt: {
        kind: "tls",
        risky: { values: "false, no or optional", test: (v) => /^(?:false|no|optional)$/i.test(v) },
        why: "turns TLS off",
      },
      trustServerCertificate: { kind: "tls", risky: TRUE, why: "accepts any server certificate" },
      hostNameInCertificate: { kind: "tls", why: "checks the certificate against another name than the server's" },
      sslProtocol: { kind: "tls", risky: OLD_TLS, why: "allows TLS versions below 1.2" },
      trustManagerClass: { kind: "tls", why: "replaces the check of the server's certificate with a class named in the URL" },
      trustManagerConstructorArg: { kind: "tls", why: "the argument of trustManagerClass" },
      socketFactoryClass: { kind: "dangerous", why: "loads a class named in the URL for the connection's socket" },
      socketFactoryConstructorArg: { kind: "dangerous", why: "the argument of socketFactoryClass" },
      accessTokenCallbackClass: { kind: "dangerous", why: "loads a class named in the URL" },
    },
  },
];

/** The engine's usual driver class, when database.driverClassName is empty (plan/database/engines.ts says the same). */
export const USUAL_DRIVER_CLASS: Record<DatabaseEngine, string> = {
  mysql: "com.mysql.jdbc.Driver",
  postgresql: "org.postgresql.Driver",
  mssql: "com.microsoft.sqlserver.jdbc.SQLServerDriver",
  oracle: "oracle.jdbc.OracleDriver",
};

/** The driver versions a class may load for an engine; every version of the engine when the class is none of theirs. */
export function driversOf(engine: DatabaseEngine, driverClass: string): { drivers: JdbcDriver[]; known: boolean } {
  const ofEngine = JDBC_DRIVERS.filter((d) => d.engine === engine);
  const loaded = ofEngine.filter((d) => d.classes.includes(driverClass));
  return loaded.length ? { drivers: loaded, known: true } : { drivers: ofEngine, known: false };
}

/** A driver's rule for a parameter and the name as the driver defines it, or undefined for a name the driver does not define. */
export function lookUp(driver: JdbcDriver, name: string): { name: string; rule?: ParameterRule } | undefined {
  // The rules are matched whatever the case, so that a case the driver would not read is still no way around them.
  const ruled = Object.keys(driver.rules).find((n) => n.toLowerCase() === name.toLowerCase());
  if (ruled) return { name: ruled, rule: driver.rules[ruled] };
  const defined = Object.keys(driver.source.names).find((n) => (driver.anyCase ? n.toLowerCase() === name.toLowerCase() : n === name));
  return defined ? { name: defined } : undefined;
}
