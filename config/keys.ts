// Every key a stack may set under `obkm:`. This table is the one source of truth: the loader validates
// against it, Pulumi.yaml declares the same keys with the same types and defaults (a test holds them
// together), and the README's table lists them.
import { z } from "zod";
import { IDENTITY_CACHES, SECURITY_CACHES } from "./caching";
import { databaseKeys } from "./database-keys";
import * as rules from "./rules";

export type DeclaredType = "string" | "integer" | "boolean" | "array";

export interface KeySpec {
  /** The type Pulumi.yaml declares; raw config strings are read as this type before validation. */
  type: DeclaredType;
  /** A Pulumi secret: Pulumi.yaml declares it `secret: true`; its value never leaves the loader in clear. */
  secret?: true;
  /** The element type of an array; Pulumi.yaml declares it as `items`. */
  items?: { type: "string" };
  /** Absent for a required key. An empty string stands for "derived", as the description says. */
  default?: string | number | boolean | string[];
  description: string;
  rule: z.ZodTypeAny;
}

export const KM_HOME_DEFAULT = "/home/wso2carbon/wso2-obkm-1.4.0";

/** Tomcat's RemoteIpValve trusts X-Forwarded-* only from these: the private, link-local and loopback ranges. */
export const PRIVATE_ADDRESSES =
  "10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|192\\.168\\.\\d{1,3}\\.\\d{1,3}|172\\.(?:1[6-9]|2\\d|3[01])\\.\\d{1,3}\\.\\d{1,3}|169\\.254\\.\\d{1,3}\\.\\d{1,3}|127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|0:0:0:0:0:0:0:1|::1";

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
    default: "",
    description:
      "JVM heap of each node (-Xms and -Xmx). Empty means half the memory (2Gi of 4Gi, as the product asks). Must leave at least 1Gi and a quarter of memory to the rest of the process.",
    rule: z.union([z.literal(""), rules.memoryQuantity()], {
      errorMap: () => ({ message: "empty (half the memory) or a memory size as a Kubernetes quantity, such as 2Gi" }),
    }),
  },
  cpu: {
    type: "string",
    default: "2",
    description: "CPU request of each node.",
    rule: rules.cpuQuantity(),
  },
  cpuLimit: {
    type: "string",
    default: "",
    description: "CPU limit of each node. Empty sets none: a throttled JVM misses Hazelcast heartbeats and stalls logins.",
    rule: z.union([z.literal(""), rules.cpuQuantity()], {
      errorMap: () => ({ message: "empty (no limit) or a CPU amount as a Kubernetes quantity, such as 4" }),
    }),
  },
  podManagementPolicy: {
    type: "string",
    default: "OrderedReady",
    description:
      "OrderedReady starts nodes one at a time, which a first start on an empty database needs; Parallel once the database is initialised. Changing it replaces the StatefulSet (see README).",
    rule: rules.oneOf(["OrderedReady", "Parallel"]),
  },
  "scheduling.podAntiAffinity": {
    type: "string",
    default: "preferred",
    description: "Keep nodes on different Kubernetes nodes: preferred (schedule anyway when there are too few) or required.",
    rule: rules.oneOf(["preferred", "required"]),
  },
  "probes.path": {
    type: "string",
    default: "/carbon/admin/login.jsp",
    description:
      "Path on the HTTPS servlet port that the probes request. The default exists in every KM 1.4; /api/health-check/v1.0/health works where the pack enables the health-check API.",
    rule: z.string().regex(/^\/[^\s]*$/, "a path starting with /"),
  },
  "probes.startupMinutes": {
    type: "integer",
    default: 10,
    description: "How long a node may take to start before it is restarted: a first start on an empty database creates its tables.",
    rule: rules.integer(1, 60),
  },
  terminationGracePeriodSeconds: {
    type: "integer",
    default: 120,
    description: "How long a stopping node has to finish requests and leave the Hazelcast cluster before it is killed.",
    rule: rules.integer(30, 3600),
  },
  imagePullSecrets: {
    type: "array",
    items: { type: "string" },
    default: [],
    description: "Secrets in the namespace for pulling the image from a private registry.",
    rule: rules.stringList("a list of Secret names").pipe(z.array(rules.dnsSubdomain())),
  },
  "networkPolicy.enabled": {
    type: "boolean",
    default: true,
    description: "Create the NetworkPolicy. Set to false only where the network plugin does not enforce NetworkPolicy.",
    rule: rules.boolean(),
  },
  "networkPolicy.ingressControllerNamespace": {
    type: "string",
    default: "ingress-nginx",
    description: "Namespace of the ingress controller, allowed to reach the servlet ports.",
    rule: rules.dnsLabel(63),
  },
  "networkPolicy.allowedNamespaces": {
    type: "array",
    items: { type: "string" },
    default: [],
    description: "Further namespaces allowed to reach the servlet ports (the API Manager's namespace, apim.namespace, is allowed already).",
    rule: rules.stringList("a list of namespace names").pipe(z.array(rules.dnsLabel(63))),
  },
  "networkPolicy.egressCidrs": {
    type: "array",
    items: { type: "string" },
    default: [],
    description: "Address ranges the nodes may reach besides DNS, their peers and the ingress controller: the database, an LDAP server, the API gateway.",
    rule: rules.cidrList(),
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
  "ingress.className": {
    type: "string",
    default: "nginx",
    description: "IngressClass of the ingress-nginx controller that fronts the nodes.",
    rule: rules.optionalDnsSubdomain("no class").refine((c) => c !== "", "the name of an IngressClass, such as nginx"),
  },
  "ingress.cookieName": {
    type: "string",
    default: "OBKM_ROUTE",
    description: "Name of the sticky-session cookie the ingress controller sets.",
    rule: rules.cookieName(),
  },
  "ingress.affinityMode": {
    type: "string",
    default: "persistent",
    description:
      "persistent keeps a session on its node even when the controller scales; balanced may move sessions to rebalance, which drops SSO state held on a node.",
    rule: rules.oneOf(["persistent", "balanced"]),
  },
  "ingress.cookieSameSite": {
    type: "string",
    default: "None",
    description:
      "SameSite of the sticky cookie. None (with Secure) keeps it on the cross-site POSTs of SSO flows (form_post, SAML); Lax or Strict drop it there, and the request may land on another node.",
    rule: rules.oneOf(["None", "Lax", "Strict"]),
  },
  "ingress.tlsSecret": {
    type: "string",
    default: "",
    description: "Existing kubernetes.io/tls Secret in the namespace whose certificate the Ingress serves for hostname.",
    rule: rules.optionalDnsSubdomain("no Secret"),
  },
  "ingress.clusterIssuer": {
    type: "string",
    default: "",
    description: "cert-manager ClusterIssuer that issues the Ingress's certificate (instead of ingress.tlsSecret).",
    rule: rules.optionalDnsSubdomain("no issuer"),
  },
  "ingress.consoleAllowedCidrs": {
    type: "array",
    items: { type: "string" },
    default: [],
    description:
      "Source ranges allowed to reach the management console (/carbon), on an Ingress of its own; the rest stays public. Empty leaves the console as public as the rest.",
    rule: rules.cidrList(),
  },
  hostAliasIp: {
    type: "string",
    default: "",
    description:
      "Address that the nodes resolve hostname to, as a hostAliases entry, for clusters whose DNS does not know the public host name (such as the ingress controller's ClusterIP). Empty adds none.",
    rule: rules.optionalIpAddress(),
  },
  "tomcat.internalProxies": {
    type: "string",
    default: PRIVATE_ADDRESSES,
    description: "Regular expression of the proxy addresses whose X-Forwarded-* headers Tomcat's RemoteIpValve trusts (default: private, link-local and loopback addresses).",
    rule: rules.regularExpression(),
  },
  "apim.hostname": {
    type: "string",
    description: "Host name of the OB API Manager gateway, where the KM's OAuth2 authorize, token and userinfo URLs point.",
    rule: rules.hostName(),
  },
  "apim.gatewayPort": {
    type: "integer",
    default: 8243,
    description: "HTTPS port of the OB API Manager gateway in those URLs.",
    rule: rules.port(),
  },
  "apim.namespace": {
    type: "string",
    default: "",
    description:
      "Namespace of the OB API Manager. When set, the program renders its api-manager.xml, pointed at this cluster, into a ConfigMap there. Empty renders none.",
    rule: z.union([z.literal(""), rules.dnsLabel(63)], {
      errorMap: () => ({ message: "empty or a namespace name: a DNS label of at most 63 characters" }),
    }),
  },
  "apim.configTemplates": {
    type: "string",
    default: "",
    description: "The API Manager pack's repository/conf, whose api-manager.xml the program edits. Empty means config-templates/apim/.",
    rule: rules.optionalPath(),
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
  ...(databaseKeys as Record<`database.${string}` | "adminUsername" | "adminPassword" | "credentialRotation" | `userStore.${string}`, KeySpec>),
} satisfies Record<string, KeySpec>;

export type ConfigKey = keyof typeof configKeys;
export const keyNames = Object.keys(configKeys).sort() as ConfigKey[];
