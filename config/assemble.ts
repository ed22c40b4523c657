// The typed config the plan reads, from the keys' validated values and what the checks derived.
import * as path from "path";
import { CacheOverride } from "./caching";
import { databaseConfig } from "./database";
import { DATASOURCE_KEYS, DatasourceKey } from "./database-keys";
import { keystoresConfig } from "./keystores";
import { configKeys, ConfigKey } from "./keys";
import { KeyValues, Parsed, SecretKey } from "./parsed";
import { internalProxiesOf } from "./trusted-proxies";
import { LoadOptions, ObkmConfig, SecretsOf, SecretValues } from "./types";

export interface Derived {
  namespace: string;
  heapMiB: number;
  cacheOverrides: Record<string, CacheOverride>;
}

export function assembleConfig(parsed: Parsed, options: LoadOptions, derived: Derived): ObkmConfig {
  const { namespace } = derived;
  return {
    stack: options.stack,
    keyValues: withoutSecrets(parsed),
    hostname: parsed.hostname,
    image: parsed.image,
    imagePullPolicy: parsed.imagePullPolicy,
    replicas: parsed.replicas,
    highAvailability: parsed.highAvailability,
    namespace: { name: namespace, create: parsed.createNamespace },
    namePrefix: parsed.namePrefix,
    cluster: {
      context: parsed["cluster.context"] || undefined,
      // As given: the provider expands ~ and resolves a relative path itself (config/kubeconfig-path.ts).
      kubeconfig: parsed["cluster.kubeconfig"] || undefined,
      identifier: parsed["cluster.identifier"] || undefined,
    },
    clusterDomain: parsed.clusterDomain,
    configTemplates: parsed.configTemplates ? path.resolve(options.projectDir, parsed.configTemplates) : undefined,
    kmHome: parsed.kmHome,
    resources: { memory: parsed.memory, cpu: parsed.cpu, cpuLimit: parsed.cpuLimit || undefined, jvmHeapMiB: derived.heapMiB },
    podManagementPolicy: parsed.podManagementPolicy,
    scheduling: { podAntiAffinity: parsed["scheduling.podAntiAffinity"] },
    probes: { readinessPath: parsed["probes.path"] || undefined, startupMinutes: parsed["probes.startupMinutes"] },
    terminationGracePeriodSeconds: parsed.terminationGracePeriodSeconds,
    imagePullSecrets: parsed.imagePullSecrets,
    networkPolicy: {
      enabled: parsed["networkPolicy.enabled"],
      ingressControllerNamespace: parsed["networkPolicy.ingressControllerNamespace"],
      allowedNamespaces: [
        ...new Set([...parsed["networkPolicy.allowedNamespaces"], ...(parsed["apim.namespace"] ? [parsed["apim.namespace"]] : [])]),
      ].sort(),
      egressCidrs: parsed["networkPolicy.egressCidrs"],
    },
    sharedStorage: {
      existingClaim: parsed.sharedStorageClaim || undefined,
      storageClass: parsed.sharedStorageClass || undefined,
      size: parsed.sharedStorageSize,
      protect: parsed.protectSharedStorage,
    },
    runAs: { user: parsed.runAsUser, group: parsed.runAsGroup },
    ingress: {
      className: parsed["ingress.className"],
      cookieName: parsed["ingress.cookieName"],
      affinityMode: parsed["ingress.affinityMode"],
      cookieSameSite: parsed["ingress.cookieSameSite"],
      proxyBufferSize: parsed["ingress.proxyBufferSize"],
      tls: parsed["ingress.tlsSecret"]
        ? { source: "secret", secretName: parsed["ingress.tlsSecret"] }
        : parsed["ingress.clusterIssuer"]
          ? { source: "cert-manager", clusterIssuer: parsed["ingress.clusterIssuer"] }
          : { source: "controller-default" },
      consoleAllowedCidrs: parsed["ingress.consoleAllowedCidrs"],
      extraPublicPaths: parsed["ingress.extraPublicPaths"],
    },
    hostAliasIp: parsed.hostAliasIp || undefined,
    tomcat: { internalProxies: internalProxiesOf(parsed["tomcat.internalProxies"], parsed["tomcat.trustedProxies"]) },
    httpProxy: parsed["httpProxy.host"]
      ? { host: parsed["httpProxy.host"], port: parsed["httpProxy.port"], nonProxyHosts: parsed["httpProxy.nonProxyHosts"] }
      : undefined,
    apim: {
      hostname: parsed["apim.hostname"],
      gatewayPort: parsed["apim.gatewayPort"],
      services: { host: parsed["apim.servicesHost"] || parsed["apim.hostname"], port: parsed["apim.servicesPort"] },
      namespace: parsed["apim.namespace"] || undefined,
      configTemplates: parsed["apim.configTemplates"] ? path.resolve(options.projectDir, parsed["apim.configTemplates"]) : undefined,
    },
    database: databaseConfig(parsed),
    admin: { username: parsed.adminUsername, passwordGenerated: !parsed.adminPassword },
    userStore:
      parsed["userStore.type"] === "ldap"
        ? {
            type: "ldap",
            url: parsed["userStore.ldap.url"],
            bindDn: parsed["userStore.ldap.bindDn"],
            userSearchBase: parsed["userStore.ldap.userSearchBase"],
            groupSearchBase: parsed["userStore.ldap.groupSearchBase"],
            readOnly: parsed["userStore.ldap.readOnly"],
            userNameAttribute: parsed["userStore.ldap.userNameAttribute"],
          }
        : { type: "jdbc" },
    credentialRotation: parsed.credentialRotation,
    keystores: keystoresConfig(parsed),
    openBanking: {
      specification: parsed["openBanking.specification"],
      packHosts: parsed["openBanking.packHosts"],
      editorImage: parsed["openBanking.editorImage"],
      consentAppClientSecret: parsed["openBanking.consentAppClientSecret"] || undefined,
      directoryJwks: parsed["openBanking.directoryJwks"],
    },
    biServer: parsed["biServer.host"]
      ? {
          host: parsed["biServer.host"],
          dataPublishingPort: parsed["biServer.dataPublishingPort"],
          receiverPort: parsed["biServer.receiverPort"],
          invalidSubmissionsPort: parsed["biServer.invalidSubmissionsPort"],
        }
      : undefined,
    caching: {
      scenario: parsed["caching.scenario"],
      timeoutSeconds: parsed["caching.timeoutSeconds"],
      securityCaches: parsed["caching.securityCaches"],
      overrides: derived.cacheOverrides,
    },
  };
}

