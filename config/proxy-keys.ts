// Config keys of the forward proxy through which the nodes reach the internet (the OB directory's JWKS),
// as a bank's network usually requires. plan/http-proxy.ts turns them into the JVM's proxy properties and
// plan/egress.ts lets the nodes out to the proxy.
import { z } from "zod";
import type { KeySpec } from "./key-spec";
import * as rules from "./rules";

export const proxyKeys = {
  "httpProxy.host": {
    type: "string",
    default: "",
    description:
      "Host name or IP address of the forward proxy through which the nodes make their HTTP and HTTPS calls to the internet (the OB directory's JWKS). Empty: no proxy. The cluster's own names, the KM's and the API Manager's hosts, the databases and LDAP are called directly. Never a link-local address (169.254.0.0/16, fe80::/10), where the cloud metadata service answers.",
    rule: rules.emptyOr(
      z.string().refine(rules.isHostOrIp),
      "empty (no proxy) or the proxy's fully qualified host name in lower case, such as proxy.bank.example, or its IP address",
    ),
  },
  "httpProxy.port": {
    type: "integer",
    default: 0,
    description: "Port of the forward proxy, from 1 to 65535; required with httpProxy.host. 0: no proxy.",
    rule: rules.integer(0, 65535),
  },
  "httpProxy.nonProxyHosts": {
    type: "array",
    items: { type: "string" },
    default: [],
    description:
      "Further hosts the nodes call directly rather than through the proxy (the program adds the cluster's own names and the hosts the node files name): host names or IP addresses, or patterns with one * at the start (*.bank.internal) or end (10.*), as the JVM's http.nonProxyHosts reads them.",
    rule: rules.listOf(
      "a list of host names or IP addresses, or patterns with one * at the start or the end, such as [*.bank.internal, 10.*]",
      rules.isNonProxyHost,
    ),
  },
} satisfies Record<string, KeySpec>;
