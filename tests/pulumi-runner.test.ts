// Pulumi's runner starts the program without checking types (pulumi-main.js, swc), and npm test still
// checks them all: each held to what its tool does.
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { PROJECT_DIR } from "../project-dir";
import { projectTypeScript } from "./helpers/import-graph";
import { SDK_PROMISE_STACK } from "../lib/sdk-promise-stacks";
import { projectCopy } from "./helpers/project-copy";
import { renderHeard } from "./helpers/render";
import { readStackConfig } from "../render/stack-config";
import { programEntry, runnerArgs, runnerEnv, runtimeOptions } from "../scripts/pulumi-runner";

/** What a project of its own needs of this one to start under the runner as this project starts: the entry and its hooks. */
const RUNNER_FILES = ["pulumi-main.js", "Pulumi.yaml", "scripts/ts-register.js", "lib/sdk-promise-stacks.ts"];

const TYPE_ERROR = 'const count: number = "three";\nexport const counted = count;\n';

/** A tsconfig file as tsc reads it, "extends" followed. */
function parsed(file: string): ts.ParsedCommandLine {
  const { config } = ts.readConfigFile(path.join(PROJECT_DIR, file), ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, PROJECT_DIR, undefined, path.join(PROJECT_DIR, file));
}

/** What tsc reports, before emitting, for a file of the project held in memory, under these options. */
function diagnosticsOf(source: string, options: ts.CompilerOptions): readonly ts.Diagnostic[] {
  const fileName = path.join(PROJECT_DIR, "in-memory.ts");
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, version, ...rest) =>
    name === fileName ? ts.createSourceFile(name, source, version) : getSourceFile.call(host, name, version, ...rest);
  host.fileExists = (name) => name === fileName || fileExists.call(host, name);
  host.readFile = (name) => (name === fileName ? source : readFile.call(host, name));
  return ts.getPreEmitDiagnostics(ts.createProgram({ rootNames: [fileName], options, host }));
}

describe("npm test's type check", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8"));

  it("is tsc with no project named, which reads tsconfig.json from the project's directory", () => {
    expect(pkg.scripts.test.split("&&")[0].trim()).toBe("tsc --noEmit");
  });

  it("reports a type error under tsconfig.json's options", () => {
    // tsconfig.json's options, but for the ambient packages (`types`: node's and jest's declarations), which
    // the snippet needs none of and which cost seconds to load: whether types are checked at all is asked.
    const options = { ...parsed("tsconfig.json").options, incremental: false, types: [] };
    expect(diagnosticsOf(TYPE_ERROR, options).map((d) => d.code)).toEqual([2322]);
  });

  it("covers every TypeScript file of the project, the program's among them, but the policy pack's", () => {
    const checked = new Set(parsed("tsconfig.json").fileNames.map((f) => path.resolve(f)));
    // The policy pack is a package of its own, checked by its own tsconfig.json (npm test --prefix policy).
    expect(projectTypeScript(PROJECT_DIR, ["policy"]).filter((f) => !checked.has(f))).toEqual([]);
    expect([...checked].filter((f) => f.includes(`${path.sep}node_modules${path.sep}`))).toEqual([]);
    expect(checked.has(path.join(PROJECT_DIR, "index.ts"))).toBe(true);
  });
});

