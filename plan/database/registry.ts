// registry.xml: the JDBC mounts that share registry artifacts between nodes (the guide's "Mounting the
// registry"): /_system/config and /_system/governance on the databases the layout names (database-keys.ts
// DATABASE_LAYOUTS). In the OB layout the config mount's targetPath is /_system/obkm/config, so the KM's
// config registry and the API Manager's /_system/config share a database without sharing a path. The local
// registry (wso2registry on jdbc/WSO2CarbonDB) stays on each node. A pack without the mounts gets them added.
import { DATABASE_LAYOUTS, DATASOURCES, DatasourceKey } from "../../config/database-keys";
import { ObkmConfig } from "../../config/load";
import { XmlEdit } from "../../xml/edits";
import { renderTemplate, Templates } from "../../xml/templates";
import { DatasourceEndpoint, jdbcUrl } from "./datasources";

export const REGISTRY_XML = "registry.xml";

interface Mount {
  path: string;
  targetPath: string;
  dbConfig: string;
  instance: string;
  datasource: DatasourceKey;
}

function mounts(config: ObkmConfig): Mount[] {
  const layout = DATABASE_LAYOUTS[config.database.layout];
  return [
    {
      path: "/_system/config",
      targetPath: layout.configRegistry.targetPath,
      dbConfig: "configRegistry",
      instance: "configInstance",
      datasource: layout.configRegistry.datasource,
    },
    {
      path: "/_system/governance",
      targetPath: "/_system/governance",
      dbConfig: "governanceRegistry",
      instance: "governanceInstance",
      datasource: layout.governanceRegistry,
    },
  ];
}

/** `cacheIds` names each mount's cache as `<user>@<jdbc url>`, so every node keys the same data alike. */
function registryMountEdits(mountList: Mount[], cacheId: (key: DatasourceKey) => string): XmlEdit[] {
  return mountList.flatMap((m): XmlEdit[] => {
    const dbConfig = `/wso2registry/dbConfig[@name='${m.dbConfig}']`;
    const instance = `/wso2registry/remoteInstance[id='${m.instance}']`;
    const mount = `/wso2registry/mount[@path='${m.path}']`;
    return [
      {
        kind: "ensure",
        path: dbConfig,
        element: { name: "dbConfig", attributes: { name: m.dbConfig }, children: [{ name: "dataSource", text: "" }] },
      },
      { kind: "set", path: `${dbConfig}/dataSource`, value: DATASOURCES[m.datasource].jndi },
      {
        kind: "ensure",
        path: instance,
        element: {
          name: "remoteInstance",
          attributes: { url: "https://localhost:9443/registry" },
          children: [
            { name: "id", text: m.instance },
            { name: "dbConfig", text: "" },
          ],
        },
      },
      { kind: "set", path: `${instance}/dbConfig`, value: m.dbConfig },
      // A JDBC mount, never a remote one: with no trustedUser and trustedPwd, Carbon's MountHandler reads the
      // mount through the embedded registry over dbConfig, and the url (localhost:9443 in every pack, and in
      // what is added above) is only text, in the mounted resources' real-path property and in log lines; with
      // them, it would call the url as a remote registry (wso2/carbon-kernel v4.4.40,
      // core/org.wso2.carbon.registry.core: utils/RegistryUtils.java registerHandlerForRemoteLinks, which sets
      // remote from trustedUser; jdbc/handlers/builtin/MountHandler.java getRegistry). No node answers on
      // localhost:9443 as a registry of the shared database, so a pack's trusted user is taken out.
      { kind: "remove", path: `${instance}/trustedUser`, ifPresent: true },
      { kind: "remove", path: `${instance}/trustedPwd`, ifPresent: true },
      { kind: "set", path: `${instance}/cacheId`, value: cacheId(m.datasource), create: { after: "dbConfig" } },
      { kind: "set", path: `${instance}/readOnly`, value: "false", create: { after: "cacheId" } },
      { kind: "set", path: `${instance}/enableCache`, value: "true", create: { after: "readOnly" } },
      { kind: "set", path: `${instance}/registryRoot`, value: "/", create: { after: "enableCache" } },
      {
        kind: "ensure",
        path: mount,
        element: {
          name: "mount",
          attributes: { path: m.path, overwrite: "true" },
          children: [
            { name: "instanceId", text: "" },
            { name: "targetPath", text: "" },
          ],
        },
      },
      { kind: "set", path: `${mount}/instanceId`, value: m.instance },
      { kind: "set", path: `${mount}/targetPath`, value: m.targetPath },
    ];
  });
}

/** registry.xml holds no password, but names the mounts' databases; it goes with the public node files. */
export function registryNodeFile(
  config: ObkmConfig,
  endpoints: Record<DatasourceKey, DatasourceEndpoint>,
  templates: Templates,
): { path: string; content: string } {
  const cacheId = (key: DatasourceKey) => `${config.database.datasources[key].username}@${jdbcUrl(config, key, endpoints[key])}`;
  return renderTemplate(templates, REGISTRY_XML, registryMountEdits(mounts(config), cacheId));
}
