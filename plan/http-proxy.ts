// The forward proxy of the nodes' internet calls (httpProxy.*), as the JVM takes it: system properties on the
// java command line. wso2server.sh passes $JAVA_OPTS to java unquoted (carbon-kernel v4.4.35
// distribution/kernel/carbon-home/bin/wso2server.sh, the kernel of IS 5.7.0 and so of KM 1.4; the OB KM 1.4's
// own copy in wso2/kubernetes-open-banking 1.4.x eval-ob-pattern-2/confs/obkm/bin/wso2server.sh does the
// same), so the options are split at whitespace, and each word is expanded as a file name pattern (harmless:
// `*.svc` would have to name a file in the server's directory): none may hold whitespace. The start script adds them to
// whatever JAVA_OPTS the image sets.
//
// How the JDK reads them (sun.net.spi.DefaultProxySelector, OpenJDK 8's jdk/src/share/classes/sun/net/spi/
// DefaultProxySelector.java, read in openjdk/jdk at 06e7336): http.proxyHost/Port for http URLs and
// https.proxyHost/Port for https URLs, each defaulting its port to 80 or 443 (so both ports are set); one
// list, http.nonProxyHosts, for both schemes, split at '|', lower-cased, and matched against the URL's host
// name as written (never its resolved address), each entry exact or with one '*' at its start or end. Set, it
// replaces the JDK's default "localhost|127.*|[::1]", which is therefore listed again. JDK 8 stops reading the
// list at a duplicate entry (RegexpPool.add throws, and the selector's catch ends the loop), so every entry
// appears once. JDBC and LDAP open plain sockets and never use these properties; the database and LDAP hosts
// are listed all the same, so that nothing of the bank's own network is sent to the proxy.
import { ObkmConfig } from "../config/load";
import { isIpAddress } from "../config/rules";
import { Endpoint } from "./egress";
import { Names } from "./names";

/** The container's variable that carries the proxy options to the start script. */
export const PROXY_JAVA_OPTS_ENV = "OBKM_PROXY_JAVA_OPTS";

/** The proxy, as an endpoint the NetworkPolicy must let out (egress.ts). */
export function proxyEndpoints(config: ObkmConfig): Endpoint[] {
  if (!config.httpProxy) return [];
  return [
    {
      host: config.httpProxy.host,
      port: config.httpProxy.port,
      what: "the HTTP proxy, for the OB directory's JWKS and other internet calls",
      key: "httpProxy.host",
    },
  ];
}

/**
 * The hosts the nodes call directly: loopback, every name of the cluster (`*.svc`, `*.<clusterDomain>`, the
 * Services' short names), the KM's own public host (reached through the ingress controller in the cluster),
 * the API Manager's gateway, the servers the node files name, and the stack's own additions.
 */
export function nonProxyHosts(config: ObkmConfig, n: Names, servers: readonly Endpoint[]): string[] {
  const asUrlHost = (host: string) => (isIpAddress(host) && host.includes(":") ? `[${host}]` : host);
  const hosts = [
    "localhost",
    "127.*",
    "[::1]",
    "*.svc",
    `*.${config.clusterDomain}`,
    n.service,
    n.headlessService,
    config.hostname,
    config.apim.hostname,
    ...servers.map((s) => asUrlHost(s.host)),
    ...(config.httpProxy?.nonProxyHosts ?? []),
  ].map((h) => h.toLowerCase());
  return [...new Set(hosts)];
}

/** The JVM options that send the nodes' HTTP and HTTPS calls through the proxy; undefined without one. */
export function proxyJavaOptions(config: ObkmConfig, n: Names, servers: readonly Endpoint[]): string | undefined {
  if (!config.httpProxy) return undefined;
  const { host, port } = config.httpProxy;
  return [
    `-Dhttp.proxyHost=${host}`,
    `-Dhttp.proxyPort=${port}`,
    `-Dhttps.proxyHost=${host}`,
    `-Dhttps.proxyPort=${port}`,
    `-Dhttp.nonProxyHosts=${nonProxyHosts(config, n, servers).join("|")}`,
  ].join(" ");
}
