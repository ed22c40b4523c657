// The node files: each template with its edits applied. Files are rendered once for all nodes; what differs
// per node is left to the start script (pod-address.ts).
import { ObkmConfig } from "../config/load";
import { XmlEdit } from "../xml/edits";
import { renderTemplate, Templates } from "../xml/templates";
import { AXIS2_XML, clusteringEdits } from "./axis2";
import { forceLocalCacheEdits, identityCacheEdits, scenarioOf } from "./caching";
import { CARBON_XML, hostEdits } from "./carbon";
import { CATALINA_SERVER_XML, proxyEdits } from "./catalina";
import { APPLICATION_AUTHENTICATION_XML, authenticationEndpointEdits, identityEndpointEdits } from "./public-urls";
import { persistenceManagerEdits } from "./database/datasources";
import { datasourceEndpoints } from "./database/endpoints";
import { registryNodeFile } from "./database/registry";
import { Names } from "./names";

export const IDENTITY_XML = "identity/identity.xml";

export interface NodeFile {
  /** Path relative to <KM_HOME>/repository/conf. */
  path: string;
  content: string;
}

/** The edits of every file the program changes, by file; a file with no edits is left to the pack. */
function nodeFileEdits(config: ObkmConfig, n: Names, keyEdits: Record<string, XmlEdit[]>): Record<string, XmlEdit[]> {
  return {
    [AXIS2_XML]: clusteringEdits(scenarioOf(config).clustering, n),
    [CARBON_XML]: [...hostEdits(config.hostname), ...forceLocalCacheEdits(config), ...(keyEdits[CARBON_XML] ?? [])],
    [IDENTITY_XML]: [...persistenceManagerEdits(), ...identityEndpointEdits(config), ...identityCacheEdits(config)],
    [APPLICATION_AUTHENTICATION_XML]: authenticationEndpointEdits(config),
    [CATALINA_SERVER_XML]: [...proxyEdits(config), ...(keyEdits[CATALINA_SERVER_XML] ?? [])],
  };
}

/**
 * The node files that hold no secret, for the ConfigMap; credentials.ts renders the others. `keyEdits` point
 * carbon.xml and catalina-server.xml at the keystores (keys/keystore-edits.ts), with tokens for passwords.
 */
export function renderNodeFiles(config: ObkmConfig, n: Names, templates: Templates, keyEdits: Record<string, XmlEdit[]>): NodeFile[] {
  return [
    ...Object.entries(nodeFileEdits(config, n, keyEdits)).map(([path, edits]) => renderTemplate(templates, path, edits)),
    registryNodeFile(config, datasourceEndpoints(config, n), templates),
  ].sort((a, b) => a.path.localeCompare(b.path));
}
