// What a KM node calls, from the config and the endpoints the node files name, and how the NetworkPolicy
// can let each out: a Service of the cluster by its namespace, an IP address by itself, the provisioned
// database by its pods, and a host known only by its DNS name through the ranges of networkPolicy.egressCidrs
// (a NetworkPolicy holds no host names). network-policy.ts writes the rules; a stack with an endpoint the
// policy cannot let out is refused here, with the key to set.
import * as ipaddr from "ipaddr.js";
import { ObkmConfig } from "../config/load";
import { ConfigError, fullKey } from "../config/problems";
import { parseLdapUrl } from "../config/ldap-url";
import { isIpAddress } from "../config/rules";
import { jwksReachable, jwksWarning } from "../config/internet-egress-checks";
import { DatasourceEndpoint } from "./database/datasources";
import { Names } from "./names";
import { Call, OUTBOUND_ROUTES, Route } from "../flows/calls";
import { routeEnds } from "./calls/origins";

export interface Endpoint {
  host: string;
  port: number;
  /** What the node calls there, and the config key that names it. */
  what: string;
  key: string;
}

/** How the NetworkPolicy lets an endpoint out. */
export type Peer =
  { kind: "provisioned-database" } | { kind: "namespace"; namespace: string } | { kind: "address"; cidr: string } | { kind: "ranges" };

/** What the egress says of each outbound route of the call map, for the user to read. */
const OUTBOUND: Partial<Record<Route, string>> = {
  gateway: "the API Manager's gateway",
  "apim-services": "the API Manager's services",
};

/**
 * The servers a node calls besides its peers, DNS and its own public URL: the databases and LDAP from the
 * config, and each outbound route of the call map that a call of this stack takes (`calls`), at the server
 * its keys name (plan/calls/origins.ts). Two routes that end at one server are one endpoint.
 */
export function egressEndpoints(config: ObkmConfig, n: Names, databaseServers: readonly DatasourceEndpoint[], calls: readonly Call[]): Endpoint[] {
  const endpoints: Endpoint[] = databaseServers.map((s) => ({ ...s, what: "the database (JDBC)", key: "database.host" }));
  if (config.userStore.type === "ldap") {
    // The loader accepted only a URL this parser reads (config/ldap-url.ts).
    const url = parseLdapUrl(config.userStore.url)!;
    endpoints.push({
      host: url.host,
      port: url.port,
      what: "the LDAP user store",
      key: "userStore.ldap.url",
    });
  }
  const ends = routeEnds(config, n);
  for (const route of OUTBOUND_ROUTES) {
    const what = OUTBOUND[route];
    for (const call of calls.filter((c) => c.caller === "km" && c.route === route)) {
      const end = ends[route];
      // A call that takes its host from another route (Call.hostOf) goes to that host, on this route's port.
      const hostEnd = call.hostOf ? ends[call.hostOf] : end;
      if (!end || !hostEnd || !what) continue;
      if (endpoints.some((e) => e.host === hostEnd.host && e.port === end.port)) continue;
      endpoints.push({ host: hostEnd.host, port: end.port, what, key: hostEnd.key });
    }
  }
  return endpoints;
}

/** `<service>.<namespace>.svc[.<cluster domain>]`: a Service of this cluster, in that namespace. */
function clusterNamespaceOf(host: string, clusterDomain: string): string | undefined {
  const match = new RegExp(`^[a-z0-9-]+\\.([a-z0-9-]+)\\.svc(?:\\.${clusterDomain.replace(/\./g, "\\.")})?$`).exec(host);
  return match?.[1];
}

export function peerOf(endpoint: Endpoint, config: ObkmConfig, n: Names): Peer {
  if (config.database.provision && endpoint.host === n.databaseServiceDnsName) return { kind: "provisioned-database" };
  if (isIpAddress(endpoint.host)) {
    const address = ipaddr.parse(endpoint.host);
    return { kind: "address", cidr: `${address.toString()}/${address.kind() === "ipv4" ? 32 : 128}` };
  }
  const namespace = clusterNamespaceOf(endpoint.host, config.clusterDomain);
  return namespace ? { kind: "namespace", namespace } : { kind: "ranges" };
}

/** Endpoints known only by a DNS name need networkPolicy.egressCidrs: without it they would be cut off. */
function egressProblems(config: ObkmConfig, n: Names, endpoints: readonly Endpoint[]): string[] {
  if (!config.networkPolicy.enabled || config.networkPolicy.egressCidrs.length > 0) return [];
  const unreachable = endpoints.filter((e) => peerOf(e, config, n).kind === "ranges");
  if (unreachable.length === 0) return [];
  const named = unreachable.map((e) => `${e.host}:${e.port} (${e.what}, ${e.key})`).join(", ");
  return [
    `${fullKey(["networkPolicy.egressCidrs"])}: is empty, but the nodes call ${named}; expected the address ranges those names resolve to, because a NetworkPolicy can let out addresses only, never host names`,
  ];
}

export function checkEgress(config: ObkmConfig, n: Names, endpoints: readonly Endpoint[]): void {
  const problems = egressProblems(config, n, endpoints);
  if (problems.length) throw new ConfigError(problems);
}

/**
 * With a proxy, the ranges serve only the hosts known by name: when every server is a Service of the cluster or
 * an address, networkPolicy.egressCidrs lets nothing out, and the user hears so rather than trusting it.
 */
export function egressWarnings(config: ObkmConfig, n: Names, endpoints: readonly Endpoint[]): string[] {
  const np = config.networkPolicy;
  if (!np.enabled) return [];
  if (
    !jwksReachable({
      networkPolicy: np.enabled,
      proxy: Boolean(config.httpProxy),
      egressCidrs: np.egressCidrs,
      directoryJwks: config.openBanking.directoryJwks,
    })
  ) {
    // Nothing lets the nodes out to the internet, where the OB directory's JWKS validates the TPPs' software
    // statements. Refused on a stack other than dev (config/internet-egress-checks.ts); a dev stack is told.
    return [jwksWarning()];
  }
  if (!config.httpProxy || np.egressCidrs.length === 0) return [];
  if (endpoints.some((e) => peerOf(e, config, n).kind === "ranges")) return [];
  return [
    `${fullKey(["networkPolicy.egressCidrs"])} is set but has no effect: httpProxy.host carries the internet calls, and every other server the nodes call is a Service of the cluster or an IP address.`,
  ];
}
