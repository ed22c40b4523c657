// How the Pulumi CLI starts this program, for npm run bench and tests/pulumi-runner.test.ts: the language
// host's flags and environment (pulumi/pulumi v3.248.0 sdk/nodejs/cmd/pulumi-language-nodejs/main.go), and
// the runner's decision whether ts-node checks types (sdk/nodejs/cmd/run/run.ts), ported where a test needs
// it. The runner itself, node_modules/@pulumi/pulumi/cmd/run, is what runs; nothing here replaces it.
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
}

/** Pulumi.yaml's runtime options as main.go parseOptions reads them (lines 289-309): typescript defaults to true. */
export function runtimeOptions(projectDir: string): RuntimeOptions {
  const project = YAML.parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8"));
  const options = (typeof project.runtime === "object" && project.runtime?.options) || {};
  return { typescript: options.typescript ?? true, ...(options.tsconfig ? { tsconfig: String(options.tsconfig) } : {}) };
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
 * node's arguments: the offline engine preloaded, then the runner with the flags main.go constructArguments
 * passes (lines 1067-1097) for a preview (--dry-run) of the program at `entryPoint` ("." is Pulumi.yaml's
 * default, package.json's main).
 */
export function runnerArgs(projectDir: string, config: StackConfig, entryPoint = "."): string[] {
  const flags = { monitor: "offline", project: config.project, stack: config.stack, pwd: projectDir };
  return ["-r", OFFLINE_ENGINE, runnerPath(projectDir), ...Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v]), "--dry-run", entryPoint];
}

/**
 * Whether the runner registers ts-node transpile-only, as run.ts decides it (lines 313-331): the environment's
 * PULUMI_NODEJS_TRANSPILE_ONLY when set, else the noCheck of the tsconfig file's own compilerOptions, read
 * without following "extends" (tsutils.ts loadTypeScriptCompilerOptions, lines 25-37). undefined leaves
 * ts-node's default, which checks types. The path is the runner's: PULUMI_NODEJS_TSCONFIG_PATH or
 * tsconfig.json (line 268), relative to --pwd, the program's directory.
 */
export function runnerTranspileOnly(projectDir: string, env: Record<string, string | undefined>): boolean | undefined {
  const fromEnv = env.PULUMI_NODEJS_TRANSPILE_ONLY;
  if (fromEnv) return fromEnv === "true";
  return runnerOwnCompilerOptions(projectDir, env).noCheck as boolean | undefined;
}

/** The tsconfig's own compilerOptions as tsutils.ts reads them: parsed as TypeScript parses it, no "extends". */
export function runnerOwnCompilerOptions(projectDir: string, env: Record<string, string | undefined>): Record<string, unknown> {
  const ts = require("typescript") as typeof import("typescript");
  const file = path.join(projectDir, env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json");
  try {
    return ts.parseConfigFileTextToJson(file, fs.readFileSync(file, "utf8")).config?.compilerOptions ?? {};
  } catch {
    // tsutils.ts ignores a file it cannot read or parse, and the runner goes on with ts-node's defaults.
    return {};
  }
}

/**
 * The options the runner registers ts-node with for a CommonJS project (run.ts lines 334-345 and 388-399):
 * its defaults with the tsconfig's own compilerOptions spread over them. The project path is made absolute
 * here; the runner's is relative to --pwd, where it has changed directory (lines 253-256).
 */
export function runnerTsNodeOptions(projectDir: string, env: Record<string, string | undefined>) {
  const tsconfig = path.join(projectDir, env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json");
  return {
    compiler: "typescript",
    transpileOnly: runnerTranspileOnly(projectDir, env),
    project: tsconfig,
    skipProject: !fs.existsSync(tsconfig),
    // TypeScript 5.9 here, so nodenext (run.ts line 390); the tsconfig's own options win.
    compilerOptions: {
      target: "ES2020",
      module: "nodenext",
      moduleResolution: "nodenext",
      sourceMap: "true",
      ...runnerOwnCompilerOptions(projectDir, env),
    },
  };
}