describe("Pulumi's runner", () => {
  const options = runtimeOptions(PROJECT_DIR);
  const config = { project: "obkm", stack: "dev", config: {}, secretKeys: [] };
  const env = runnerEnv(config, options);

  /**
   * Runs `source` as the index.ts of a project of its own under the runner, set up as the CLI sets it up: this
   * project's entry point and hooks (RUNNER_FILES) beside it, and this project's packages (a link), so the
   * hook's cache is this project's too.
   */
  function runProgram(source: string): SpawnSyncReturns<string> {
    const dir = projectCopy("obkm-runner-", RUNNER_FILES);
    try {
      fs.writeFileSync(path.join(dir, "index.ts"), source);
      return spawnSync(process.execPath, runnerArgs(dir, config), {
        cwd: dir,
        env: { ...process.env, ...runnerEnv(config, runtimeOptions(dir)) },
        encoding: "utf8",
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it("loads no ts-node: Pulumi.yaml turns the typescript option off and names pulumi-main.js as the entry point", () => {
    expect(options).toEqual({ typescript: false, nodeargs: [] });
    // What cmd/run reads to register ts-node (run.ts line 260), and the tsconfig it would give it (line 268).
    expect(env.PULUMI_NODEJS_TYPESCRIPT).toBeUndefined();
    expect(env.PULUMI_NODEJS_TSCONFIG_PATH).toBeUndefined();
    expect(programEntry(PROJECT_DIR)).toEqual({ pwd: PROJECT_DIR, entryPoint: "pulumi-main.js" });
  });

  it("transpiles with swc for the target and modules tsc checks", () => {
    const { options: swc } = require("../scripts/ts-register.js");
    const checked = parsed("tsconfig.json").options;
    expect(ts.ScriptTarget[checked.target!].toLowerCase()).toBe(swc.jsc.target);
    expect(ts.ModuleKind[checked.module!].toLowerCase()).toBe(swc.module.type);
    expect(swc.jsc.parser.syntax).toBe("typescript");
  });

  it("runs a program with a type error: Pulumi's own cmd/run, set up as the CLI sets it up, through pulumi-main.js", () => {
    // A process of the runner itself, whose own behaviour is the point: whether it loads ts-node and checks
    // types (runProgram).
    const run = runProgram(`${TYPE_ERROR}console.log(\`ran with \${counted}\`);\n`);
    expect(run.stderr).not.toMatch(/TS2322|TSError/);
    expect(run.stdout).toContain("ran with three");
    expect(run.status).toBe(0);
  });

  describe("a preview of the dev stack", () => {
    // One run of the runner for the dev stack as `pulumi preview` starts it, read by the tests below.
    const dev = readStackConfig(PROJECT_DIR, "dev", []);
    let run: SpawnSyncReturns<string>;
    beforeAll(() => {
      run = spawnSync(process.execPath, runnerArgs(PROJECT_DIR, dev), {
        cwd: PROJECT_DIR,
        env: { ...process.env, ...runnerEnv(dev, options), OBKM_RUNNER_LOG_POSITIONS: "1" },
        encoding: "utf8",
      });
    });

    it("warns of what the program means to say and of nothing else", async () => {
      expect(run.status).toBe(0);
      // The program's own warnings, as a render of the same stack hears them (the plan's, pulumi.log.warn);
      // before index.ts left out the outputs the stack has not, the SDK added one line for each on every
      // preview: "Undefined value (kmCa) will not show as a stack output" (runtime/stack.js massage).
      const { warned } = await renderHeard(dev);
      // The dev stack warns that its nodes reach no address on the internet: a line of the program's own on
      // both sides, so the comparison holds the runner's lines to the render's word for word, not two empty lists.
      expect(warned.length).toBeGreaterThan(0);
      expect(run.stderr.split("\n").filter((line) => line.startsWith("warning: "))).toEqual(warned);
    });

    it("records each resource at the `new` that constructs it in the project's .ts file, not at a line of swc's output", () => {
      // What the engine stores and shows for each resource (its RegisterResourceRequest's sourcePosition: the
      // offline engine prints it), as the runner's source-map-support maps the SDK's stack trace.
      expect(run.status).toBe(0);
      // The SDK's own resources (the stack, a provider, whose constructors have a class more than the SDK
      // skips) are placed in the SDK's files; the program's are ours.
      const ours = run.stdout
        .split("\n")
        .filter((line) => line.startsWith("position ") && !line.startsWith("position pulumi:"))
        .map((line) => {
          const [, type, at] = line.split(" ");
          const [, file, row, column] = /^file:\/\/(.+):(\d+):(\d+)$/.exec(at) ?? [];
          return { type, file, line: Number(row), column: Number(column) };
        });
      expect(ours.length).toBeGreaterThan(20);
      const lines = (file: string) => fs.readFileSync(file, "utf8").split("\n");
      for (const { type, file, line, column } of ours)
        expect({ type, file: path.relative(PROJECT_DIR, file ?? ""), at: lines(file)[line - 1]?.slice(column - 1, column + 3) }).toEqual({
          type,
          file: expect.stringMatching(/^[\w/-]+\.ts$/),
          at: "new ",
        });

      // The cluster's own: program.ts's `new KeyManagerCluster(`, found in the file.
      const program = path.join(PROJECT_DIR, "program.ts");
      const row = lines(program).findIndex((text) => text.includes("new KeyManagerCluster("));
      const cluster = ours.find((r) => r.type === "obkm:index:KeyManagerCluster");
      expect(cluster).toEqual({
        type: "obkm:index:KeyManagerCluster",
        file: program,
        line: row + 1,
        column: lines(program)[row].indexOf("new KeyManagerCluster(") + 1,
      });
    });
  });

  it("leaves the SDK's stack of a promise unformatted, and shows a bug's stack trace at the lines of the .ts file", () => {
    // The stack the SDK takes for one of its promises (runtime/debuggable.js), which no leak report reads
    // here (lib/sdk-promise-stacks.ts), printed; then a bug. Types and an interface first, which swc's output
    // has no lines for: its lines are not the file's.
    const program = [
      'const { debuggablePromise } = require("@pulumi/pulumi/runtime/debuggable");',
      "const promise = Promise.resolve(1);",
      'debuggablePromise(promise, "a promise");',
      "console.log(JSON.stringify((promise as any)._debugStackTrace));",
      "interface Shape {",
      "  sides: number;",
      "}",
      "",
      "type Named = { name: string };",
      "",
      "function refuse(shape: Shape & Named): never {",
      "  throw new Error(`no ${shape.name}`);",
      "}",
      'refuse({ sides: 3, name: "triangle" });',
      "",
    ];
    const run = runProgram(program.join("\n"));
    const at = (text: string) => `index.ts:${program.findIndex((line) => line.includes(text)) + 1}:`;
    expect(JSON.parse(run.stdout)).toBe(SDK_PROMISE_STACK);
    expect(run.stderr).toContain("Error: no triangle");
    expect(run.stderr).toMatch(new RegExp(`at refuse .*${at("throw new Error")}`));
    expect(run.stderr).toMatch(new RegExp(`at .*${at("refuse({")}`));
    expect(run.status).not.toBe(0);
  });
});
