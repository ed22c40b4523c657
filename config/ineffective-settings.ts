// Settings that have no effect in the chosen configuration. Pulumi.yaml's defaults fill every key in, so a
// key counts as set when its value differs from its default; such a key is accepted, with a warning that
// says why it does nothing, rather than silently ignored.
import { scenariosUsing } from "./caching-scenarios";
import { configKeys, ConfigKey, KeySpec, keyNames } from "./keys";
import { DATABASE_LAYOUTS, DATASOURCE_KEYS } from "./database-keys";
import { KEYSTORE_ROLES } from "./keystore-keys";
import { Failed, Parsed } from "./parsed";
import { fullKey } from "./problems";

const SPECS = configKeys as Record<string, KeySpec>;

/** The caching keys that only some scenarios read (config/caching-scenarios.ts says which). */
const SCENARIO_KEYS: ConfigKey[] = [
  "caching.acceptStaleAuthorization",
  "caching.timeoutSeconds",
  "caching.allowLongTimeout",
  "caching.securityCaches",
  "caching.lowLatencyNetwork",
];

/** Keys by the condition under which they do nothing, and why. */
const IDLE_WHEN: Array<{ keys: ConfigKey[]; idle: (p: Parsed) => boolean; because: (p: Parsed) => string }> = [
  ...SCENARIO_KEYS.map((key) => {
    const using: number[] = scenariosUsing(key);
    return {
      keys: [key],
      idle: (p: Parsed) => !using.includes(p["caching.scenario"]),
      because: (p: Parsed) => `it applies to caching scenario ${using.join(" or ")} only, and the scenario is ${p["caching.scenario"]}`,
    };
  }),
  {
    keys: keyNames.filter((k) => k.startsWith("userStore.ldap.")),
    idle: (p) => p["userStore.type"] !== "ldap",
    because: () => "userStore.type is jdbc",
  },
  {
    keys: ["database.provisionImage", "database.provisionStorageSize"],
    idle: (p) => !p["database.provision"],
    because: () => "database.provision is false",
  },
  ...DATASOURCE_KEYS.map((d) => ({
    keys: (["name", "host", "port", "username", "password"] as const).map((field) => `database.${d}.${field}` as const),
    idle: (p: Parsed) => !(DATABASE_LAYOUTS[p["database.layout"]]?.datasources as readonly string[] | undefined)?.includes(d),
    because: (p: Parsed) => `database.layout ${p["database.layout"]} has no ${d} datasource`,
  })),
  {
    keys: ["sharedStorageSize", "protectSharedStorage"],
    idle: (p) => Boolean(p.sharedStorageClaim),
    because: () => "sharedStorageClaim names an existing claim, which the program neither creates nor sizes nor guards",
  },
  {
    keys: ["networkPolicy.ingressControllerNamespace", "networkPolicy.allowedNamespaces", "networkPolicy.egressCidrs"],
    idle: (p) => !p["networkPolicy.enabled"],
    because: () => "networkPolicy.enabled is false",
  },
  {
    keys: ["httpProxy.port", "httpProxy.nonProxyHosts"],
    idle: (p) => !p["httpProxy.host"],
    because: () => "httpProxy.host is empty, so the nodes use no proxy",
  },
  {
    keys: ["biServer.dataPublishingPort", "biServer.receiverPort", "biServer.invalidSubmissionsPort"],
    idle: (p) => !p["biServer.host"],
    because: () => "biServer.host is empty, so the stack names no BI server",
  },
  ...KEYSTORE_ROLES.map((role) => ({
    keys: (["alias", "type", "file", "passwordSecret", "passwordKey"] as const).map((field) => `keystores.${role}.${field}` as const),
    idle: (p: Parsed) => !p[`keystores.${role}.secret`],
    because: () => `keystores.${role}.secret is empty, so no keystore of yours is read for it`,
  })),
  {
    keys: ["keystores.tls.issuerKind"],
    idle: (p) => !p["keystores.tls.issuer"],
    because: () => "keystores.tls.issuer is empty",
  },
];

function differsFromDefault(key: ConfigKey, value: unknown): boolean {
  const fallback = SPECS[key]?.default;
  return JSON.stringify(value) !== JSON.stringify(fallback);
}

export function ineffectiveSettingWarnings(parsed: Parsed, failed: Failed): string[] {
  const warnings: string[] = [];
  for (const idleWhen of IDLE_WHEN) {
    for (const key of idleWhen.keys) {
      if (failed(key) || !differsFromDefault(key, parsed[key]) || !idleWhen.idle(parsed)) continue;
      warnings.push(`${fullKey([key])} is set but has no effect: ${idleWhen.because(parsed)}.`);
    }
  }
  return warnings.sort();
}
