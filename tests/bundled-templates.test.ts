// A stack other than dev renders the project's own templates (written for the stock pack) over the image's
// files only when it says so: it names its pack's repository/conf (configTemplates) or sets
// acceptBundledTemplates (config/template-checks.ts); the prod example says so, with a comment.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { loadConfig } from "../config/load";
import { ConfigError } from "../config/problems";
import { PROJECT_DIR } from "../project-dir";
import { cliConfig, INTERNET_BY_PROXY, MINIMAL_SETTINGS } from "./helpers/cli-config";

const BANK = {
  ...MINIMAL_SETTINGS,
  ...INTERNET_BY_PROXY,
  "obkm:cluster.context": "prod-cluster",
  "obkm:cluster.identifier": "test-cluster-id",
  "obkm:keystores.signing.secret": "bank-signing",
  "obkm:keystores.signing.alias": "ob",
  "obkm:keystores.signing.kid": "ob-signing-1",
};

function problemsOn(stack: string, settings: Record<string, string>): string[] {
  try {
    loadConfig(cliConfig({ ...BANK, ...settings }, stack), { stack, projectDir: PROJECT_DIR });
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
}

describe("a stack without configTemplates", () => {
  it.each(["prod", "staging", "uat"])("is refused on %s, naming configTemplates and the key that accepts the bundled templates", (stack) => {
    expect(problemsOn(stack, {})).toEqual([
      `obkm:configTemplates: empty on stack ${stack}; expected the repository/conf of the pack the image carries (such as ../obkm-pack/repository/conf), because the bundled templates are the stock pack's and every node would run them over the image's own files whatever its update level (set obkm:acceptBundledTemplates to true to use them knowingly)`,
    ]);
  });

  it("is accepted when it says it means the bundled templates, or names its pack's", () => {
    expect(problemsOn("prod", { "obkm:acceptBundledTemplates": "true" })).toEqual([]);
    expect(problemsOn("prod", { "obkm:configTemplates": "config-templates" })).toEqual([]);
  });

  it("is accepted on a dev stack, which may run the bundled templates", () => {
    expect(problemsOn("dev", {})).toEqual([]);
    expect(problemsOn("dev-alice", {})).toEqual([]);
  });

  it("is how the prod example runs: it says so in the stack file, with a comment that says why", () => {
    const text = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.prod.yaml"), "utf8");
    const config = (YAML.parse(text) as { config: Record<string, unknown> }).config;
    expect(config["obkm:configTemplates"]).toBeUndefined();
    expect(config["obkm:acceptBundledTemplates"]).toBe(true);
    expect(text).toMatch(/# [^\n]*project's templates[^\n]*\n(?:\s*#[^\n]*\n)*\s*obkm:acceptBundledTemplates: true/);
  });
});
