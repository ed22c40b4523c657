// The program both `pulumi up` and the offline render run: read the stack's config, plan, create.
// A mistake in the config or a template that does not match is reported as a clean error (RunError prints
// no stack trace) before any resource is registered.
import * as pulumi from "@pulumi/pulumi";
import { KeyManagerCluster } from "./components/key-manager-cluster";
import { loadConfig, ObkmConfig, SecretValues } from "./config/load";
import { ConfigError } from "./config/problems";
import { buildPlan, Plan } from "./plan";
import { TemplateNotFoundError } from "./xml/templates";
import { XmlEditError } from "./xml/edits";

export const PROJECT_DIR = __dirname;

/** The errors a user can cause and fix; anything else is our bug and keeps its stack trace. */
export function isUserError(error: unknown): error is Error {
  return error instanceof ConfigError || error instanceof XmlEditError || error instanceof TemplateNotFoundError;
}

export interface StackPlan {
  config: ObkmConfig;
  plan: Plan;
  secrets: SecretValues;
}

export function planStack(): StackPlan {
  try {
    const { config, warnings, secrets } = loadConfig(pulumi.runtime.allConfig(), {
      stack: pulumi.getStack(),
      projectDir: PROJECT_DIR,
      isSecret: (key) => (pulumi.runtime as unknown as { isConfigSecret(k: string): boolean }).isConfigSecret(key),
    });
    for (const warning of warnings) pulumi.log.warn(warning);
    return { config, plan: buildPlan(config), secrets };
  } catch (error) {
    if (isUserError(error)) throw new pulumi.RunError(`obkm: ${error.message}`);
    throw error;
  }
}

/** Supplied secrets become Pulumi secrets the moment they leave the loader. */
function wrapSecrets(secrets: SecretValues) {
  const wrap = (value: string | undefined) => (value === undefined ? undefined : pulumi.secret(value));
  return {
    databasePassword: wrap(secrets.databasePassword),
    datasourcePasswords: Object.fromEntries(Object.entries(secrets.datasourcePasswords).map(([k, v]) => [k, pulumi.secret(v as string)])),
    adminPassword: wrap(secrets.adminPassword),
    ldapBindPassword: wrap(secrets.ldapBindPassword),
  };
}

export function deploy({ config, plan, secrets }: StackPlan) {
  const cluster = new KeyManagerCluster("obkm", { config, plan, supplied: wrapSecrets(secrets) });
  return { cluster, outputs: plan.outputs };
}
