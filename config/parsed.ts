// What the loader holds between validating each key and building ObkmConfig: the values of the keys that
// passed, by key, and a way to ask whether a key failed (a check across keys skips a failed key, which has
// been reported already).
import { z } from "zod";
import { configKeys, ConfigKey } from "./keys";

/** The value of a key after its rule: the rule's output type, so a misspelt key or a wrong type fails tsc. */
export type KeyValue<K extends ConfigKey> = z.output<(typeof configKeys)[K]["rule"]>;

/** Every key by name with its value; the datasource and keystore keys by name too (config/key-spec.ts). */
export type Parsed = { [K in ConfigKey]: KeyValue<K> };

/** True when any of the keys failed its own validation. */
export type Failed = (...keys: ConfigKey[]) => boolean;

/** The keys declared `secret: true`: their values stay in the loader and reach the plan only as SecretValues. */
export type SecretKey = { [K in ConfigKey]: (typeof configKeys)[K] extends { secret: true } ? K : never }[ConfigKey];

/**
 * Every key's value but the secrets', as the key's rule gave it: what the plan reads of a key it uses as it
 * is (`config.keyValues["tomcat.internalProxies"]`), so that such a key needs no field of its own in ObkmConfig.
 */
export type KeyValues = Readonly<Omit<Parsed, SecretKey>>;
