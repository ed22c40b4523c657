// A cluster's plan for the components: from settings given in code (planCluster) or config texts as the
// Pulumi CLI hands them to a program (planFromConfigTexts), validated first, with the supplied passwords as
// Pulumi secrets. api.ts exports both; the KeyManager component plans through planCluster.
//
// A password may come from another resource (a RandomPassword's result, another stack's output): a
// pulumi.Input that is unknown while planning. It counts as supplied, so nothing is generated in its place,
// and its checks (not empty, no control character, the admin password accepted by the user store) run when
// its value is known, inside the apply that hands it on: every Secret that holds it waits for that apply,
// so a refused value stops `pulumi up` before it is written anywhere.
import * as pulumi from "@pulumi/pulumi";
import { secretsBy } from "../config/assemble";
import { configKeys, KeySpec, keyNames } from "../config/keys";
import { controlCharacterProblem } from "../config/load";
import type { SecretKey } from "../config/parsed";
import { ConfigError, fullKey } from "../config/problems";
import type { ObkmSettings } from "../config/settings.generated";
import type { ObkmConfig, SecretValues } from "../config/types";
import type { Plan } from "../plan";
import { adminPasswordProblems } from "../plan/user-store-patterns";
import { configTextsOf, planStackFromTexts } from "../plan-from-config";
import type { SuppliedCredentials } from "./database-credentials";

export interface PlannedCluster {
  config: ObkmConfig;
  plan: Plan;
  /** Supplied passwords, as Pulumi secrets, for KeyManagerClusterArgs.supplied. */
  supplied: SuppliedCredentials;
  /** Accepted risks the caller should tell its user about (pulumi.log.warn). */
  warnings: string[];
}

const SECRET_KEYS = keyNames.filter((key): key is SecretKey => (configKeys[key] as KeySpec).secret === true);

/** What the loader reads in a deferred secret's place: counted as supplied, never checked nor kept (LoadOptions.deferredSecrets). */
const DEFERRED = "from-another-resource";

/** Supplied secrets become Pulumi secrets the moment they leave the loader. */
function asSecrets(secrets: SecretValues): SuppliedCredentials {
  const wrap = (value: string | undefined) => (value === undefined ? undefined : pulumi.secret(value));
  return {
    databasePassword: wrap(secrets.databasePassword),
    datasourcePasswords: Object.fromEntries(Object.entries(secrets.datasourcePasswords).map(([k, v]) => [k, pulumi.secret(v as string)])),
    adminPassword: wrap(secrets.adminPassword),
    ldapBindPassword: wrap(secrets.ldapBindPassword),
  };
}

/**
 * Plans a cluster from config texts as the Pulumi CLI hands them to a program (full key to text, a map as
 * JSON). Validates everything first: a ConfigError lists every problem before anything is created.
 */
export function planFromConfigTexts(texts: Record<string, string>, options: { stack: string; projectDir: string }): PlannedCluster {
  const { config, plan, secrets, warnings } = planStackFromTexts(texts, options);
  return { config, plan, supplied: asSecrets(secrets), warnings };
}

/** A settings object with `value` at `path`, the rest shared with `node`. */
function withValueAt(node: Record<string, unknown>, [head, ...rest]: string[], value: unknown): Record<string, unknown> {
  return { ...node, [head]: rest.length ? withValueAt(node[head] as Record<string, unknown>, rest, value) : value };
}

/** The settings with each secret that is not text (an Output, a Promise) in the placeholder's place, and those secrets by key. */
function deferInputs(settings: ObkmSettings): { texts: ObkmSettings; deferred: Map<SecretKey, pulumi.Input<string>> } {
  const deferred = new Map<SecretKey, pulumi.Input<string>>();
  let texts = settings as unknown as Record<string, unknown>;
  for (const key of SECRET_KEYS) {
    const path = key.split(".");
    const value = path.reduce<unknown>(
      (node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
      settings,
    );
    if (value === undefined || typeof value === "string") continue;
    deferred.set(key, value as pulumi.Input<string>);
    texts = withValueAt(texts, path, DEFERRED);
  }
  return { texts: texts as unknown as ObkmSettings, deferred };
}

/** What is wrong with a deferred secret's value, once known: what the loader and the plan check of text. */
export function deferredSecretProblems(key: SecretKey, value: string, plan: Pick<Plan, "userStorePatterns">): string[] {
  return [
    ...(value ? [] : [`${fullKey([key])}: is empty; expected a password, because a value from another resource is used as it is, never generated`]),
    ...[controlCharacterProblem(key, value)].filter((p): p is string => p !== undefined),
    ...(key === "adminPassword" ? adminPasswordProblems(plan.userStorePatterns, value) : []),
  ];
}

/**
 * A deferred secret, checked once its value is known, and kept secret. A refused value rejects the Output:
 * the Secrets that hold it fail to serialise their data with the ConfigError, and Pulumi's runner reports
 * it as the program's error (@pulumi/pulumi 3.248.0 cmd/run/run.js, its unhandledRejection handler).
 */
function checkedWhenKnown(key: SecretKey, input: pulumi.Input<string>, plan: Plan): pulumi.Output<string> {
  return pulumi.secret(
    pulumi.output(input).apply((value) => {
      const problems = deferredSecretProblems(key, value, plan);
      if (problems.length) throw new ConfigError(problems);
      return value;
    }),
  );
}

/**
 * Plans a cluster from settings given in code, with the same rules as a stack's config. A secret may be a
 * pulumi.Input (config/secret-text.ts). `projectDir` is where relative paths (configTemplates) start; by
 * default the working directory.
 */
export function planCluster(settings: ObkmSettings, options: { stack: string; projectDir?: string }): PlannedCluster {
  const { texts, deferred } = deferInputs(settings);
  const { config, plan, secrets, warnings } = planStackFromTexts(configTextsOf(texts), {
    stack: options.stack,
    projectDir: options.projectDir ?? process.cwd(),
    deferredSecrets: new Set(deferred.keys()),
  });
  const plain = asSecrets(secrets);
  const fromResources = secretsBy((key) => {
    const input = deferred.get(key);
    return input === undefined ? undefined : checkedWhenKnown(key, input, plan);
  });
  const supplied: SuppliedCredentials = {
    databasePassword: fromResources.databasePassword ?? plain.databasePassword,
    datasourcePasswords: { ...plain.datasourcePasswords, ...fromResources.datasourcePasswords },
    adminPassword: fromResources.adminPassword ?? plain.adminPassword,
    ldapBindPassword: fromResources.ldapBindPassword ?? plain.ldapBindPassword,
  };
  return { config, plan, supplied, warnings };
}
