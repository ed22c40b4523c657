// Pulumi's runner starts the program without checking types (tsconfig.pulumi.json), and npm test still
// checks them all: the two configs, each held to what its tool does with it.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { PROJECT_DIR } from "../project-dir";
import { projectTypeScript } from "./helpers/import-graph";
import { runnerArgs, runnerEnv, runnerTranspileOnly, runnerTsNodeOptions, runtimeOptions } from "../scripts/pulumi-runner";

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

  it("reports a type error under tsconfig.json's options, which the runner's options let through", () => {
    // Each config's own options, but for the ambient packages (`types`: node's and jest's declarations),
    // which the snippet needs none of and which cost seconds to load: whether types are checked at all is
    // what is asked.
    const options = (file: string) => ({ ...parsed(file).options, incremental: false, types: [] });
    expect(diagnosticsOf(TYPE_ERROR, options("tsconfig.json")).map((d) => d.code)).toEqual([2322]);
    expect(diagnosticsOf(TYPE_ERROR, options("tsconfig.pulumi.json"))).toEqual([]);
  });

  it("covers every TypeScript file of the project, the program's among them", () => {
    const checked = new Set(parsed("tsconfig.json").fileNames.map((f) => path.resolve(f)));
    expect(projectTypeScript().filter((f) => !checked.has(f))).toEqual([]);
    expect(checked.has(path.join(PROJECT_DIR, "index.ts"))).toBe(true);
  });
});

describe("Pulumi's runner", () => {
  const options = runtimeOptions(PROJECT_DIR);
  const env = runnerEnv({ project: "obkm", stack: "dev", config: {}, secretKeys: [] }, options);

  it("is given tsconfig.pulumi.json by Pulumi.yaml's runtime options", () => {
    expect(options).toEqual({ typescript: true, tsconfig: "tsconfig.pulumi.json" });
    expect(env.PULUMI_NODEJS_TSCONFIG_PATH).toBe("tsconfig.pulumi.json");
  });

  it("registers ts-node transpile-only with it, as cmd/run decides; with tsconfig.json it would check types", () => {
    expect(runnerTranspileOnly(PROJECT_DIR, env)).toBe(true);
    expect(runnerTranspileOnly(PROJECT_DIR, {})).toBeUndefined();
    // The variable the CLI's user may set wins over the file, either way.
    expect(runnerTranspileOnly(PROJECT_DIR, { ...env, PULUMI_NODEJS_TRANSPILE_ONLY: "false" })).toBe(false);
  });

  it("gets a ts-node that transpiles with swc and emits for the target and modules tsc checks", () => {
    const service = require("ts-node").create(runnerTsNodeOptions(PROJECT_DIR, env));
    expect(service.options.swc).toBe(true);
    const checked = parsed("tsconfig.json").options;
    const { target, module, moduleResolution, esModuleInterop } = service.config.options as ts.CompilerOptions;
    expect({ target, module, moduleResolution, esModuleInterop }).toEqual({
      target: checked.target,
      module: checked.module,
      moduleResolution: checked.moduleResolution,
      esModuleInterop: checked.esModuleInterop,
    });
    expect(service.compile(TYPE_ERROR, path.join(PROJECT_DIR, "in-memory.ts"))).toContain('const count = "three";');
  });

  it("runs a program with a type error: Pulumi's own cmd/run, set up as the CLI sets it up", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-runner-"));
    fs.writeFileSync(path.join(dir, "program.ts"), `${TYPE_ERROR}console.log(\`ran with \${counted}\`);\n`);
    const config = { project: "obkm", stack: "dev", config: {}, secretKeys: [] };
    const run = spawnSync(process.execPath, runnerArgs(PROJECT_DIR, config, path.join(dir, "program.ts")), {
      cwd: PROJECT_DIR,
      env: { ...process.env, ...runnerEnv(config, options) },
      encoding: "utf8",
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).not.toMatch(/TS2322|TSError/);
    expect(run.stdout).toContain("ran with three");
    expect(run.status).toBe(0);
  });
});
