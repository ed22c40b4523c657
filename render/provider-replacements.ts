// Which changes make the Kubernetes provider replace an object rather than update it, for the kinds this
// program creates, so that resources.yaml shows a reviewer a replacement before it happens. Ported from
// pulumi-kubernetes provider/pkg/provider/diff.go (forceNew, forceNewProperties). Every object here has a
// name of its own, so a replacement that keeps the name deletes the old object first (provider.go Diff,
// deleteBeforeReplace): for a few seconds it does not exist. A change of the name itself creates first.
import type { ClusterProviderArgs } from "../plan/cluster-provider";

const SELECTOR = (prefix: string) => [prefix, `${prefix}.matchExpressions`, `${prefix}.matchLabels`];

/** Kind (with its API group and version) to the fields whose change replaces it. */
const FORCE_NEW: Record<string, string[]> = {
  "apps/v1/StatefulSet": [
    ".spec.podManagementPolicy",
    ".spec.revisionHistoryLimit",
    ...SELECTOR(".spec.selector"),
    ".spec.serviceName",
    ".spec.volumeClaimTemplates",
  ],
  "batch/v1/Job": [".spec.completions", ".spec.parallelism", ...SELECTOR(".spec.selector"), ".spec.template"],
  "v1/PersistentVolumeClaim": [".spec.accessModes", ...SELECTOR(".spec.selector"), ".spec.storageClassName", ".spec.volumeName"],
  "v1/Service": [".spec.clusterIP"],
  "v1/Secret": [".type"],
};

/** The fields whose change deletes and recreates the object (the name, which changes it to another object, aside). */
export function deleteFirstOn(object: { apiVersion?: unknown; kind?: unknown; immutable?: unknown }, provider: ClusterProviderArgs): string[] {
  const kind = `${object.apiVersion}/${object.kind}`;
  const fields = [".metadata.namespace", ...(FORCE_NEW[kind] ?? [])];
  const immutable = object.immutable === true;
  if (kind === "v1/Secret" && (!provider.enableSecretMutable || immutable)) fields.push(".data", ".stringData", ".type");
  if (kind === "v1/ConfigMap" && (!provider.enableConfigMapMutable || immutable)) fields.push(".binaryData", ".data");
  return [...new Set(fields)].sort();
}
