// Pairs of keys that must not both be set: each would do the other's work differently.
import { Failed, Parsed } from "./parsed";
import { fullKey, showValue } from "./problems";

export function exclusiveKeyProblems(parsed: Parsed, failed: Failed): string[] {
  const problems: string[] = [];
  if (!failed("sharedStorageClaim", "sharedStorageClass") && parsed.sharedStorageClaim && parsed.sharedStorageClass) {
    problems.push(
      `${fullKey(["sharedStorageClass"])}: got ${showValue(parsed.sharedStorageClass)} with ${fullKey(["sharedStorageClaim"])} ${showValue(parsed.sharedStorageClaim)}; expected empty, because an existing claim already has its class`,
    );
  }

  if (!failed("ingress.tlsSecret", "ingress.clusterIssuer") && parsed["ingress.tlsSecret"] && parsed["ingress.clusterIssuer"]) {
    problems.push(
      `${fullKey(["ingress.clusterIssuer"])}: got ${showValue(parsed["ingress.clusterIssuer"])} with ${fullKey(["ingress.tlsSecret"])} ${showValue(parsed["ingress.tlsSecret"])}; expected one of the two, because both would write the same certificate`,
    );
  }

  return problems;
}
