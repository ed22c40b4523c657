// Every key a stack may set under `obkm:`. This table is the one source of truth: the loader validates
// against it, Pulumi.yaml declares the same keys with the same types and defaults (a test holds them
// together), and the README's table lists them.
import { z } from "zod";
import { IDENTITY_CACHES, SECURITY_CACHES } from "./caching";
import * as rules from "./rules";

export type DeclaredType = "string" | "integer" | "boolean" | "array";

export interface KeySpec {
  /** The type Pulumi.yaml declares; raw config strings are read as this type before validation. */
  type: DeclaredType;
  /** The element type of an array; Pulumi.yaml declares it as `items`. */
  items?: { type: "string" };
  /** Absent for a required key. An empty string stands for "derived", as the description says. */
  default?: string | number | boolean | string[];
  description: string;
  rule: z.ZodTypeAny;
}

export const KM_HOME_DEFAULT = "/home/wso2carbon/wso2-obkm-1.4.0";

export const configKeys = {
  hostname: {
    type: "string",
    description:
      "Host name of the load balancer in front of the Key Manager nodes: what browsers, the API Manager and the nodes' own public URLs use.",
    rule: rules.hostName(),
  },
  image: {
    type: "string",
    description: "Container image of the Key Manager, built from your licensed OB KM 1.4 pack; pinned by tag or digest.",
    rule: rules.imageReference(),
  },
  imagePullPolicy: {
    type: "string",
    default: "IfNotPresent",
    description: "When the kubelet pulls the image: Always, IfNotPresent or Never.",
    rule: rules.oneOf(["Always", "IfNotPresent", "Never"]),
  },
  replicas: {
    type: "integer",
    default: 2,
    description: "Number of Key Manager nodes, each a well-known member of the Hazelcast cluster. 1 needs highAvailability: false.",
    rule: rules.integer(1, 50),
  },
  highAvailability: {
    type: "boolean",
    default: true,
    description: "Set to false to allow a single node (replicas: 1) for a throw-away environment; the program then warns.",
    rule: rules.boolean(),
  },
  namespace: {
    type: "string",
    default: "",
    description: "Kubernetes namespace of the cluster. Empty means obkm-<stack>.",
    rule: z.union([z.literal(""), rules.dnsLabel(63)], {
      errorMap: () => ({ message: "empty (for obkm-<stack>) or a DNS label of at most 63 characters: lower-case letters, digits and '-'" }),
    }),
  },
  createNamespace: {
    type: "boolean",
    default: true,
    description: "Create the namespace. Set to false to deploy into an existing namespace that someone else manages.",
    rule: rules.boolean(),
  },
  namePrefix: {
    type: "string",
    default: "obkm",
    description:
      "Prefix of every object's name. Two stacks that share a namespace need different prefixes. At most 40 characters, so that pod host names stay within 63.",
    rule: rules.dnsLabel(40),
  },
  clusterDomain: {
    type: "string",
    default: "cluster.local",
    description: "DNS domain of the Kubernetes cluster, used in the well-known members' names.",
    rule: rules.dnsDomain(),
  },
  configTemplates: {
    type: "string",
    default: "",
    description:
      "Directory laid out as the pack's repository/conf whose files the program edits. Empty means the templates in config-templates/. For production, point it at the repository/conf of your own pack.",
    rule: rules.optionalPath(),
  },
  kmHome: {
    type: "string",
    default: KM_HOME_DEFAULT,
    description: "Where the pack is unpacked in the image (<KM_HOME>).",
    rule: rules.absolutePath(),
  },
  memory: {
    type: "string",
    default: "4Gi",
    description: "Memory of each node's container, as both request and limit (the product asks for 4 GB: 2 GB heap, 2 GB for the rest).",
    rule: rules.memoryQuantity(),
  },
  jvmHeap: {
    type: "string",
    default: "2Gi",
    description: "JVM heap of each node (-Xms and -Xmx). Must leave at least 1Gi and a quarter of memory to the rest of the process.",
    rule: rules.memoryQuantity(),
  },
  cpu: {
    type: "string",
    default: "2",
    description: "CPU request of each node. No CPU limit is set: a throttled JVM misses Hazelcast heartbeats.",
    rule: rules.cpuQuantity(),
  },
  sharedStorageClass: {
    type: "string",
    default: "",
    description:
      "Storage class of the shared artifacts claim; it must offer ReadWriteMany (NFS, EFS, Azure Files, CephFS). Empty means the cluster's default class.",
    rule: rules.optionalDnsSubdomain("the cluster's default storage class"),
  },
  sharedStorageSize: {
    type: "string",
    default: "5Gi",
    description: "Size of the shared artifacts claim. It can grow later where the storage class allows expansion; it cannot shrink.",
    rule: rules.storageQuantity(),
  },
  sharedStorageClaim: {
    type: "string",
    default: "",
    description: "Name of an existing ReadWriteMany claim in the namespace to use for the shared artifacts. Empty means the program creates one.",
    rule: rules.optionalDnsSubdomain("create a claim"),
  },
  protectSharedStorage: {
    type: "boolean",
    default: true,
    description:
      "Guard the shared artifacts claim: Pulumi refuses to delete or replace it, and keeps the volume if the stack is destroyed. See the README before setting it to false.",
    rule: rules.boolean(),
  },
  runAsUser: {
    type: "integer",
    default: 802,
    description: "User id the Key Manager runs as (WSO2 images use 802). It owns what the nodes write to the shared volume.",
    rule: rules.integer(1, 2147483647),
  },
  runAsGroup: {
    type: "integer",
    default: 802,
    description: "Group id the Key Manager runs as, and the fsGroup that makes the shared volume writable to it.",
    rule: rules.integer(1, 2147483647),
  },
  "caching.scenario": {
    type: "integer",
    default: 1,
    description:
      "Caching scenario of the clustering guide: 1 all caches local with invalidation across nodes (recommended), 2 local without invalidation, 3 no caching, 4 security caches off and the rest local, 5 distributed caching.",
    rule: rules.integer(1, 5),
  },
  "caching.acceptStaleAuthorization": {
    type: "boolean",
    default: false,
    description: "Required for scenario 2: accept that a node honours a revoked token or permission until its cache times out.",
    rule: rules.boolean(),
  },
  "caching.timeoutSeconds": {
    type: "integer",
    default: 60,
    description: "Scenario 2: every identity cache's timeout, in seconds, bounding how long a stale decision lives. Above 300 needs caching.allowLongTimeout.",
    rule: rules.integer(1, 86400),
  },
  "caching.allowLongTimeout": {
    type: "boolean",
    default: false,
    description: "Scenario 2: allow identity cache timeouts above 300 seconds.",
    rule: rules.boolean(),
  },
  "caching.lowLatencyNetwork": {
    type: "boolean",
    default: false,
    description: "Required for scenario 5: state that all nodes share a network of very low latency (one rack), without which distributed caches lose entries.",
    rule: rules.boolean(),
  },
  "caching.securityCaches": {
    type: "array",
    items: { type: "string" },
    default: Object.keys(SECURITY_CACHES),
    description: "Scenario 4: the security-related identity caches to turn off; the rest stay local.",
    rule: rules.namesFrom(IDENTITY_CACHES),
  },
  "caching.cacheOverrides": {
    type: "array",
    items: { type: "string" },
    default: [],
    description: "Per-cache settings applied after the scenario's, as <Cache>.enabled=true|false or <Cache>.timeout=<seconds>, such as OAuthCache.timeout=60.",
    rule: rules.stringList("a list of strings such as OAuthCache.timeout=60 or AppInfoCache.enabled=false"),
  },
} satisfies Record<string, KeySpec>;

export type ConfigKey = keyof typeof configKeys;
export const keyNames = Object.keys(configKeys).sort() as ConfigKey[];
