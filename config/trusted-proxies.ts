// Which peers Tomcat's RemoteIpValve believes: tomcat.trustedProxies, CIDR ranges from which the program
// writes the valve's internalProxies expression (lib/address-regex.ts), or tomcat.internalProxies, an
// expression of the user's own for experts. Either is accepted only when it provably matches no address on
// the internet: RemoteIpValve takes the client's address and scheme from X-Forwarded-For and
// X-Forwarded-Proto of every peer whose address internalProxies matches (apache/tomcat 7.0.85
// RemoteIpValve.java lines 580-581), so a peer on the internet that it matched could claim any address and
// https. Which addresses are public is config/public-addresses.ts's table. Ranges are decided by arithmetic
// on them: each must lie within the table's non-public ranges. An expression is decided on itself: its
// automaton (lib/regex-automaton.ts) intersected with the language of the public addresses as Tomcat writes a
// peer's, never a list of samples; building those automata costs about a tenth of a second, so only the
// expert key pays it (issue 21).
import { z } from "zod";
import { cidrsRegex } from "../lib/address-regex";
import { javaRegex, javaRegexTree } from "../lib/java-regex";
import { ADDRESS_MAX_LENGTH, Automaton, automatonOf, shortestText } from "../lib/regex-automaton";
import type { Failed, Parsed } from "./parsed";
import { ADDRESS_SPACE, nonPublicCidrs, publicAddressIn } from "./public-addresses";
import { fullKey, showValue } from "./problems";
import * as rules from "./rules";

/** The default: the private, loopback and link-local ranges a cluster's ingress controller and pods have. */
export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "127.0.0.0/8", "::1/128"];

/** Walking more product states than this gives up, and the expression is refused as undecided. */
const BUDGET = 50000;

let publicAutomata: { all: Automaton; nonPublic: Automaton } | undefined;
function addressAutomata() {
  publicAutomata ??= {
    all: automatonOf(javaRegexTree(cidrsRegex(ADDRESS_SPACE))),
    nonPublic: automatonOf(javaRegexTree(cidrsRegex(nonPublicCidrs()))),
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

/** The rule of tomcat.trustedProxies: CIDR ranges, each without one public address (the lowest is named). */
export function trustedProxyRanges() {
  return rules.cidrList().superRefine((list, ctx) => {
    list.forEach((range, index) => {
      if (!rules.isCidr(range)) return; // cidrList() says why
      const address = publicAddressIn(range);
      if (address !== undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [index],
          message: `${PROXY_RANGES} (${range} holds ${address}, an address on the internet)`,
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
