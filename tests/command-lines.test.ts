// Every command package.json runs (a script whose command starts a scripts/*.ts file) takes its command line
// as scripts/command-line.ts says: --help prints its usage and exit codes and ends 0; an option it does not
// know, an option without its value, a value given to a flag, an argument it does not take, are each refused
// before the command does anything, in one line that names what is wrong and shows the usage, with the exit
// code the command declares for it, never a trace. And every `npm run NAME -- ...` the docs and the
// workflows write either is the command's usage, word for word, or is a command line the command takes.
import * as fs from "fs";
import * as path from "path";
import { CommandLine, lineCommand, LinedCommand, parseCommandLine, usageOf } from "../scripts/command-line";
import { PROJECT_DIR } from "../project-dir";
import { COMMAND_DOC_FILES, shellWords } from "./helpers/doc-commands";
import { runCommand } from "./helpers/render-command";

const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")).scripts;

/** The npm scripts that start a file of scripts/, with the command that file exports. */
const COMMANDS = Object.entries(scripts)
  .map(([name, run]) => ({ name, file: /\bscripts\/[\w-]+\.ts\b/.exec(run)?.[0] }))
  .filter((c): c is { name: string; file: string } => c.file !== undefined)
  .map(({ name, file }) => {
    const exported = Object.values(require(path.join(PROJECT_DIR, file)) as Record<string, unknown>).filter(
      (value): value is LinedCommand => typeof value === "function" && "commandLine" in value,
    );
    return { name, file, exported };
  });

const byName = new Map(COMMANDS.map((c) => [c.name, c.exported[0]?.commandLine]));

describe("the commands' command lines", () => {
  it("finds the commands package.json runs", () => {
    // The project's commands as README.md and docs/operations.md present them; a script added later joins by itself.
    expect(COMMANDS.map((c) => c.name)).toEqual(
      expect.arrayContaining(["render", "diff", "diff-comment", "bench", "sync-config", "migrate-config", "import-file", "component-schema"]),
    );
  });

  it.each(COMMANDS)("$file exports one command, with npm run $name's command line", ({ name, exported }) => {
    expect(exported).toHaveLength(1);
    const line = exported[0].commandLine;
    expect(line.name).toBe(name);
    // The refusal's code is one the command documents.
    expect(Object.keys(line.exits)).toContain(String(line.refused));
  });

  it.each(COMMANDS)("npm run $name -- --help prints the usage and the exit codes, and ends 0", async ({ exported }) => {
    const line = exported[0].commandLine;
    for (const help of ["--help", "-h"]) {
      const run = await runCommand(exported[0], [help]);
      expect([run.status, run.stderr]).toEqual([0, ""]);
      expect(run.stdout.split("\n")[0]).toBe(`usage: ${usageOf(line)}`);
      expect(run.stdout).toContain(line.about);
      for (const [code, meaning] of Object.entries(line.exits)) expect(run.stdout).toContain(`  ${code}  ${meaning}\n`);
    }
  });

  /** Command lines each command refuses, made from its own options: what is wrong with each, as the refusal says it. */
  function badLines(line: CommandLine): Array<[string[], string]> {
    const bad: Array<[string[], string]> = [
      [["--no-such-option"], "unknown option --no-such-option"],
      [["-q"], "unknown option -q"],
      // A name every object inherits is no option.
      [["--constructor"], "unknown option --constructor"],
      [["stray"], 'unexpected argument "stray"'],
      [["--", "--stack"], 'unexpected argument "--stack"'],
    ];
    // With everything else given, each option it requires left out (the others given as placeholders).
    for (const name of line.required ?? []) {
      const others = (line.required ?? []).filter((other) => other !== name).flatMap((other) => [`--${other}`, "x"]);
      bad.push([others, `--${name} is required`]);
    }
    for (const [name, option] of Object.entries(line.options)) {
      if (option.type === "boolean") bad.push([[`--${name}=yes`], `--${name} takes no value`]);
      else {
        bad.push([[`--${name}`], `--${name} needs a value`]);
        // A value that is another option is taken for a forgotten one, as node's strict parseArgs takes it.
        bad.push([[`--${name}`, "--help"], `--${name} needs a value`]);
        if (!option.multiple) bad.push([[`--${name}=a`, `--${name}=b`], `--${name} is given more than once`]);
      }
    }
    return bad;
  }

  it.each(COMMANDS)("npm run $name refuses a bad command line in one line, with its usage and its code", async ({ exported }) => {
    const line = exported[0].commandLine;
    for (const [argv, problem] of badLines(line)) {
      const run = await runCommand(exported[0], argv);
      expect({ argv, status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
        argv,
        status: line.refused,
        stdout: "",
        stderr: `${line.name}: ${problem}${problem.endsWith("needs a value") ? ` (a value that starts with a dash goes as ${argv[0]}=-VALUE)` : ""}; usage: ${usageOf(line)}\n`,
      });
    }
  });
});

