// How the project starts its TypeScript: plain node with the swc hook, and the node flags the project's
// commands run with (tests/node-flags.test.ts holds package.json's scripts and this in step).
import * as path from "path";

const REGISTER = path.join(__dirname, "ts-register.js");

/**
 * V8's optimizing compilers off, its baseline compiler (Sparkplug) kept: `--max-opt=1` (v8
 * src/flags/flag-definitions.h `max_opt`: 0 the interpreter only, 1 Sparkplug, 2 Maglev, 3 TurboFan; below 3
 * turns TurboFan off, below 2 Maglev). A render or a preview's start runs each function a few times in a
 * process of two seconds: the optimizing compilers' work, on V8's background threads but in the process's CPU
 * time, never paid back. Measured by `npm run bench` (CONTRIBUTING.md, Benchmark): a dev render 16% less CPU,
 * plain node loading the SDKs no cheaper. Not for the program under Pulumi's runner (Pulumi.yaml sets no
 * nodeargs): there the runner's source-map-support parses the SDK's source maps for each resource's stack
 * trace, which the optimizing compilers make cheaper, and the start cost 7% more with the flag. The jest
 * workers and the render server, which run for minutes, keep the optimizing compilers too.
 */
export const NODE_FLAGS: readonly string[] = ["--max-opt=1"];

/** The command and arguments that run `script` (relative to the working directory) with `args`. */
export function tsCommand(script: string, args: string[] = []): [string, string[]] {
  return [process.execPath, [...NODE_FLAGS, "-r", REGISTER, script, ...args]];
}
