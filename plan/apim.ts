// The OB API Manager's side of the clustering guide: its api-manager.xml points the key manager, the key
// validator and the auth manager at the Key Manager cluster's Service (the guide says its load balancer; the
// public Ingress here does not publish the admin services, so the API Manager calls them inside the cluster). Rendered here, with the same
// XML engine, into a ConfigMap in the API Manager's namespace, for its own deployment to mount. Its Open Banking
// files, which hold passwords, go into a Secret beside it (apim-files.ts).
import { createHash } from "crypto";
import { ObkmConfig } from "../config/load";
import { XmlEdit } from "../xml/edits";
import { renderTemplate, Templates } from "../xml/templates";
import { Names } from "./names";
import { ports } from "./ports";
import { ConfigMapManifest } from "./types";

export const API_MANAGER_XML = "api-manager.xml";
/** Lets the API Manager's stack roll its pods when the file changes. */
const CONTENT_HASH_ANNOTATION = "obkm.wso2.com/content-sha256";

function apiManagerEdits(config: ObkmConfig, n: Names): XmlEdit[] {
  // Inside the cluster, through the Service: the public Ingress does not publish the admin services.
  const services = `https://${n.serviceDnsName}:${ports.servletHttps.port}\${carbon.context}services/`;
  return [
    { kind: "set", path: "/APIManager/APIKeyManager/Configuration/ServerURL", value: services },
    { kind: "set", path: "/APIManager/APIKeyValidator/ServerURL", value: services },
    { kind: "set", path: "/APIManager/AuthManager/ServerURL", value: services },
    // The gateway's own /revoke API, which revokes the token at the Key Manager and clears the gateway's
    // cache of it: the guide's host there is the load balancer in front of the gateway, and WSO2's OB 1.4
    // files keep the API Manager's own gateway. Never the Key Manager's host, which serves no /revoke API.
    {
      kind: "set",
      path: "/APIManager/OAuthConfigurations/RevokeAPIURL",
      value: `https://${config.apim.hostname}:${config.apim.gatewayPort}/revoke`,
    },
  ];
}

export interface ApiManagerConfig {
  manifest: ConfigMapManifest;
  content: string;
  sha256: string;
}

export function apiManagerConfig(
  config: ObkmConfig,
  n: Names,
  labels: Record<string, string>,
  templates: Templates | undefined,
): ApiManagerConfig | undefined {
  if (!config.apim.namespace || !templates) return undefined;
  const { content } = renderTemplate(templates, API_MANAGER_XML, apiManagerEdits(config, n));
  const sha256 = createHash("sha256").update(content).digest("hex");
  return {
    content,
    sha256,
    manifest: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: n.apiManagerConfigMap,
        namespace: config.apim.namespace,
        labels: { ...labels, "app.kubernetes.io/component": "api-manager-wiring" },
        annotations: { [CONTENT_HASH_ANNOTATION]: sha256 },
      },
      data: { [API_MANAGER_XML]: content },
    },
  };
}
