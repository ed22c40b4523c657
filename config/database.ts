// The typed database config, built from its keys: the engine, the layout and each datasource's database,
// host, port, user and where its password comes from.
import { DATABASE_LAYOUTS, DATASOURCE_KEYS, DatasourceKey } from "./database-keys";
import { Parsed } from "./parsed";
import { DatasourceConfig, DEFAULT_PORTS, ObkmConfig } from "./types";

export function databaseConfig(parsed: Parsed): ObkmConfig["database"] {
  const engine = parsed["database.type"];
  const provision = parsed["database.provision"];
  const datasources = Object.fromEntries(
    DATASOURCE_KEYS.map((d): [DatasourceKey, DatasourceConfig] => [
      d,
      {
        database: parsed[`database.${d}.name`],
        host: provision ? undefined : parsed[`database.${d}.host`] || parsed["database.host"],
        port: parsed[`database.${d}.port`] || parsed["database.port"] || DEFAULT_PORTS[engine],
        username: parsed[`database.${d}.username`] || parsed["database.username"],
        password: parsed[`database.${d}.password`] ? "own" : parsed["database.password"] ? "shared" : "generated",
      },
    ]),
  ) as Record<DatasourceKey, DatasourceConfig>;
  const layout = parsed["database.layout"];
  return {
    type: engine,
    layout,
    inUse: DATABASE_LAYOUTS[layout].datasources,
    provision: provision
      ? { image: parsed["database.provisionImage"] || undefined, storageSize: parsed["database.provisionStorageSize"] }
      : undefined,
    datasources,
    urlParameters: parsed["database.urlParameters"],
    driverClassName: parsed["database.driverClassName"] || undefined,
    driverImage: parsed["database.driverImage"] || undefined,
    waitSeconds: parsed["database.waitSeconds"],
    maxConnections: parsed["database.maxConnections"] || undefined,
    pool: {
      maxActive: parsed["database.pool.maxActive"],
      maxWait: parsed["database.pool.maxWait"],
      minIdle: parsed["database.pool.minIdle"],
      validationInterval: parsed["database.pool.validationInterval"],
    },
  };
}
