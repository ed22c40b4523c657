// The stack's outputs, one step of the plan: what another stack (the API Manager's) reads of this cluster
// through a StackReference. Names and references only: no password is an output, only where it is kept.
import { DatasourceKey } from "../config/database-keys";
import { ObkmConfig } from "../config/load";
import type { ApiManagerConfig } from "./apim";
import type { ApiManagerFiles } from "./apim-files";
import { WELL_KNOWN_ORDINALS } from "./axis2";
import type { DatasourceEndpoint } from "./database/datasources";
import { SecretKeyRef, sharedDatabases, SharedDatabases } from "./database/shared";
import { Names } from "./names";
import { ports } from "./ports";
import type { Call } from "../flows/calls";
import { routeOrigin } from "./calls/origins";

export interface StackOutputs {
  namespace: string;
  hostname: string;
  publicUrl: string;
  apimHostname: string;
  apiManagerConfigMap?: { namespace: string; name: string; sha256: string };
  /**
   * The Secret of the API Manager's files that hold a password (its open-banking.xml) and its gateway's
   * template, when apim.configTemplates holds them: each key a path under the pod's repository/ ('/' as '__').
   */
  apiManagerSecret?: { namespace: string; name: string; keys: string[] };
  serviceDnsName: string;
  httpsPort: number;
  httpPort: number;
  statefulSetName: string;
  hazelcastDomain: string;
  wellKnownMembers: string[];
  /** The databases the OB API Manager must use too (database.layout openBanking shares them all). */
  sharedDatabases: SharedDatabases;
  /** The admin the KM's user store holds: the API Manager calls the KM's admin services as this user. */
  kmAdmin: { username: string; passwordSecret: SecretKeyRef };
  /**
   * What the API Manager and its gateway call at the KM, from the call map: each call's id, its URL inside
   * the cluster (the KM Service's origin and the call's path) and how the KM knows the caller.
   */
  apiManagerCalls: Array<{ id: string; step: string; url: string; auth: string }>;
  /**
   * The CA of the nodes' HTTPS certificate, for the API Manager's truststore (its gateway and services call the
   * KM Service on 9446): the `ca.crt` cert-manager writes into the Certificate's Secret (keystores.tls.issuer).
   * Absent when the certificate comes from a keystore of the bank's own or the stack generates it: the bank
   * then knows its CA, and a dev stack's certificate signs itself.
   */
  kmCa?: SecretKeyRef;
}

export function stackOutputs(
  config: ObkmConfig,
  n: Names,
  clustering: boolean,
  endpoints: Record<DatasourceKey, DatasourceEndpoint>,
  apim: ApiManagerConfig | undefined,
  calls: readonly Call[],
  apimFiles?: ApiManagerFiles,
): StackOutputs {
  return {
    namespace: n.namespace,
    hostname: config.hostname,
    publicUrl: `https://${config.hostname}/`,
    apimHostname: config.apim.hostname,
    ...(apim ? { apiManagerConfigMap: { namespace: config.apim.namespace!, name: n.apiManagerConfigMap, sha256: apim.sha256 } } : {}),
    ...(apimFiles ? { apiManagerSecret: { namespace: apimFiles.metadata.namespace, name: apimFiles.metadata.name, keys: apimFiles.keys } } : {}),
    serviceDnsName: n.serviceDnsName,
    httpsPort: ports.servletHttps.port,
    httpPort: ports.servletHttp.port,
    statefulSetName: n.statefulSet,
    hazelcastDomain: n.hazelcastDomain,
    wellKnownMembers: clustering ? WELL_KNOWN_ORDINALS.map((i) => n.podDnsName(i)) : [],
    sharedDatabases: sharedDatabases(config, n, endpoints),
    kmAdmin: { username: config.admin.username, passwordSecret: { namespace: n.namespace, name: n.credentials, key: "admin-password" } },
    apiManagerCalls: calls
      .filter((c) => c.callee === "km" && c.route === "cluster" && (c.caller === "apim-gateway" || c.caller === "apim-services"))
      .map((c) => ({ id: c.id, step: c.step, url: `${routeOrigin(config, n, "cluster")}${c.path}`, auth: c.auth })),
    // cert-manager's Secret key of the issuing CA (cert-manager pkg/apis/meta/v1/types.go TLSCAKey).
    ...(config.keystores.tls.source === "cert-manager" ? { kmCa: { namespace: n.namespace, name: n.nodeCertificate, key: "ca.crt" } } : {}),
  };
}
