// An IPv6 database host in each engine's JDBC URL, as that engine's driver reads the URL:
//   - PostgreSQL: pgjdbc's Driver.parseURL takes the port after the last ':' only when it follows the last
//     ']' (pgjdbc/pgjdbc pgjdbc/src/main/java/org/postgresql/Driver.java, parseURL, read at commit
//     00c7eb32a162d9d21ab6ac23e1a9bc5f0c270d2d: `address.lastIndexOf(']') < portIdx`), and hands the host,
//     brackets and all, to Java's InetAddress, which reads a bracketed IPv6 literal (RFC 2732): [addr]:port.
//   - Oracle: the thin driver's Easy Connect string //host:port/service "requires square brackets around
//     IPv6 host names" (Oracle Database Net Services Administrator's Guide, "Examples of Easy Connect Naming
//     Method"): //[addr]:port/service.
//   - MySQL: refused. Connector/J 5.1, whose com.mysql.jdbc.Driver the program names by default, splits a
//     host from its port at the first ':' (NonRegisteringDriver.parseHostPortPair:
//     `hostPortPair.indexOf(":")`), so no URL form carries an IPv6 address to it, bracketed or not.
//   - SQL Server: refused. Microsoft's URL form is jdbc:sqlserver://serverName[\instanceName][:portNumber]
//     (Microsoft Learn, "Building the connection URL"), with no bracketed host, and an IPv6 address's own ':'
//     would be read as the port's.
// A host name that resolves to the IPv6 address works with every driver.
import type { DatabaseEngine } from "./types";
import { isIpAddress } from "./rules";

export const IPV6_IN_URL: Record<DatabaseEngine, { bracketed: true } | { refused: string }> = {
  postgresql: { bracketed: true },
  oracle: { bracketed: true },
  mysql: {
    refused:
      "Connector/J 5.1 (com.mysql.jdbc.Driver, the default driver class) splits host and port at the first ':', so its URL cannot carry an IPv6 address",
  },
  mssql: {
    refused:
      "the SQL Server driver's URL (jdbc:sqlserver://serverName[:portNumber]) has no bracketed host, and the address's own ':' would be read as the port's",
  },
};

export function isIpv6Address(host: string): boolean {
  return isIpAddress(host) && host.includes(":");
}

/** The host as the engine's URL names it: an IPv6 address in brackets. */
export function hostInUrl(host: string): string {
  return isIpv6Address(host) ? `[${host}]` : host;
}