/** The secret values, kept apart from the config that flows into manifests. */
/** The passwords by what they are for, each from its key: the one place that maps the secret keys to their use. */
export function secretsBy<T>(value: (key: SecretKey) => T | undefined): SecretsOf<T> {
  const datasourcePasswords: Partial<Record<DatasourceKey, T>> = {};
  for (const d of DATASOURCE_KEYS) {
    const own = value(`database.${d}.password`);
    if (own !== undefined) datasourcePasswords[d] = own;
  }
  return {
    databasePassword: value("database.password"),
    datasourcePasswords,
    adminPassword: value("adminPassword"),
    ldapBindPassword: value("userStore.ldap.bindPassword"),
  };
}

/** The supplied passwords in clear; an empty one is not supplied, nor one that is deferred (LoadOptions). */
export function secretValues(parsed: Parsed, deferred: ReadonlySet<SecretKey> = new Set()): SecretValues {
  return secretsBy((key) => (deferred.has(key) ? undefined : parsed[key] || undefined));
}

/** The secret keys, found once rather than per key per load. */
const SECRET_KEYS = new Set(Object.keys(configKeys).filter((key) => (configKeys[key as ConfigKey] as { secret?: true }).secret === true));

/** Every value but the secrets' (SecretValues carries those, apart from what flows into manifests). */
function withoutSecrets(parsed: Parsed): KeyValues {
  return Object.freeze(Object.fromEntries(Object.entries(parsed).filter(([key]) => !SECRET_KEYS.has(key)))) as KeyValues;
}
