// The guard rails of the risky caching scenarios.
import { CacheOverride, parseCacheOverrides } from "./caching";
import { cachesMustStayOff, scenario, SCENARIO_NUMBERS } from "./caching-scenarios";
import { Failed, Parsed } from "./parsed";
import { fullKey } from "./problems";

const LONG_TIMEOUT = 300;
const RECOMMENDED = SCENARIO_NUMBERS.find((n) => scenario(n).recommended);

/** The guard rails of the risky caching scenarios, each refusal saying the risk in one sentence. */
export function cachingProblems(parsed: Parsed, failed: Failed): { problems: string[]; overrides: Record<string, CacheOverride> } {
  const problems: string[] = [];
  const parsedOverrides = failed("caching.cacheOverrides") ? { overrides: {}, problems: [] } : parseCacheOverrides(parsed["caching.cacheOverrides"]);
  problems.push(...parsedOverrides.problems.map((p) => `${fullKey(["caching.cacheOverrides"])}: ${p}`));
  if (failed("caching.scenario")) return { problems, overrides: parsedOverrides.overrides };

  const number = parsed["caching.scenario"];
  const chosen = scenario(number);
  const { requires } = chosen;
  if (requires && !failed(requires.key) && !parsed[requires.key]) {
    problems.push(
      `${fullKey(["caching.scenario"])}: got ${number}; expected it only with ${fullKey([requires.key])} true, because ${requires.because}`,
    );
  }
  if (chosen.lowersTimeouts && !failed("caching.timeoutSeconds", "caching.allowLongTimeout") && !parsed["caching.allowLongTimeout"]) {
    const tooLong = `expected at most ${LONG_TIMEOUT} in scenario ${number} (or ${fullKey(["caching.allowLongTimeout"])} true), because it is how long a stale authorisation lives`;
    if (parsed["caching.timeoutSeconds"] > LONG_TIMEOUT) {
      problems.push(`${fullKey(["caching.timeoutSeconds"])}: got ${parsed["caching.timeoutSeconds"]}; ${tooLong}`);
    }
    for (const [cache, override] of Object.entries(parsedOverrides.overrides)) {
      if ((override.timeoutSeconds ?? 0) > LONG_TIMEOUT) {
        problems.push(`${fullKey(["caching.cacheOverrides"])}: got ${cache}.timeout=${override.timeoutSeconds}; ${tooLong}`);
      }
    }
  }
  // The same guard whichever key reaches it: an override may not turn back on what scenario 4 turns off.
  if (chosen.caches === "local-but-security-off" && !failed("caching.securityCaches")) {
    for (const [cache, override] of Object.entries(parsedOverrides.overrides)) {
      if (override.enabled === true && parsed["caching.securityCaches"].includes(cache)) {
        problems.push(
          `${fullKey(["caching.cacheOverrides"])}: got ${cache}.enabled=true; expected no security cache turned back on in scenario ${number}, because ${cache} is in ${fullKey(["caching.securityCaches"])} (take it out of that list instead)`,
        );
      }
    }
  }
  // A scenario with neither caches nor clustering (3): a cache turned back on would serve its copy with no
  // invalidation from the other nodes, the risk an acknowledgement guards (scenario 2), through a side door.
  if (cachesMustStayOff(chosen)) {
    for (const [cache, override] of Object.entries(parsedOverrides.overrides)) {
      if (override.enabled === true) {
        problems.push(
          `${fullKey(["caching.cacheOverrides"])}: got ${cache}.enabled=true; expected no cache turned on in scenario ${number}, because it has no clustering, so no node would hear that another changed what ${cache} holds (choose scenario ${RECOMMENDED} for local caches with invalidation)`,
        );
      }
    }
  }
  return { problems, overrides: parsedOverrides.overrides };
}
