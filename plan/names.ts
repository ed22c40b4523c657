// Every name the cluster uses, derived from the stack's prefix in one place, so that the well-known member
// list, the Services and the StatefulSet cannot disagree.
import { ObkmConfig } from "../config/load";

export interface Names {
  namespace: string;
  statefulSet: string;
  headlessService: string;
  service: string;
  /** Prefix of the content-named ConfigMap of node files; the content hash completes it. */
  nodeFilesConfigMap: string;
  ingress: string;
  consoleIngress: string;
  /** The Secret cert-manager writes the certificate to, when it issues one. */
  tlsSecret: string;
  /** The keys and passwords the stack generates: a dev stack's keystore, the truststore's password. */
  keystores: string;
  /** The nodes' HTTPS certificate, when cert-manager issues it (keystores.tls.issuer), and the Secret it writes. */
  nodeCertificate: string;
  /** In the API Manager's namespace: its api-manager.xml, pointed at this cluster. */
  apiManagerConfigMap: string;
  /** In the API Manager's namespace: its files that hold a password (open-banking.xml) and the gateway's template. */
  apiManagerSecret: string;
  /** The node files that hold passwords. */
  secretFiles: string;
  /** The passwords, for the database's own use and the operators. */
  credentials: string;
  /** The provisioned database: its StatefulSet, Service and the rest share the name. */
  database: string;
  databaseServiceDnsName: string;
  databaseSchemaJob: string;
  /** The claim the program creates for the shared artifacts (unless the stack names an existing one). */
  sharedClaim: string;
  /** Hazelcast cluster domain: stacks with different domains never merge, even if they could reach each other. */
  hazelcastDomain: string;
  /** The stable DNS name of pod `ordinal`, as the headless Service publishes it. */
  podDnsName(ordinal: number): string;
  /** The in-cluster DNS name of the ClusterIP Service. */
  serviceDnsName: string;
}

export function names(config: ObkmConfig): Names {
  const namespace = config.namespace.name;
  const statefulSet = `${config.namePrefix}-km`;
  const headlessService = `${statefulSet}-headless`;
  const service = statefulSet;
  const svcDomain = `${namespace}.svc.${config.clusterDomain}`;
  return {
    namespace,
    statefulSet,
    headlessService,
    service,
    nodeFilesConfigMap: `${statefulSet}-files`,
    sharedClaim: `${statefulSet}-shared-artifacts`,
    secretFiles: `${statefulSet}-secret-files`,
    credentials: `${statefulSet}-credentials`,
    database: `${config.namePrefix}-db`,
    databaseServiceDnsName: `${config.namePrefix}-db.${svcDomain}`,
    databaseSchemaJob: `${config.namePrefix}-db-schemas`,
    ingress: statefulSet,
    consoleIngress: `${statefulSet}-console`,
    tlsSecret: `${statefulSet}-tls`,
    keystores: `${statefulSet}-keys`,
    nodeCertificate: `${statefulSet}-node-tls`,
    apiManagerConfigMap: `${config.namePrefix}-apim-key-manager`,
    apiManagerSecret: `${config.namePrefix}-apim-key-manager-files`,
    hazelcastDomain: `wso2.obkm.${namespace}.${config.namePrefix}`,
    podDnsName: (ordinal) => `${statefulSet}-${ordinal}.${headlessService}.${svcDomain}`,
    serviceDnsName: `${service}.${svcDomain}`,
  };
}

/** Labels every object carries; the selector subset picks the KM pods and nothing of another stack. */
export function labels(config: ObkmConfig): { common: Record<string, string>; selector: Record<string, string> } {
  const selector = {
    "app.kubernetes.io/name": "wso2-obkm",
    "app.kubernetes.io/instance": config.namePrefix,
    "app.kubernetes.io/component": "key-manager",
  };
  return {
    selector,
    common: { ...selector, "app.kubernetes.io/part-of": "obkm", "app.kubernetes.io/managed-by": "pulumi" },
  };
}
