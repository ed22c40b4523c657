// The program both `pulumi up` and the offline render run: read the stack's config, plan, create.
// A mistake in the config or a template that does not match is reported as a clean error (RunError prints
// no stack trace) before any resource is registered.
import * as pulumi from "@pulumi/pulumi";
import { KeyManagerCluster } from "./components/key-manager-cluster";
import { loadConfig } from "./config/load";
import { ConfigError } from "./config/problems";
import { buildPlan, Plan } from "./plan";
import { TemplateNotFoundError } from "./xml/templates";
import { XmlEditError } from "./xml/edits";

export const PROJECT_DIR = __dirname;

/** The errors a user can cause and fix; anything else is our bug and keeps its stack trace. */
export function isUserError(error: unknown): error is Error {
  return error instanceof ConfigError || error instanceof XmlEditError || error instanceof TemplateNotFoundError;
}

export function planStack(): Plan {
  try {
    const { config, warnings } = loadConfig(pulumi.runtime.allConfig(), {
      stack: pulumi.getStack(),
      projectDir: PROJECT_DIR,
    });
    for (const warning of warnings) pulumi.log.warn(warning);
    return buildPlan(config);
  } catch (error) {
    if (isUserError(error)) throw new pulumi.RunError(`obkm: ${error.message}`);
    throw error;
  }
}

export function deploy(plan: Plan) {
  const cluster = new KeyManagerCluster("obkm", { plan });
  return { cluster, outputs: plan.outputs };
}
