// The five caching scenarios of the clustering guide, as its table gives them, and the edits that render a
// scenario into carbon.xml (ForceLocalCache), axis2.xml (the clustering switch) and identity.xml (each
// cache's enable, timeout and isDistributed).
import { IDENTITY_CACHES } from "../config/caching";
import { ObkmConfig } from "../config/load";
import { XmlEdit } from "../xml/edits";

export interface Scenario {
  /** carbon.xml /Server/Cache/ForceLocalCache: every cache acts as a local cache. */
  forceLocalCache: boolean;
  /** Hazelcast clustering, which also carries the invalidation messages between nodes. */
  clustering: boolean;
  /** What becomes of the identity caches. */
  caches: "local" | "off" | "local-but-security-off" | "distributed";
}

const SCENARIOS: Record<ObkmConfig["caching"]["scenario"], Scenario> = {
  // 1. All caches local, invalidated across the cluster through Hazelcast (recommended).
  1: { forceLocalCache: true, clustering: true, caches: "local" },
  // 2. All caches local, no clustering and so no invalidation: decisions live until the timeout.
  2: { forceLocalCache: true, clustering: false, caches: "local" },
  // 3. No caching: every read goes to the database; safe and slow.
  3: { forceLocalCache: true, clustering: false, caches: "off" },
  // 4. Security-related caches off, the rest local with invalidation.
  4: { forceLocalCache: true, clustering: true, caches: "local-but-security-off" },
  // 5. Distributed caching: only for nodes in one rack.
  5: { forceLocalCache: false, clustering: true, caches: "distributed" },
};

export function scenarioOf(config: ObkmConfig): Scenario {
  return SCENARIOS[config.caching.scenario];
}

export function forceLocalCacheEdits(config: ObkmConfig): XmlEdit[] {
  return [{ kind: "set", path: "/Server/Cache/ForceLocalCache", value: String(scenarioOf(config).forceLocalCache) }];
}

interface CacheSetting {
  enable: boolean;
  /** Undefined keeps the template's timeout. */
  timeout?: number;
  isDistributed: boolean;
}

/** The setting of each identity cache: the scenario's, then the per-cache overrides. */
function cacheSettings(config: ObkmConfig): Record<string, CacheSetting> {
  const scenario = scenarioOf(config);
  const lowered = config.caching.scenario === 2 ? config.caching.timeoutSeconds : undefined;
  return Object.fromEntries(
    IDENTITY_CACHES.map((cache) => {
      const enable =
        scenario.caches === "off" ? false : scenario.caches === "local-but-security-off" ? !config.caching.securityCaches.includes(cache) : true;
      const override = config.caching.overrides[cache] ?? {};
      return [
        cache,
        {
          enable: override.enabled ?? enable,
          timeout: override.timeoutSeconds ?? lowered,
          isDistributed: scenario.caches === "distributed",
        },
      ];
    }),
  );
}

const cachePath = (name: string) => `/Server/CacheConfig/CacheManager[@name='IdentityApplicationManagementCacheManager']/Cache[@name='${name}']`;

export function identityCacheEdits(config: ObkmConfig): XmlEdit[] {
  return Object.entries(cacheSettings(config)).flatMap(([cache, setting]): XmlEdit[] => [
    { kind: "set", path: `${cachePath(cache)}/@enable`, value: String(setting.enable) },
    ...(setting.timeout === undefined ? [] : [{ kind: "set" as const, path: `${cachePath(cache)}/@timeout`, value: String(setting.timeout) }]),
    { kind: "set", path: `${cachePath(cache)}/@isDistributed`, value: String(setting.isDistributed) },
  ]);
}
