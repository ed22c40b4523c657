// A stack's plan from its config texts, without the Pulumi SDK: everything api.ts's planFromConfigTexts
// does except making Pulumi secrets of the supplied passwords. The tests plan through this, and so load
// no SDK unless they render.
import { loadConfig, ObkmConfig } from "./config/load";
import { ConfigError } from "./config/problems";
import { CONFIG_NAMESPACE } from "./config/problems";
import type { ObkmSettings } from "./config/settings.generated";
import { LoadOptions, SecretValues } from "./config/types";
import { buildPlan, Plan } from "./plan";
import { templateSources } from "./plan/templates";
import { adminPasswordProblems } from "./plan/user-store-patterns";
import { unpinnedImageProblems } from "./plan/image-pins";
import { APIM_TEMPLATE_SOURCE, readTemplates } from "./xml/templates";
import { editorBundle } from "./editor/bundle";
import { ConfigNode, programText } from "./lib/pulumi-config/value";

export interface PlannedStack {
  config: ObkmConfig;
  plan: Plan;
  /** Supplied passwords in clear: only ever for api.ts to wrap as secrets. */
  secrets: SecretValues;
  /** Accepted risks the caller should tell its user about (pulumi.log.warn). */
  warnings: string[];
}

/**
 * Plans a cluster from config texts as the Pulumi CLI hands them to a program (full key to text, a map as
 * JSON). Validates everything first: a ConfigError lists every problem before anything is created.
 */
export function planStackFromTexts(texts: Record<string, string>, options: LoadOptions): PlannedStack {
  const { config, secrets, warnings } = loadConfig(texts, options);
  // The plan's only input from disk, read once here: the template files it edits.
  const sources = templateSources(config);
  const templates = {
    km: readTemplates(sources.km.dir, sources.km.files, sources.km.optional),
    editor: editorBundle,
    ...(sources.apim ? { apim: readTemplates(sources.apim.dir, sources.apim.files, sources.apim.optional, APIM_TEMPLATE_SOURCE) } : {}),
  };
  const plan = buildPlan(config, templates);
  const adminProblems = adminPasswordProblems(plan.userStorePatterns, secrets.adminPassword);
  if (adminProblems.length) throw new ConfigError(adminProblems);
  const imageProblems = unpinnedImageProblems(plan, config, options.stack);
  if (imageProblems.length) throw new ConfigError(imageProblems);
  return { config, plan, secrets, warnings: [...warnings, ...plan.warnings] };
}

/**
 * The texts the Pulumi CLI would hand a program whose stack file held these settings under `obkm:`: a string as
 * it is, anything else as JSON with each map's keys in Go's order (programText, which the render uses for the
 * CLI's own texts). A top-level key set to undefined is left out, as the type's optional keys allow; inside a
 * map, JSON leaves it out too. Values of other types than ObkmSettings says pass on as they are, for the
 * loader to refuse with the key, as a stack file's would be; so is a required key left out (hence Partial).
 */
export function configTextsOf(settings: Partial<ObkmSettings>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(settings)
      .filter(([, value]) => value !== undefined)
      // Settings hold what a stack file's YAML holds (text, numbers, booleans, lists, maps): ConfigNodes.
      .map(([key, value]) => [`${CONFIG_NAMESPACE}:${key}`, programText(value as ConfigNode, "")]),
  );
}
