// Every key a stack may set under `obkm:`: the cluster's own here, the rest by concern in edge-keys.ts,
// caching-keys.ts, hardening-keys.ts, proxy-keys.ts, keystore-keys.ts, open-banking-keys.ts, bi-server-keys.ts,
// database-keys.ts, logs-keys.ts and monitoring-keys.ts. This table is the one source of truth: the loader validates against it, each key's value
// is typed by its rule (parsed.ts), and `npm run sync-config` writes Pulumi.yaml's declarations, docs/configuration.md's
// table and the settings interface of planCluster (config/settings.generated.ts) from it (tests hold them together).
import { biServerKeys } from "./bi-server-keys";
import { cachingKeys } from "./caching-keys";
import { databaseKeys } from "./database-keys";
import { edgeKeys } from "./edge-keys";
import { hardeningKeys } from "./hardening-keys";
import { keystoreKeys } from "./keystore-keys";
import { logsKeys } from "./logs-keys";
import { monitoringKeys } from "./monitoring-keys";
import { openBankingKeys } from "./open-banking-keys";
import { proxyKeys } from "./proxy-keys";
import type { DeclaredType, KeySpec } from "./key-spec";
import { kmHomePath } from "./km-home";
import { kubeconfigPath } from "./kubeconfig-path";
import * as rules from "./rules";

export type { DeclaredType, KeySpec } from "./key-spec";

const KM_HOME_DEFAULT = "/home/wso2carbon/wso2-obkm-1.4.0";

export const configKeys = {
  hostname: {
    type: "string",
    description:
      "Host name of the load balancer in front of the Key Manager nodes: what browsers, the API Manager and the nodes' own public URLs use.",
    rule: rules.ingressHostName(),
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
    description: "Number of Key Manager nodes in the Hazelcast cluster; a change restarts none of them. 1 needs highAvailability: false.",
    rule: rules.integer(1, 50),
  },
  highAvailability: {
    type: "boolean",
    default: true,
    description:
      "Set to false to allow a single node (replicas: 1) on a dev stack (dev or dev-*), for a throw-away environment; the program then warns. Other stacks always run two or more.",
    rule: rules.boolean(),
  },
  namespace: {
    type: "string",
    default: "",
    description: "Kubernetes namespace of the cluster. Empty means obkm-<stack>.",
    rule: rules.emptyOr(rules.dnsLabel(63), "empty (for obkm-<stack>) or a DNS label of at most 63 characters: lower-case letters, digits and '-'"),
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
      "Prefix of every object's name. Two stacks that share a namespace need different prefixes. At most 40 characters, so that pod host names stay within 63, starting with a letter, as Service names must.",
    rule: rules.rfc1035Label(40, "the Services are named after it, and a Service's name must start with a letter"),
  },
  clusterDomain: {
    type: "string",
    default: "cluster.local",
    description: "DNS domain of the Kubernetes cluster, used in the well-known members' names.",
    rule: rules.dnsDomain(),
  },
  "cluster.context": {
    type: "string",
    default: "",
    description:
      "kubeconfig context of the cluster this stack deploys to, so that no stack follows whatever context is current. Required on every stack but a dev stack (dev or dev-*).",
    rule: rules.kubeconfigContext(),
  },
  "cluster.kubeconfig": {
    type: "string",
    default: "",
    description:
      "Path of the kubeconfig file that holds cluster.context, passed to the provider as given (relative to the project; ~/ is the home directory). Never the kubeconfig's content, whose token would be stored in clear. Empty means the Kubernetes provider's usual search: $KUBECONFIG, then ~/.kube/config.",
    rule: kubeconfigPath(),
  },
  "cluster.identifier": {
    type: "string",
    default: "",
    description:
      "Name of the cluster this stack deploys to, passed to the Kubernetes provider as clusterIdentifier: the provider is replaced (and with it every object of the stack) when, and only when, it changes, so a move to another cluster shows as a replacement in the preview, while a renamed context or a new kubeconfig for the same cluster is an update. Use a name the cluster keeps, such as its cloud ID or API server URL. Required on every stack but a dev stack (dev or dev-*); setting it on an existing stack is an update (docs/operations.md, Pinning the cluster).",
    rule: rules.clusterIdentifier(),
  },
  configTemplates: {
    type: "string",
    default: "",
    description:
      "Directory laid out as the pack's repository/conf whose files the program edits. Empty means the templates in config-templates/. For production, point it at the repository/conf of your own pack.",
    rule: rules.optionalPath(),
  },
  acceptBundledTemplates: {
    type: "boolean",
    default: false,
    description:
      "Set to true to let a stack other than dev (dev or dev-*) render the project's own templates (config-templates/, written for WSO2's stock pack) over the image's, knowing they may not match its pack and update level. Without it such a stack must name configTemplates.",
    rule: rules.boolean(),
  },
  kmHome: {
    type: "string",
    default: KM_HOME_DEFAULT,
    description:
      "Where the pack is unpacked in the image (<KM_HOME>): an absolute path of letters, digits, . _ - + and /, without $ (which the kubelet would expand).",
    rule: kmHomePath(),
  },
  memory: {
    type: "string",
    default: "4Gi",
    description: "Memory of each node's container, as both request and limit (the product asks for 4 GB: 2 GB heap, 2 GB for the rest).",
    rule: rules.memoryQuantity(),
  },
  jvmHeap: {
    type: "string",
    default: "",
    description:
      "JVM heap of each node (-Xms and -Xmx). Empty means half the memory (2Gi of 4Gi, as the product asks). Must leave at least 1Gi and a quarter of memory to the rest of the process.",
    rule: rules.emptyOr(rules.heapQuantity(), "empty (half the memory) or a heap size as a Kubernetes quantity from 512Mi to 192Gi, such as 2Gi"),
  },
  cpu: {
    type: "string",
    default: "2",
    description: "CPU request of each node.",
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
      "Guard the shared artifacts claim: Pulumi refuses to delete or replace it, and keeps the volume if the stack is destroyed. See docs/design.md, Shared artifacts storage, before setting it to false.",
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
  ...hardeningKeys,
  ...edgeKeys,
  ...proxyKeys,
  ...cachingKeys,
  ...openBankingKeys,
  ...biServerKeys,
  ...keystoreKeys,
  ...databaseKeys,
  ...logsKeys,
  ...monitoringKeys,
} satisfies Record<string, KeySpec>;

export type ConfigKey = keyof typeof configKeys;

/**
 * What Pulumi.yaml declares for a key: its real type, by its property path. The Pulumi CLI looks a dotted
 * key up as a path and checks the value's type there (pkg/workspace/config.go); that check was wrong for
 * nested integers and booleans from 3.202 until 3.213 (pulumi/pulumi#21219, fixed by #21246), hence the
 * project's requiredPulumiVersion. No key is declared `secret: true`: every secret here is optional, and the
 * CLI writes a secret's default unencrypted and then refuses it as not encrypted (pulumi/pulumi#21865;
 * config.go createConfigValue, validateStackConfigValue), so the render refuses a secret set in clear instead.
 */
export function declarationOf(spec: KeySpec): { type: DeclaredType; items?: { type: "string" }; default?: string | number | boolean | string[] } {
  return { type: spec.type, ...(spec.items ? { items: spec.items } : {}), ...(spec.default === undefined ? {} : { default: spec.default }) };
}
export const keyNames = Object.keys(configKeys).sort() as ConfigKey[];
