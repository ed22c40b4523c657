// The node files: each template with its edits applied. Files are rendered once for all nodes; what differs
// per node is left to the start script (pod-address.ts).
import { ObkmConfig } from "../config/load";
import { XmlEdit } from "../xml/edits";
import { renderTemplate, TemplateNotFoundError, Templates } from "../xml/templates";
import { AXIS2_XML, clusteringEdits } from "./axis2";
import { identityCacheEdits, scenarioOf } from "./caching";
import { CARBON_XML, carbonXmlEdits } from "./carbon";
import { CATALINA_SERVER_XML, catalinaXmlEdits } from "./catalina";
import type { KeystoreMounts } from "./keystores/keystores";
import { APPLICATION_AUTHENTICATION_XML, IDENTITY_XML } from "../flows/places";
import type { StackCalls } from "./calls";
import { persistenceManagerEdits } from "./database/datasources";
import { datasourceEndpoints } from "./database/endpoints";
import { registryNodeFile } from "./database/registry";
import { Names } from "./names";
import { LOG4J_PROPERTIES, log4jEdits } from "./logs";
import { applyPropertiesEdits } from "../properties/edits";

export { IDENTITY_XML };

export interface NodeFile {
  /** Path relative to <KM_HOME>/repository/conf. */
  path: string;
  content: string;
}

/** The edits of every file the program changes, by file; a file with no edits is left to the pack. */
function nodeFileEdits(config: ObkmConfig, n: Names, keystores: KeystoreMounts, calls: StackCalls): Record<string, XmlEdit[]> {
  return {
    [AXIS2_XML]: clusteringEdits(scenarioOf(config).clustering, n),
    [CARBON_XML]: carbonXmlEdits(config, keystores),
    // Every URL as the call map places it (plan/calls/).
    [IDENTITY_XML]: [...persistenceManagerEdits(), ...calls.edits(IDENTITY_XML), ...identityCacheEdits(config)],
    [APPLICATION_AUTHENTICATION_XML]: calls.edits(APPLICATION_AUTHENTICATION_XML),
    [CATALINA_SERVER_XML]: catalinaXmlEdits(config, keystores),
  };
}

/**
 * The node files that hold no secret, for the ConfigMap; credentials.ts renders the others. carbon.xml and
 * catalina-server.xml name the mounted `keystores`, with a token in each password's place.
 */
export function renderNodeFiles(config: ObkmConfig, n: Names, templates: Templates, keystores: KeystoreMounts, calls: StackCalls): NodeFile[] {
  return [
    ...Object.entries(nodeFileEdits(config, n, keystores, calls)).map(([path, edits]) => renderTemplate(templates, path, edits)),
    registryNodeFile(config, datasourceEndpoints(config, n), templates),
    ...log4jNodeFile(config, templates),
  ].sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * log4j.properties with the edits of the logs' keys (plan/logs.ts); none when they ask for no edit
 * (logs.format carbon, logs.auditToStdout false), which leaves the image's own file as it is.
 */
function log4jNodeFile(config: ObkmConfig, templates: Templates): NodeFile[] {
  const source = templates.files[LOG4J_PROPERTIES];
  if (source === undefined) throw new TemplateNotFoundError(LOG4J_PROPERTIES, templates.dir, templates.source);
  const edits = log4jEdits(config, source);
  return edits.length ? [{ path: LOG4J_PROPERTIES, content: applyPropertiesEdits(LOG4J_PROPERTIES, source, edits) }] : [];
}
