// The load-balancer edge: ingress-nginx in front of the nodes, as the clustering guide puts Nginx there.
//
// Sessions are sticky. The management console, the dashboard and SSO keep state in the node that started
// a session (when temporary session data persistence is off); a request of the same session sent to
// another node finds no such state. Cookie affinity sends every request of a browser to the node that
// served its first. The backend speaks HTTPS (9446), so nginx re-encrypts to it.
//
// Never ssl-passthrough: with it nginx forwards TLS unopened and every other annotation, cookie
// affinity included, is ignored.
import { ObkmConfig } from "../config/load";
import { Names } from "./names";
import { ports } from "./ports";
import { IngressManifest } from "./types";

const NGINX = "nginx.ingress.kubernetes.io";
const CONSOLE_PATH = "/carbon";

export interface Ingresses {
  main: IngressManifest;
  /** The management console on an Ingress of its own, restricted to the allowed source ranges. */
  console?: IngressManifest;
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
  path: string,
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
            paths: [{ path, pathType: "Prefix", backend: { service: { name: n.service, port: { name: ports.servletHttps.name } } } }],
          },
        },
      ],
    },
  };
}

export function ingresses(config: ObkmConfig, n: Names, labels: Record<string, string>): Ingresses {
  const sticky = stickySessionAnnotations(config);
  const tls = config.ingress.tls;
  // Only the main Ingress asks cert-manager for the certificate; the console's names the same Secret, and a
  // second request for one Secret would have two Certificates fight over it.
  const issuer: Record<string, string> = tls.source === "cert-manager" ? { "cert-manager.io/cluster-issuer": tls.clusterIssuer } : {};
  const main = ingress(config, n, labels, n.ingress, "/", { ...sticky, ...issuer });
  if (config.ingress.consoleAllowedCidrs.length === 0) return { main };
  // ingress-nginx serves a host's paths from all its Ingresses, the longest prefix winning, so /carbon
  // goes to this one, with its allowlist, and everything else to the main one.
  const console = ingress(config, n, labels, n.consoleIngress, CONSOLE_PATH, {
    ...sticky,
    [`${NGINX}/allowlist-source-range`]: config.ingress.consoleAllowedCidrs.join(","),
  });
  return { main, console };
}
