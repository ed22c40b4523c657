// Every `pulumi config set` the docs and the workflows write reaches the key the program reads, as the CLI
// stores it: a key under a path needs --path (without it the CLI stores one flat key of that name, which it
// never looks up for the declared path: config/read.ts refuses it), a map of settings or a list is set one
// field or one item at a time, and a password with --secret. The key is read as the CLI reads it (pulumi/
// pulumi v3.248.0 pkg/cmd/pulumi/config/io.go ParseConfigKey: the project's namespace where it names none,
// and with --path the namespace on the top-level key alone; lib/pulumi-config/merge.ts ports it).
import * as fs from "fs";
import * as path from "path";
import { configKeys, KeySpec, keyNames } from "../config/keys";
import { CONFIG_NAMESPACE } from "../config/problems";
import { GROUPS } from "../config/read";
import { parseConfigKey, parseConfigPathKey } from "../lib/pulumi-config/merge";
import { parsePropertyPath } from "../lib/pulumi-config/property-path";
import { PROJECT_DIR } from "../project-dir";
import { COMMAND_DOC_FILES, shellWords } from "./helpers/doc-commands";

const SPECS = configKeys as Record<string, KeySpec>;

/** Each `pulumi config set ...` of a text, with its line: its words up to the end of the shell command, the code or the cell. */
function configSets(text: string): Array<{ lineNo: number; command: string; words: string[] }> {
  return text.split("\n").flatMap((lineText, i) =>
    [...lineText.matchAll(/pulumi config set((?: [^`|#;&)\s]+)*)/g)].map((m) => ({
      lineNo: i + 1,
      command: m[0],
      words: shellWords(m[1]),
    })),
  );
}

/** What is wrong with `pulumi config set WORDS` for the program, by the rules above; undefined when nothing. */
function configSetProblem(words: string[]): string | undefined {
  const flags = new Set(words.filter((w) => w.startsWith("--")));
  const [key] = words.filter((w) => !w.startsWith("--"));
  const byPath = flags.has("--path");
  const { namespace, name } = byPath
    ? parseConfigPathKey(CONFIG_NAMESPACE, key)
    : parseConfigKey(key.includes(":") ? key : `${CONFIG_NAMESPACE}:${key}`);
  if (namespace !== CONFIG_NAMESPACE) return `${key}: not a key of ${CONFIG_NAMESPACE}`;
  const steps = byPath ? parsePropertyPath(name) : [name];
  const indexed = typeof steps[steps.length - 1] === "number";
  const declared = steps.filter((s): s is string => typeof s === "string").join(".");
  if (!byPath && name.includes(".") && SPECS[name]) return `${key}: a key under a path, which the CLI stores flat without --path`;
  if (GROUPS.has(declared)) return `${key}: a map of settings, set one field at a time`;
  const spec = SPECS[declared];
  if (!spec) return `${key}: no such key`;
  if (spec.type === "array" && !indexed) return `${key}: a list, set one item at a time (--path '${declared}[0]')`;
  if (indexed && spec.type !== "array") return `${key}: an index into a key that is no list`;
  if (Boolean(spec.secret) !== flags.has("--secret"))
    return `${key}: ${spec.secret ? "a secret, set with --secret" : "no secret, set without --secret"}`;
  return undefined;
}

/** Commands the docs show as what not to type, each with the refusal the text beside it describes. */
const SHOWN_AS_REFUSED: Readonly<Record<string, string>> = {
  "pulumi config set adminPassword x": "a secret, set with --secret",
  "pulumi config set caching 2": "a map of settings, set one field at a time",
  "pulumi config set imagePullSecrets x": "a list, set one item at a time",
};

/** A word standing for a key, not a key: the synopsis's KEY, a <placeholder>. */
const isPlaceholder = (word: string | undefined) => word === undefined || /^[A-Z]+$|^</.test(word);

describe("the `pulumi config set` commands the docs and the workflows write", () => {
  const uses = COMMAND_DOC_FILES.flatMap((file) =>
    configSets(fs.readFileSync(path.join(PROJECT_DIR, file), "utf8"))
      .filter(({ words }) => !isPlaceholder(words.find((w) => !w.startsWith("--"))))
      .map((use) => ({ ...use, at: `${file}:${use.lineNo}` })),
  );

  it("are found, with and without --path and --secret", () => {
    expect(uses.length).toBeGreaterThan(20);
    expect(uses.some(({ words }) => words.includes("--path") && words.includes("--secret"))).toBe(true);
  });

  it("each reach the key the program reads, as the CLI stores it", () => {
    const wrong = uses
      .filter(({ command }) => !(command.trim() in SHOWN_AS_REFUSED))
      .flatMap(({ at, command, words }) => {
        const problem = configSetProblem(words);
        return problem ? [`${at}: ${command.trim()}: ${problem}`] : [];
      });
    expect(wrong).toEqual([]);
  });

  it("show as refused only what the rules refuse, for the reason the text gives", () => {
    for (const [command, reason] of Object.entries(SHOWN_AS_REFUSED)) {
      expect(uses.map((u) => u.command.trim())).toContain(command);
      expect(configSetProblem(command.split(" ").slice(3))).toContain(reason);
    }
  });

  it("hold the rules to the CLI's storage: a path key without --path, a map, a list, a missing --secret", () => {
    expect(configSetProblem(["rollout.canaryNodes", "1"])).toMatch(/stores flat without --path/);
    expect(configSetProblem(["--path", "rollout.canaryNodes", "1"])).toBeUndefined();
    expect(configSetProblem(["--path", "obkm:rollout.canaryNodes", "1"])).toBeUndefined();
    expect(configSetProblem(["--path", "caching", "2"])).toMatch(/a map of settings/);
    expect(configSetProblem(["--path", "ingress.consoleAllowedCidrs", "10.0.0.0/8"])).toMatch(/a list/);
    expect(configSetProblem(["--path", "ingress.consoleAllowedCidrs[0]", "10.0.0.0/8"])).toBeUndefined();
    expect(configSetProblem(["--path", "database.password", "x"])).toMatch(/a secret, set with --secret/);
    expect(configSetProblem(["--secret", "--path", "database.password", "x"])).toBeUndefined();
    expect(configSetProblem(["replicas", "3"])).toBeUndefined();
    expect(configSetProblem(["--path", "replicaz", "3"])).toMatch(/no such key/);
    expect(configSetProblem(["--path", "kubernetes:context", "x"])).toMatch(/not a key of obkm/);
    // Every declared key is reachable by the form the rules ask for.
    for (const key of keyNames) {
      const spec = SPECS[key];
      const words = [...(spec.secret ? ["--secret"] : []), "--path", spec.type === "array" ? `${key}[0]` : key, "x"];
      expect([key, configSetProblem(words)]).toEqual([key, undefined]);
    }
  });
});
