// Small resources as the engine hands them to the pack (a type, a name, a URN, the inputs, the options):
// each a good one of its kind, which a test then breaks in the one way a policy refuses.
import type { PolicyResource } from "../policies";

const KM_LABELS = { "app.kubernetes.io/component": "key-manager" };

export function resource(stack: string, type: string, name: string, props: Record<string, any>, protect = false): PolicyResource {
  return { type, name, urn: `urn:pulumi:${stack}::obkm::${type}::${name}`, props, protect };
}

const restricted = { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };

/** A Key Manager StatefulSet of two restricted nodes. */
export const statefulSet = (stack = "prod") =>
  resource(stack, "kubernetes:apps/v1:StatefulSet", "obkm-nodes", {
    metadata: { name: "obkm-nodes", labels: KM_LABELS },
    spec: {
      replicas: 2,
      template: {
        metadata: { labels: KM_LABELS },
        spec: {
          securityContext: { runAsNonRoot: true },
          initContainers: [{ name: "editor", securityContext: restricted }],
          containers: [{ name: "key-manager", securityContext: restricted }],
        },
      },
    },
  });

/** The Key Manager's Ingress, sticky by cookie. */
export const ingress = () =>
  resource("prod", "kubernetes:networking.k8s.io/v1:Ingress", "obkm-ingress", {
    metadata: { name: "obkm-ingress", labels: KM_LABELS, annotations: { "nginx.ingress.kubernetes.io/affinity": "cookie" } },
  });

/** A ConfigMap of node files without credentials. */
export const configMap = (data: Record<string, string> = { "conf__carbon.xml": "<Server><HostName>km</HostName></Server>" }) =>
  resource("prod", "kubernetes:core/v1:ConfigMap", "obkm-files", { metadata: { name: "obkm-files" }, data });

/** The shared artifacts claim, protected. */
export const sharedClaim = (protect = true) =>
  resource("prod", "kubernetes:core/v1:PersistentVolumeClaim", "obkm-shared-artifacts", { metadata: { labels: KM_LABELS } }, protect);
