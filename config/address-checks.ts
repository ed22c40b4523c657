// Addresses and names that should never pass, whatever else is right:
//   - a link-local address as a server the nodes call or send every request through: 169.254.0.0/16 and
//     fe80::/10 (RFC 3927, RFC 4291 2.5.6) are never routed beyond the node's own link, so what answers
//     there is the node's host itself, and on every major cloud that is the instance metadata service at
//     169.254.169.254 (AWS's also at fd00:ec2::254), which hands out the node's credentials. A proxy or a
//     services host there would send the KM's requests, with the credentials they carry, to it. An
//     IPv4-mapped IPv6 address is read as the IPv4 address it maps (ipaddr.js process()), as the JVM does.
//   - a metadata service by name: metadata.google.internal (GCP's documented name of the same service);
//   - an address no server has: unspecified (0.0.0.0/8, ::), the IPv4 broadcast address, or multicast
//     (224.0.0.0/4, ff00::/8), to which no TCP connection is made (RFC 1122 3.2.1.3, RFC 4291 2.7); ranges as
//     ipaddr.js's range() names them.
import * as ipaddr from "ipaddr.js";
import { DATABASE_LAYOUTS, DatasourceKey } from "./database-keys";
import type { ConfigKey } from "./keys";
import { Failed, Parsed } from "./parsed";
import { fullKey, showValue } from "./problems";
import { parseLdapUrl } from "./ldap-url";
import { isIpAddress } from "./rules";

/** The cloud metadata services' own addresses and names, named in the problem when one is given. */
const METADATA = ["169.254.169.254", "fd00:ec2::254", "metadata.google.internal"];

/** Why a server's host must not be this one, if it must not. */
export function forbiddenServerHost(host: string): string | undefined {
  const lower = host.toLowerCase();
  if (isIpAddress(host)) {
    const address = ipaddr.process(host);
    if (METADATA.some((m) => isIpAddress(m) && ipaddr.process(m).toNormalizedString() === address.toNormalizedString())) {
      return "the cloud instance metadata service, which hands out the node's credentials";
    }
    if (address.range() === "linkLocal")
      return "a link-local address, which only the node's own host answers (the cloud metadata service among them)";
    const none: Record<string, string> = {
      unspecified: "the unspecified address, which names no server",
      broadcast: "the broadcast address, which no server has",
      multicast: "a multicast address, to which no TCP connection is made",
    };
    return none[address.range()];
  }
  return METADATA.includes(lower) ? "the cloud instance metadata service, which hands out the node's credentials" : undefined;
}

/** Every key that names a server the nodes call, a proxy they send requests through, or an address they map a name to. */
function serverHostKeys(parsed: Parsed, failed: Failed): ConfigKey[] {
  const inUse: readonly DatasourceKey[] = failed("database.layout") ? [] : DATABASE_LAYOUTS[parsed["database.layout"]].datasources;
  return [
    "httpProxy.host",
    "apim.servicesHost",
    "apim.hostname",
    "hostAliasIp",
    "database.host",
    "biServer.host",
    ...inUse.map((d) => `database.${d}.host` as const),
  ];
}

export function addressProblems(parsed: Parsed, failed: Failed): string[] {
  const hosts: Array<[ConfigKey, string]> = serverHostKeys(parsed, failed)
    .filter((key) => !failed(key) && typeof parsed[key] === "string" && parsed[key] !== "")
    .map((key) => [key, parsed[key] as string]);
  const ldap = failed("userStore.ldap.url") ? undefined : parseLdapUrl(parsed["userStore.ldap.url"]);
  if (ldap) hosts.push(["userStore.ldap.url", ldap.host]);
  return hosts.flatMap(([key, host]) => {
    const why = forbiddenServerHost(host);
    return why
      ? [
          `${fullKey([key])}: got ${showValue(key === "userStore.ldap.url" ? parsed[key] : host)}; expected the address or name of a server of yours, not ${why}`,
        ]
      : [];
  });
}
