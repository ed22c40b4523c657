// Which kinds the API server keeps outside any namespace, apart from the validator (k8s-validate.ts, which
// loads the schema models), so that a test asking only this does not load them.

/** The kinds that belong to no namespace (the API server's scope for each). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  "Namespace",
  "ClusterRole",
  "ClusterRoleBinding",
  "PersistentVolume",
  "StorageClass",
]);
