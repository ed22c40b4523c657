// The LDAP user store's URL, read as the KM's JNDI reads it (Carbon hands it to the JNDI LDAP provider as
// Context.PROVIDER_URL, parsed by com.sun.jndi.toolkit.url.Uri.parse, read in JDK 8's source): a scheme,
// "//", a host that is a name, an IPv4 address or a bracketed IPv6 literal, then ":" and a port. JNDI knows
// no user information: in "ldap://user:pw@host" it takes "user" as the host and fails on the port "pw@host"
// with a NumberFormatException. This parser takes a subset of what JNDI reads: ldap or ldaps, a host as
// isHostOrIp reads it (or [IPv6]), an optional port of 1 to 65535 and an optional "/"; the search bases
// are keys of their own. It never throws, so a bad URL is a problem naming the key, never a stack trace.
import { isHostOrIp, isIpAddress } from "./rules";

export interface LdapUrl {
  scheme: "ldap" | "ldaps";
  /** The host as a client connects to it: a name, an IPv4 address, or an IPv6 address without brackets. */
  host: string;
  port: number;
}

const DEFAULT_PORTS = { ldap: 389, ldaps: 636 } as const;

export function parseLdapUrl(url: string): LdapUrl | undefined {
  const match = /^(ldaps?):\/\/(\[[^\]/]*\]|[^:/[\]]*)(?::([0-9]{1,5}))?\/?$/.exec(url);
  if (!match) return undefined;
  const [, scheme, hostPart, portText] = match;
  const bracketed = hostPart.startsWith("[");
  const host = bracketed ? hostPart.slice(1, -1) : hostPart;
  const validHost = bracketed ? host.includes(":") && isIpAddress(host) : isHostOrIp(host) && !host.includes(":");
  const port = portText === undefined ? DEFAULT_PORTS[scheme as LdapUrl["scheme"]] : Number(portText);
  if (!validHost || port < 1 || port > 65535) return undefined;
  return { scheme: scheme as LdapUrl["scheme"], host, port };
}

export const LDAP_URL_ALLOWED =
  "empty or an ldap:// or ldaps:// URL of a host name or address and an optional port, such as ldaps://ldap.bank.example:636 or ldaps://[fd00::10]:636, without user or password (JNDI reads none) and without a DN (the search bases are keys of their own)";
