// The typed configuration the loader returns: what the plan reads, and the secret values kept apart.
import { DatabaseLayout, DatasourceKey } from "./database-keys";
import { CacheOverride } from "./caching";
import type { ScenarioNumber } from "./caching-scenarios";
import { KeysConfig } from "./keystores";
import type { Specification } from "./open-banking-keys";

export interface ObkmConfig {
  stack: string;
  hostname: string;
  image: string;
  imagePullPolicy: string;
  replicas: number;
  highAvailability: boolean;
  namespace: { name: string; create: boolean };
  namePrefix: string;
  /** The cluster the stack's own Kubernetes provider deploys to; undefined context only on dev. */
  cluster: { context?: string; kubeconfig?: string };
  clusterDomain: string;
  /** Absolute directory of the templates; undefined means the project's own config-templates/. */
  configTemplates?: string;
  kmHome: string;
  resources: { memory: string; cpu: string; cpuLimit?: string; jvmHeapMiB: number };
  podManagementPolicy: "OrderedReady" | "Parallel";
  scheduling: { podAntiAffinity: "preferred" | "required" };
  /** readinessPath: an HTTP path for the readiness probe; undefined, it connects only (as the others always do). */
  probes: { readinessPath?: string; startupMinutes: number };
  terminationGracePeriodSeconds: number;
  imagePullSecrets: string[];
  networkPolicy: {
    enabled: boolean;
    ingressControllerNamespace: string;
    /** Namespaces allowed to reach the servlet ports besides the ingress controller's (apim.namespace included). */
    allowedNamespaces: string[];
    egressCidrs: string[];
  };
  /** The pack's runtime artifacts and tenants, shared by every node on one ReadWriteMany claim. */
  sharedStorage: {
    /** Set when the stack uses a claim someone else made; nothing is created then. */
    existingClaim?: string;
    storageClass?: string;
    size: string;
    protect: boolean;
  };
  runAs: { user: number; group: number };
  ingress: {
    className: string;
    cookieName: string;
    affinityMode: "persistent" | "balanced";
    cookieSameSite: "None" | "Lax" | "Strict";
    /** ingress-nginx's proxy_buffer_size for the KM's responses. */
    proxyBufferSize: string;
    /** How the Ingress gets its certificate. */
    tls: { source: "secret"; secretName: string } | { source: "cert-manager"; clusterIssuer: string } | { source: "controller-default" };
    consoleAllowedCidrs: string[];
    /** Published besides the paths the OB flows need (plan/ingress.ts PUBLIC_PATHS). */
    extraPublicPaths: string[];
  };
  /** hostAliases entry for hostname, when the cluster's DNS does not know it. */
  hostAliasIp?: string;
  tomcat: { internalProxies: string };
  /** The forward proxy of the nodes' internet calls; undefined when they call directly. */
  httpProxy?: { host: string; port: number; nonProxyHosts: string[] };
  apim: {
    hostname: string;
    gatewayPort: number;
    /** The API Manager's servlet transport (admin services, web apps), as the KM reaches it. */
    services: { host: string; port: number };
    /** Where to render api-manager.xml; undefined renders none. */
    namespace?: string;
    configTemplates?: string;
  };
  openBanking: {
    specification: Specification;
    /** Hosts of WSO2's set-ups in the OB files, whose URLs the program points at this stack's. */
    packHosts: string[];
    editorImage: string;
  };
  database: {
    type: DatabaseEngine;
    provision?: { image?: string; storageSize: string };
    layout: DatabaseLayout;
    /** The layout's datasources, in its order: the only ones the nodes, the credentials and the provisioned database use. */
    inUse: readonly DatasourceKey[];
    /** Every datasource's settings; only those inUse mean anything. */
    datasources: Record<DatasourceKey, DatasourceConfig>;
    urlParameters: string;
    driverClassName?: string;
    driverImage?: string;
    waitSeconds: number;
    pool: { maxActive: number; maxWait: number; minIdle: number; validationInterval: number };
  };
  admin: { username: string; passwordGenerated: boolean };
  userStore:
    | { type: "jdbc" }
    | { type: "ldap"; url: string; bindDn: string; userSearchBase: string; groupSearchBase: string; readOnly: boolean; userNameAttribute: string };
  /** Changing it regenerates every generated password. */
  credentialRotation: string;
  /** The keystores Carbon reads, the truststore's additions, and the rotation that rolls the nodes. */
  keys: KeysConfig;
  caching: {
    scenario: ScenarioNumber;
    /** Scenario 2's timeout for every identity cache. */
    timeoutSeconds: number;
    securityCaches: string[];
    overrides: Record<string, CacheOverride>;
  };
}

export type DatabaseEngine = "mysql" | "postgresql" | "mssql" | "oracle";

export const DEFAULT_PORTS: Record<DatabaseEngine, number> = { mysql: 3306, postgresql: 5432, mssql: 1433, oracle: 1521 };

export interface DatasourceConfig {
  database: string;
  /** Undefined when the program provisions the database: the plan names its Service. */
  host?: string;
  port: number;
  username: string;
  /** Where the password comes from: the datasource's own secret, the shared one, or generated. */
  password: "own" | "shared" | "generated";
}

/**
 * The secret values of the config, kept apart from ObkmConfig so that no plain object that flows into
 * manifests can carry one; program.ts wraps each in pulumi.secret at once.
 */
export interface SecretValues {
  databasePassword?: string;
  datasourcePasswords: Partial<Record<DatasourceKey, string>>;
  adminPassword?: string;
  ldapBindPassword?: string;
}

export interface LoadedConfig {
  config: ObkmConfig;
  secrets: SecretValues;
  /** Accepted risks to tell the user about (pulumi.log.warn under Pulumi, stderr in render). */
  warnings: string[];
}

export interface LoadOptions {
  stack: string;
  /** Relative configTemplates paths resolve against this directory (where Pulumi.yaml is). */
  projectDir: string;
}
