// The clustering guide's caching scenarios, in one table: what each does to the node files, and what it asks
// of the operator. The key's rule and description, the checks, the warnings about idle keys, the plan's
// edits (plan/caching.ts) and docs/configuration.md's table (npm run sync-config) all read it; a new scenario is a row
// here and the tests' restatement of the guide's table (tests/caching.test.ts).

/** What becomes of identity.xml's caches. */
export type CacheMode = "local" | "off" | "local-but-security-off" | "distributed";

/** A key the operator must set to true to choose a scenario, and the risk it accepts in doing so. */
export interface Acknowledgement {
  key: "caching.acceptStaleAuthorization" | "caching.lowLatencyNetwork";
  because: string;
}

export interface CachingScenario {
  /** The guide's words for it, in the key's description and the docs' table. */
  summary: string;
  /** carbon.xml /Server/Cache/ForceLocalCache: every cache acts as a local cache. */
  forceLocalCache: boolean;
  /** Hazelcast clustering, which also carries the invalidation messages between nodes. */
  clustering: boolean;
  caches: CacheMode;
  /** Refused unless the operator sets this key, saying they accept the risk. */
  requires?: Acknowledgement;
  /**
   * caching.timeoutSeconds becomes every identity cache's timeout, bounding how long a stale decision lives;
   * where nothing invalidates a cached decision, the timeout is all that ends it.
   */
  lowersTimeouts: boolean;
  recommended?: true;
}

export const CACHING_SCENARIOS = {
  1: {
    summary: "all caches local, with distributed invalidation",
    forceLocalCache: true,
    clustering: true,
    caches: "local",
    lowersTimeouts: false,
    recommended: true,
  },
  2: {
    summary: "all caches local, no distributed invalidation",
    forceLocalCache: true,
    clustering: false,
    caches: "local",
    requires: {
      key: "caching.acceptStaleAuthorization",
      because: "without invalidation across nodes a node keeps honouring a revoked token or permission until its cache times out",
    },
    lowersTimeouts: true,
  },
  3: { summary: "no caching", forceLocalCache: true, clustering: false, caches: "off", lowersTimeouts: false },
  4: {
    summary: "security-related caches off, the rest local",
    forceLocalCache: true,
    clustering: true,
    caches: "local-but-security-off",
    lowersTimeouts: false,
  },
  5: {
    summary: "distributed caching",
    forceLocalCache: false,
    clustering: true,
    caches: "distributed",
    requires: { key: "caching.lowLatencyNetwork", because: "distributed caches lose entries on any network slower than one rack's" },
    lowersTimeouts: false,
  },
} as const satisfies Record<number, CachingScenario>;

export type ScenarioNumber = keyof typeof CACHING_SCENARIOS;

/** The scenarios' numbers, in order. */
export const SCENARIO_NUMBERS = Object.keys(CACHING_SCENARIOS)
  .map(Number)
  .sort((a, b) => a - b) as ScenarioNumber[];

export const scenario = (number: ScenarioNumber): CachingScenario => CACHING_SCENARIOS[number];

/** Scenarios with no cache on and no clustering: a cache turned on there would hear of no change elsewhere. */
export const cachesMustStayOff = (s: CachingScenario) => s.caches === "off" && !s.clustering;

/** The scenarios where a key has an effect, for the warning about a key set where it does nothing. */
export function scenariosUsing(key: string): ScenarioNumber[] {
  return SCENARIO_NUMBERS.filter((n) => {
    const s = scenario(n);
    if (key === "caching.securityCaches") return s.caches === "local-but-security-off";
    if (key === "caching.timeoutSeconds" || key === "caching.allowLongTimeout") return s.lowersTimeouts;
    return s.requires?.key === key;
  });
}

/** The key's description: every scenario by its number. */
export function scenarioKeyDescription(): string {
  const list = SCENARIO_NUMBERS.map((n) => `${n}: ${scenario(n).summary}${scenario(n).recommended ? " (recommended)" : ""}`);
  return `Caching scenario of the clustering guide. ${list.join("; ")}.`;
}

/** The guide's columns for a scenario, as docs/configuration.md's table shows them. */
export function scenarioColumns(s: CachingScenario): { local: string; distributed: string; clustering: string; invalidation: string } {
  const onOff = (on: boolean) => (on ? "on" : "off");
  return {
    local: s.caches === "local" ? "on" : s.caches === "local-but-security-off" ? "on for the rest" : "off",
    distributed: s.caches === "distributed" ? "on" : s.caches === "off" ? "off" : "n/a",
    clustering: onOff(s.clustering),
    // Invalidation messages travel over Hazelcast, between local caches: none to send for distributed ones.
    invalidation: s.caches === "distributed" ? "n/a" : onOff(s.clustering && s.caches !== "off"),
  };
}
