// The plan: everything the stack deploys, as plain Kubernetes manifests and rendered node files, from the
// validated config alone. No Pulumi calls; the only I/O is reading the templates.
import { ObkmConfig } from "../config/load";
import { labels, names, Names } from "./names";
import { namespaceManifest } from "./namespace";
import { NodeFile, renderNodeFiles } from "./node-files";
import { nodeFilesConfigMap } from "./node-files-configmap";
import { apiManagerConfig } from "./apim";
import { statefulSetTimeouts } from "./await-timeouts";
import { networkPolicy } from "./network-policy";
import { serviceAccount } from "./pod-security";
import { disruptionBudget } from "./scheduling";
import { STOP_SCRIPT_PATH, stopScript } from "./stop-script";
import { scenarioOf } from "./caching";
import { ingresses } from "./ingress";
import { ports } from "./ports";
import { seedScript, SEED_SCRIPT_PATH } from "./seed-script";
import { ClaimGuard, sharedStorage } from "./shared-storage";
import { START_SCRIPT_PATH, startScript } from "./start-script";
import { headlessServiceManifest, serviceManifest } from "./services";
import { statefulSetManifest } from "./statefulset";
import {
  ConfigMapManifest,
  IngressManifest,
  NamespaceManifest,
  NetworkPolicyManifest,
  PersistentVolumeClaimManifest,
  PodDisruptionBudgetManifest,
  ServiceAccountManifest,
  ServiceManifest,
  StatefulSetManifest,
} from "./types";

export interface Plan {
  names: Names;
  /** Absent when the stack deploys into an existing namespace. */
  namespace?: NamespaceManifest;
  nodeFiles: NodeFile[];
  nodeFilesConfigMap: ConfigMapManifest;
  /** Absent when the stack uses an existing claim. */
  sharedClaim?: PersistentVolumeClaimManifest;
  sharedClaimGuard: ClaimGuard;
  headlessService: ServiceManifest;
  service: ServiceManifest;
  statefulSet: StatefulSetManifest;
  /** How long `pulumi up` waits for the StatefulSet to roll out. */
  statefulSetTimeouts: { create: string; update: string };
  serviceAccount: ServiceAccountManifest;
  disruptionBudget: PodDisruptionBudgetManifest;
  /** Absent where the network plugin does not enforce NetworkPolicy (networkPolicy.enabled false). */
  networkPolicy?: NetworkPolicyManifest;
  ingress: IngressManifest;
  /** The management console's own Ingress, when its source ranges are restricted. */
  consoleIngress?: IngressManifest;
  /** In the API Manager's namespace, when the stack names it. */
  apiManagerConfigMap?: ConfigMapManifest;
  /** What another stack (the API Manager's) needs to reach this cluster, through a StackReference. */
  outputs: {
    namespace: string;
    hostname: string;
    publicUrl: string;
    apimHostname: string;
    apiManagerConfigMap?: { namespace: string; name: string; sha256: string };
    serviceDnsName: string;
    httpsPort: number;
    httpPort: number;
    statefulSetName: string;
    hazelcastDomain: string;
    wellKnownMembers: string[];
  };
}

export function buildPlan(config: ObkmConfig): Plan {
  const n = names(config);
  const l = labels(config);
  const nodeFiles = renderNodeFiles(config, n);
  const bundle = nodeFilesConfigMap(n, l.common, nodeFiles, [
    { path: START_SCRIPT_PATH, content: startScript(nodeFiles) },
    { path: SEED_SCRIPT_PATH, content: seedScript() },
    { path: STOP_SCRIPT_PATH, content: stopScript(config.terminationGracePeriodSeconds) },
  ]);
  const shared = sharedStorage(config, n, l.common);
  const { clustering } = scenarioOf(config);
  const edge = ingresses(config, n, l.common);
  const apim = apiManagerConfig(config, n, l.common);
  return {
    names: n,
    namespace: config.namespace.create ? namespaceManifest(n, l.common) : undefined,
    nodeFiles,
    nodeFilesConfigMap: bundle.manifest,
    sharedClaim: shared.claim,
    sharedClaimGuard: shared.guard,
    headlessService: headlessServiceManifest(n, l.common, l.selector, clustering),
    service: serviceManifest(n, l.common, l.selector),
    statefulSet: statefulSetManifest({
      config,
      names: n,
      labels: l,
      nodeFiles: { configMapName: bundle.name, items: bundle.items },
      sharedClaimName: shared.claimName,
      clustering,
    }),
    statefulSetTimeouts: statefulSetTimeouts(config),
    serviceAccount: serviceAccount(n, l.common),
    disruptionBudget: disruptionBudget(n, l.common, l.selector),
    networkPolicy: networkPolicy(config, n, l.common, l.selector, clustering),
    ingress: edge.main,
    consoleIngress: edge.console,
    apiManagerConfigMap: apim?.manifest,
    outputs: {
      namespace: n.namespace,
      hostname: config.hostname,
      publicUrl: `https://${config.hostname}/`,
      apimHostname: config.apim.hostname,
      ...(apim ? { apiManagerConfigMap: { namespace: config.apim.namespace!, name: n.apiManagerConfigMap, sha256: apim.sha256 } } : {}),
      serviceDnsName: n.serviceDnsName,
      httpsPort: ports.servletHttps.port,
      httpPort: ports.servletHttp.port,
      statefulSetName: n.statefulSet,
      hazelcastDomain: n.hazelcastDomain,
      wellKnownMembers: clustering ? Array.from({ length: config.replicas }, (_, i) => n.podDnsName(i)) : [],
    },
  };
}
