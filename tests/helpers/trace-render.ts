// Renders stacks in this process and reports what the render depended on: every file of the project it
// loaded as code or read as data, and every environment variable it looked up. Run as a child process by
// tests/render-cache.test.ts (`node -r scripts/ts-register.js tests/helpers/trace-render.ts STACK...`), which
// checks that the render cache's key covers all of it: a dependency the key misses is a stale render
// waiting to happen.
import * as fs from "fs";
import * as path from "path";

// Where the project is, said here rather than imported: nothing of the project may load before the tracing
// starts (the compiled `import * as fs` copies fs's functions when a module first loads).
const PROJECT_DIR = path.resolve(__dirname, "..", "..");

export interface RenderTrace {
  /** Project files (relative, `/`-separated) that the render required or read, outside node_modules. */
  files: string[];
  /** Names of the environment variables the render looked up by name. */
  env: string[];
  /** The code that walked the whole environment (files, or a built-in such as `Function.entries`). */
  walkers: string[];
}

const read = new Set<string>();
const env = new Set<string>();
const walked = new Set<string>();
let walkers = new Set<string>();

/** Records a project file behind `file` (a path, URL or descriptor; only paths are project files). */
function note(file: unknown): void {
  if (typeof file !== "string") return;
  const relative = path.relative(PROJECT_DIR, path.resolve(file));
  if (relative.startsWith("..") || relative.split(path.sep)[0] === "node_modules") return;
  read.add(relative.split(path.sep).join("/"));
}

/** Wraps each of fs's ways to read a file or a directory so that its path is noted first. */
function traceFs(): void {
  const readers = ["readFileSync", "openSync", "readdirSync", "existsSync", "statSync", "lstatSync", "readFile", "open", "readdir"] as const;
  // fs itself, not this file's compiled `import * as fs`, which is a copy of its functions.
  const mutable = require("fs") as Record<string, (...args: unknown[]) => unknown>;
  for (const name of readers) {
    const original = mutable[name];
    mutable[name] = function traced(this: unknown, ...args: unknown[]) {
      note(args[0]);
      return original.apply(this, args);
    };
  }
}

/** The file of the first stack frame below the proxy's trap: who asked (a built-in when it has no file). */
function caller(): string {
  const frame = (new Error().stack ?? "").split("\n")[3] ?? "";
  return /\((.*):\d+:\d+\)$/.exec(frame)?.[1] ?? /at (\/.*):\d+:\d+$/.exec(frame)?.[1] ?? frame.trim();
}

/**
 * Notes each variable the render looks up by name. A module that walks the whole environment (npm's HTTP
 * agent looking for proxy settings in any case, debug for its DEBUG_* options) reads every name without
 * depending on it: those reads are reported apart, with the modules that made them.
 */
function traceEnv(): void {
  const enumerators = new Set<string>();
  process.env = new Proxy(process.env, {
    ownKeys(target) {
      enumerators.add(caller());
      return Reflect.ownKeys(target);
    },
    get(target, name) {
      const by = caller();
      if (typeof name === "string") {
        if (/^at (Function|Object)\.(entries|keys|values|assign)/.test(by) || enumerators.has(by)) walked.add(by);
        else env.add(name);
      }
      return Reflect.get(target, name);
    },
    has(target, name) {
      if (typeof name === "string") env.add(name);
      return Reflect.has(target, name);
    },
  });
  walkers = enumerators;
}

async function main(stacks: string[]): Promise<void> {
  traceFs();
  traceEnv();
  // The stack files read here are the cache's input, keyed by their content (the test leaves them aside).
  const { readStackConfig } = require("../../render/stack-config") as typeof import("../../render/stack-config");
  const inputs = stacks.map((stack) => readStackConfig(PROJECT_DIR, stack, []));
  const { renderStack } = require("../../render/render") as typeof import("../../render/render");
  for (const input of inputs) await renderStack(input);
  for (const loaded of Object.keys(require.cache)) note(loaded);
  const trace: RenderTrace = { files: [...read].sort(), env: [...env].sort(), walkers: [...new Set([...walkers, ...walked])].sort() };
  fs.writeSync(1, JSON.stringify(trace));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`trace-render: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
