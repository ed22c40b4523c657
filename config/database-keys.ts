// Config keys of the shared databases, the credentials and the user store.
import { z } from "zod";
import { keysPerName, type KeySpec } from "./key-spec";
import { LDAP_URL_ALLOWED, parseLdapUrl } from "./ldap-url";
import * as rules from "./rules";

/**
 * Every shared datasource the KM may use, by the short name its keys use. Which of them a stack uses is
 * its layout's choice (DATABASE_LAYOUTS). `file` is the node file that defines it: the OB datasource lives in
 * the Open Banking layer's own open-banking-datasources.xml, the others in master-datasources.xml.
 */
export const DATASOURCES = {
  um: { name: "WSO2UM_DB", jndi: "jdbc/WSO2UM_DB", what: "user store", defaultDatabase: "obkm_um", file: "master" },
  am: {
    name: "WSO2AM_DB",
    jndi: "jdbc/WSO2AM_DB",
    what: "API-M, identity and key manager data",
    defaultDatabase: "openbank_apimgtdb",
    file: "master",
  },
  config: { name: "WSO2CONFIG_DB", jndi: "jdbc/WSO2Config_DB", what: "config registry", defaultDatabase: "obkm_config", file: "master" },
  reg: { name: "WSO2REG_DB", jndi: "jdbc/WSO2REG_DB", what: "governance registry", defaultDatabase: "obkm_reg", file: "master" },
  common: {
    name: "WSO2_COMMON_DB",
    jndi: "jdbc/WSO2CommonDB",
    what: "user store and registries shared with the API Manager",
    defaultDatabase: "openbank_commondb",
    file: "master",
  },
  ob: {
    name: "WSO2_OPEN_BANKING_DB",
    jndi: "jdbc/WSO2OpenBankingDB",
    what: "Open Banking consents",
    defaultDatabase: "openbank_openbankingdb",
    file: "openBanking",
  },
} as const;
export type DatasourceKey = keyof typeof DATASOURCES;
export const DATASOURCE_KEYS = Object.keys(DATASOURCES) as DatasourceKey[];

/**
 * Where each of the KM's concerns keeps its data, per layout.
 * - openBanking: WSO2's OB 1.4 layout, shared with the OB API Manager (wso2/kubernetes-open-banking 1.4.x,
 *   eval-ob-pattern-1/confs/obkm: master-datasources.xml defines WSO2AM_DB and WSO2_COMMON_DB, user-mgt.xml's
 *   realm and registry.xml's config and governance mounts use jdbc/WSO2CommonDB, the config mount's targetPath
 *   is /_system/obkm/config so the KM's config does not overwrite the API Manager's /_system/config, and
 *   open-banking-datasources.xml defines WSO2_OPEN_BANKING_DB). The default database names are that chart's
 *   (values.yaml wso2.db.apimgtDB, commonDB, openbankingDB), so an API Manager set up from WSO2's material
 *   finds them.
 * - clustering: the clustering guide's four separate datasources (user store, API-M, config and governance
 *   registries), plus the OB datasource, which every OB KM needs for its consents.
 */
export const DATABASE_LAYOUTS = {
  openBanking: {
    datasources: ["am", "common", "ob"],
    userStore: "common",
    configRegistry: { datasource: "common", targetPath: "/_system/obkm/config" },
    governanceRegistry: "common",
  },
  clustering: {
    datasources: ["um", "am", "config", "reg", "ob"],
    userStore: "um",
    configRegistry: { datasource: "config", targetPath: "/_system/config" },
    governanceRegistry: "reg",
  },
} as const satisfies Record<
  string,
  {
    datasources: readonly DatasourceKey[];
    userStore: DatasourceKey;
    configRegistry: { datasource: DatasourceKey; targetPath: string };
    governanceRegistry: DatasourceKey;
  }
>;
export type DatabaseLayout = keyof typeof DATABASE_LAYOUTS;

/** A host or nothing: `empty` says what an empty value means for the key. */
const optionalHost = (empty: string) =>
  rules.emptyOr(
    z.string().refine(rules.isHostOrIp),
    `empty (${empty}) or a fully qualified host name in lower case, such as db.bank.example, or an IP address`,
  );
const optionalPort = () => rules.integer(0, 65535);
/**
 * A database or user name every engine takes unquoted and every script can hold as it is: letters, digits
 * and '_' (no '$', which MySQL and PostgreSQL allow but the schema job's shell would expand), at most 63
 * characters (PostgreSQL's NAMEDATALEN - 1; MySQL's database names may have 64). Engine rules on top:
 * database-checks.ts.
 */
const identifier = (allowed: string) => z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, allowed);

