// The typed configuration the loader returns: what the plan reads, and the secret values kept apart. A field
// that holds a key's value is typed by that key (KeyValue<"tomcat.internalProxies">, its rule's output), so
// the key's declaration is the one place its type is written, and a misspelt key fails tsc here.
import { DatabaseLayout, DatasourceKey } from "./database-keys";
import { CacheOverride } from "./caching";
import type { ScenarioNumber } from "./caching-scenarios";
import { KeystoresConfig } from "./keystores";
import type { KeyValue, KeyValues, SecretKey } from "./parsed";

export interface ObkmConfig {
  stack: string;
  /**
   * Every key's value but the secrets', typed by the key. A key the plan uses as it is, it reads here; the
   * fields below hold what is resolved (paths against the project), falls back on other keys or is derived
   * by the checks.
   */
  keyValues: KeyValues;
  hostname: KeyValue<"hostname">;
  image: KeyValue<"image">;
  imagePullPolicy: KeyValue<"imagePullPolicy">;
  replicas: KeyValue<"replicas">;
  highAvailability: KeyValue<"highAvailability">;
  namespace: { name: string; create: KeyValue<"createNamespace"> };
  namePrefix: KeyValue<"namePrefix">;
  /** The cluster the stack's own Kubernetes provider deploys to; undefined context and identifier only on dev. */
  cluster: { context?: KeyValue<"cluster.context">; kubeconfig?: string; identifier?: KeyValue<"cluster.identifier"> };
  clusterDomain: KeyValue<"clusterDomain">;
  /** Absolute directory of the templates; undefined means the project's own config-templates/. */
  configTemplates?: string;
  kmHome: KeyValue<"kmHome">;
  resources: { memory: KeyValue<"memory">; cpu: KeyValue<"cpu">; cpuLimit?: KeyValue<"cpuLimit">; jvmHeapMiB: number };
  podManagementPolicy: KeyValue<"podManagementPolicy">;
  scheduling: { podAntiAffinity: KeyValue<"scheduling.podAntiAffinity"> };
  /** readinessPath: an HTTP path for the readiness probe; undefined, it connects only (as the others always do). */
  probes: { readinessPath?: KeyValue<"probes.path">; startupMinutes: KeyValue<"probes.startupMinutes"> };
  terminationGracePeriodSeconds: KeyValue<"terminationGracePeriodSeconds">;
  imagePullSecrets: KeyValue<"imagePullSecrets">;
  networkPolicy: {
    enabled: KeyValue<"networkPolicy.enabled">;
    ingressControllerNamespace: KeyValue<"networkPolicy.ingressControllerNamespace">;
    /** Namespaces allowed to reach the servlet ports besides the ingress controller's (apim.namespace included). */
    allowedNamespaces: string[];
    egressCidrs: KeyValue<"networkPolicy.egressCidrs">;
  };
  /** The pack's runtime artifacts and tenants, shared by every node on one ReadWriteMany claim. */
  sharedStorage: {
    /** Set when the stack uses a claim someone else made; nothing is created then. */
    existingClaim?: KeyValue<"sharedStorageClaim">;
    storageClass?: KeyValue<"sharedStorageClass">;
    size: KeyValue<"sharedStorageSize">;
    protect: KeyValue<"protectSharedStorage">;
  };
  runAs: { user: KeyValue<"runAsUser">; group: KeyValue<"runAsGroup"> };
  ingress: {
    className: KeyValue<"ingress.className">;
    cookieName: KeyValue<"ingress.cookieName">;
    affinityMode: KeyValue<"ingress.affinityMode">;
    cookieSameSite: KeyValue<"ingress.cookieSameSite">;
    /** ingress-nginx's proxy_buffer_size for the KM's responses. */
    proxyBufferSize: KeyValue<"ingress.proxyBufferSize">;
    /** How the Ingress gets its certificate. */
    tls:
      | { source: "secret"; secretName: KeyValue<"ingress.tlsSecret"> }
      | { source: "cert-manager"; clusterIssuer: KeyValue<"ingress.clusterIssuer"> }
      | { source: "controller-default" };
    consoleAllowedCidrs: KeyValue<"ingress.consoleAllowedCidrs">;
    /** Published besides the paths the OB flows need (plan/ingress.ts PUBLIC_PATHS). */
    extraPublicPaths: KeyValue<"ingress.extraPublicPaths">;
  };
  /** hostAliases entry for hostname, when the cluster's DNS does not know it. */
  hostAliasIp?: KeyValue<"hostAliasIp">;
  tomcat: { internalProxies: KeyValue<"tomcat.internalProxies"> };
  /** The forward proxy of the nodes' internet calls; undefined when they call directly. */
  httpProxy?: { host: KeyValue<"httpProxy.host">; port: KeyValue<"httpProxy.port">; nonProxyHosts: KeyValue<"httpProxy.nonProxyHosts"> };
  apim: {
    hostname: KeyValue<"apim.hostname">;
    gatewayPort: KeyValue<"apim.gatewayPort">;
    /** The API Manager's servlet transport (admin services, web apps), as the KM reaches it. */
    services: { host: string; port: KeyValue<"apim.servicesPort"> };
    /** Where to render api-manager.xml; undefined renders none. */
    namespace?: KeyValue<"apim.namespace">;
    configTemplates?: string;
  };
  openBanking: {
    specification: KeyValue<"openBanking.specification">;
    /** Hosts of WSO2's set-ups in the OB files, whose URLs the program points at this stack's. */
    packHosts: KeyValue<"openBanking.packHosts">;
    editorImage: KeyValue<"openBanking.editorImage">;
    /** The bank's Secret with consentmgt's applicationId and authCredential; undefined leaves the file's. */
    consentAppClientSecret?: KeyValue<"openBanking.consentAppClientSecret">;
    /** Whether the KM fetches the OB directory's JWKS from the internet (the call map's `jwks` condition). */
    directoryJwks: KeyValue<"openBanking.directoryJwks">;
  };
  /** The bank's OB BI server, which open-banking.xml's BI URLs are pointed at; undefined when the stack names none. */
  biServer?: {
    host: KeyValue<"biServer.host">;
    dataPublishingPort: KeyValue<"biServer.dataPublishingPort">;
    receiverPort: KeyValue<"biServer.receiverPort">;
    invalidSubmissionsPort: KeyValue<"biServer.invalidSubmissionsPort">;
  };
  database: {
    type: DatabaseEngine;
    provision?: { image?: KeyValue<"database.provisionImage">; storageSize: KeyValue<"database.provisionStorageSize"> };
    layout: DatabaseLayout;
    /** The layout's datasources, in its order: the only ones the nodes, the credentials and the provisioned database use. */
    inUse: readonly DatasourceKey[];
    /** Every datasource's settings; only those inUse mean anything. */
    datasources: Record<DatasourceKey, DatasourceConfig>;
    urlParameters: KeyValue<"database.urlParameters">;
    driverClassName?: KeyValue<"database.driverClassName">;
    driverImage?: KeyValue<"database.driverImage">;
    waitSeconds: KeyValue<"database.waitSeconds">;
    /** What the server accepts, when the stack says (database.maxConnections); the provisioned one is started with it. */
    maxConnections?: KeyValue<"database.maxConnections">;
    pool: {
      maxActive: KeyValue<"database.pool.maxActive">;
      maxWait: KeyValue<"database.pool.maxWait">;
      minIdle: KeyValue<"database.pool.minIdle">;
      validationInterval: KeyValue<"database.pool.validationInterval">;
    };
  };
  admin: { username: KeyValue<"adminUsername">; passwordGenerated: boolean };
  userStore:
    | { type: "jdbc" }
    | {
        type: "ldap";
        url: KeyValue<"userStore.ldap.url">;
        bindDn: KeyValue<"userStore.ldap.bindDn">;
        userSearchBase: KeyValue<"userStore.ldap.userSearchBase">;
        groupSearchBase: KeyValue<"userStore.ldap.groupSearchBase">;
        readOnly: KeyValue<"userStore.ldap.readOnly">;
        userNameAttribute: KeyValue<"userStore.ldap.userNameAttribute">;
      };
  /** Changing it regenerates every generated password. */
  credentialRotation: KeyValue<"credentialRotation">;
  /** The keystores Carbon reads, the truststore's additions, and the rotation that rolls the nodes. */
  keystores: KeystoresConfig;
  caching: {
    scenario: ScenarioNumber;
    /** Scenario 2's timeout for every identity cache. */
    timeoutSeconds: KeyValue<"caching.timeoutSeconds">;
    securityCaches: KeyValue<"caching.securityCaches">;
    overrides: Record<string, CacheOverride>;
  };
}

