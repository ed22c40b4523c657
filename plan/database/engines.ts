// What each database engine needs in a datasource: the JDBC URL's form, the usual driver class and a
// validation query the engine accepts. An IPv6 host is bracketed where the driver reads brackets, and
// refused by the loader where it cannot (config/database-ipv6.ts).
import { hostInUrl } from "../../config/database-ipv6";
import { DatabaseEngine } from "../../config/load";

export interface Engine {
  driverClassName: string;
  validationQuery: string;
  url(host: string, port: number, database: string, parameters: string): string;
}

export const ENGINES: Record<DatabaseEngine, Engine> = {
  mysql: {
    // Connector/J 5.1's class, which 8.x still accepts; set database.driverClassName for com.mysql.cj.jdbc.Driver.
    driverClassName: "com.mysql.jdbc.Driver",
    validationQuery: "SELECT 1",
    url: (host, port, db, params) => `jdbc:mysql://${host}:${port}/${db}${params ? `?${params}` : ""}`,
  },
  postgresql: {
    driverClassName: "org.postgresql.Driver",
    validationQuery: "SELECT 1",
    url: (host, port, db, params) => `jdbc:postgresql://${hostInUrl(host)}:${port}/${db}${params ? `?${params}` : ""}`,
  },
  mssql: {
    driverClassName: "com.microsoft.sqlserver.jdbc.SQLServerDriver",
    validationQuery: "SELECT 1",
    url: (host, port, db, params) => `jdbc:sqlserver://${host}:${port};databaseName=${db}${params ? `;${params}` : ""}`,
  },
  oracle: {
    driverClassName: "oracle.jdbc.OracleDriver",
    validationQuery: "SELECT 1 FROM DUAL",
    url: (host, port, service) => `jdbc:oracle:thin:@//${hostInUrl(host)}:${port}/${service}`,
  },
};
