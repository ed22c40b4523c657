// Reads a stack's whole `obkm:` configuration into one validated, typed object with the defaults applied.
// Pure: it takes the texts that the Pulumi CLI hands a program, one per top-level key (see read.ts), so tests
// and the offline render call it exactly as `pulumi up` does.
import * as path from "path";
import { z } from "zod";
import { cachingProblems } from "./caching-checks";
import { databaseConfig, databaseProblems } from "./database-checks";
import { DATASOURCE_KEYS } from "./database-keys";
import { configKeys, KeySpec, keyNames } from "./keys";
import { readConfig } from "./read";
import { isDevStack } from "./stacks";
import { Parsed } from "./parsed";
import { ConfigError, fullKey, showValue } from "./problems";
import { quantityBytes } from "./quantity";
import { LoadedConfig, LoadOptions, ObkmConfig } from "./types";

// The typed config is what most modules import from here.
export * from "./types";

const GiB = 1n << 30n;
const MiB = 1n << 20n;

export function loadConfig(raw: Record<string, string>, options: LoadOptions): LoadedConfig {
  const { input, problems } = readConfig(raw);

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
    if (!isDevStack(options.stack)) {
      problems.push(
        `${fullKey(["replicas"])}: got 1 on stack ${options.stack}; expected 2 or more, because only a dev stack (dev or dev-*) may run a single node`,
      );
    } else if (parsed.highAvailability) {
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

  if (!failed("cluster.context") && !parsed["cluster.context"] && !isDevStack(options.stack)) {
    problems.push(
      `${fullKey(["cluster.context"])}: empty on stack ${options.stack}; expected the kubeconfig context of the cluster this stack deploys to (pulumi config set --path cluster.context NAME), because only a dev stack (dev or dev-*) may follow the current context`,
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
      cluster: {
        context: parsed["cluster.context"] || undefined,
        kubeconfig: parsed["cluster.kubeconfig"] ? path.resolve(options.projectDir, parsed["cluster.kubeconfig"]) : undefined,
      },
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

function describeIssue(key: string, issue: z.ZodIssue, value: unknown): string {
  const at = valueAt(value, issue.path);
  const secret = (configKeys as Record<string, KeySpec>)[key]?.secret;
  const got = at === undefined ? "missing" : secret ? "got a value that is not allowed" : `got ${showValue(at)}`;
  return `${fullKey([key, ...issue.path])}: ${got}; expected ${issue.message}`;
}

function valueAt(input: unknown, at: ReadonlyArray<string | number>): unknown {
  return at.reduce<unknown>((node, step) => (node && typeof node === "object" ? (node as never)[step] : undefined), input);
}
