// The program both `pulumi up` and the offline render run: read the stack's config, plan, create. It uses
// the components through api.ts, as any other program would.
// A mistake in the config or a template that does not match is reported as a clean error (RunError prints
// no stack trace) before any resource is registered.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { Provider } from "@pulumi/kubernetes/provider";
import * as pulumi from "@pulumi/pulumi";
import { KeyManagerCluster, PlannedCluster, planFromConfigTexts } from "./api";
import { CONFIG_NAMESPACE, ConfigError } from "./config/problems";
import { groupsGivenAsValues } from "./config/read";
import { clearSecretProblems, cliSecretKeys } from "./config/secret-checks";
import { configOfStackFile, stackFileValues, stackFilePath } from "./lib/pulumi-config/stack-file";
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

/**
 * What the CLI's merge hides from the program, read from the stack file where the CLI keeps it
 * (lib/pulumi-config/stack-file.ts): a map of settings given as one value, which the merge replaced by the
 * defaults before PULUMI_CONFIG was written. Refused as the render refuses it, with the same line. A stack
 * whose config is elsewhere (`--config-file`, no file) is not read: what reaches the program is still checked.
 */
function stackFileProblems(stack: string): string[] {
  // Where Pulumi.yaml is, as the language host tells the runner (--root-directory, the RunRequest's
  // Info.RootDirectory in pulumi/pulumi v3.248.0 sdk/nodejs/cmd/pulumi-language-nodejs/main.go line 1082).
  // Without it the SDK says "rootDirectory" (runtime/state.js LocalStore), which is no folder.
  const root = pulumi.runtime.getRootDirectory();
  const file = stackFilePath(path.isAbsolute(root) ? root : PROJECT_DIR, stack);
  if (file === undefined || !fs.existsSync(file)) return [];
  const config = configOfStackFile(YAML.parse(fs.readFileSync(file, "utf8")));
  return config ? groupsGivenAsValues(stackFileValues(config)).map((problem) => `${path.basename(file)}: ${problem}`) : [];
}

export function planStack(): PlannedCluster {
  try {
    const secretKeys = cliSecretKeys(process.env);
    // Only under the CLI (a language host sets the secret keys): the render reads the stack file itself.
    const inFile = secretKeys ? stackFileProblems(pulumi.getStack()) : [];
    if (inFile.length > 0) throw new ConfigError(inFile);
    const texts = stackConfigTexts();
    // Under the CLI, a password the stack file holds in clear is refused here, as the render refuses it.
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
  const provider = new Provider("cluster", plan.provider);
  // Stacks of this program deployed before the cluster had parts keep every resource (see flat-tree-aliases.ts).
  const cluster = new KeyManagerCluster("obkm", { plan, supplied, keepFlatTreeIdentity: true }, { providers: { kubernetes: provider } });
  return { cluster, outputs: plan.outputs, plan };
}
