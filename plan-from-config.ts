// A stack's plan from its config texts, without the Pulumi SDK: everything api.ts's planFromConfigTexts
// does except making Pulumi secrets of the supplied passwords. The tests plan through this, and so load
// no SDK unless they render.
import { loadConfig, ObkmConfig } from "./config/load";
import { ConfigError } from "./config/problems";
import { SecretValues } from "./config/types";
import { buildPlan, Plan } from "./plan";
import { templateSources } from "./plan/templates";
import { adminPasswordProblems } from "./plan/user-store-rules";
import { readTemplates } from "./xml/templates";
import { editorBundle } from "./editor/bundle";

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
export function planStackFromTexts(texts: Record<string, string>, options: { stack: string; projectDir: string }): PlannedStack {
  const { config, secrets, warnings } = loadConfig(texts, options);
  // The plan's only input from disk, read once here: the template files it edits.
  const sources = templateSources(config);
  const templates = {
    km: readTemplates(sources.km.dir, sources.km.files, sources.km.optional),
    editor: editorBundle,
    ...(sources.apim ? { apim: readTemplates(sources.apim.dir, sources.apim.files) } : {}),
  };
  const plan = buildPlan(config, templates);
  const adminProblems = adminPasswordProblems(plan.userStoreRules, secrets.adminPassword);
  if (adminProblems.length) throw new ConfigError(adminProblems);
  return { config, plan, secrets, warnings: [...warnings, ...plan.warnings] };
}
