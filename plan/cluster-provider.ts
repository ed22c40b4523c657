// The stack's own Kubernetes provider: the cluster it deploys to, named in config, never the kubeconfig's
// current context (except on dev), and how it changes the objects it owns.
import type { ObkmConfig } from "../config/load";

export interface ClusterProviderArgs {
  context?: string;
  kubeconfig?: string;
  /**
   * The cluster's name (cluster.identifier). Once set, the provider is replaced, and every object with it,
   * when and only when it changes; a change of context or kubeconfig is then an update. Setting it where it
   * was unset (or removing it) replaces nothing by itself: render/provider-config-diff.ts ports the rule.
   */
  clusterIdentifier?: string;
  /**
   * Secrets and ConfigMaps updated in place instead of replaced. Without these the provider replaces a Secret
   * or ConfigMap whose data changes, and since ours are named it deletes the old one first
   * (pulumi-kubernetes provider/pkg/provider/diff.go forceNewProperties; provider.go Diff,
   * deleteBeforeReplace): a node restarting in between could not mount it. The pods still roll on every
   * change, through the revision hash on their template; an object marked immutable is still replaced.
   * Both are a beta feature of the provider ("BETA FEATURE ... in developer preview, and is disabled by
   * default": @pulumi/kubernetes 4.34.2 provider.d.ts; pulumi-kubernetes provider/pkg/gen/schema.go).
   */
  enableSecretMutable: boolean;
  enableConfigMapMutable: boolean;
}

export function clusterProviderArgs(cluster: ObkmConfig["cluster"]): ClusterProviderArgs {
  return {
    ...(cluster.context ? { context: cluster.context } : {}),
    ...(cluster.kubeconfig ? { kubeconfig: cluster.kubeconfig } : {}),
    ...(cluster.identifier ? { clusterIdentifier: cluster.identifier } : {}),
    enableSecretMutable: true,
    enableConfigMapMutable: true,
  };
}