/** " (layouts: ...)", for the keys' descriptions. */
function layoutsOf(key: DatasourceKey): string {
  const layouts = Object.entries(DATABASE_LAYOUTS).filter(([, l]) => (l.datasources as readonly DatasourceKey[]).includes(key));
  return ` (database.layout ${layouts.map(([name]) => name).join(" or ")})`;
}

/** The fields of each datasource's keys, database.<datasource>.<field>. */
function datasourceFields(key: DatasourceKey) {
  const ds = DATASOURCES[key];
  return {
    name: {
      type: "string",
      default: ds.defaultDatabase,
      description: `Database (Oracle: service name) of ${ds.name}, the ${ds.what}${layoutsOf(key)}. Never one of the engine's system databases (docs/configuration.md, The database's own names).`,
      rule: identifier("a database name of letters, digits and '_', starting with a letter"),
    },
    host: {
      type: "string",
      default: "",
      description: `Host of ${ds.name} when it is not on database.host; an IPv6 address only with postgresql or oracle (docs/configuration.md).`,
      rule: optionalHost("the shared database.host"),
    },
    port: {
      type: "integer",
      default: 0,
      description: `Port of ${ds.name} when it differs from database.port; 0 means database.port.`,
      rule: optionalPort(),
    },
    username: {
      type: "string",
      default: "",
      description: `User of ${ds.name} when it is not database.username; never the engine's superuser.`,
      rule: rules.emptyOr(
        identifier("a user name of letters, digits and '_'"),
        "empty (database.username) or a user name of letters, digits and '_'",
      ),
    },
    password: {
      type: "string",
      secret: true,
      default: "",
      description: `Password of ${ds.name} when it is not database.password (a Pulumi secret).`,
      rule: z.string(),
    },
  } satisfies Record<string, KeySpec>;
}

