import { Names } from "./names";
import { namespaceSecurityLabels } from "./pod-security";
import { NamespaceManifest } from "./types";

/** A namespace we create enforces the Pod Security level the KM pods meet, so nothing weaker runs beside them. */
export function namespaceManifest(n: Names, commonLabels: Record<string, string>): NamespaceManifest {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name: n.namespace, labels: { ...commonLabels, ...namespaceSecurityLabels() } } };
}
