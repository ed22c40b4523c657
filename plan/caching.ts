// The edits that render a caching scenario (config/caching-scenarios.ts, the guide's table) into carbon.xml
// (ForceLocalCache), axis2.xml (the clustering switch) and identity.xml (each cache's enable, timeout and
// isDistributed).
import { IDENTITY_CACHES } from "../config/caching";
import { CachingScenario, scenario } from "../config/caching-scenarios";
import { ObkmConfig } from "../config/load";
import { XmlEdit } from "../xml/edits";

export function scenarioOf(config: ObkmConfig): CachingScenario {
  return scenario(config.caching.scenario);
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
  const chosen = scenarioOf(config);
  const lowered = chosen.lowersTimeouts ? config.caching.timeoutSeconds : undefined;
  return Object.fromEntries(
    IDENTITY_CACHES.map((cache) => {
      const enable =
        chosen.caches === "off" ? false : chosen.caches === "local-but-security-off" ? !config.caching.securityCaches.includes(cache) : true;
      const override = config.caching.overrides[cache] ?? {};
      return [
        cache,
        {
          enable: override.enabled ?? enable,
          timeout: override.timeoutSeconds ?? lowered,
          isDistributed: chosen.caches === "distributed",
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