describe("lineCommand", () => {
  class Theirs extends Error {}
  const line: CommandLine = {
    name: "t",
    synopsis: "",
    about: "A test command.",
    options: {},
    exits: { 0: "ok", 3: "refused" },
    refused: 3,
    userErrors: [Theirs],
  };

  it("ends an error of the user's as it ends a refused command line: one line naming the command, and its refusal code", async () => {
    const run = await runCommand(
      lineCommand(line, () => {
        throw new Theirs("no stack file Pulumi.x.yaml");
      }),
      [],
    );
    expect([run.status, run.stdout, run.stderr]).toEqual([3, "", "t: no stack file Pulumi.x.yaml\n"]);
  });

  it("lets any other error through, with its trace: it is the command's bug", async () => {
    const bug = lineCommand(line, () => {
      throw new TypeError("x is undefined");
    });
    await expect(runCommand(bug, [])).rejects.toThrow(TypeError);
  });

  it("refuses migrate-config's missing stack file that way: exit 2 and one line", async () => {
    const migrate = COMMANDS.find((c) => c.name === "migrate-config")!.exported[0];
    const run = await runCommand(migrate, ["--stack", "no-such-stack", "--check"]);
    expect([run.status, run.stdout, run.stderr]).toEqual([
      2,
      "",
      "migrate-config: no stack file Pulumi.no-such-stack.yaml for stack no-such-stack\n",
    ]);
  });
});

describe("parseCommandLine", () => {
  const line: CommandLine = {
    name: "x",
    synopsis: "[--stack NAME] [--set KEY=VALUE ...] [--preview]",
    about: "",
    options: { stack: { type: "string", default: "dev" }, set: { type: "string", multiple: true, default: [] }, preview: { type: "boolean" } },
    exits: { 0: "done", 1: "refused" },
    refused: 1,
  };

  it("gives each option its default, and what the command line says in its place", () => {
    expect(parseCommandLine(line, [])).toEqual({ help: false, values: { stack: "dev", set: [], preview: undefined } });
    expect(parseCommandLine(line, ["--stack=prod", "--set", "a=1", "--preview", "--set=b=-2", "--"])).toEqual({
      help: false,
      values: { stack: "prod", set: ["a=1", "b=-2"], preview: true },
    });
    // A value that starts with a dash, written as the refusal says.
    expect(parseCommandLine(line, ["--stack=-x"])).toEqual({ help: false, values: { stack: "-x", set: [], preview: undefined } });
  });

  it("does not share a default list between two command lines", () => {
    const first = parseCommandLine(line, ["--set", "a=1"]);
    expect(parseCommandLine(line, [])).toEqual({ help: false, values: { stack: "dev", set: [], preview: undefined } });
    expect(first).toEqual({ help: false, values: { stack: "dev", set: ["a=1"], preview: undefined } });
  });
});

/** Each `npm run NAME -- ARGS` of a text, with its line, ARGS ending where the shell's command or the Markdown cell or code ends. */
function npmRuns(text: string): Array<{ lineNo: number; name: string; args: string | undefined }> {
  const found: Array<{ lineNo: number; name: string; args: string | undefined }> = [];
  text.split("\n").forEach((lineText, i) => {
    for (const m of lineText.matchAll(/npm run(?: --silent| -s)? ([\w:-]+)(?: -- ([^`|#;&)]*))?/g))
      found.push({ lineNo: i + 1, name: m[1], args: m[2]?.trim() });
  });
  return found;
}

describe("the commands the docs and the workflows write", () => {
  const uses = COMMAND_DOC_FILES.flatMap((file) =>
    npmRuns(fs.readFileSync(path.join(PROJECT_DIR, file), "utf8"))
      // A command named in a sentence, `npm run diff`, is no command line.
      .filter((use): use is typeof use & { args: string } => byName.get(use.name) !== undefined && use.args !== undefined)
      .map((use) => ({ ...use, at: `${file}:${use.lineNo}` })),
  );

  it("finds them", () => {
    // README's own examples and the pull-request workflow's diff comment among them.
    expect(uses.map((u) => u.name)).toEqual(expect.arrayContaining(["render", "diff", "diff-comment", "bench"]));
  });

  it("writes each as the command's usage or as a command line it takes", () => {
    const wrong = uses.flatMap(({ at, name, args }) => {
      const line = byName.get(name)!;
      // A usage line: its optional parts in brackets.
      if (args.includes("[")) return `npm run ${name} -- ${args}` === usageOf(line) ? [] : [`${at}: not the usage ${usageOf(line)}`];
      try {
        parseCommandLine(line, shellWords(args));
        return [];
      } catch (error) {
        return [`${at}: npm run ${name} -- ${args}: ${(error as Error).message}`];
      }
    });
    expect(wrong).toEqual([]);
  });
});
