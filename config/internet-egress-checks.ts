// Whether the nodes can reach the internet, where the OB directory publishes its JWKS (the call map's
// `km.directory-jwks`, route `internet`, condition `jwks`): through the forward proxy (httpProxy.*), or directly
// through networkPolicy.egressCidrs, where network-policy.ts lets 443 out when there is no proxy. A range can
// reach the directory only if it holds a public address (config/public-addresses.ts, the table the trusted
// proxies read too): a NetworkPolicy matches the destination's address, and no directory answers from
// 10.0.0.0/8, nor from a documentation range such as 198.51.100.0/24. A stack other than dev that can reach
// neither is refused, unless it says the KM fetches no JWKS from the internet (openBanking.directoryJwks
// false); a dev stack is warned (plan/egress.ts).
import { Failed, Parsed } from "./parsed";
import { fullKey } from "./problems";
import { holdsPublicAddress } from "./public-addresses";
import { isDevStack } from "./stacks";

export interface InternetEgress {
  networkPolicy: boolean;
  proxy: boolean;
  egressCidrs: readonly string[];
  directoryJwks: boolean;
}

/** Whether the KM's call to the OB directory's JWKS has a way out: no policy, a proxy, or a public range. */
export function jwksReachable(e: InternetEgress): boolean {
  return !e.directoryJwks || !e.networkPolicy || e.proxy || e.egressCidrs.some(holdsPublicAddress);
}

const NO_WAY_OUT = "so the NetworkPolicy lets the nodes reach no address on the internet and the KM cannot fetch the OB directory's JWKS (443)";
const WAYS_OUT = `httpProxy.host and httpProxy.port naming your forward proxy, or the directory's public ranges in networkPolicy.egressCidrs, or ${fullKey(["openBanking.directoryJwks"])} false if the KM fetches no JWKS from the internet`;

/** The refusal of a stack other than dev, one line naming the keys. */
export function jwksProblem(): string {
  return `${fullKey(["httpProxy.host"])}: is not set and ${fullKey(["networkPolicy.egressCidrs"])} holds no public range, ${NO_WAY_OUT}; expected ${WAYS_OUT}`;
}

/** What a dev stack is told instead. */
export function jwksWarning(): string {
  return `${fullKey(["httpProxy.host"])} is not set and ${fullKey(["networkPolicy.egressCidrs"])} holds no public range, ${NO_WAY_OUT}. Set ${WAYS_OUT}.`;
}

export function internetEgressProblems(parsed: Parsed, failed: Failed, stack: string): string[] {
  if (isDevStack(stack) || failed("httpProxy.host", "networkPolicy.enabled", "networkPolicy.egressCidrs", "openBanking.directoryJwks")) return [];
  const reachable = jwksReachable({
    networkPolicy: parsed["networkPolicy.enabled"],
    proxy: Boolean(parsed["httpProxy.host"]),
    egressCidrs: parsed["networkPolicy.egressCidrs"],
    directoryJwks: parsed["openBanking.directoryJwks"],
  });
  return reachable ? [] : [jwksProblem()];
}
