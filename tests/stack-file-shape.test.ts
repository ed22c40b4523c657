// What the stack file and `npm run render --set` get wrong in shape is said in the user's words: the key,
// and what to type. A map of settings given as one value is refused, never replaced by the defaults as the
// Pulumi CLI would replace it (render/stack-config.ts).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { groupGivenAsValueProblem } from "../config/read";
import { applyProjectConfig } from "../lib/pulumi-config/merge";
import { programText } from "../lib/pulumi-config/value";
import { PROJECT_DIR } from "../project-dir";
import { readProject, readStackConfig, readStackValues, StackFileError } from "../render/stack-config";
import { runnerArgs, runnerEnv, runtimeOptions } from "../scripts/pulumi-runner";
import { stackFilePath } from "../lib/pulumi-config/stack-file";
import { loadConfig } from "../config/load";
import { ConfigError } from "../config/problems";
import { cliConfig, MINIMAL_SETTINGS } from "./helpers/cli-config";
import { MINIMAL_STACK_FILE, projectWithStack } from "./helpers/stack-config";

const stackDir = (extra: string): string => projectWithStack("dev", MINIMAL_STACK_FILE + extra);

const refusal = (dir: string, sets: string[] = [], stack = "dev"): string => {
  try {
    readStackConfig(dir, stack, sets);
  } catch (error) {
    expect(error).toBeInstanceOf(StackFileError);
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
};

describe("a map of settings given as one value", () => {
  it.each([
    ["  obkm:caching: '{\"senario\":2}'\n", "obkm:caching", "scenario"],
    ["  obkm:userStore: ldap\n", "obkm:userStore", "type"],
    ["  obkm:networkPolicy: false\n", "obkm:networkPolicy", "enabled"],
  ])("is refused in the stack file, naming the key and the map to type: %s", (line, key, field) => {
    const message = refusal(stackDir(line));
    expect(message).toMatch(
      new RegExp(`^Pulumi\\.dev\\.yaml: ${key}: a single value where a map of settings belongs; expected a map with the fields .*\\b${field}\\b`),
    );
    expect(message).toMatch(/because the Pulumi CLI would replace the value by the defaults$/);
  });

  it("is refused without showing the value, which may hold a password", () => {
    expect(refusal(stackDir("  obkm:keystores: 'signing: {passwordSecret: S3cret-value}'\n"))).not.toContain("S3cret-value");
  });

  it.each([["caching=2"], ["caching[0]=1"], ["userStore=ldap"]])("is refused as --set %s, naming the fields", (set) => {
    expect(refusal(stackDir(""), [set])).toMatch(
      /^--set \w+(\[0\])?: \w+ is a map of settings; expected one of its fields, such as --set \w+\.\w+=VALUE$/,
    );
  });
});

describe("a --set path the CLI cannot follow", () => {
  it("below a single value: names the value's key and the form to type", () => {
    expect(refusal(stackDir("  obkm:caching:\n    scenario: 2\n"), ["caching.scenario.x=1"])).toBe(
      "--set caching.scenario.x: caching.scenario is a single value, not a map; expected caching.scenario=VALUE, without a path below it",
    );
  });

  it("a name where a list needs an index, and an index past the end: says which index to type", () => {
    const dir = stackDir("  obkm:ingress:\n    consoleAllowedCidrs:\n      - 10.0.0.0/8\n");
    expect(refusal(dir, ["ingress.consoleAllowedCidrs.first=10.1.0.0/16"])).toBe(
      "--set ingress.consoleAllowedCidrs.first: ingress.consoleAllowedCidrs is a list; expected an index in brackets, such as ingress.consoleAllowedCidrs[0]",
    );
    expect(refusal(dir, ["ingress.consoleAllowedCidrs[5]=10.1.0.0/16"])).toBe(
      "--set ingress.consoleAllowedCidrs[5]: ingress.consoleAllowedCidrs has 1 entry; expected an index from 0 to 1 (1 adds one at the end)",
    );
  });

  it("an index where a map needs a name: names its fields", () => {
    expect(refusal(stackDir("  obkm:caching:\n    scenario: 2\n"), ["caching[0]=1"])).toMatch(
      /^--set caching\[0\]: caching is a map; expected a field name, one of .*scenario/,
    );
  });

  it("a stack file map holding a value where a map belongs: names the key and its fields", () => {
    // MINIMAL ends with obkm:database's fields: this adds am, a datasource's map, as a single value.
    expect(refusal(stackDir("    am: x\n"))).toBe(
      "Pulumi.dev.yaml: obkm:database.am holds a single value where a map belongs; expected a map with the fields host, name, password, port, username",
    );
  });
});

describe("--stack", () => {
  it.each([
    ["Pulumi.prod.yaml", "a stack file's path; expected a stack's name, such as prod"],
    ["./Pulumi.prod.yaml", "a stack file's path; expected a stack's name, such as prod"],
    ["stacks/prod", "not a stack's name; expected a stack's name, such as dev"],
  ])("refuses %s, saying what to type", (stack, words) => {
    expect(refusal(PROJECT_DIR, [], stack)).toBe(
      `--stack ${stack}: ${words} (the render reads Pulumi.${stack.includes("prod.yaml") ? "prod" : "dev"}.yaml beside Pulumi.yaml)`,
    );
  });
});

// Under `pulumi up` the CLI's merge replaces a map of settings given as one value by a map of the defaults
// before it writes PULUMI_CONFIG (pulumi/pulumi v3.248.0 sdk/go/common/resource/config/object.go Set, ported
// in lib/pulumi-config/value.ts setAt), so the program reads the stack file where the CLI keeps it. Run as the
// CLI runs it: Pulumi's own runner with the language host's flags and environment (scripts/pulumi-runner.ts).
describe("a map of settings given as one value, under Pulumi's runner", () => {
  const STACK = "dev";
  // Plain text (`pulumi config set caching text`), and JSON of a map kept as text, which the CLI never parses.
  const dir = stackDir('  obkm:caching: text\n  obkm:userStore: \'{"type":"ldap"}\'\n');
  const expected = [groupGivenAsValueProblem("caching"), groupGivenAsValueProblem("userStore")];
  // What the CLI hands the program: the stack file with Pulumi.yaml's declarations merged in, as pulumi up merges them.
  const values = readStackValues(path.join(dir, `Pulumi.${STACK}.yaml`));
  applyProjectConfig(STACK, readProject(dir), values);
  const config = Object.fromEntries([...values].map(([key, node]) => [key, programText(node, "")]));
  const stack = { project: "obkm", stack: STACK, config, secretKeys: [] };

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reaches the program as the defaults, not as what was typed", () => {
    expect(JSON.parse(config["obkm:caching"]).scenario).toBe(1);
    expect(JSON.parse(config["obkm:userStore"]).type).toBe("jdbc");
  });

  it("stops the program before its first resource with the render's lines, naming the key and the command to type", () => {
    // A process of Pulumi's own runner: the stack file is found through the runner's --root-directory, which
    // the SDK hands the program (pulumi.runtime.getRootDirectory); no render in process has one.
    const run = spawnSync(process.execPath, runnerArgs(PROJECT_DIR, stack, undefined, dir), {
      cwd: PROJECT_DIR,
      env: { ...process.env, ...runnerEnv(stack, runtimeOptions(PROJECT_DIR)), OBKM_RUNNER_LOG_REGISTRATIONS: "1" },
      encoding: "utf8",
    });
    expect(run.status).not.toBe(0);
    for (const problem of expected) {
      expect(run.stderr).toContain(`Pulumi.${STACK}.yaml: ${problem}`);
      expect(refusal(dir)).toContain(problem);
    }
    expect(expected[0]).toContain("(pulumi config set --path caching.");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // The runner's own Stack resource only (cmd/run), none of the program's: tests/clear-secrets.test.ts sees them registered.
    expect(run.stdout.split("\n").filter((line) => line.startsWith("registered "))).toEqual(["registered pulumi:pulumi:Stack"]);
  });
});

describe("a map of settings given as one value, where the program reads it", () => {
  it("is found where the CLI keeps the stack file: beside Pulumi.yaml, or in the folder its stackConfigDir names", () => {
    const dir = stackDir("");
    expect(stackFilePath(dir, "dev")).toBe(path.join(dir, "Pulumi.dev.yaml"));
    fs.appendFileSync(path.join(dir, "Pulumi.yaml"), "stackConfigDir: stacks\n");
    expect(stackFilePath(dir, "dev")).toBe(path.join(dir, "stacks", "Pulumi.dev.yaml"));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is refused by the loader with the same line, without the value, which may hold a password", () => {
    // The texts as a program gets them from another caller than the CLI (api.ts planFromConfigTexts): no merge.
    const texts = { ...cliConfig(MINIMAL_SETTINGS), "obkm:keystores": "signing: {passwordSecret: S3cret-value}", "obkm:caching": "[2]" };
    let problems: string[] = [];
    try {
      loadConfig(texts, { stack: "dev", projectDir: PROJECT_DIR });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect([...problems].sort()).toEqual([groupGivenAsValueProblem("caching"), groupGivenAsValueProblem("keystores")]);
    expect(problems.join("\n")).not.toContain("S3cret-value");
  });
});
