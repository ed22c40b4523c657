// The canary against the node count: a canary of every node holds nothing back, which is no canary.
import { Failed, Parsed } from "./parsed";
import { fullKey, showValue } from "./problems";

export function rolloutProblems(parsed: Parsed, failed: Failed): string[] {
  if (failed("rollout.canaryNodes", "replicas")) return [];
  const canary = parsed["rollout.canaryNodes"];
  if (canary === 0 || canary < parsed.replicas) return [];
  return [
    `${fullKey(["rollout.canaryNodes"])}: got ${showValue(canary)} with ${fullKey(["replicas"])} ${parsed.replicas}; expected 0 (roll every node) or fewer than the nodes, so that some keep their revision until the canary is checked`,
  ];
}
