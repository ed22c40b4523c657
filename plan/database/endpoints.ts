// Where each datasource's database answers: the configured host and port, or the provisioned Service.
import { DATASOURCE_KEYS, DatasourceKey } from "../../config/database-keys";
import { DEFAULT_PORTS, ObkmConfig } from "../../config/load";
import { Names } from "../names";
import { DatasourceEndpoint } from "./datasources";

export function datasourceEndpoints(config: ObkmConfig, n: Names): Record<DatasourceKey, DatasourceEndpoint> {
  return Object.fromEntries(
    DATASOURCE_KEYS.map((key) => {
      const ds = config.database.datasources[key];
      return [key, ds.host ? { host: ds.host, port: ds.port } : { host: n.databaseServiceDnsName, port: DEFAULT_PORTS[config.database.type] }];
    }),
  ) as Record<DatasourceKey, DatasourceEndpoint>;
}

/** Each database server once, in a stable order. */
export function databaseServers(endpoints: Record<DatasourceKey, DatasourceEndpoint>): DatasourceEndpoint[] {
  const unique = new Map(Object.values(endpoints).map((e) => [`${e.host}:${e.port}`, e]));
  return [...unique.keys()].sort().map((key) => unique.get(key)!);
}
