// The shared datasources of the stack's layout (config/database-keys.ts DATABASE_LAYOUTS): those of
// master-datasources.xml, and the Open Banking one of open-banking-datasources.xml. The local WSO2_CARBON_DB
// stays the pack's embedded H2. Both files hold passwords, so they are rendered with a slot for each (see
// credentials.ts) and reach the nodes as a Secret; the image's own open-banking-datasources.xml, when the
// templates hold no copy, is edited at a node's start instead, its slot filled there (open-banking-start.ts).
import { DATASOURCE_KEYS, DATASOURCES, DatasourceKey } from "../../config/database-keys";
import { ObkmConfig } from "../../config/load";
import { ElementSpec, XmlEdit } from "../../xml/edits";
import { ENGINES } from "./engines";
import { bundlePath } from "../keystores/keystores";

export const MASTER_DATASOURCES_XML = "datasources/master-datasources.xml";
/** The Open Banking layer's datasource file (WSO2 Commercial License: the project holds no copy of it). */
export const OPEN_BANKING_DATASOURCES_XML = "datasources/open-banking-datasources.xml";

/** Where each datasource's database runs: its own host, or the provisioned Service. */
export interface DatasourceEndpoint {
  host: string;
  port: number;
}

/** identity.xml keeps its identity data in the shared WSO2AM_DB. */
export function persistenceManagerEdits(): XmlEdit[] {
  return [{ kind: "set", path: "/Server/JDBCPersistenceManager/DataSource/Name", value: DATASOURCES.am.jndi }];
}

export function jdbcUrl(config: ObkmConfig, key: DatasourceKey, endpoint: DatasourceEndpoint): string {
  const ds = config.database.datasources[key];
  return ENGINES[config.database.type].url(endpoint.host, endpoint.port, ds.database, urlParameters(config));
}

/**
 * The same URL for a server other than the KM's nodes (the API Manager, through the stack's outputs): the
 * stack's own parameters only, never the sslrootcert path that exists in the KM's pods alone. Whoever uses it
 * adds the database's CA where they mount it (shared.ts names the CA).
 */
export function portableJdbcUrl(config: ObkmConfig, key: DatasourceKey, endpoint: DatasourceEndpoint): string {
  const ds = config.database.datasources[key];
  return ENGINES[config.database.type].url(endpoint.host, endpoint.port, ds.database, config.database.urlParameters);
}

/**
 * The URL's parameters. pgjdbc verifies the server against sslrootcert, not the JVM's truststore (its
 * LibPQFactory; the default file is ~/.postgresql/root.crt, PEM with several certificates read), so the
 * database's CA goes there. The other drivers use the truststore.
 */
function urlParameters(config: ObkmConfig): string {
  const { urlParameters: given, type } = config.database;
  const ca = config.keystores.trust.databaseCa;
  // The parameters never name one of their own: config/jdbc-parameters.ts refuses sslrootcert.
  if (type !== "postgresql" || !ca) return given;
  return [given, `sslrootcert=${bundlePath(ca)}`].filter(Boolean).join("&");
}

const datasourcePath = (key: DatasourceKey) => `/datasources-configuration/datasources/datasource[name='${DATASOURCES[key].name}']`;

/** A datasource block for a pack that lacks it; the sets that follow give it its values. */
function datasourceSkeleton(key: DatasourceKey): ElementSpec {
  return {
    name: "datasource",
    children: [
      { name: "name", text: DATASOURCES[key].name },
      { name: "description", text: `The datasource of the ${DATASOURCES[key].what}` },
      { name: "jndiConfig", children: [{ name: "name", text: DATASOURCES[key].jndi }] },
      { name: "definition", attributes: { type: "RDBMS" }, children: [{ name: "configuration", children: [{ name: "url", text: "" }] }] },
    ],
  };
}

/** The edits of one datasource file: each datasource of the layout that the file defines. */
export function datasourceEdits(
  config: ObkmConfig,
  file: (typeof DATASOURCES)[DatasourceKey]["file"],
  endpoints: Record<DatasourceKey, DatasourceEndpoint>,
  passwords: Record<DatasourceKey, string>,
): XmlEdit[] {
  const engine = ENGINES[config.database.type];
  const pool = config.database.pool;
  // The other layout's datasources go: left in, they would still open pools on the pack's H2 files.
  const unused = DATASOURCE_KEYS.filter((key) => DATASOURCES[key].file === file && !config.database.inUse.includes(key));
  const removals = unused.map((key): XmlEdit => ({ kind: "remove", path: datasourcePath(key), ifPresent: true }));
  return [
    ...removals,
    ...config.database.inUse
      .filter((key) => DATASOURCES[key].file === file)
      .flatMap((key): XmlEdit[] => {
        const ds = config.database.datasources[key];
        const configuration = `${datasourcePath(key)}/definition[@type='RDBMS']/configuration`;
        const values: Array<[string, string, string?]> = [
          ["url", jdbcUrl(config, key, endpoints[key])],
          ["username", ds.username, "url"],
          ["password", passwords[key], "username"],
          ["driverClassName", config.database.driverClassName ?? engine.driverClassName, "password"],
          ["maxActive", String(pool.maxActive), "driverClassName"],
          ["maxWait", String(pool.maxWait), "maxActive"],
          ["minIdle", String(pool.minIdle), "maxWait"],
          ["testOnBorrow", "true", "minIdle"],
          ["validationQuery", engine.validationQuery, "testOnBorrow"],
          ["validationInterval", String(pool.validationInterval), "validationQuery"],
          ["defaultAutoCommit", "false", "validationInterval"],
          // The pool's MBean, which the JMX exporter reads (plan/monitoring/metrics.ts): Carbon registers it
          // only when jmxEnabled is true, and reads a missing one as false (carbon-kernel v4.4.39
          // RDBMSDataSourceUtils.createPoolConfiguration; RDBMSDataSource.getDataSource).
          ...(config.keyValues["metrics.enabled"] ? [["jmxEnabled", "true", "defaultAutoCommit"] as [string, string, string]] : []),
        ];
        return [
          { kind: "ensure", path: datasourcePath(key), element: datasourceSkeleton(key) },
          { kind: "set", path: `${datasourcePath(key)}/jndiConfig/name`, value: DATASOURCES[key].jndi },
          ...values.map(([element, value, after]): XmlEdit => ({ kind: "set", path: `${configuration}/${element}`, value, create: { after } })),
        ];
      }),
  ];
}