export const databaseKeys = {
  "database.type": {
    type: "string",
    default: "mysql",
    description: "Engine of the shared databases: mysql, postgresql, mssql or oracle.",
    rule: rules.oneOf(["mysql", "postgresql", "mssql", "oracle"]),
  },
  "database.layout": {
    type: "string",
    default: "openBanking",
    description:
      "Which databases the KM uses: openBanking (OB 1.4's, shared with the OB API Manager: WSO2AM_DB, WSO2_COMMON_DB for the user store and registries, WSO2_OPEN_BANKING_DB) or clustering (the clustering guide's WSO2UM_DB, WSO2AM_DB, WSO2CONFIG_DB, WSO2REG_DB, plus WSO2_OPEN_BANKING_DB).",
    rule: rules.oneOf(["openBanking", "clustering"] as const satisfies readonly DatabaseLayout[]),
  },
  "database.provision": {
    type: "boolean",
    default: false,
    description:
      "Create an in-cluster MySQL or PostgreSQL (official image, generated credentials, a claim) and the KM's schemas, for dev. Production points at an external HA database.",
    rule: rules.boolean(),
  },
  "database.host": {
    type: "string",
    default: "",
    description:
      "Host of the database server that holds the layout's databases (required unless database.provision). An IPv6 address is written in brackets for postgresql and oracle, and refused for mysql and mssql, whose drivers' URLs cannot carry one: give a DNS name.",
    rule: optionalHost("with database.provision, which runs the database in the cluster"),
  },
  "database.port": {
    type: "integer",
    default: 0,
    description: "Port of the database server; 0 means the engine's (3306, 5432, 1433, 1521).",
    rule: optionalPort(),
  },
  "database.username": {
    type: "string",
    default: "obkm",
    description:
      "User of the layout's databases, unless a datasource names its own; never the engine's superuser (root, postgres, sa, SYS or SYSTEM) nor a PostgreSQL pg_ name.",
    rule: identifier("a user name of letters, digits and '_'"),
  },
  "database.password": {
    type: "string",
    secret: true,
    default: "",
    description: "Password of that user (a Pulumi secret). Empty means generated, and kept until credentialRotation changes.",
    rule: z.string(),
  },
  "database.urlParameters": {
    type: "string",
    default: "",
    description:
      "Extra JDBC URL parameters, such as useSSL=true&requireSSL=true (MySQL, PostgreSQL: joined with &; SQL Server: with ;). Parameters the program sets, dangerous ones, and outside a dev stack without a CA those that weaken TLS, are refused (docs/configuration.md, JDBC URL parameters).",
    rule: z.string().regex(/^[^\s]*$/, "URL parameters without spaces, such as useSSL=true&requireSSL=true"),
  },
  "database.driverClassName": {
    type: "string",
    default: "",
    description: "JDBC driver class; empty means the engine's usual one (com.mysql.jdbc.Driver, org.postgresql.Driver, ...).",
    rule: z.string().regex(/^$|^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/, "empty or a Java class name, such as com.mysql.cj.jdbc.Driver"),
  },
  "database.driverImage": {
    type: "string",
    default: "",
    description:
      "Image holding the JDBC driver jar(s) in /drivers, copied into the pack's repository/components/lib at start. Empty means the KM image carries the driver.",
    rule: rules.emptyOr(rules.imageReference(), "empty or an image reference with a tag or digest"),
  },
  "database.waitSeconds": {
    type: "integer",
    default: 300,
    description: "How long a starting node waits for its databases to answer before it gives up (and is restarted).",
    rule: rules.integer(10, 3600),
  },
  "database.pool.maxActive": {
    type: "integer",
    default: 150,
    description: "Most connections each node opens to each shared datasource.",
    rule: rules.integer(1, 1000),
  },
  "database.maxConnections": {
    type: "integer",
    default: 0,
    description:
      "Connections the database server accepts (its max_connections). 0 means the engine's default: MySQL's 151, PostgreSQL's 100. The provisioned database is started with it when it is set; the stack warns when the nodes' pools could open more than it.",
    rule: rules.integer(0, 100000).refine((n) => n === 0 || n >= 10, "0 (the engine's default) or an integer from 10 to 100000"),
  },
  "database.pool.maxWait": {
    type: "integer",
    default: 60000,
    description: "Milliseconds a request waits for a free connection.",
    rule: rules.integer(1000, 600000),
  },
  "database.pool.minIdle": {
    type: "integer",
    default: 5,
    description: "Connections each node keeps open to each shared datasource.",
    rule: rules.integer(0, 1000),
  },
  "database.pool.validationInterval": {
    type: "integer",
    default: 30000,
    description: "Milliseconds between validations of a connection before it is lent out.",
    rule: rules.integer(1000, 3600000),
  },
  "database.provisionImage": {
    type: "string",
    default: "",
    description: "Image of the provisioned database; empty means the official mysql:8.0 or postgres:16.",
    rule: rules.emptyOr(rules.imageReference(), "empty or an image reference with a tag or digest"),
  },
  "database.provisionStorageSize": {
    type: "string",
    default: "10Gi",
    description: "Size of the provisioned database's claim.",
    rule: rules.storageQuantity(),
  },
  ...keysPerName("database", DATASOURCE_KEYS, datasourceFields),
  adminUsername: {
    type: "string",
    default: "admin@wso2.com",
    description: "The KM's admin user (user-mgt.xml AdminUser), as the OB pack names it.",
    rule: z.string().regex(/^[^\s<>&"']{3,64}$/, "a user name of 3 to 64 characters without spaces or <>&\"'"),
  },
  adminPassword: {
    type: "string",
    secret: true,
    default: "",
    description: "The admin user's password (a Pulumi secret). Empty means generated, and kept until credentialRotation changes.",
    rule: z.string(),
  },
  credentialRotation: {
    type: "string",
    default: "",
    description: "Change this value (a date, a ticket number) to generate new passwords where they are generated.",
    rule: z.string(),
  },
  "userStore.type": {
    type: "string",
    default: "jdbc",
    description: "The primary user store: jdbc (in WSO2UM_DB) or ldap (an LDAP v3 directory).",
    rule: rules.oneOf(["jdbc", "ldap"]),
  },
  "userStore.ldap.url": {
    type: "string",
    default: "",
    description:
      "LDAP connection URL, such as ldaps://ldap.bank.example:636 or ldaps://[fd00::10]:636 (required with userStore.type ldap): a host and an optional port, without user information or DN, as JNDI reads it.",
    rule: z.string().refine((url) => url === "" || parseLdapUrl(url) !== undefined, LDAP_URL_ALLOWED),
  },
  "userStore.ldap.bindDn": {
    type: "string",
    default: "",
    description: "DN the KM binds as, such as uid=obkm,ou=system,dc=bank,dc=example.",
    rule: z.string(),
  },
  "userStore.ldap.bindPassword": {
    type: "string",
    secret: true,
    default: "",
    description: "Password of the bind DN (a Pulumi secret).",
    rule: z.string(),
  },
  "userStore.ldap.userSearchBase": {
    type: "string",
    default: "",
    description: "DN under which users are found, such as ou=users,dc=bank,dc=example.",
    rule: z.string(),
  },
  "userStore.ldap.groupSearchBase": {
    type: "string",
    default: "",
    description: "DN under which groups are found, such as ou=groups,dc=bank,dc=example.",
    rule: z.string(),
  },
  "userStore.ldap.readOnly": {
    type: "boolean",
    default: true,
    description: "Read the directory only (ReadOnlyLDAPUserStoreManager), or also write users and groups to it.",
    rule: rules.boolean(),
  },
  "userStore.ldap.userNameAttribute": {
    type: "string",
    default: "uid",
    description: "Attribute that holds a user's name.",
    rule: z.string().regex(/^[A-Za-z][\w-]*$/, "an LDAP attribute name, such as uid"),
  },
} satisfies Record<string, KeySpec>;
