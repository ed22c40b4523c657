// A committed stack's plan with --set overrides, straight from the pure plan: no mock engine, so a test of
// one decision of the plan costs a tenth of a render.
import { planStackFromTexts } from "../../plan-from-config";
import { Credentials } from "../../plan/credentials";
import { PROJECT_DIR } from "../../project-dir";
import { stackConfig } from "./stack-config";

export const plannedOf = (sets: string[], stack = "prod") => planStackFromTexts(stackConfig(stack, sets).config, { stack, projectDir: PROJECT_DIR });

export const planOf = (sets: string[], stack = "prod") => plannedOf(sets, stack).plan;

/** Stand-in credentials, for the secret files the plan renders inside an apply. */
export const SOME_CREDENTIALS: Credentials = {
  datasourcePasswords: { um: "p", am: "p", config: "p", reg: "p", common: "p", ob: "p" },
  adminPassword: "p",
  revisionKey: "k",
};

/** A node file as the plan renders it for the Secret of files that hold passwords. */
export const secretNodeFile = (sets: string[], file: string, stack = "prod") =>
  planOf(sets, stack)
    .secrets(SOME_CREDENTIALS)
    .secretNodeFiles.find((f) => f.path === file)?.content;
