// The program both `pulumi up` and the offline render run: read the stack's config, plan, create. It uses
// the components through api.ts, as any other program would.
// A mistake in the config or a template that does not match is reported as a clean error (RunError prints
// no stack trace) before any resource is registered.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { KeyManagerCluster, PlannedCluster, planFromConfigTexts } from "./api";
import { CONFIG_NAMESPACE, ConfigError } from "./config/problems";
import { clearSecretProblems, cliSecretKeys } from "./config/secret-checks";
import { PROJECT_DIR } from "./project-dir";
import { TemplateNotFoundError } from "./xml/templates";
import { XmlEditError } from "./xml/edits";
import { PropertiesEditError } from "./properties/edits";

export { PROJECT_DIR };

/** The errors a user can cause and fix; anything else is our bug and keeps its stack trace. */
function isUserError(error: unknown): error is Error {
  return (
    error instanceof ConfigError || error instanceof XmlEditError || error instanceof PropertiesEditError || error instanceof TemplateNotFoundError
  );
}

/**
 * The stack's `obkm:` config as the CLI merged it, read through pulumi.Config: one text per top-level key,
 * JSON for a map. The names come from pulumi.runtime.allConfig(), the SDK's public listing of the same map
 * (declared in @pulumi/pulumi runtime/config.d.ts), so that a misspelt or flat key is refused, not ignored.
 */
function stackConfigTexts(): Record<string, string> {
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  const names = Object.keys(pulumi.runtime.allConfig()).filter((name) => name.startsWith(`${CONFIG_NAMESPACE}:`));
  return Object.fromEntries(names.map((name) => [name, config.get(name.slice(CONFIG_NAMESPACE.length + 1)) ?? ""]));
}

export function planStack(): PlannedCluster {
  try {
    const texts = stackConfigTexts();
    // Under the CLI, a password the stack file holds in clear is refused here, as the render refuses it.
    const secretKeys = cliSecretKeys(process.env);
    const inClear = secretKeys ? clearSecretProblems(texts, secretKeys) : [];
    if (inClear.length > 0) throw new ConfigError(inClear);
    const planned = planFromConfigTexts(texts, { stack: pulumi.getStack(), projectDir: PROJECT_DIR });
    for (const warning of planned.warnings) pulumi.log.warn(warning);
    return planned;
  } catch (error) {
    if (isUserError(error)) throw new pulumi.RunError(`obkm: ${error.message}`);
    throw error;
  }
}

export function deploy({ plan, supplied }: PlannedCluster) {
  // Every Kubernetes object goes through this provider, inherited from the component: the cluster is the
  // stack's config, not whatever kubeconfig context happens to be current.
  const provider = new k8s.Provider("cluster", plan.provider);
  // Stacks of this program deployed before the cluster had parts keep every resource (see flat-tree-aliases.ts).
  const cluster = new KeyManagerCluster("obkm", { plan, supplied, keepFlatTreeIdentity: true }, { providers: { kubernetes: provider } });
  return { cluster, outputs: plan.outputs, plan };
}
