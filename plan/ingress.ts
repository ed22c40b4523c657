// The load-balancer edge: ingress-nginx in front of the nodes, as the clustering guide puts Nginx there.
//
// Sessions are sticky. The management console, the dashboard and SSO keep state in the node that started
// a session (when temporary session data persistence is off); a request of the same session sent to
// another node finds no such state. Cookie affinity sends every request of a browser to the node that
// served its first. The backend speaks HTTPS (9446), so nginx re-encrypts to it.
//
// Never ssl-passthrough: with it nginx forwards TLS unopened and every other annotation, cookie
// affinity included, is ignored.
import { Call, pathsOf } from "../flows/calls";
import { ObkmConfig } from "../config/load";
import { Names } from "./names";
import { ports } from "./ports";
import { IngressManifest } from "./types";

const NGINX = "nginx.ingress.kubernetes.io";

// The paths by route, from the call map (flows/calls.ts): the public Ingress publishes the `public` calls' paths of
// this stack, the console's its `console` calls'; the `cluster` ones never (config/ingress-paths.ts).

export interface Ingresses {
  main: IngressManifest;
  /** The management console and the customer care portal on an Ingress of their own, restricted to the allowed source ranges. */
  console?: IngressManifest;
  /** What the stack publishes beyond the OB flows' needs (ingress.extraPublicPaths), for the user to read. */
  warnings: string[];
}

function stickySessionAnnotations(config: ObkmConfig): Record<string, string> {
  return {
    [`${NGINX}/backend-protocol`]: "HTTPS",
    [`${NGINX}/affinity`]: "cookie",
    [`${NGINX}/affinity-mode`]: config.ingress.affinityMode,
    [`${NGINX}/session-cookie-name`]: config.ingress.cookieName,
    [`${NGINX}/session-cookie-path`]: "/",
    [`${NGINX}/session-cookie-secure`]: "true",
    [`${NGINX}/session-cookie-samesite`]: config.ingress.cookieSameSite,
    // A node that stops answering gets a new cookie for the node that took over, not a retry loop.
    [`${NGINX}/session-cookie-change-on-failure`]: "true",
    // The KM's redirects carry long query strings and several cookies, more than the controller's 4k buffer
    // for a response's headers holds. ingress-nginx sizes proxy_buffers alike (4 of this size) and leaves
    // proxy_busy_buffers_size to nginx's default of two buffers, which stays below what nginx requires
    // (rootfs/etc/nginx/template/nginx.tmpl; internal/ingress/controller/config/config.go).
    [`${NGINX}/proxy-buffer-size`]: config.ingress.proxyBufferSize,
  };
}

/** The certificate's Secret, when there is one to name. */
function tlsSecretName(config: ObkmConfig, n: Names): string | undefined {
  const tls = config.ingress.tls;
  return tls.source === "secret" ? tls.secretName : tls.source === "cert-manager" ? n.tlsSecret : undefined;
}

function ingress(
  config: ObkmConfig,
  n: Names,
  labels: Record<string, string>,
  name: string,
  paths: readonly string[],
  annotations: Record<string, string>,
): IngressManifest {
  const secretName = tlsSecretName(config, n);
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name, namespace: n.namespace, labels, annotations },
    spec: {
      ingressClassName: config.ingress.className,
      // Without a Secret, a TLS entry for the host still makes ingress-nginx serve HTTPS (with its own
      // default certificate) and redirect HTTP to it, so the Secure sticky cookie works in dev too.
      tls: [{ hosts: [config.hostname], ...(secretName ? { secretName } : {}) }],
      rules: [
        {
          host: config.hostname,
          http: {
            paths: paths.map((path) => ({
              path,
              pathType: "Prefix",
              backend: { service: { name: n.service, port: { name: ports.servletHttps.name } } },
            })),
          },
        },
      ],
    },
  };
}

export function ingresses(config: ObkmConfig, n: Names, labels: Record<string, string>, calls: readonly Call[]): Ingresses {
  const sticky = stickySessionAnnotations(config);
  const tls = config.ingress.tls;
  // Only the main Ingress asks cert-manager for the certificate; the console's names the same Secret, and a
  // second request for one Secret would have two Certificates fight over it.
  const issuer: Record<string, string> = tls.source === "cert-manager" ? { "cert-manager.io/cluster-issuer": tls.clusterIssuer } : {};
  const extra = config.ingress.extraPublicPaths;
  const warnings = extra.map(
    (path) =>
      `ingress.extraPublicPaths: ${path} is published on the internet, beside the paths the OB flows need; make sure nothing under it should be reached only through the API Manager's gateway or inside the cluster`,
  );
  const restricted = config.ingress.consoleAllowedCidrs.length > 0;
  // Without an allowlist the console paths stay on the public Ingress, as reachable as the rest (docs/design.md, The management console).
  const consolePaths = pathsOf("console", calls);
  const publicPaths = [...new Set([...pathsOf("public", calls), ...(restricted ? [] : consolePaths), ...extra])];
  const main = ingress(config, n, labels, n.ingress, publicPaths, { ...sticky, ...issuer });
  if (!restricted) return { main, warnings };
  // ingress-nginx serves a host's paths from all its Ingresses, the longest prefix winning.
  const console = ingress(config, n, labels, n.consoleIngress, consolePaths, {
    ...sticky,
    [`${NGINX}/allowlist-source-range`]: config.ingress.consoleAllowedCidrs.join(","),
  });
  return { main, console, warnings };
}
