// A stack's configuration exactly as the Pulumi CLI would hand it to the program: Pulumi.<stack>.yaml, the
// render's --set overrides applied as `pulumi config set --path` applies them, then Pulumi.yaml's
// declarations merged and checked as `pulumi preview` does (see pulumi-config/merge.ts), and last the texts
// of pulumi.runtime's config map.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { configKeys, KeySpec } from "../config/keys";
import { CONFIG_NAMESPACE } from "../config/problems";
import { applyProjectConfig, getPath, parseConfigPathKey, setPath, StackConfigError, StackValues } from "../lib/pulumi-config/merge";
import { projectConfigOf, ProjectConfig, ProjectConfigError } from "../lib/pulumi-config/project";
import { parsePropertyPath, PathShape, PathStep, PropertyPathError } from "../lib/pulumi-config/property-path";
import { fieldsOf, GROUPS, groupsGivenAsValues } from "../config/read";
import { ConfigNode, isSecure, programText, Secure } from "../lib/pulumi-config/value";
import { parseYamlCached } from "./yaml-cache";
import { configOfStackFile, stackFileValues } from "../lib/pulumi-config/stack-file";

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
  const config = configOfStackFile(parsed);
  if (!config) throw new StackFileError(`${path.basename(stackFile)}: config must be a map`);
  return stackFileValues(config);
}

/**
 * `KEY=VALUE` of --set: KEY a property path as `pulumi config set --path` reads it (its namespace obkm: unless it
 * names another), VALUE the text `pulumi config set` would get.
 */
function parseSet(projectName: string, assignment: string): { key: string; namespace: string; path: PathStep[]; value: string } {
  const eq = assignment.indexOf("=");
  // Not echoed: an argument without '=' may be a value typed in the wrong place, a password among them.
  if (eq <= 0) throw new StackFileError(`--set: an argument without '='; expected KEY=VALUE, such as replicas=3 or caching.scenario=2`);
  const key = assignment.slice(0, eq);
  try {
    // With or without the project's namespace, as `pulumi config set --path` reads the key.
    const { namespace, name } = parseConfigPathKey(projectName, key);
    const steps = parsePropertyPath(name);
    if (steps.length === 0 || typeof steps[0] !== "string" || steps[0] === "") throw new PropertyPathError("expected a key name first");
    return { key, namespace, path: steps, value: assignment.slice(eq + 1) };
  } catch (error) {
    throw new StackFileError(
      `--set ${key}: not a config key path (${(error as Error).message}), such as caching.scenario or ingress.consoleAllowedCidrs[0]`,
    );
  }
}

/**
 * A path the CLI's merge cannot follow, in the user's words: which key holds what, and what to type instead
 * (the CLI's own message, such as "[caching scenario]: expected a map", names neither).
 */
function pathProblem(shape: PathShape): string {
  const at = dotted(shape.at);
  const fields = GROUPS.has(at) ? fieldsOf(at) : [];
  switch (shape.kind) {
    case "not-container":
      return GROUPS.has(at)
        ? `${at} holds a single value where a map belongs; expected a map with the fields ${fields.join(", ")}`
        : `${at} is a single value, not a ${shape.wanted}; expected ${at}=VALUE, without a path below it`;
    case "list-needs-index":
      return `${at} is a list; expected an index in brackets, such as ${at}[0]`;
    case "map-needs-name":
      return `${at} is a map; expected a field name${fields.length ? `, one of ${fields.join(", ")}` : ""}, such as ${at}.${fields[0] ?? "NAME"}`;
    case "index-out-of-range":
      return `${at} has ${shape.length} ${shape.length === 1 ? "entry" : "entries"}; expected an index from 0 to ${shape.length} (${shape.length} adds one at the end)`;
  }
}

/** A declared type (as the CLI names it) in words, with the form to type. */
function typeInWords(key: string, type: string): string {
  if (type.startsWith("array")) return `a list, such as --set ${key}[0]=VALUE, or a YAML list under the key in the stack file`;
  if (type === "integer") return `an integer, such as --set ${key}=2`;
  if (type === "boolean") return `true or false, such as --set ${key}=true`;
  return `a single value of text, such as --set ${key}=VALUE`;
}

