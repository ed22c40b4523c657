import { Names } from "./names";
import { NamespaceManifest } from "./types";

export function namespaceManifest(n: Names, commonLabels: Record<string, string>): NamespaceManifest {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name: n.namespace, labels: commonLabels } };
}
