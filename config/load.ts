// Reads a stack's whole `obkm:` configuration into one validated, typed object with the defaults applied:
// each key by its own rule, then the checks across keys by concern (cluster-checks, resource-checks,
// exclusive-checks, database-checks, caching-checks, keystore-checks, proxy-checks, monitoring-checks), then the typed object (assemble.ts).
// Pure: it takes the texts that the Pulumi CLI hands a program, one per top-level key (see read.ts), so tests
// and the offline render call it exactly as `pulumi up` does.
import { z } from "zod";
import { addressProblems } from "./address-checks";
import { assembleConfig, secretValues } from "./assemble";
import { cachingProblems } from "./caching-checks";
import { clusterProblems } from "./cluster-checks";
import { consistencyProblems } from "./consistency-checks";
import { databaseProblems } from "./database-checks";
import { databaseHostProblems, databaseNameProblems } from "./database-name-checks";
import { exclusiveKeyProblems } from "./exclusive-checks";
import { ineffectiveSettingWarnings } from "./ineffective-settings";
import { jdbcParameterFindings } from "./jdbc-parameter-checks";
import { configKeys, KeySpec, keyNames } from "./keys";
import { Parsed } from "./parsed";
import { ConfigError, fullKey, showValue } from "./problems";
import { readConfig } from "./read";
import { keystoreProblems } from "./keystore-checks";
import { internetEgressProblems } from "./internet-egress-checks";
import { proxyProblems } from "./proxy-checks";
import { heapProblems } from "./resource-checks";
import { riskWarnings } from "./risk-warnings";
import { rolloutProblems } from "./rollout-checks";
import { templateProblems } from "./template-checks";
import { trustedProxyProblems } from "./trusted-proxies";
import { monitoringProblems } from "./monitoring-checks";
import { LoadedConfig, LoadOptions } from "./types";
import { plainDataKey, Recent } from "../lib/recent";

// The typed config is what most modules import from here.
export * from "./types";

/**
 * Each key's rule with its default, built once: zod builds a schema object per .default() call, which cost
 * more than the validation itself when done per load (tests/bad-input.test.ts loads some two thousand configs).
 */
const RULES: Record<string, KeySpec["rule"]> = Object.fromEntries(
  keyNames.map((key) => {
    const spec: KeySpec = configKeys[key];
    return [key, spec.default === undefined ? spec.rule : spec.rule.default(spec.default)];
  }),
);

export function loadConfig(raw: Record<string, string>, options: LoadOptions): LoadedConfig {
  const { input, problems } = readConfig(raw);

  // Each key on its own, so that one bad value does not hide the problems of the others.
  const values: Record<string, unknown> = {};
  for (const key of keyNames) {
    const outcome = keyOutcome(key, input[key]);
    if ("problem" in outcome) problems.push(outcome.problem);
    else values[key] = outcome.value;
  }
  // Checks across keys need both keys valid; a key that failed above has already been reported.
  const failed = (...keys: string[]) => keys.some((key) => !(key in values));
  // Each value is its key's rule's output (RULES above), which is what Parsed says of it.
  const parsed = values as Parsed;

  const cluster = clusterProblems(parsed, failed, options.stack);
  const heap = heapProblems(parsed, failed);
  const caching = cachingProblems(parsed, failed);
  const jdbc = jdbcParameterFindings(parsed, failed, options.stack);
  problems.push(
    ...cluster.problems,
    ...heap.problems,
    ...exclusiveKeyProblems(parsed, failed),
    ...consistencyProblems(parsed, failed),
    ...databaseProblems(parsed, failed),
    ...databaseNameProblems(parsed, failed),
    ...databaseHostProblems(parsed, failed),
    ...caching.problems,
    ...keystoreProblems(parsed, failed, options.stack),
    ...proxyProblems(parsed, failed),
    ...internetEgressProblems(parsed, failed, options.stack),
    ...rolloutProblems(parsed, failed),
    ...trustedProxyProblems(parsed, failed),
    ...jdbc.problems,
    ...addressProblems(parsed, failed),
    ...templateProblems(parsed, failed, options.stack),
    ...monitoringProblems(parsed, failed),
  );
  if (problems.length > 0) throw new ConfigError(problems.sort());

  return {
    config: assembleConfig(parsed, options, { namespace: cluster.namespace, heapMiB: heap.heapMiB, cacheOverrides: caching.overrides }),
    secrets: secretValues(parsed, options.deferredSecrets),
    warnings: [
      ...cluster.warnings,
      ...riskWarnings(parsed, failed, cluster.namespace),
      ...ineffectiveSettingWarnings(parsed, failed),
      ...jdbc.warnings,
    ],
  };
}

