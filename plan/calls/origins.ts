// Where each route of the call map (flows/calls.ts) ends, as the origin a URL written into a node file names:
// scheme, host and port. The one place that turns a route into a host and port: the URL edits of every node
// file (the KM's and the API Manager's), the egress and the flow test all read it.
import type { Route } from "../../flows/calls";
import { ObkmConfig } from "../../config/load";
import { Names } from "../names";
import { ports } from "../ports";

/** `https://host[:port]`, without the port when it is the scheme's own. */
export function origin(host: string, port: number, scheme: "https" | "http" | "tcp" = "https"): string {
  const own = (scheme === "https" && port === 443) || (scheme === "http" && port === 80);
  const bracketed = host.includes(":") ? `[${host}]` : host;
  return `${scheme}://${bracketed}${own ? "" : `:${port}`}`;
}

/** A route's host and port, where the route ends at one server the config names. */
export interface RouteEnd {
  host: string;
  port: number;
  /** The config key that names the host, for errors and the docs. */
  key: string;
}

/**
 * The server each route ends at. `public` and `console` end at the Ingress on 443; `cluster` at the KM
 * Service; the API Manager's two at the hosts its keys name. `internet` ends at no one server (the OB
 * directory's host comes from the TPP's software statement), and `bi-server` at the host its keys name,
 * when the stack has one.
 */
export function routeEnds(config: ObkmConfig, n: Names): Partial<Record<Route, RouteEnd>> {
  return {
    public: { host: config.hostname, port: 443, key: "hostname" },
    console: { host: config.hostname, port: 443, key: "hostname" },
    cluster: { host: n.serviceDnsName, port: ports.servletHttps.port, key: "namePrefix" },
    gateway: { host: config.apim.hostname, port: config.apim.gatewayPort, key: "apim.hostname" },
    "apim-services": { host: config.apim.services.host, port: config.apim.services.port, key: "apim.servicesHost" },
    // The BI server's HTTP receivers; its data publishing and invalid submissions have ports of their own
    // (plan/bi-server.ts biServerUrlOrigins and biServerEndpoints).
    ...(config.biServer ? { "bi-server": { host: config.biServer.host, port: config.biServer.receiverPort, key: "biServer.host" } } : {}),
  };
}

/** The HTTPS origin of a route, or undefined where it ends at no one server of the config. */
export function routeOrigin(config: ObkmConfig, n: Names, route: Route): string | undefined {
  const end = routeEnds(config, n)[route];
  return end && origin(end.host, end.port);
}
