// How a rendered NetworkPolicy treats a call, read as the API server's rules and the JVM read them: whether
// a node may reach a server (egress), through the forward proxy where the JVM sends it there. The egress test
// and the flow test both walk the rendered objects with these.
import * as ipaddr from "ipaddr.js";
import { Rendered } from "../../render/render";
import { objectOf, objectsOf } from "./render";

export interface Endpoint {
  host: string;
  port: number;
  from: string;
  /** An http(s) URL's host: the JVM sends the call to the proxy unless http.nonProxyHosts names the host. */
  http?: true;
}

/** A JVM system property the StatefulSet's container passes in its proxy options, if any. */
export function jvmProperty(r: Rendered, name: string): string | undefined {
  const env = objectOf(r, "StatefulSet", "obkm-km").spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>;
  const options = env.find((e) => e.name === "OBKM_PROXY_JAVA_OPTS")?.value ?? "";
  return options
    .split(" ")
    .find((o) => o.startsWith(`-D${name}=`))
    ?.slice(name.length + 3);
}

/** The forward proxy the JVM is told to use for https URLs (-Dhttps.proxyHost/-Port), if any. */
export function proxyNamed(r: Rendered): Endpoint | undefined {
  const host = jvmProperty(r, "https.proxyHost");
  return host ? { host, port: Number(jvmProperty(r, "https.proxyPort")), from: "JAVA_OPTS" } : undefined;
}

/**
 * Does the JVM call this host directly? As JDK 8's DefaultProxySelector reads http.nonProxyHosts (for https
 * too): entries split at '|', lower-cased, each exact, or a suffix after a leading '*', or a prefix before a
 * trailing '*' (sun.misc.RegexpPool), matched against the URL's host as written.
 */
export function direct(r: Rendered, host: string): boolean {
  const entries = (jvmProperty(r, "http.nonProxyHosts") ?? "").split("|").filter(Boolean);
  const h = host.toLowerCase();
  return entries.some((e) => (e.startsWith("*") ? h.endsWith(e.slice(1)) : e.endsWith("*") ? h.startsWith(e.slice(0, -1)) : h === e));
}

/** Can a node make this call: an http(s) call through the proxy unless the host bypasses it, the rest directly. */
export function reachable(r: Rendered, endpoint: Endpoint): boolean {
  const proxy = proxyNamed(r);
  return proxy && endpoint.http && !direct(r, endpoint.host) ? allowed(r, proxy) : allowed(r, endpoint);
}

/**
 * Does a NetworkPolicy egress rule let a node reach the endpoint? As the API server's rules read: a rule's
 * ports, and its peers: pods of the namespace by labels (a Service's name resolved to its selector), other
 * namespaces by name (a Service's DNS name), address blocks (an address inside; a host known by name only
 * is taken to resolve inside the configured ranges, which is what networkPolicy.egressCidrs means).
 */
export function allowed(r: Rendered, endpoint: Endpoint): boolean {
  const policy = objectOf(r, "NetworkPolicy", "obkm-km");
  const ns = policy.metadata.namespace;
  const service = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(\.|$)/.exec(endpoint.host);
  const hostname = objectOf(r, "Ingress", "obkm-km").spec.rules[0].host;
  return policy.spec.egress.some((rule: any) => {
    if (rule.ports && !rule.ports.some((p: any) => p.port === endpoint.port && (p.protocol ?? "TCP") === "TCP")) return false;
    if (!rule.to) return true;
    return rule.to.some((peer: any) => {
      if (peer.podSelector && !peer.namespaceSelector) {
        // The Service's pods: those of the StatefulSet its selector picks.
        if (!service || service[2] !== ns) return false;
        const target = objectsOf(r, "Service").find((s: any) => s.metadata.name === service[1]) as any;
        const within = (labels: Record<string, string>, of: Record<string, string>) => Object.entries(labels).every(([k, v]) => of[k] === v);
        const pods = (objectsOf(r, "StatefulSet") as any[])
          .map((sts) => sts.spec.template.metadata.labels)
          .find((l) => target && within(target.spec.selector, l));
        return pods !== undefined && within(peer.podSelector.matchLabels, pods);
      }
      if (peer.namespaceSelector) {
        const name = peer.namespaceSelector.matchLabels["kubernetes.io/metadata.name"];
        // The public host is the ingress controller's; a Service's DNS name is its namespace's.
        return endpoint.host === hostname ? name === "ingress-nginx" : service?.[2] === name;
      }
      if (peer.ipBlock) {
        if (ipaddr.isValid(endpoint.host)) {
          const [range, bits] = ipaddr.parseCIDR(peer.ipBlock.cidr);
          const address = ipaddr.parse(endpoint.host);
          return address.kind() === range.kind() && address.match(range, bits);
        }
        return !service && endpoint.host !== hostname;
      }
      return false;
    });
  });
}

/**
 * Does the NetworkPolicy let a call in to the nodes on `port` from a pod of namespace `from`? As the API
 * server reads an ingress rule: its ports (none: every port), and its peers (none: from anywhere; a
 * namespace selector by the namespace's name label). `from` is another namespace than the nodes'.
 */
export function admitted(r: Rendered, from: string, port: number): boolean {
  const policy = objectOf(r, "NetworkPolicy", "obkm-km");
  return policy.spec.ingress.some((rule: any) => {
    if (rule.ports && !rule.ports.some((p: any) => p.port === port && (p.protocol ?? "TCP") === "TCP")) return false;
    if (!rule.from) return true;
    // A pod selector alone names pods of the policy's own namespace: never a caller from another namespace.
    return rule.from.some((peer: any) => peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === from);
  });
}
