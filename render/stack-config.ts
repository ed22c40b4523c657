// A stack's configuration exactly as the Pulumi CLI would hand it to the program: Pulumi.<stack>.yaml, the
// render's --set overrides applied as `pulumi config set --path` applies them, then Pulumi.yaml's
// declarations merged and checked as `pulumi preview` does (see pulumi-config/merge.ts), and last the texts
// of pulumi.runtime's config map.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { configKeys, KeySpec } from "../config/keys";
import { CONFIG_NAMESPACE } from "../config/problems";
import { applyProjectConfig, getPath, parseConfigKey, setPath, StackConfigError, StackValues } from "../lib/pulumi-config/merge";
import { projectConfigOf, ProjectConfig, ProjectConfigError } from "../lib/pulumi-config/project";
import { parsePropertyPath, PathStep, PropertyPathError } from "../lib/pulumi-config/property-path";
import { ConfigNode, fromYaml, isSecure, programText, Secure } from "../lib/pulumi-config/value";
import { parseYamlCached } from "./yaml-cache";

/** Stands in for a value encrypted in the stack file, which only the Pulumi CLI can decrypt. */
export const UNDECRYPTED_SECRET = "render-cannot-decrypt-this-secret";

export interface StackConfig {
  project: string;
  stack: string;
  /** Full key (`obkm:caching`) to the text the program reads, as in pulumi.runtime's config map. */
  config: Record<string, string>;
  /** The top-level keys whose value is or holds a secret. */
  secretKeys: string[];
}

/** A mistake in a stack file or a --set: one line, no stack trace. */
export class StackFileError extends Error {}

const SECRET_KEYS = Object.entries(configKeys as Record<string, KeySpec>)
  .filter(([, spec]) => spec.secret)
  .map(([key]) => key)
  .sort();

export function readProject(projectDir: string): ProjectConfig {
  const file = path.join(projectDir, "Pulumi.yaml");
  try {
    return projectConfigOf(parseYamlCached(fs.readFileSync(file, "utf8")) ?? {});
  } catch (error) {
    if (error instanceof ProjectConfigError || error instanceof YAML.YAMLError) throw new StackFileError(`Pulumi.yaml: ${error.message}`);
    throw error;
  }
}

/** The stack file's `config:` as the CLI loads it: keys normalised to `ns:name`, `{secure: ...}` kept encrypted. */
export function readStackValues(stackFile: string): StackValues {
  let parsed: unknown;
  try {
    parsed = YAML.parse(fs.readFileSync(stackFile, "utf8"));
  } catch (error) {
    throw new StackFileError(`${path.basename(stackFile)}: ${(error as Error).message.split("\n")[0]}`);
  }
  const config = (parsed as { config?: unknown } | null)?.config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config))
    throw new StackFileError(`${path.basename(stackFile)}: config must be a map`);
  const values: StackValues = new Map();
  for (const [key, value] of Object.entries(config)) {
    const { namespace, name } = parseConfigKey(key);
    values.set(`${namespace}:${name}`, fromYaml(value));
  }
  return values;
}

/** `KEY=VALUE` of --set: KEY a property path under obkm:, VALUE the text `pulumi config set` would get. */
function parseSet(assignment: string): { path: PathStep[]; value: string } {
  const eq = assignment.indexOf("=");
  // Not echoed: an argument without '=' may be a value typed in the wrong place, a password among them.
  if (eq <= 0) throw new StackFileError(`--set: an argument without '='; expected KEY=VALUE, such as replicas=3 or caching.scenario=2`);
  const key = assignment.slice(0, eq);
  try {
    const steps = parsePropertyPath(key);
    if (steps.length === 0 || typeof steps[0] !== "string" || steps[0] === "") throw new PropertyPathError("expected a key name first");
    return { path: steps, value: assignment.slice(eq + 1) };
  } catch (error) {
    throw new StackFileError(
      `--set ${key}: not a config key path (${(error as Error).message}), such as caching.scenario or ingress.consoleAllowedCidrs[0]`,
    );
  }
}

function dotted(steps: PathStep[]): string {
  return steps
    .map((s) => (typeof s === "number" ? `[${s}]` : s))
    .join(".")
    .replace(/\.\[/g, "[");
}

/**
 * Our own rule on top of the CLI's: Pulumi.yaml cannot declare an optional key `secret: true` (a default is
 * written unencrypted and then fails the CLI's own secret check: pulumi/pulumi#21865, pkg/workspace/config.go
 * createConfigValue and validateStackConfigValue), so the render refuses a password that stands in clear in a
 * stack file. `pulumi config set` itself refuses a password-like key without --secret or --plaintext.
 */
function clearSecrets(values: StackValues): string[] {
  return SECRET_KEYS.filter((key) => {
    const node = getPath(values, CONFIG_NAMESPACE, parsePropertyPath(key));
    return node !== undefined && node !== "" && !isSecure(node);
  });
}

export function readStackConfig(projectDir: string, stack: string, sets: string[] = []): StackConfig {
  const project = readProject(projectDir);
  const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(stackFile)) throw new StackFileError(`no stack file ${path.basename(stackFile)} for stack ${stack}`);
  try {
    const values = readStackValues(stackFile);
    for (const { path: steps, value } of sets.map(parseSet)) {
      // A --set of a secret key stands for `pulumi config set --secret --path`: encrypted, and known to the render.
      const node: ConfigNode = SECRET_KEYS.includes(dotted(steps)) ? new Secure("", value) : value;
      setPath(values, CONFIG_NAMESPACE, steps, node, node instanceof Secure);
    }
    const inClear = clearSecrets(values);
    if (inClear.length > 0) {
      throw new StackFileError(
        `Pulumi.${stack}.yaml: ${inClear.map((k) => `${CONFIG_NAMESPACE}:${k}`).join(", ")} stand${inClear.length === 1 ? "s" : ""} in clear; expected a secret (pulumi config set --secret --path ${inClear[0]} ...)`,
      );
    }
    applyProjectConfig(stack, project, values);
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const key of [...values.keys()].sort()) {
      const node = values.get(key) as ConfigNode;
      config[key] = programText(node, UNDECRYPTED_SECRET);
      if (isSecure(node)) secretKeys.push(key);
    }
    return { project: project.name, stack, config, secretKeys };
  } catch (error) {
    if (error instanceof StackConfigError || error instanceof PropertyPathError) throw new StackFileError(error.message);
    throw error;
  }
}
