// Config keys of the load-balancer edge: the Ingress, TLS, the console, Tomcat behind the proxy, and the
// OB API Manager.
import type { KeySpec } from "./key-spec";
import { z } from "zod";
import { extraPublicPaths } from "./ingress-paths";
import * as rules from "./rules";
import { PRIVATE_RANGES, trustedProxyPattern, trustedProxyRanges } from "./trusted-proxies";

export const edgeKeys = {
  "ingress.className": {
    type: "string",
    default: "nginx",
    description: "IngressClass of the ingress-nginx controller that fronts the nodes.",
    rule: rules.optionalDnsSubdomain("no class").refine((c) => c !== "", "the name of an IngressClass, such as nginx"),
  },
  "ingress.cookieName": {
    type: "string",
    default: "OBKM_ROUTE",
    description: "Name of the sticky-session cookie the ingress controller sets.",
    rule: rules.cookieName(),
  },
  "ingress.affinityMode": {
    type: "string",
    default: "persistent",
    description:
      "persistent keeps a session on its node even when the controller scales; balanced may move sessions to rebalance, which drops SSO state held on a node.",
    rule: rules.oneOf(["persistent", "balanced"]),
  },
  "ingress.cookieSameSite": {
    type: "string",
    default: "None",
    description:
      "SameSite of the sticky cookie. None (with Secure) keeps it on the cross-site POSTs of SSO flows (form_post, SAML); Lax or Strict drop it there, and the request may land on another node.",
    rule: rules.oneOf(["None", "Lax", "Strict"]),
  },
  "ingress.proxyBufferSize": {
    type: "string",
    default: "16k",
    description:
      "Size of the buffer in which ingress-nginx reads a response's headers from a node (its default is 4k). The KM's redirects carry long query strings and several cookies: too small a buffer turns them into 502s.",
    rule: rules.nginxSize(),
  },
  "ingress.tlsSecret": {
    type: "string",
    default: "",
    description: "Existing kubernetes.io/tls Secret in the namespace whose certificate the Ingress serves for hostname.",
    rule: rules.optionalDnsSubdomain("no Secret"),
  },
  "ingress.clusterIssuer": {
    type: "string",
    default: "",
    description: "cert-manager ClusterIssuer that issues the Ingress's certificate (instead of ingress.tlsSecret).",
    rule: rules.optionalDnsSubdomain("no issuer"),
  },
  "ingress.consoleAllowedCidrs": {
    type: "array",
    items: { type: "string" },
    default: [],
    description:
      "Source ranges allowed to reach the management console (/carbon), on an Ingress of its own; the rest stays public. Empty leaves the console as public as the rest.",
    rule: rules.cidrList(),
  },
  "ingress.extraPublicPaths": {
    type: "array",
    items: { type: "string" },
    default: [],
    description:
      "Paths to publish on the public Ingress besides the ones the OB flows need (see docs/design.md, What the public Ingress publishes); each draws a warning. A path under the console's, one that holds or lies under a path only the cluster or the gateway may call (/services, /oauth2/token, /api/identity...), and Carbon's tenant URLs (/t) are refused (docs/configuration.md, Published paths).",
    rule: extraPublicPaths(),
  },
  hostAliasIp: {
    type: "string",
    default: "",
    description:
      "Address that the nodes resolve hostname to, as a hostAliases entry, for clusters whose DNS does not know the public host name (such as the ingress controller's ClusterIP). Empty adds none.",
    rule: rules.optionalIpAddress(),
  },
  "tomcat.trustedProxies": {
    type: "array",
    items: { type: "string" },
    default: PRIVATE_RANGES,
    description:
      "CIDR ranges of the proxies (the ingress controller) whose X-Forwarded-For and X-Forwarded-Proto Tomcat's RemoteIpValve believes; the program writes its internalProxies expression from them. A range that holds a public address (docs/configuration.md, Public addresses: documentation ranges such as 198.51.100.0/24 are not public) is refused, naming the lowest. Empty trusts no proxy.",
    rule: trustedProxyRanges(),
  },
  "tomcat.internalProxies": {
    type: "string",
    default: "",
    description:
      "For experts: the RemoteIpValve's internalProxies as a Java regular expression of your own, instead of the one written from tomcat.trustedProxies. Accepted only when it provably matches no address on the internet (docs/configuration.md, Trusted proxies).",
    rule: trustedProxyPattern(),
  },
  "apim.hostname": {
    type: "string",
    description:
      "Host name (or IPv4 address) of the OB API Manager gateway, where the KM's OAuth2 authorize, token and userinfo URLs point. A last label of digits only is refused: 10.1 is an address, not a name.",
    rule: rules.hostNameOrIpv4(),
  },
  "apim.gatewayPort": {
    type: "integer",
    default: 8243,
    description: "HTTPS port of the OB API Manager gateway in those URLs.",
    rule: rules.port(),
  },
  "apim.servicesHost": {
    type: "string",
    default: "",
    description:
      "Host of the OB API Manager's servlet transport (its admin services and web apps), which the KM calls: its Service in the cluster, such as obam.obam.svc.cluster.local. Empty means apim.hostname. Never a link-local address or the cloud metadata service.",
    rule: rules.emptyOr(
      z.string().refine(rules.isHostOrIp),
      "empty (apim.hostname) or the API Manager's fully qualified host name in lower case, such as obam.obam.svc.cluster.local, or its IP address",
    ),
  },
  "apim.servicesPort": {
    type: "integer",
    default: 9443,
    description: "HTTPS port of the OB API Manager's servlet transport (9443 in the pack).",
    rule: rules.port(),
  },
  "apim.namespace": {
    type: "string",
    default: "",
    description:
      "Namespace of the OB API Manager. When set, the program renders its api-manager.xml, pointed at this cluster, into a ConfigMap there, and its Open Banking files from apim.configTemplates into a Secret there. Empty renders none.",
    rule: rules.emptyOr(rules.dnsLabel(63), "empty or a namespace name: a DNS label of at most 63 characters"),
  },
  "apim.configTemplates": {
    type: "string",
    default: "",
    description:
      "The API Manager pack's repository/conf, whose api-manager.xml the program edits into a ConfigMap, and, where it holds them, its finance/open-banking.xml and ../resources/api_templates/velocity_template.xml into a Secret (they hold passwords), all in apim.namespace. Empty means config-templates/apim/ (api-manager.xml only).",
    rule: rules.optionalPath(),
  },
} satisfies Record<string, KeySpec>;
