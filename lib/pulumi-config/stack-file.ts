// A stack's own config file, where the Pulumi CLI keeps it and as it reads it, before Pulumi.yaml's defaults
// are merged in. The render reads it to apply the CLI's merge itself; the program under `pulumi up` reads it
// for what the merge hides: a map of settings given as one value, which the CLI silently replaces by a map of
// the defaults (pulumi/pulumi v3.248.0 sdk/go/common/resource/config/object.go Set, the "COMPAT" branch:
// at the first level a value that is no container is overwritten by a new one).
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { parseConfigKey, StackValues } from "./merge";
import { fromYaml } from "./value";

/**
 * Where the CLI reads a stack's config by default: Pulumi.<stack>.yaml beside Pulumi.yaml, or in the folder
 * Pulumi.yaml names as stackConfigDir (pulumi/pulumi v3.248.0 sdk/go/common/workspace/paths.go
 * DetectProjectStackPath). `pulumi up --config-file` reads another file, which a program is not told of.
 * Pulumi.yaml is parsed only when it mentions stackConfigDir, as most projects' does not; undefined without one.
 */
export function stackFilePath(projectDir: string, stack: string): string | undefined {
  const projectFile = path.join(projectDir, "Pulumi.yaml");
  if (!fs.existsSync(projectFile)) return undefined;
  const projectText = fs.readFileSync(projectFile, "utf8");
  const dir = /^stackConfigDir\s*:/m.test(projectText) ? (YAML.parse(projectText) as { stackConfigDir?: unknown })?.stackConfigDir : undefined;
  return path.join(projectDir, typeof dir === "string" ? dir : "", `Pulumi.${stack}.yaml`);
}

/** A stack file's `config:` map, or undefined when the document holds something else there. */
export function configOfStackFile(document: unknown): Record<string, unknown> | undefined {
  const config = (document as { config?: unknown } | null)?.config ?? {};
  return typeof config === "object" && config !== null && !Array.isArray(config) ? (config as Record<string, unknown>) : undefined;
}

/** A stack file's `config:` as the CLI loads it: keys normalised to `ns:name`, `{secure: ...}` kept encrypted. */
export function stackFileValues(config: Record<string, unknown>): StackValues {
  const values: StackValues = new Map();
  for (const [key, value] of Object.entries(config)) {
    const { namespace, name } = parseConfigKey(key);
    values.set(`${namespace}:${name}`, fromYaml(value));
  }
  return values;
}
