// Config keys of the caching scenarios.
import { IDENTITY_CACHES, SECURITY_CACHES } from "./caching";
import { scenarioKeyDescription, SCENARIO_NUMBERS } from "./caching-scenarios";
import type { KeySpec } from "./key-spec";
import * as rules from "./rules";

export const cachingKeys = {
  "caching.scenario": {
    type: "integer",
    default: 1,
    description: scenarioKeyDescription(),
    // The guide numbers its scenarios from 1 without a gap (a test holds the table to that).
    rule: rules.integerIn(SCENARIO_NUMBERS),
  },
  "caching.acceptStaleAuthorization": {
    type: "boolean",
    default: false,
    description: "Required for scenario 2: accept that a node honours a revoked token or permission until its cache times out.",
    rule: rules.boolean(),
  },
  "caching.timeoutSeconds": {
    type: "integer",
    default: 60,
    description:
      "Scenario 2: every identity cache's timeout, in seconds, bounding how long a stale decision lives. Above 300 needs caching.allowLongTimeout.",
    rule: rules.integer(1, 86400),
  },
  "caching.allowLongTimeout": {
    type: "boolean",
    default: false,
    description: "Scenario 2: allow identity cache timeouts above 300 seconds.",
    rule: rules.boolean(),
  },
  "caching.lowLatencyNetwork": {
    type: "boolean",
    default: false,
    description:
      "Required for scenario 5: state that all nodes share a network of very low latency (one rack), without which distributed caches lose entries.",
    rule: rules.boolean(),
  },
  "caching.securityCaches": {
    type: "array",
    items: { type: "string" },
    default: Object.keys(SECURITY_CACHES),
    description: "Scenario 4: the security-related identity caches to turn off; the rest stay local.",
    rule: rules.namesFrom(IDENTITY_CACHES),
  },
  "caching.cacheOverrides": {
    type: "array",
    items: { type: "string" },
    default: [],
    description:
      "Per-cache settings applied after the scenario's, as <Cache>.enabled=true|false or <Cache>.timeout=<seconds>, such as OAuthCache.timeout=60.",
    rule: rules.stringList("a list of strings such as OAuthCache.timeout=60 or AppInfoCache.enabled=false"),
  },
} satisfies Record<string, KeySpec>;
