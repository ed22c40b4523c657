// Kubernetes objects as one multi-document YAML that kubectl reads, in a stable order: objects that others
// depend on first (the order Helm installs in), then by namespace and name.
import * as YAML from "yaml";

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } } & Record<string, unknown>;

const KIND_ORDER = [
  "Namespace",
  "NetworkPolicy",
  "ResourceQuota",
  "LimitRange",
  "PodSecurityPolicy",
  "ServiceAccount",
  "Secret",
  "ConfigMap",
  "PersistentVolumeClaim",
  // cert-manager's, before the pods that mount the Secret it writes.
  "Certificate",
  "Role",
  "RoleBinding",
  "Service",
  "Job",
  "StatefulSet",
  "Deployment",
  "PodDisruptionBudget",
  "Ingress",
];

function kindRank(kind: string): number {
  const rank = KIND_ORDER.indexOf(kind);
  return rank < 0 ? KIND_ORDER.length : rank;
}

export function sortObjects(objects: K8sObject[]): K8sObject[] {
  return [...objects].sort(
    (a, b) =>
      kindRank(a.kind) - kindRank(b.kind) ||
      a.kind.localeCompare(b.kind) ||
      (a.metadata.namespace ?? "").localeCompare(b.metadata.namespace ?? "") ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
}

/** YAML 1.1 so that kubectl's parser reads `on`, `yes` and `y` as the strings we meant (they get quoted). */
export function toYaml(value: unknown): string {
  return YAML.stringify(value, { version: "1.1", lineWidth: 0, sortMapEntries: true });
}

export function manifestsYaml(objects: K8sObject[]): string {
  return sortObjects(objects)
    .map((o) => `---\n${toYaml(o)}`)
    .join("");
}