/** The engines database.type allows, by its rule. */
export type DatabaseEngine = KeyValue<"database.type">;

export const DEFAULT_PORTS: Record<DatabaseEngine, number> = { mysql: 3306, postgresql: 5432, mssql: 1433, oracle: 1521 };

export interface DatasourceConfig {
  database: KeyValue<`database.${DatasourceKey}.name`>;
  /** Undefined when the program provisions the database: the plan names its Service. */
  host?: string;
  port: number;
  username: string;
  /** Where the password comes from: the datasource's own secret, the shared one, or generated. */
  password: "own" | "shared" | "generated";
}

/**
 * The passwords of the config by what they are for: `T` is text in the loader (SecretValues), a Pulumi
 * input where a program supplies them (components/database-credentials.ts SuppliedCredentials).
 */
export interface SecretsOf<T> {
  databasePassword?: T;
  datasourcePasswords: Partial<Record<DatasourceKey, T>>;
  adminPassword?: T;
  ldapBindPassword?: T;
}

/**
 * The secret values of the config, kept apart from ObkmConfig so that no plain object that flows into
 * manifests can carry one; program.ts wraps each in pulumi.secret at once.
 */
export type SecretValues = SecretsOf<string>;

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
  /**
   * Secret keys whose value comes from another resource and is unknown while planning: each counts as
   * supplied (so nothing is generated in its place), and its text is neither checked nor kept here; the
   * caller checks the value once it is known (components/plan-cluster.ts).
   */
  deferredSecrets?: ReadonlySet<SecretKey>;
}