function isMapNode(node: ConfigNode): boolean {
  return typeof node === "object" && node !== null && !Array.isArray(node) && !(node instanceof Secure);
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

/** A stack's name as Pulumi takes it (sdk/go/common/tokens: letters, digits, '-', '_' and '.'); never a path. */
function stackNameProblem(stack: string): string | undefined {
  if (/^[A-Za-z0-9_.-]{1,100}$/.test(stack) && !/^Pulumi\..*\.ya?ml$/.test(stack)) return undefined;
  const named = /(?:^|\/)Pulumi\.([A-Za-z0-9_.-]+)\.ya?ml$/.exec(stack)?.[1];
  return `--stack ${stack}: ${named ? "a stack file's path" : "not a stack's name"}; expected a stack's name, such as ${named ?? "dev"} (the render reads Pulumi.${named ?? "dev"}.yaml beside Pulumi.yaml)`;
}

export function readStackConfig(projectDir: string, stack: string, sets: string[] = []): StackConfig {
  const badName = stackNameProblem(stack);
  if (badName) throw new StackFileError(badName);
  const project = readProject(projectDir);
  const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(stackFile)) throw new StackFileError(`no stack file ${path.basename(stackFile)} for stack ${stack}`);
  try {
    const values = readStackValues(stackFile);
    const fromFile = groupsGivenAsValues(values);
    if (fromFile.length > 0) throw new StackFileError(`Pulumi.${stack}.yaml: ${fromFile.join("; ")}`);
    for (const { key, namespace, path: steps, value } of sets.map((set) => parseSet(project.name, set))) {
      // Another namespace's key (a provider's, say) is set as the CLI sets it, and none of our rules apply:
      // the program reads none.
      const ours = namespace === CONFIG_NAMESPACE;
      if (ours && steps.length === 1 && typeof steps[0] === "string" && GROUPS.has(steps[0])) {
        const fields = fieldsOf(steps[0]);
        throw new StackFileError(`--set ${key}: ${key} is a map of settings; expected one of its fields, such as --set ${key}.${fields[0]}=VALUE`);
      }
      // A --set of a secret key stands for `pulumi config set --secret --path`: encrypted, and known to the render.
      const node: ConfigNode = ours && SECRET_KEYS.includes(dotted(steps)) ? new Secure("", value) : value;
      try {
        setPath(values, namespace, steps, node, node instanceof Secure);
      } catch (error) {
        if (error instanceof PropertyPathError && error.shape) throw new StackFileError(`--set ${key}: ${pathProblem(error.shape)}`);
        throw error;
      }
      // A map of settings made a list by an index (caching[0]=...), which the CLI's defaults would then replace.
      const root = steps[0] as string;
      if (ours && GROUPS.has(root) && !isMapNode(values.get(`${CONFIG_NAMESPACE}:${root}`) as ConfigNode)) {
        throw new StackFileError(
          `--set ${key}: ${root} is a map of settings; expected one of its fields, such as --set ${root}.${fieldsOf(root)[0]}=VALUE`,
        );
      }
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
    if ((error instanceof PropertyPathError || error instanceof StackConfigError) && error.shape) {
      throw new StackFileError(`Pulumi.${stack}.yaml: ${CONFIG_NAMESPACE}:${pathProblem(error.shape)}`);
    }
    const typed = error instanceof StackConfigError ? /^Stack '.+' with configuration key '(.+)' must be of type '(.+)'$/.exec(error.message) : null;
    if (typed) throw new StackFileError(`${CONFIG_NAMESPACE}:${typed[1]}: not of its declared type; expected ${typeInWords(typed[1], typed[2])}`);
    if (error instanceof StackConfigError || error instanceof PropertyPathError) throw new StackFileError(error.message);
    throw error;
  }
}
