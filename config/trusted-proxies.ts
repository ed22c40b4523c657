// Which peers Tomcat's RemoteIpValve believes: tomcat.trustedProxies, CIDR ranges from which the program
// writes the valve's internalProxies expression (lib/address-regex.ts), or tomcat.internalProxies, an
// expression of the user's own for experts. Either is accepted only when it provably matches no address on
// the internet: RemoteIpValve takes the client's address and scheme from X-Forwarded-For and
// X-Forwarded-Proto of every peer whose address internalProxies matches (apache/tomcat 7.0.85
// RemoteIpValve.java lines 580-581), so a peer on the internet that it matched could claim any address and
// https. The proof is on the expression itself: its automaton (lib/regex-automaton.ts) intersected with the
// language of the public addresses as Tomcat writes a peer's, never a list of samples.
import * as ipaddr from "ipaddr.js";
import { z } from "zod";
import { cidrRegex, cidrsRegex } from "../lib/address-regex";
import { javaRegex, javaRegexTree } from "../lib/java-regex";
import { ADDRESS_MAX_LENGTH, Automaton, automatonOf, shortestText } from "../lib/regex-automaton";
import type { Failed, Parsed } from "./parsed";
import { fullKey, showValue } from "./problems";
import * as rules from "./rules";

/**
 * The public addresses: every IPv4 address, and IPv6's global unicast space, 2000::/3 (IANA's IPv6 Address
 * Space registry: the rest of IPv6 is reserved by the IETF or one of the special ranges below), and the
 * well-known NAT64 prefix 64:ff9b::/96 (RFC 6052), which IANA's IPv6 Special-Purpose registry marks globally
 * reachable: behind NAT64 an IPv4 client on the internet reaches an IPv6-only cluster as 64:ff9b::<its
 * address>. Less the ranges below.
 */
export const ADDRESS_SPACE = ["0.0.0.0/0", "2000::/3", "64:ff9b::/96"];

/**
 * The addresses no peer on the internet has, each range with its registry entry (IANA's IPv4 and IPv6
 * Special-Purpose Address Registries, RFC 6890, and the RFC named): the rest of ADDRESS_SPACE, tunnels to
 * the internet among it (6to4 2002::/16, Teredo 2001::/32), is public here.
 */
export const NON_PUBLIC_RANGES: ReadonlyArray<{ range: string; what: string; except?: readonly string[] }> = [
  { range: "0.0.0.0/8", what: "this network (RFC 791)" },
  { range: "10.0.0.0/8", what: "private (RFC 1918)" },
  { range: "100.64.0.0/10", what: "shared address space, carrier-grade NAT and some clusters' pods (RFC 6598)" },
  { range: "127.0.0.0/8", what: "loopback (RFC 1122)" },
  { range: "169.254.0.0/16", what: "link-local (RFC 3927)" },
  { range: "172.16.0.0/12", what: "private (RFC 1918)" },
  {
    range: "192.0.0.0/24",
    // The registry marks these two globally reachable: anycast services any host on the internet may be.
    except: ["192.0.0.9/32", "192.0.0.10/32"],
    what: "IETF protocol assignments (RFC 6890), but 192.0.0.9 (PCP anycast, RFC 7723) and 192.0.0.10 (TURN anycast, RFC 8155)",
  },
  { range: "192.0.2.0/24", what: "documentation (RFC 5737)" },
  { range: "192.168.0.0/16", what: "private (RFC 1918)" },
  { range: "198.18.0.0/15", what: "benchmarking (RFC 2544)" },
  { range: "198.51.100.0/24", what: "documentation (RFC 5737)" },
  { range: "203.0.113.0/24", what: "documentation (RFC 5737)" },
  { range: "224.0.0.0/4", what: "multicast, never a TCP peer (RFC 5771)" },
  { range: "240.0.0.0/4", what: "reserved, and the broadcast address (RFC 1112, RFC 919)" },
  { range: "::/128", what: "unspecified (RFC 4291)" },
  { range: "::1/128", what: "loopback (RFC 4291)" },
  { range: "::ffff:0:0/96", what: "IPv4-mapped, which Java writes as IPv4 (RFC 4291)" },
  { range: "100::/64", what: "discard-only (RFC 6666)" },
  { range: "2001:db8::/32", what: "documentation (RFC 3849)" },
  { range: "fc00::/7", what: "unique local (RFC 4193)" },
  { range: "fe80::/10", what: "link-local (RFC 4291)" },
  { range: "ff00::/8", what: "multicast, never a TCP peer (RFC 4291)" },
];

/** A CIDR range less some ranges inside it, as CIDR ranges: halved until no half holds part of one. */
export function cidrsLess(range: string, except: readonly string[]): string[] {
  const [address, bits] = ipaddr.parseCIDR(range);
  const holes = except.map((e) => ipaddr.parseCIDR(e));
  const inside = (hole: [ipaddr.IPv4 | ipaddr.IPv6, number]) => hole[0].kind() === address.kind() && hole[1] >= bits && hole[0].match(address, bits);
  if (!holes.some(inside)) return [range];
  if (holes.some((h) => inside(h) && h[1] === bits)) return [];
  const bytes = address.toByteArray();
  const half = (upper: boolean) => {
    const b = [...bytes];
    if (upper) b[Math.floor(bits / 8)] |= 0x80 >> (bits % 8);
    return `${ipaddr.fromByteArray(b).toString()}/${bits + 1}`;
  };
  return [...cidrsLess(half(false), except), ...cidrsLess(half(true), except)];
}

