// The guard rails of the risky caching scenarios.
import { CacheOverride, parseCacheOverrides } from "./caching";
import { Failed, Parsed } from "./parsed";
import { fullKey } from "./problems";

const LONG_TIMEOUT = 300;

/** The guard rails of the risky caching scenarios, each refusal saying the risk in one sentence. */
export function cachingProblems(parsed: Parsed, failed: Failed): { problems: string[]; overrides: Record<string, CacheOverride> } {
  const problems: string[] = [];
  const parsedOverrides = failed("caching.cacheOverrides") ? { overrides: {}, problems: [] } : parseCacheOverrides(parsed["caching.cacheOverrides"]);
  problems.push(...parsedOverrides.problems.map((p) => `${fullKey(["caching.cacheOverrides"])}: ${p}`));
  if (failed("caching.scenario")) return { problems, overrides: parsedOverrides.overrides };

  const scenario = parsed["caching.scenario"];
  if (scenario === 2 && !failed("caching.acceptStaleAuthorization") && !parsed["caching.acceptStaleAuthorization"]) {
    problems.push(
      `${fullKey(["caching.scenario"])}: got 2; expected it only with ${fullKey(["caching.acceptStaleAuthorization"])} true, because without invalidation across nodes a node keeps honouring a revoked token or permission until its cache times out`,
    );
  }
  if (scenario === 5 && !failed("caching.lowLatencyNetwork") && !parsed["caching.lowLatencyNetwork"]) {
    problems.push(
      `${fullKey(["caching.scenario"])}: got 5; expected it only with ${fullKey(["caching.lowLatencyNetwork"])} true, because distributed caches lose entries on any network slower than one rack's`,
    );
  }
  if (scenario === 2 && !failed("caching.timeoutSeconds", "caching.allowLongTimeout") && !parsed["caching.allowLongTimeout"]) {
    if (parsed["caching.timeoutSeconds"] > LONG_TIMEOUT) {
      problems.push(
        `${fullKey(["caching.timeoutSeconds"])}: got ${parsed["caching.timeoutSeconds"]}; expected at most ${LONG_TIMEOUT} in scenario 2 (or ${fullKey(["caching.allowLongTimeout"])} true), because it is how long a stale authorisation lives`,
      );
    }
    for (const [cache, override] of Object.entries(parsedOverrides.overrides)) {
      if ((override.timeoutSeconds ?? 0) > LONG_TIMEOUT) {
        problems.push(
          `${fullKey(["caching.cacheOverrides"])}: got ${cache}.timeout=${override.timeoutSeconds}; expected at most ${LONG_TIMEOUT} in scenario 2 (or ${fullKey(["caching.allowLongTimeout"])} true), because it is how long a stale authorisation lives`,
        );
      }
    }
  }
  // The same guard whichever key reaches it: an override may not turn back on what scenario 4 turns off.
  if (scenario === 4 && !failed("caching.securityCaches")) {
    for (const [cache, override] of Object.entries(parsedOverrides.overrides)) {
      if (override.enabled === true && parsed["caching.securityCaches"].includes(cache)) {
        problems.push(
          `${fullKey(["caching.cacheOverrides"])}: got ${cache}.enabled=true; expected no security cache turned back on in scenario 4, because ${cache} is in ${fullKey(["caching.securityCaches"])} (take it out of that list instead)`,
        );
      }
    }
  }
  // Scenario 3 has neither caches nor clustering: a cache turned back on would serve its copy with no
  // invalidation from the other nodes, the risk scenario 2 is guarded for, through a side door.
  if (scenario === 3) {
    for (const [cache, override] of Object.entries(parsedOverrides.overrides)) {
      if (override.enabled === true) {
        problems.push(
          `${fullKey(["caching.cacheOverrides"])}: got ${cache}.enabled=true; expected no cache turned on in scenario 3, because it has no clustering, so no node would hear that another changed what ${cache} holds (choose scenario 1 for local caches with invalidation)`,
        );
      }
    }
  }
  return { problems, overrides: parsedOverrides.overrides };
}