/** What a key's own checks make of its value: the value its rule gives, or the one line that refuses it. */
type KeyOutcome = { value: unknown } | { problem: string };

function checkKey(key: string, value: unknown): KeyOutcome {
  // Before any rule: XML 1.0 cannot hold it, and a password with one would break its file only inside
  // an apply, after resources were registered.
  const control = controlCharacterProblem(key, value);
  if (control) return { problem: control };
  const result = RULES[key].safeParse(value);
  if (result.success) return { value: deepFrozen(result.data) };
  return { problem: describeIssue(key, result.error.issues[0], value) };
}

/**
 * Each key's outcomes lately met, by the key and then the whole value (plainDataKey, lib/recent.ts): a key's
 * checks read its value and the key's table entry alone (the rules are pure zod schemas), so an outcome kept
 * is the one they would give again. Most keys of a config are unset or at a value met before, and the tests
 * load some ten thousand configs (tests/property-oracle.test.ts, bad-input.test.ts...), where the zod parses
 * took 1.4 of loadConfig's 2.8 CPU seconds: kept, bad-input.test.ts took 4.1 CPU seconds instead of 6.8,
 * property-oracle.test.ts 6.1 instead of 7.4, every-key-has-effect.test.ts 2.6 instead of 3.0 (medians of
 * three interleaved runs, 2026-12-03, load 6 to 8).
 * A value kept is frozen, so that no load can change what the next one is handed. Bounded: 32 texts and 32 other values a key.
 */
const OUTCOMES = new Map<string, { texts: Recent<string, KeyOutcome>; others: Recent<string, KeyOutcome> }>(
  keyNames.map((key) => [
    key,
    // A text by itself, which the Map hashes once however many loads it reaches (a stack's texts are the
    // same strings from load to load, and a new key would be hashed anew each time); other values by their
    // plainDataKey, in a memory apart, so that no text is taken for a key of another value.
    { texts: new Recent<string, KeyOutcome>(32), others: new Recent<string, KeyOutcome>(32) },
  ]),
);

function keyOutcome(key: string, value: unknown): KeyOutcome {
  const kept = OUTCOMES.get(key)!;
  if (typeof value === "string") return kept.texts.of(value, () => checkKey(key, value));
  const id = plainDataKey(value);
  if (id === undefined) return checkKey(key, value);
  return kept.others.of(id, () => checkKey(key, value));
}

/** Plain data frozen through: a rule's output, shared by every load that gives the key the same value. */
function deepFrozen<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFrozen(member);
    Object.freeze(value);
  }
  return value;
}

/** A value that holds a control character, named by its code point: the value itself is not shown. */
export function controlCharacterProblem(key: string, value: unknown): string | undefined {
  const control = controlCharacterIn(value);
  return control && `${fullKey([key])}: holds the control character ${control}; expected printable text, because the node files are XML`;
}

/** The first C0 or DEL control character in a value (tab, line feed and carriage return aside), as U+XXXX. */
function controlCharacterIn(value: unknown): string | undefined {
  const strings = typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  for (const text of strings) {
    // eslint-disable-next-line no-control-regex
    const found = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
    if (found) return `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return undefined;
}

function describeIssue(key: string, issue: z.ZodIssue, value: unknown): string {
  const at = valueAt(value, issue.path);
  const secret = (configKeys as Record<string, KeySpec>)[key]?.secret;
  // A rule may ask for the value not to be shown (a kubeconfig's content holds a token).
  const hidden = issue.code === z.ZodIssueCode.custom && (issue.params as { hideValue?: boolean } | undefined)?.hideValue;
  const got =
    at === undefined ? "missing" : secret ? "got a value that is not allowed" : hidden ? "got a value that is not shown" : `got ${showValue(at)}`;
  return `${fullKey([key, ...issue.path])}: ${got}; expected ${issue.code === z.ZodIssueCode.invalid_type ? typeExpected(key, issue.message, issue.path.length > 0) : issue.message}`;
}

/**
 * A value of the wrong shape (a map or a list where text belongs): a rule's own message where it has one,
 * else the declared type in words, never zod's "Expected string, received object".
 */
function typeExpected(key: string, message: string, inList: boolean): string {
  if (!/^(?:Expected \w+, received \w+|Required)$/.test(message)) return message;
  const spec = (configKeys as Record<string, KeySpec>)[key];
  return spec?.type === "array" && !inList ? "a list" : "a single value of text, not a list or a map";
}

function valueAt(input: unknown, at: ReadonlyArray<string | number>): unknown {
  return at.reduce<unknown>((node, step) => (node && typeof node === "object" ? (node as never)[step] : undefined), input);
}
