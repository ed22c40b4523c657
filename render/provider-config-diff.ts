// When the Kubernetes provider itself is replaced, and with it every object it created (the engine replaces
// what depends on a replaced provider; our shared claim is protected, so such an update stops there). A
// provider resource's diff is its plugin's DiffConfig (pulumi/pulumi v3.248.0
// pkg/resource/deploy/providers/registry.go:752). Ported from pulumi-kubernetes
// provider/pkg/provider/provider.go DiffConfig (lines 454-567 at 94977969, the newest snapshot here, after
// 4.32.0; clusterIdentifier came in #3068, July 2024, and @pulumi/kubernetes 4.34.2's provider.d.ts documents
// it the same way), with the property diff of pulumi/pulumi sdk/go/common/resource/properties_diff.go
// (v3.248.0: a key null before and set now is an add, set before and null now a delete, set on both sides
// and different an update).
import * as YAML from "yaml";

/** A kubeconfig as the provider reads it: each context's cluster, each cluster's settings. */
export interface Kubeconfig {
  currentContext?: string;
  contexts: Record<string, string>;
  clusters: Record<string, unknown>;
}

/** The provider's inputs as the engine hands them over (text for strings; UNKNOWN for a value unknown in a preview). */
export type ProviderInputs = Record<string, unknown>;

export const UNKNOWN = Symbol("unknown in a preview");

export interface ProviderConfigDiff {
  /** Inputs that changed. */
  diffs: string[];
  /** Inputs whose change replaces the provider; empty means an update in place (or nothing, with no diffs). */
  replaces: string[];
}

const hasValue = (v: unknown) => v !== undefined && v !== null;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The active cluster of a kubeconfig under the provider's context and cluster overrides (util.go
 * getActiveClusterFromConfig): undefined when none is found, as when no kubeconfig is named in the inputs
 * (parseKubeconfigPropertyValue gives an empty config for null).
 */
function activeCluster(inputs: ProviderInputs, read: (kubeconfig: unknown) => Kubeconfig | undefined): unknown {
  if (!hasValue(inputs.kubeconfig)) return undefined;
  const config = read(inputs.kubeconfig);
  if (!config || Object.keys(config.clusters).length === 0) return undefined;
  const context = hasValue(inputs.context) ? String(inputs.context) : config.currentContext;
  const clusterName = context === undefined ? undefined : config.contexts[context];
  if (clusterName === undefined) return undefined;
  return config.clusters[hasValue(inputs.cluster) ? String(inputs.cluster) : clusterName];
}

/**
 * DiffConfig of the provider's old and new inputs. `read` is how the provider reads the kubeconfig an input
 * names (a path or the contents), at the time of the diff: both sides read the same file when the path is
 * unchanged.
 */
export function providerConfigDiff(
  olds: ProviderInputs,
  news: ProviderInputs,
  read: (kubeconfig: unknown) => Kubeconfig | undefined,
): ProviderConfigDiff {
  const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].sort();
  const changed = keys.filter((k) => (hasValue(olds[k]) || hasValue(news[k])) && !same(olds[k], news[k]));
  if (changed.length === 0) return { diffs: [], replaces: [] };
  const id = "clusterIdentifier";
  const replaces: string[] = [];
  // provider.go:490: a changed identifier replaces; one added or removed does not ("on- and off-boarding").
  if (hasValue(olds[id]) && hasValue(news[id]) && !same(olds[id], news[id])) replaces.push(id);
  // provider.go:495: an identifier set and unchanged replaces nothing, whatever else changed.
  const pinned = hasValue(olds[id]) && hasValue(news[id]) && same(olds[id], news[id]);
  const result = (diffs: string[], more: string[]) => ({ diffs, replaces: pinned ? [] : [...replaces, ...more] });
  // provider.go:507: an unknown kubeconfig, context or cluster might name another cluster: replaced.
  const unknown = ["kubeconfig", "context", "cluster"].find((k) => news[k] === UNKNOWN);
  if (unknown) return result([unknown], [unknown]);
  const more: string[] = [];
  if (changed.includes("renderYamlToDirectory")) more.push("renderYamlToDirectory");
  // provider.go:551-558: replaced when the kubeconfig's active cluster changed, naming the inputs that moved it.
  const before = activeCluster(olds, read);
  const after = activeCluster(news, read);
  if (before !== undefined && after !== undefined && !same(before, after)) {
    more.push(...["kubeconfig", "context", "cluster"].filter((k) => changed.includes(k)));
  }
  return result(changed, more);
}

/** The provider's inputs that say which cluster, from its entry in a render's resources.yaml (render.ts). */
function clusterInputs(resourcesYaml: string): ProviderInputs | undefined {
  const entries = YAML.parse(resourcesYaml) as Array<{ type?: string; cluster?: Record<string, string> }> | null;
  const cluster = (entries ?? []).find((e) => e.type === "pulumi:providers:kubernetes")?.cluster;
  if (!cluster) return undefined;
  // The render shows an unset value as a sentence in parentheses.
  const value = (v: string | undefined) => (v === undefined || v.startsWith("(") ? undefined : v);
  return { context: value(cluster.context), kubeconfig: value(cluster.kubeconfig), clusterIdentifier: value(cluster.identifier) };
}

/**
 * A line for the render diff when the change replaces the stack's provider, and so every object: what a
 * reviewer must not miss among the files. Only what the render knows: a changed cluster.identifier; a
 * kubeconfig's contents, which the provider also compares, are not in the render.
 */
export function providerReplacementNote(baseResourcesYaml: string | undefined, headResourcesYaml: string | undefined): string | undefined {
  const [before, after] = [baseResourcesYaml, headResourcesYaml].map((text) => (text === undefined ? undefined : clusterInputs(text)));
  if (!before || !after) return undefined;
  const { replaces } = providerConfigDiff(before, after, () => undefined);
  if (replaces.length === 0) return undefined;
  return (
    `# The stack's Kubernetes provider is replaced (${replaces.join(", ")} changed: ${before.clusterIdentifier} -> ${after.clusterIdentifier}): ` +
    "pulumi up deletes every object of the stack and creates it again on the cluster named now, stopping at the protected shared claim.\n"
  );
}
