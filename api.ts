// The entry point for other Pulumi programs: the components, and the one function that turns settings into
// a validated plan. This project's own program (program.ts, run by index.ts) is one user of it; the example
// in examples/second-cluster/ is another.
//
//   import { KeyManagerCluster, planCluster } from "<path to obkm>/api";
//   const { plan, supplied, warnings } = planCluster({ hostname: "km.bank.example", ... }, { stack: "blue" });
//   new KeyManagerCluster("obkm-blue", { plan, supplied }, { providers: { kubernetes: provider } });
import * as pulumi from "@pulumi/pulumi";
import type { SuppliedCredentials } from "./components/database-credentials";
import { ObkmConfig, SecretValues } from "./config/load";
import { Plan } from "./plan";
import type { ObkmSettings } from "./config/settings.generated";
import { configTextsOf, planStackFromTexts } from "./plan-from-config";

export { DatabaseCredentials, DatabaseCredentialsArgs, SuppliedCredentials } from "./components/database-credentials";
export { KeyManagerCluster, KeyManagerClusterArgs } from "./components/key-manager-cluster";
export { Keystores, KeystoresArgs } from "./components/keystores";
export { Nodes, NodesArgs } from "./components/nodes";
export { ProvisionedDatabase, ProvisionedDatabaseArgs } from "./components/provisioned-database";
export { SharedArtifacts, SharedArtifactsArgs } from "./components/shared-artifacts";
export { StickyIngress, StickyIngressArgs } from "./components/sticky-ingress";
export { ConfigError } from "./config/problems";
export type { ObkmConfig } from "./config/load";
export type { Plan } from "./plan";
export type { SecretText } from "./config/secret-text";
/**
 * Settings as a stack file holds them under `obkm:`, each map a nested object (`{ caching: { scenario: 1 } }`):
 * generated from config/keys.ts, every key with its description and default as its doc comment.
 */
export type { ObkmSettings };

export interface PlannedCluster {
  config: ObkmConfig;
  plan: Plan;
  /** Supplied passwords, as Pulumi secrets, for KeyManagerClusterArgs.supplied. */
  supplied: SuppliedCredentials;
  /** Accepted risks the caller should tell its user about (pulumi.log.warn). */
  warnings: string[];
}

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

/**
 * Plans a cluster from settings given in code, with the same rules as a stack's config.
 * `projectDir` is where relative paths (configTemplates) start; by default the working directory.
 */
export function planCluster(settings: ObkmSettings, options: { stack: string; projectDir?: string }): PlannedCluster {
  return planFromConfigTexts(configTextsOf(settings), { stack: options.stack, projectDir: options.projectDir ?? process.cwd() });
}
