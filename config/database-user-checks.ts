// How long a database user's name may be, per engine. The keys' own rule (database-keys.ts) caps every name
// at 63 characters of ASCII letters, digits and '_', so a character is a byte and only an engine whose limit
// is below that needs a check here:
//   - MySQL: USERNAME_CHAR_LENGTH 32 (mysql/mysql-server include/mysql_com.h, read at commit
//     c1fffc3c651f22451154c9834a43c661112b368c, the 8.0 line; 5.7.8 raised it from the 16 of older releases).
//     CREATE USER with a longer name fails, so the provisioned database's user, or the one a DBA creates from
//     this config, would not exist, and every node would fail to connect.
//   - PostgreSQL: NAMEDATALEN 64, so 63 bytes (src/include/pg_config_manual.h; Debian's libpq-dev 15 ships the
//     same define): the keys' own cap.
//   - SQL Server: a login or user is a sysname, nvarchar(128): above the cap.
//   - Oracle: 128 bytes from 12.2, 30 before; Oracle's source is not public and the server's version is not a
//     key, so nothing is checked beyond the cap.
// MariaDB, which the integration suite runs for MySQL, allows longer names (10.11's mysql.global_priv has
// User char(128); MariaDB/server include/mysql_com.h USERNAME_CHAR_LENGTH 128), so MySQL's limit is tested at
// unit level (tests/database-user-names.test.ts), not against that server.
import { DATASOURCE_KEYS, DatasourceKey } from "./database-keys";
import { Failed, Parsed } from "./parsed";
import { fullKey, showValue } from "./problems";

const MYSQL_USERNAME_CHAR_LENGTH = 32;

/**
 * Every key that names a database user: the shared one and each datasource's, so that a datasource added
 * later is covered. The order is the problems' only; the loader sorts them.
 */
const USERNAME_KEYS: Array<"database.username" | `database.${DatasourceKey}.username`> = [
  "database.username",
  ...DATASOURCE_KEYS.map((d) => `database.${d}.username` as const),
];

export function databaseUserProblems(parsed: Parsed, failed: Failed): string[] {
  if (failed("database.type") || parsed["database.type"] !== "mysql") return [];
  return USERNAME_KEYS.filter((key) => !failed(key) && parsed[key].length > MYSQL_USERNAME_CHAR_LENGTH).map(
    (key) =>
      `${fullKey([key])}: got ${showValue(parsed[key])} (${parsed[key].length} characters) with database.type mysql; expected at most ${MYSQL_USERNAME_CHAR_LENGTH} characters, because MySQL refuses a longer user name`,
  );
}
