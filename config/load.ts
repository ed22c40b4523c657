// Reads a stack's whole `obkm:` configuration into one validated, typed object with the defaults applied.
// Pure: it takes the raw strings that Pulumi hands a program (pulumi.runtime.allConfig()), so tests and the
// offline render call it exactly as `pulumi up` does.
import * as path from "path";
import { z } from "zod";
import { configKeys, ConfigKey, KeySpec, keyNames } from "./keys";
import { CONFIG_NAMESPACE, ConfigError, closestKey, fullKey, showValue } from "./problems";
import { CacheOverride, parseCacheOverrides } from "./caching";
import { DATASOURCE_KEYS, DatasourceKey } from "./database-keys";
import { quantityBytes } from "./quantity";

export interface ObkmConfig {
  stack: string;
  hostname: string;
  image: string;
  imagePullPolicy: string;
  replicas: number;
  highAvailability: boolean;
  namespace: { name: string; create: boolean };
  namePrefix: string;
  clusterDomain: string;
  /** Absolute directory of the templates; undefined means the project's own config-templates/. */
  configTemplates?: string;
  kmHome: string;
  resources: { memory: string; cpu: string; cpuLimit?: string; jvmHeapMiB: number };
  podManagementPolicy: "OrderedReady" | "Parallel";
  scheduling: { podAntiAffinity: "preferred" | "required" };
  probes: { path: string; startupMinutes: number };
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
    /** How the Ingress gets its certificate. */
    tls: { source: "secret"; secretName: string } | { source: "cert-manager"; clusterIssuer: string } | { source: "controller-default" };
    consoleAllowedCidrs: string[];
  };
  /** hostAliases entry for hostname, when the cluster's DNS does not know it. */
  hostAliasIp?: string;
  tomcat: { internalProxies: string };
  apim: {
    hostname: string;
    gatewayPort: number;
    /** Where to render api-manager.xml; undefined renders none. */
    namespace?: string;
    configTemplates?: string;
  };
  database: {
    type: DatabaseEngine;
    provision?: { image?: string; storageSize: string };
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
  caching: {
    scenario: 1 | 2 | 3 | 4 | 5;
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

const GiB = 1n << 30n;
const MiB = 1n << 20n;

/** Turns Pulumi's raw strings into the declared types; a value that does not parse stays a string and fails validation. */
function readAs(spec: KeySpec, raw: string): unknown {
  switch (spec.type) {
    case "integer":
      return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    case "boolean":
      return raw === "true" ? true : raw === "false" ? false : raw;
    case "string":
      return raw;
    case "array":
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
  }
}

// The database keys are typed by pattern (database.${string}), so they read as any; the rest keep their types.
type Parsed = { [K in ConfigKey]: z.output<(typeof configKeys)[K]["rule"]> } & Record<string, any>;

export function loadConfig(raw: Record<string, string>, options: LoadOptions): LoadedConfig {
  const problems: string[] = [];
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const [namespace, key] = splitKey(name);
    if (namespace !== CONFIG_NAMESPACE) continue; // provider settings such as kubernetes:context are not ours
    const spec: KeySpec | undefined = (configKeys as Record<string, KeySpec>)[key];
    if (spec) input[key] = readAs(spec, value);
    else problems.push(unknownKeyProblem(key));
  }

  // Each key on its own, so that one bad value does not hide the problems of the others.
  const values: Record<string, unknown> = {};
  for (const key of keyNames) {
    const spec: KeySpec = configKeys[key];
    const rule = spec.default === undefined ? spec.rule : spec.rule.default(spec.default);
    const result = rule.safeParse(input[key]);
    if (result.success) values[key] = result.data;
    else problems.push(...result.error.issues.slice(0, 1).map((issue) => describeIssue(key, issue, input[key])));
  }
  // Checks across keys need both keys valid; a key that failed above has already been reported.
  const failed = (...keys: string[]) => keys.some((key) => !(key in values));
  const parsed = values as Parsed;
  const warnings: string[] = [];

  if (!failed("replicas", "highAvailability") && parsed.replicas === 1) {
    if (parsed.highAvailability) {
      problems.push(
        `${fullKey(["replicas"])}: got 1; expected 2 or more, because one node is not highly available (set ${fullKey(["highAvailability"])} to false to accept a single node)`,
      );
    } else {
      warnings.push(
        `${fullKey(["replicas"])} is 1 with ${fullKey(["highAvailability"])} false: this Key Manager has no second node, so a restart or a node drain is an outage.`,
      );
    }
  }

  const memory = quantityBytes(parsed.memory ?? "0") as bigint;
  // Half the memory by default: the product's 2 GB heap of 4 GB, and the same share at other sizes.
  const heap = parsed.jvmHeap ? (quantityBytes(parsed.jvmHeap) as bigint) : (memory / 2n / MiB) * MiB;
  const rest = memory - heap;
  if (failed("memory", "jvmHeap")) {
    // reported above
  } else if (heap % MiB !== 0n) {
    problems.push(`${fullKey(["jvmHeap"])}: got ${showValue(raw[fullKey(["jvmHeap"])])}; expected a whole number of Mi, as -Xmx takes it`);
  } else if (rest < GiB || rest * 4n < memory) {
    const maxHeap = [memory - GiB, (memory * 3n) / 4n].reduce((a, b) => (a < b ? a : b));
    problems.push(
      `${fullKey(["jvmHeap"])}: got ${parsed.jvmHeap || `half the memory`} with memory ${parsed.memory}; expected at most ${maxHeap / MiB}Mi, leaving at least 1Gi and a quarter of the memory to metaspace, threads and the OS (a heap as large as the limit gets the pod OOM-killed)`,
    );
  }

  const namespace = parsed.namespace || `obkm-${options.stack}`;
  if (!failed("namespace") && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(namespace)) {
    problems.push(
      `${fullKey(["namespace"])}: empty, and the default obkm-${options.stack} is not a valid namespace name; expected a DNS label set explicitly`,
    );
  }

  if (!failed("sharedStorageClaim", "sharedStorageClass") && parsed.sharedStorageClaim && parsed.sharedStorageClass) {
    problems.push(
      `${fullKey(["sharedStorageClass"])}: got ${showValue(parsed.sharedStorageClass)} with ${fullKey(["sharedStorageClaim"])} ${showValue(parsed.sharedStorageClaim)}; expected empty, because an existing claim already has its class`,
    );
  }

  if (!failed("ingress.tlsSecret", "ingress.clusterIssuer") && parsed["ingress.tlsSecret"] && parsed["ingress.clusterIssuer"]) {
    problems.push(
      `${fullKey(["ingress.clusterIssuer"])}: got ${showValue(parsed["ingress.clusterIssuer"])} with ${fullKey(["ingress.tlsSecret"])} ${showValue(parsed["ingress.tlsSecret"])}; expected one of the two, because both would write the same certificate`,
    );
  }

  problems.push(...databaseProblems(parsed, failed));

  const caching = cachingProblems(parsed, failed);
  problems.push(...caching.problems);

  if (problems.length > 0) throw new ConfigError(problems.sort());

  return {
    config: {
      stack: options.stack,
      hostname: parsed.hostname,
      image: parsed.image,
      imagePullPolicy: parsed.imagePullPolicy,
      replicas: parsed.replicas,
      highAvailability: parsed.highAvailability,
      namespace: { name: namespace, create: parsed.createNamespace },
      namePrefix: parsed.namePrefix,
      clusterDomain: parsed.clusterDomain,
      configTemplates: parsed.configTemplates ? path.resolve(options.projectDir, parsed.configTemplates) : undefined,
      kmHome: parsed.kmHome,
      resources: { memory: parsed.memory, cpu: parsed.cpu, cpuLimit: parsed.cpuLimit || undefined, jvmHeapMiB: Number(heap / MiB) },
      podManagementPolicy: parsed.podManagementPolicy as ObkmConfig["podManagementPolicy"],
      scheduling: { podAntiAffinity: parsed["scheduling.podAntiAffinity"] as ObkmConfig["scheduling"]["podAntiAffinity"] },
      probes: { path: parsed["probes.path"], startupMinutes: parsed["probes.startupMinutes"] },
      terminationGracePeriodSeconds: parsed.terminationGracePeriodSeconds,
      imagePullSecrets: parsed.imagePullSecrets,
      networkPolicy: {
        enabled: parsed["networkPolicy.enabled"],
        ingressControllerNamespace: parsed["networkPolicy.ingressControllerNamespace"],
        allowedNamespaces: [...new Set([...parsed["networkPolicy.allowedNamespaces"], ...(parsed["apim.namespace"] ? [parsed["apim.namespace"]] : [])])].sort(),
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
        affinityMode: parsed["ingress.affinityMode"] as ObkmConfig["ingress"]["affinityMode"],
        cookieSameSite: parsed["ingress.cookieSameSite"] as ObkmConfig["ingress"]["cookieSameSite"],
        tls: parsed["ingress.tlsSecret"]
          ? { source: "secret", secretName: parsed["ingress.tlsSecret"] }
          : parsed["ingress.clusterIssuer"]
            ? { source: "cert-manager", clusterIssuer: parsed["ingress.clusterIssuer"] }
            : { source: "controller-default" },
        consoleAllowedCidrs: parsed["ingress.consoleAllowedCidrs"],
      },
      hostAliasIp: parsed.hostAliasIp || undefined,
      tomcat: { internalProxies: parsed["tomcat.internalProxies"] },
      apim: {
        hostname: parsed["apim.hostname"],
        gatewayPort: parsed["apim.gatewayPort"],
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
      caching: {
        scenario: parsed["caching.scenario"] as ObkmConfig["caching"]["scenario"],
        timeoutSeconds: parsed["caching.timeoutSeconds"],
        securityCaches: parsed["caching.securityCaches"],
        overrides: caching.overrides,
      },
    },
    secrets: {
      databasePassword: parsed["database.password"] || undefined,
      datasourcePasswords: Object.fromEntries(
        DATASOURCE_KEYS.filter((d) => parsed[`database.${d}.password`]).map((d) => [d, parsed[`database.${d}.password`]]),
      ),
      adminPassword: parsed.adminPassword || undefined,
      ldapBindPassword: parsed["userStore.ldap.bindPassword"] || undefined,
    },
    warnings,
  };
}

function databaseConfig(parsed: Parsed): ObkmConfig["database"] {
  const engine = parsed["database.type"] as DatabaseEngine;
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
  return {
    type: engine,
    provision: provision ? { image: parsed["database.provisionImage"] || undefined, storageSize: parsed["database.provisionStorageSize"] } : undefined,
    datasources,
    urlParameters: parsed["database.urlParameters"],
    driverClassName: parsed["database.driverClassName"] || undefined,
    driverImage: parsed["database.driverImage"] || undefined,
    waitSeconds: parsed["database.waitSeconds"],
    pool: {
      maxActive: parsed["database.pool.maxActive"],
      maxWait: parsed["database.pool.maxWait"],
      minIdle: parsed["database.pool.minIdle"],
      validationInterval: parsed["database.pool.validationInterval"],
    },
  };
}

/** What the database and user store settings need together, each problem naming the key to change. */
function databaseProblems(parsed: Parsed, failed: (...keys: string[]) => boolean): string[] {
  const problems: string[] = [];
  const provision = !failed("database.provision") && parsed["database.provision"];
  const engine = parsed["database.type"];
  if (provision && !failed("database.type") && engine !== "mysql" && engine !== "postgresql") {
    problems.push(`${fullKey(["database.type"])}: got ${showValue(engine)} with ${fullKey(["database.provision"])} true; expected mysql or postgresql, the engines the program can provision`);
  }
  if (provision) {
    const oneUser = DATASOURCE_KEYS.flatMap((d) => [`database.${d}.host`, `database.${d}.username`, `database.${d}.password`]);
    for (const key of ["database.host", ...oneUser]) {
      if (!failed(key) && parsed[key]) {
        const shown = key.endsWith(".password") ? "a value" : showValue(parsed[key]);
        problems.push(`${fullKey([key])}: got ${shown} with ${fullKey(["database.provision"])} true; expected empty, because the provisioned database has one server and one user`);
      }
    }
  } else if (!failed("database.host") && !parsed["database.host"]) {
    const without = DATASOURCE_KEYS.filter((d) => !parsed[`database.${d}.host`]);
    if (without.length) {
      problems.push(
        `${fullKey(["database.host"])}: missing; expected the host of the database server (needed by ${without.map((d) => `database.${d}`).join(", ")}), or database.provision true for an in-cluster database in dev`,
      );
    }
  }
  if (!failed("database.type", "database.urlParameters") && engine === "oracle" && parsed["database.urlParameters"]) {
    problems.push(`${fullKey(["database.urlParameters"])}: got ${showValue(parsed["database.urlParameters"])} with database.type oracle; expected empty, because Oracle thin URLs take no parameters (use the driver's properties)`);
  }
  if (!failed("userStore.type") && parsed["userStore.type"] === "ldap") {
    for (const key of ["userStore.ldap.url", "userStore.ldap.bindDn", "userStore.ldap.bindPassword", "userStore.ldap.userSearchBase", "userStore.ldap.groupSearchBase"] as string[]) {
      if (!failed(key) && !parsed[key]) problems.push(`${fullKey([key])}: missing; expected a value, because userStore.type is ldap`);
    }
  }
  return problems;
}

const LONG_TIMEOUT = 300;

/** The guard rails of the risky caching scenarios, each refusal saying the risk in one sentence. */
function cachingProblems(parsed: Parsed, failed: (...keys: string[]) => boolean): { problems: string[]; overrides: Record<string, CacheOverride> } {
  const problems: string[] = [];
  const parsedOverrides = failed("caching.cacheOverrides") ? { overrides: {}, problems: [] } : parseCacheOverrides(parsed["caching.cacheOverrides"]);
  problems.push(...parsedOverrides.problems.map((p) => `${fullKey(["caching.cacheOverrides"])}: ${p}`));
  if (failed("caching.scenario")) return { problems, overrides: parsedOverrides.overrides };

  const scenario = parsed["caching.scenario"];
  if (scenario === 2 && !failed("caching.acceptStaleAuthorization") && !parsed["caching.acceptStaleAuthorization"]) {
    problems.push(
      `${fullKey(["caching.scenario"])}: got 2; expected it only with ${fullKey(["caching.acceptStaleAuthorization"])} true, because without invalidation across nodes a node keeps honouring a revoked token or permission until its cache times out`,
    );
  }
  if (scenario === 5 && !failed("caching.lowLatencyNetwork") && !parsed["caching.lowLatencyNetwork"]) {
    problems.push(
      `${fullKey(["caching.scenario"])}: got 5; expected it only with ${fullKey(["caching.lowLatencyNetwork"])} true, because distributed caches lose entries on any network slower than one rack's`,
    );
  }
  if (scenario === 2 && !failed("caching.timeoutSeconds", "caching.allowLongTimeout") && !parsed["caching.allowLongTimeout"]) {
    if (parsed["caching.timeoutSeconds"] > LONG_TIMEOUT) {
      problems.push(
        `${fullKey(["caching.timeoutSeconds"])}: got ${parsed["caching.timeoutSeconds"]}; expected at most ${LONG_TIMEOUT} in scenario 2 (or ${fullKey(["caching.allowLongTimeout"])} true), because it is how long a stale authorisation lives`,
      );
    }
    for (const [cache, override] of Object.entries(parsedOverrides.overrides)) {
      if ((override.timeoutSeconds ?? 0) > LONG_TIMEOUT) {
        problems.push(
          `${fullKey(["caching.cacheOverrides"])}: got ${cache}.timeout=${override.timeoutSeconds}; expected at most ${LONG_TIMEOUT} in scenario 2 (or ${fullKey(["caching.allowLongTimeout"])} true), because it is how long a stale authorisation lives`,
        );
      }
    }
  }
  return { problems, overrides: parsedOverrides.overrides };
}

function splitKey(name: string): [string, string] {
  const colon = name.indexOf(":");
  return colon < 0 ? ["", name] : [name.slice(0, colon), name.slice(colon + 1)];
}

function unknownKeyProblem(key: string): string {
  const suggestion = closestKey(key, keyNames);
  return `${fullKey([key])}: unknown key${suggestion ? ` (did you mean ${suggestion}?)` : ""}; expected one of ${keyNames.join(", ")}`;
}

function describeIssue(key: string, issue: z.ZodIssue, value: unknown): string {
  const at = valueAt(value, issue.path);
  const secret = (configKeys as Record<string, KeySpec>)[key]?.secret;
  const got = at === undefined ? "missing" : secret ? "got a value that is not allowed" : `got ${showValue(at)}`;
  return `${fullKey([key, ...issue.path])}: ${got}; expected ${issue.message}`;
}

function valueAt(input: unknown, at: ReadonlyArray<string | number>): unknown {
  return at.reduce<unknown>((node, step) => (node && typeof node === "object" ? (node as never)[step] : undefined), input);
}
