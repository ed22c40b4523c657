// The caches of identity.xml's CacheConfig in KM 1.4, and which of them hold security decisions.

/** Every cache under /Server/CacheConfig/CacheManager in the KM 1.4 identity.xml. */
export const IDENTITY_CACHES = [
  "AppAuthFrameworkSessionContextCache",
  "AppInfoCache",
  "AuthenticationContextCache",
  "AuthenticationRequestCache",
  "AuthenticationResultCache",
  "AuthorizationGrantCache",
  "IdPCacheByAuthProperty",
  "IdPCacheByHRI",
  "IdPCacheByName",
  "OAuthCache",
  "OAuthScopeCache",
  "OAuthSessionDataCache",
  "PrivateKeyJWT",
  "ProvisioningConnectorCache",
  "ProvisioningEntityCache",
  "SAMLSSOParticipantCache",
  "SAMLSSOSessionDataCache",
  "SAMLSSOSessionIndexCache",
  "ServiceProviderCache",
  "ServiceProviderProvisioningConnectorCache",
] as const;

export type IdentityCache = (typeof IDENTITY_CACHES)[number];

/**
 * Scenario 4 turns these off and keeps the rest local: each holds a decision that, cached on one node, lets
 * another node act on a state that has changed. docs/configuration.md repeats the reasons.
 */
export const SECURITY_CACHES: Record<string, string> = {
  OAuthCache: "access tokens and their validation: a token revoked on one node would stay valid on the others",
  OAuthScopeCache: "scopes and the roles bound to them: a withdrawn permission would still be granted",
  AuthorizationGrantCache: "the user's claims and consent bound to a grant: a revoked consent would still be used",
  OAuthSessionDataCache: "OAuth requests in flight: a stale copy could complete a request that was cancelled",
  AppAuthFrameworkSessionContextCache: "SSO sessions: a logout on one node would not end the session on the others",
  PrivateKeyJWT: "the ids of client assertion JWTs already used: a replayed assertion would be accepted by another node",
};

export interface CacheOverride {
  enabled?: boolean;
  timeoutSeconds?: number;
}

/**
 * Reads `caching.cacheOverrides` entries of the form `<Cache>.enabled=<true|false>` or
 * `<Cache>.timeout=<seconds>`, returning the overrides by cache and a problem per bad entry.
 */
export function parseCacheOverrides(entries: readonly string[]): { overrides: Record<string, CacheOverride>; problems: string[] } {
  const overrides: Record<string, CacheOverride> = {};
  const problems: string[] = [];
  for (const entry of entries) {
    const match = /^([A-Za-z]+)\.(enabled|timeout)=(.+)$/.exec(entry.trim());
    if (!match) {
      problems.push(`got ${JSON.stringify(entry)}; expected <Cache>.enabled=true|false or <Cache>.timeout=<seconds>, such as OAuthCache.timeout=60`);
      continue;
    }
    const [, cache, property, value] = match;
    if (!(IDENTITY_CACHES as readonly string[]).includes(cache)) {
      problems.push(`got ${JSON.stringify(entry)}; ${cache} is not a cache of identity.xml, expected one of ${IDENTITY_CACHES.join(", ")}`);
      continue;
    }
    const override = (overrides[cache] ??= {});
    if (property === "enabled") {
      if (value !== "true" && value !== "false")
        problems.push(`got ${JSON.stringify(entry)}; expected ${cache}.enabled=true or ${cache}.enabled=false`);
      else override.enabled = value === "true";
    } else {
      const seconds = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!(seconds >= 1 && seconds <= 86400)) problems.push(`got ${JSON.stringify(entry)}; expected ${cache}.timeout=<seconds> from 1 to 86400`);
      else override.timeoutSeconds = seconds;
    }
  }
  return { overrides, problems };
}
