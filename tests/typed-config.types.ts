// Compile-time proof that the config is typed end to end (issue 22): tsc checks this file in `npm test`
// (tsconfig.json includes tests/**), jest never runs it (not *.test.ts). Each `@ts-expect-error` must meet an
// error: if a change lets a misspelt key or a wrong type through again, the directive is unused and tsc fails.
import type { KeyValue, Failed, Parsed } from "../config/parsed";
import type { DatasourceKey } from "../config/database-keys";
import type { ObkmSettings } from "../config/settings.generated";
import type { ObkmConfig } from "../config/types";

/** True only for `any`, which every other check below would let through. */
type IsAny<T> = 0 extends 1 & T ? true : false;

export function misspeltKeys(parsed: Parsed, failed: Failed, datasource: DatasourceKey): unknown[] {
  return [
    // @ts-expect-error: there is no key tomcat.maxThread
    parsed["tomcat.maxThread"],
    // @ts-expect-error: nor a datasource "ab": the family's keys are named by the datasource list
    parsed["database.ab.host"],
    // @ts-expect-error: nor a field "hots" of any datasource
    parsed[`database.${datasource}.hots`],
    // @ts-expect-error: a check cannot skip a key that does not exist either
    failed("caching.scenarioo"),
  ];
}

// @ts-expect-error: ObkmConfig's fields name their keys, and a misspelt one is no key
export type MisspeltInTypes = KeyValue<"tomcat.internalProxie">;

export function wrongTypes(parsed: Parsed): Array<Partial<ObkmConfig>> {
  return [
    // @ts-expect-error: replicas is a number; tomcat.internalProxies is a string
    { tomcat: { internalProxies: parsed.replicas } },
    // @ts-expect-error: a port is a number, not the host's string
    { httpProxy: { host: parsed["httpProxy.host"], port: parsed["httpProxy.host"], nonProxyHosts: [] } },
    // @ts-expect-error: a caching scenario is 1 to 5, not any number
    { caching: { scenario: parsed.replicas, timeoutSeconds: 60, securityCaches: [], overrides: {} } },
  ];
}

/** What was `any` before (a key of a family read by pattern) is a real type now: each line fails tsc if it is any. */
export const notAny: Array<false> = [
  false satisfies IsAny<Parsed["database.am.host"]>,
  false satisfies IsAny<Parsed[`database.${DatasourceKey}.port`]>,
  false satisfies IsAny<Parsed["keystores.tls.secret"]>,
  false satisfies IsAny<KeyValue<"caching.scenario">>,
];

/** The settings planCluster takes (config/settings.generated.ts) refuse what the keys' rules would. */
const required = { hostname: "km.bank.example", image: "r.example/obkm:1.4.0", apim: { hostname: "gw.bank.example" } };
export const settings: ObkmSettings[] = [
  { ...required, caching: { scenario: 2 }, database: { am: { port: 3307 } }, ingress: { consoleAllowedCidrs: ["10.0.0.0/8"] } },
  // @ts-expect-error: a misspelt map
  { ...required, cachin: { scenario: 2 } },
  // @ts-expect-error: a misspelt key in a map
  { ...required, caching: { scenarioo: 2 } },
  // @ts-expect-error: the scenarios are numbered from 1 (a number past the last would need changing with the table)
  { ...required, caching: { scenario: 0 } },
  // @ts-expect-error: replicas is a number, not its text
  { ...required, replicas: "3" },
  // @ts-expect-error: nor a datasource "ab"
  { ...required, database: { ab: { port: 3307 } } },
  // @ts-expect-error: the host of the API Manager is required
  { hostname: "km.bank.example", image: "r.example/obkm:1.4.0" },
];

/** A key the plan reads as it is comes typed by the key from config.keyValues, and no secret is there. */
export function keyValuesOf(config: ObkmConfig): unknown[] {
  const proxies: string = config.keyValues["tomcat.internalProxies"];
  const replicas: number = config.keyValues.replicas;
  return [
    proxies,
    replicas,
    // @ts-expect-error: a misspelt key is no key here either
    config.keyValues["tomcat.maxThread"],
    // @ts-expect-error: a secret never reaches the plan through keyValues (SecretValues carries it)
    config.keyValues.adminPassword,
    // @ts-expect-error: nor a datasource's password
    config.keyValues["database.am.password"],
    // @ts-expect-error: read-only: the plan reads the config, never writes it
    (config.keyValues.replicas = 3),
  ];
}
