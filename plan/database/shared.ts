// What the OB API Manager's stack needs to share the KM's databases: each datasource of the layout by its
// pack name, with its JNDI name, JDBC URL and user, and where its password is (never the password). In the
// openBanking layout the API Manager defines the same WSO2AM_DB, WSO2_COMMON_DB and WSO2_OPEN_BANKING_DB
// (wso2/kubernetes-open-banking 1.4.x eval-ob-pattern-1/confs/obam: its master-datasources.xml and
// open-banking-datasources.xml name them alike); the KM's config registry sits at /_system/obkm/config
// there, so the API Manager keeps its own /_system/config.
import { DATASOURCES, DatasourceKey } from "../../config/database-keys";
import { ObkmConfig } from "../../config/load";
import { Names } from "../names";
import { DatasourceEndpoint, portableJdbcUrl } from "./datasources";

export interface SecretKeyRef {
  namespace: string;
  name: string;
  key: string;
}

/** A PEM CA bundle in a Secret or a ConfigMap of the KM's namespace. */
export interface CaRef {
  namespace: string;
  kind: "secret" | "configMap";
  name: string;
  key: string;
}

export interface SharedDatabases {
  engine: string;
  layout: string;
  /** Each URL as the API Manager uses it: no path of the KM's pods (the KM's own adds its sslrootcert). */
  datasources: Record<string, { jndi: string; url: string; username: string; passwordSecret: SecretKeyRef }>;
  /**
   * The database's CA (keystores.trust.databaseCa), which the API Manager's truststore, or for PostgreSQL its
   * driver's sslrootcert where the API Manager mounts it, must hold; absent when the stack names none.
   */
  ca?: CaRef;
}

export function sharedDatabases(config: ObkmConfig, n: Names, endpoints: Record<DatasourceKey, DatasourceEndpoint>): SharedDatabases {
  const databaseCa = config.keystores.trust.databaseCa;
  return {
    engine: config.database.type,
    layout: config.database.layout,
    datasources: Object.fromEntries(
      config.database.inUse.map((d) => [
        DATASOURCES[d].name,
        {
          jndi: DATASOURCES[d].jndi,
          url: portableJdbcUrl(config, d, endpoints[d]),
          username: config.database.datasources[d].username,
          passwordSecret: { namespace: n.namespace, name: n.credentials, key: `${d}-password` },
        },
      ]),
    ),
    ...(databaseCa ? { ca: { namespace: n.namespace, kind: databaseCa.kind, name: databaseCa.name, key: databaseCa.key } } : {}),
  };
}
