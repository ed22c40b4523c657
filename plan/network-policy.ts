// Who may talk to the nodes, and to whom they may talk. Hazelcast (4000) only between the KM pods of this
// stack; the servlet ports only from the ingress controller and the namespaces named in config (the API
// Manager's); out only to DNS, the peers, the ingress controller (nodes call their own public URLs) and the
// address ranges in config (the database, an LDAP server, the API gateway).
import { ObkmConfig } from "../config/load";
import { Names } from "./names";
import { ports } from "./ports";
import { NetworkPolicyManifest } from "./types";

const namespaceSelector = (name: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } } });
const tcp = (port: number) => ({ port, protocol: "TCP" });

export function networkPolicyManifest(
  config: ObkmConfig,
  n: Names,
  labels: Record<string, string>,
  selector: Record<string, string>,
  clustering: boolean,
  /** The provisioned database's pods and port, which the nodes must reach. */
  database?: { podLabels: Record<string, string>; port: number },
): NetworkPolicyManifest | undefined {
  if (!config.networkPolicy.enabled) return undefined;
  const peers = { podSelector: { matchLabels: selector } };
  const np = config.networkPolicy;
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: n.statefulSet, namespace: n.namespace, labels },
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ["Ingress", "Egress"],
      ingress: [
        ...(clustering ? [{ from: [peers], ports: [tcp(ports.hazelcast.port)] }] : []),
        {
          from: [np.ingressControllerNamespace, ...np.allowedNamespaces].map(namespaceSelector),
          ports: [tcp(ports.servletHttps.port), tcp(ports.servletHttp.port)],
        },
      ],
      egress: [
        { ports: [{ port: 53, protocol: "UDP" }, tcp(53)] },
        ...(clustering ? [{ to: [peers], ports: [tcp(ports.hazelcast.port)] }] : []),
        { to: [namespaceSelector(np.ingressControllerNamespace)], ports: [tcp(443), tcp(80)] },
        ...(database ? [{ to: [{ podSelector: { matchLabels: database.podLabels } }], ports: [tcp(database.port)] }] : []),
        ...(np.egressCidrs.length ? [{ to: np.egressCidrs.map((cidr) => ({ ipBlock: { cidr } })) }] : []),
      ],
    },
  };
}