/** The non-public ranges as CIDR ranges, their exceptions cut out. */
export const NON_PUBLIC_CIDRS: readonly string[] = NON_PUBLIC_RANGES.flatMap((r) => cidrsLess(r.range, r.except ?? []));

/** The default: the private, loopback and link-local ranges a cluster's ingress controller and pods have. */
export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "127.0.0.0/8", "::1/128"];

/** Walking more product states than this gives up, and the expression is refused as undecided. */
const BUDGET = 50000;

let publicAutomata: { all: Automaton; nonPublic: Automaton } | undefined;
function addressAutomata() {
  publicAutomata ??= {
    all: automatonOf(javaRegexTree(cidrsRegex(ADDRESS_SPACE))),
    nonPublic: automatonOf(javaRegexTree(cidrsRegex([...NON_PUBLIC_CIDRS]))),
  };
  return publicAutomata;
}

/** What an expression matches among public addresses: none (proved), one (shown), or undecided with the reason. */
export type PublicMatch = { kind: "none" } | { kind: "matches"; address: string } | { kind: "undecided"; reason: string };

const decided = new Map<string, PublicMatch>();

/**
 * Whether a Java expression, which javaRegex() reads, matches a public address. The shortest text that its
 * automaton, the automaton of every address and not the automaton of the non-public ones all accept is
 * searched; none proves the expression matches no public address. One found is checked against the
 * expression itself (the automaton may accept more than the expression, where lookarounds or back-references
 * take part): matched, it is shown; not matched, the expression is too clever to decide.
 */
export function publicMatch(expression: string): PublicMatch {
  let known = decided.get(expression);
  if (!known) {
    const { all, nonPublic } = addressAutomata();
    const search = shortestText([automatonOf(javaRegexTree(expression)), all], [nonPublic], ADDRESS_MAX_LENGTH, BUDGET);
    if (search.found !== undefined) {
      known = javaRegex(expression).matches(search.found)
        ? { kind: "matches", address: search.found }
        : { kind: "undecided", reason: `its lookarounds or back-references leave open whether it matches public addresses such as ${search.found}` };
    } else if (!search.complete) known = { kind: "undecided", reason: "it is too complex to decide within the program's bound" };
    else known = { kind: "none" };
    decided.set(expression, known);
  }
  return known;
}

const PROXY_RANGES = "a list of CIDR ranges of private, loopback or link-local addresses only, such as [10.0.0.0/8, fd00::/8]";

/** The rule of tomcat.trustedProxies: CIDR ranges, each without one public address. */
export function trustedProxyRanges() {
  return rules.cidrList().superRefine((list, ctx) => {
    list.forEach((range, index) => {
      if (!rules.isCidr(range)) return; // cidrList() says why
      const match = publicMatch(cidrRegex(range));
      if (match.kind !== "none") {
        const shown = match.kind === "matches" ? match.address : `${ipaddr.parseCIDR(range)[0].toString()}'s neighbours`;
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [index],
          message: `${PROXY_RANGES} (${range} holds ${shown}, an address on the internet)`,
        });
      }
    });
  });
}

/** The rule of tomcat.internalProxies: empty, or a Java expression (rules.regularExpression) that provably matches no public address. */
export function trustedProxyPattern() {
  const allowed = "empty (tomcat.trustedProxies decides), or a Java regular expression that matches no address on the internet";
  const javaSyntax = rules.regularExpression();
  return z.string({ invalid_type_error: allowed }).superRefine((re, ctx) => {
    if (re === "") return;
    const syntax = javaSyntax.safeParse(re);
    if (!syntax.success) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `empty, or ${syntax.error.issues[0].message}` });
      return;
    }
    const match = publicMatch(re);
    if (match.kind === "matches") {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `${allowed} (this one matches ${match.address}, whose X-Forwarded-For and X-Forwarded-Proto Tomcat would then believe); list ranges in tomcat.trustedProxies instead`,
      });
    } else if (match.kind === "undecided") {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `${allowed}, provably (this one cannot be decided: ${match.reason}); list ranges in tomcat.trustedProxies instead`,
      });
    }
  });
}

/** The expression the valve gets: the user's own, or the one written from the ranges. */
export function internalProxiesOf(pattern: string, ranges: readonly string[]): string {
  return pattern || cidrsRegex(ranges);
}

/** Both keys set: the expression would silently replace the ranges. */
export function trustedProxyProblems(parsed: Parsed, failed: Failed): string[] {
  if (failed("tomcat.internalProxies", "tomcat.trustedProxies") || !parsed["tomcat.internalProxies"]) return [];
  const ranges = parsed["tomcat.trustedProxies"];
  if (ranges.length === PRIVATE_RANGES.length && ranges.every((r, i) => r === PRIVATE_RANGES[i])) return [];
  return [
    `${fullKey(["tomcat.internalProxies"])}: got ${showValue(parsed["tomcat.internalProxies"])} with ${fullKey(["tomcat.trustedProxies"])} ${showValue(ranges)}; expected one of the two, because the expression replaces the ranges`,
  ];
}
