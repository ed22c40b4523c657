// Who may talk to the nodes, and to whom they may talk. Hazelcast (4000) only between the KM pods of this
// stack; the servlet ports only from the ingress controller and the namespaces named in config (the API
// Manager's); out only to DNS, the peers, the ingress controller (nodes call their own public URLs), and
// each server the node calls (egress.ts) on its own port, the forward proxy (httpProxy.*) included: a Service
// of the cluster by its namespace, an IP address by itself, a host known by name through
// networkPolicy.egressCidrs.
import { ObkmConfig } from "../config/load";
import { Call } from "../flows/calls";
import { Endpoint, peerOf } from "./egress";
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
  database: { podLabels: Record<string, string>; port: number } | undefined,
  /** The servers the nodes call (egress.ts). */
  endpoints: readonly Endpoint[],
  /** The calls of this stack (plan/calls/): who may call the nodes, and on which port. */
  calls: readonly Call[],
  /** The metrics port, from the monitoring namespace only (monitoring/), when metrics are on. */
  metrics?: { from: object[]; ports: Array<{ port: number; protocol: string }> },
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
        ...inboundRules(config, calls, peers),
        ...(metrics ? [metrics] : []),
      ],
      egress: [
        { ports: [{ port: 53, protocol: "UDP" }, tcp(53)] },
        ...(clustering ? [{ to: [peers], ports: [tcp(ports.hazelcast.port)] }] : []),
        { to: [namespaceSelector(np.ingressControllerNamespace)], ports: [tcp(443), tcp(80)] },
        ...(database ? [{ to: [{ podSelector: { matchLabels: database.podLabels } }], ports: [tcp(database.port)] }] : []),
        // A node's own calls to the KM Service (the consent apps' server side): to this stack's pods, on 9446.
        ...(ownCalls(calls) ? [{ to: [peers], ports: [tcp(ports.servletHttps.port)] }] : []),
        ...endpointRules(config, n, endpoints),
      ],
    },
  };
}

/**
 * Who may call the nodes, from the call map: the ingress controller for the calls that come through the
 * Ingresses, the API Manager's namespace and networkPolicy.allowedNamespaces for the calls inside the
 * cluster; each on the port its route ends at, the Service's HTTPS port (9446). No call of the map uses the
 * plain-HTTP port, so it is let in from nowhere.
 */
function inboundRules(config: ObkmConfig, calls: readonly Call[], peers: object) {
  const np = config.networkPolicy;
  const inbound = calls.filter((c) => c.callee === "km");
  const rules: Array<{ from: object[]; ports: Array<{ port: number; protocol: string }> }> = [];
  if (inbound.some((c) => c.route === "public" || c.route === "console")) {
    rules.push({ from: [namespaceSelector(np.ingressControllerNamespace)], ports: [tcp(ports.servletHttps.port)] });
  }
  if (inbound.some((c) => c.route === "cluster") && np.allowedNamespaces.length) {
    rules.push({ from: np.allowedNamespaces.map(namespaceSelector), ports: [tcp(ports.servletHttps.port)] });
  }
  // The Service sends a node's call to any node, itself included: each must let the others in.
  if (ownCalls(calls)) rules.push({ from: [peers], ports: [tcp(ports.servletHttps.port)] });
  return rules;
}

/** Whether a node calls the KM Service itself (a `cluster` call whose caller is the KM). */
const ownCalls = (calls: readonly Call[]) => calls.some((c) => c.caller === "km" && c.callee === "km" && c.route === "cluster");

type EgressRule = { to: object[]; ports: Array<{ port: number; protocol: string }> };

/** One rule per Service namespace and per address, with the ports called there; one for the ranges. */
function endpointRules(config: ObkmConfig, n: Names, endpoints: readonly Endpoint[]): EgressRule[] {
  const grouped = new Map<string, { to: object; ports: Set<number> }>();
  const ranged = new Set<number>();
  for (const endpoint of endpoints) {
    const peer = peerOf(endpoint, config, n);
    if (peer.kind === "provisioned-database") continue; // its own rule, by its pods
    if (peer.kind === "ranges") {
      ranged.add(endpoint.port);
      continue;
    }
    const key = peer.kind === "namespace" ? `namespace ${peer.namespace}` : `address ${peer.cidr}`;
    const to = peer.kind === "namespace" ? namespaceSelector(peer.namespace) : { ipBlock: { cidr: peer.cidr } };
    const entry = grouped.get(key) ?? { to, ports: new Set<number>() };
    entry.ports.add(endpoint.port);
    grouped.set(key, entry);
  }
  const sortedPorts = (ports: Set<number>) => [...ports].sort((a, b) => a - b).map(tcp);
  const rules: EgressRule[] = [...grouped.keys()].sort().map((key) => ({ to: [grouped.get(key)!.to], ports: sortedPorts(grouped.get(key)!.ports) }));
  const cidrs = config.networkPolicy.egressCidrs;
  // Without a proxy, the OB directory's JWKS and the other HTTPS services the OB layer calls on the internet
  // are reached directly, in these ranges: 443 besides the ports of the hosts named in config. With a proxy
  // (httpProxy.host), those calls go to the proxy, which has a rule of its own (above, or among the ranged
  // ports when it is known by name), so 443 stays shut unless a host the nodes call listens there.
  // And only while the KM fetches the directory's JWKS at all (openBanking.directoryJwks).
  const ports = new Set([...ranged, ...(config.httpProxy || !config.openBanking.directoryJwks ? [] : [443])]);
  // Never a rule without ports: the API server reads an empty list as every port.
  if (cidrs.length && ports.size) rules.push({ to: cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: sortedPorts(ports) });
  return rules;
}
