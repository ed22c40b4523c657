// How the Pulumi CLI starts this program, for npm run bench and tests/pulumi-runner.test.ts: the language
// host's flags and environment (pulumi/pulumi v3.248.0 sdk/nodejs/cmd/pulumi-language-nodejs/main.go) and
// the engine's entry point (pkg/engine/project.go), ported where a test needs them. The runner itself,
// node_modules/@pulumi/pulumi/cmd/run, is what runs; nothing here replaces it.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import type { StackConfig } from "../render/stack-config";

/** The runner's script: main.go's defaultRunPath "@pulumi/pulumi/cmd/run" (line 98), as node resolves it. */
export function runnerPath(projectDir: string): string {
  return require.resolve("@pulumi/pulumi/cmd/run", { paths: [projectDir] });
}

/** Answers the runner's registrations in the process (see the file): no engine, no CLI. */
export const OFFLINE_ENGINE = path.join(__dirname, "offline-engine.js");

export interface RuntimeOptions {
  typescript: boolean;
  /** Pulumi.yaml's runtime.options.tsconfig, relative to the program's directory. */
  tsconfig?: string;
  /** Pulumi.yaml's runtime.options.nodeargs, split into node's arguments. */
  nodeargs: string[];
}

/**
 * Pulumi.yaml's runtime options as main.go parseOptions reads them (lines 289-316): typescript defaults to
 * true; nodeargs is one string, which execRuntime splits with github.com/google/shlex (line 910). The split
 * is ported for words apart by blanks only: a quote or a backslash, which shlex would read, is refused here
 * rather than read another way.
 */
export function runtimeOptions(projectDir: string): RuntimeOptions {
  const project = YAML.parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8"));
  const options = (typeof project.runtime === "object" && project.runtime?.options) || {};
  const nodeargs = String(options.nodeargs ?? "");
  if (/["'\\]/.test(nodeargs))
    throw new Error(`Pulumi.yaml runtime.options.nodeargs: ${nodeargs}: quotes and backslashes are not ported (scripts/pulumi-runner.ts)`);
  return {
    typescript: options.typescript ?? true,
    ...(options.tsconfig ? { tsconfig: String(options.tsconfig) } : {}),
    nodeargs: nodeargs.split(/\s+/).filter(Boolean),
  };
}

/**
 * The environment main.go execRuntime gives the runner (lines 893-907): the config under the keys
 * constructConfig makes (`obkm:config:replicas`, lines 1101-1126), its secret keys, the TypeScript switch and
 * the tsconfig path. OBKM_BENCH_* name the project and stack for the offline engine.
 */
export function runnerEnv(config: StackConfig, options: RuntimeOptions): Record<string, string> {
  const keyed = Object.fromEntries(
    Object.entries(config.config).map(([key, value]) => {
      const colon = key.indexOf(":");
      return [`${key.slice(0, colon)}:config:${key.slice(colon + 1)}`, value];
    }),
  );
  return {
    PULUMI_CONFIG: JSON.stringify(keyed),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(config.secretKeys),
    ...(options.typescript ? { PULUMI_NODEJS_TYPESCRIPT: "true" } : {}),
    ...(options.tsconfig ? { PULUMI_NODEJS_TSCONFIG_PATH: options.tsconfig } : {}),
    OBKM_BENCH_PROJECT: config.project,
    OBKM_BENCH_STACK: config.stack,
  };
}

/**
 * Where the engine starts the program: the directory the runner runs in (--pwd) and the entry point it
 * requires, from Pulumi.yaml's `main` as pkg/engine/project.go getPwdMain (v3.248.0, lines 45-71) reads
 * it: none is "." in the project's directory (package.json's main); a file is its name, run in its directory.
 */
export function programEntry(projectDir: string): { pwd: string; entryPoint: string } {
  const project = YAML.parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8"));
  if (!project.main) return { pwd: projectDir, entryPoint: "." };
  const main = path.resolve(projectDir, String(project.main));
  return fs.statSync(main).isDirectory() ? { pwd: main, entryPoint: "." } : { pwd: path.dirname(main), entryPoint: path.basename(main) };
}

/**
 * node's arguments: Pulumi.yaml's nodeargs first, as execRuntime puts them (main.go lines 910-931), the
 * offline engine preloaded, then the runner with the flags main.go constructArguments passes (lines
 * 1067-1097) for a preview (--dry-run) of the program: Pulumi.yaml's entry point, or `program`.
 * The root directory is the project's (where Pulumi.yaml and the stack files are: the RunRequest's
 * Info.RootDirectory, which the runner hands the SDK as pulumi.runtime.getRootDirectory()); a test may put
 * the stack's files in a folder of its own with `rootDirectory`.
 */
export function runnerArgs(projectDir: string, config: StackConfig, program?: string, rootDirectory = projectDir): string[] {
  const { pwd, entryPoint } = program ? { pwd: projectDir, entryPoint: program } : programEntry(projectDir);
  const flags = { monitor: "offline", project: config.project, "root-directory": rootDirectory, stack: config.stack, pwd };
  return [
    ...runtimeOptions(projectDir).nodeargs,
    "-r",
    OFFLINE_ENGINE,
    runnerPath(projectDir),
    ...Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v]),
    "--dry-run",
    entryPoint,
  ];
}
