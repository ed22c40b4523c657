// Runs the project's TypeScript in plain node: `node -r ./scripts/ts-register.js scripts/render.ts`, and the
// program itself under Pulumi's runner (pulumi-main.js).
// Each .ts file is transpiled by swc as it is required (types are stripped, not checked: `npm test` runs
// tsc). swc, already the tests' transform, costs a few milliseconds a file; tsx's loader cost about two
// seconds a render here, more than loading the Pulumi SDKs (see npm run bench).
// The output and its source map are kept in node_modules/.cache/obkm/ts under a hash of the file's path and
// text, swc's version and the options: a render transpiles 114 files, about 60 ms of CPU, which a warm run
// reads back instead, and swc itself is loaded only when a file changed. An edited file, or another swc, is a
// new entry. A warm run reads a file's map only when a stack trace through that file is formatted (below).
//
// Source maps: under Pulumi's runner, each resource's source position (the `new` that constructs it, which
// the engine keeps in the stack's state) and every stack trace are formatted by the source-map-support the runner
// installed (@pulumi/pulumi 3.248.0 cmd/run/index.js line 30, `require("source-map-support/register")`;
// resource.js Resource.callsites reads the position from `new Error().stack`). Its own lookup reads the file
// at the frame's path, our .ts source, for a sourceMappingURL comment (source-map-support 0.5.21
// source-map-support.js retrieveSourceMapURL, lines 148-177, and the handler at 185-210), and finds none:
// the positions were lines of swc's output. So this hook gives that instance each file's map itself, as
// ts-node does with the output it keeps in memory (TypeStrong/ts-node v7.0.1 src/index.ts lines 215-220,
// install({ retrieveFile }); vendored in @pulumi/pulumi 3.248.0 vendor/ts-node@7.0.1/index.js lines
// 2836-2841). A command that prints a bug's trace (render, diff, import-file) loads one only for such a trace
// (mapStackTraces, below). Jest maps its own (@swc/jest), without this hook.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const options = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs" },
  // The map beside the code, not in it (the code is the same as without one), and without the .ts text,
  // which is on disk: about 1 KB a file.
  sourceMaps: true,
  inlineSourcesContent: false,
};
const CACHE = path.join(__dirname, "..", "node_modules", ".cache", "obkm", "ts");
const SWC_VERSION = require("@swc/core/package.json").version;

let swc;
function transpile(source, filename) {
  swc ??= require("@swc/core");
  return swc.transformSync(source, { ...options, filename });
}

/** Each file this hook compiled, by its path: its map's text (transpiled in this process) or its cache file. */
const sourceMaps = new Map();

/**
 * source-map-support's retrieveSourceMap handler: a file of ours to its map, read when a stack through it is
 * first formatted (source-map-support keeps what it returns per file: sourceMapCache, lines 212-240); any other
 * file to null, which leaves it to the next handler, as before.
 */
function sourceMapOf(file) {
  const entry = sourceMaps.get(file);
  if (!entry) return null;
  try {
    // No `url` (optional: lines 179-183): the map's `sources` is the file's absolute path already (swc
    // writes the filename it was given), which source-map-support then takes as it is (lines 134-135); with a
    // url it would resolve that path against it for every frame it maps (lines 251-253), a tenth of the cost.
    return { map: entry.map ?? fs.readFileSync(entry.cached, "utf8") };
  } catch {
    return null;
  }
}

require.extensions[".ts"] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify([SWC_VERSION, options, filename]))
    .update(source)
    .digest("hex");
  const cached = path.join(CACHE, `${key.slice(0, 40)}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, "utf8");
    sourceMaps.set(filename, { cached: `${cached}.map` });
  } catch {
    const output = transpile(source, filename);
    code = output.code;
    sourceMaps.set(filename, { map: output.map });
    try {
      // Whole or not at all (lib/write-whole.ts, which is TypeScript and cannot load here): renamed over,
      // the map first, so that a cached file's map is there when its code is.
      fs.mkdirSync(CACHE, { recursive: true, mode: 0o700 });
      for (const [file, text] of [
        [`${cached}.map`, output.map],
        [cached, code],
      ]) {
        fs.writeFileSync(`${file}.${process.pid}`, text);
        fs.renameSync(`${file}.${process.pid}`, file);
      }
    } catch {
      // A read-only checkout runs as well, transpiling each time.
    }
  }
  module._compile(code, filename);
};

// The source-map-support that installed itself before this hook: Pulumi's runner's, loaded by
// `require("source-map-support/register")` as node resolves it from cmd/run/index.js. Found by that file among
// the modules loaded, not by resolving the name from here, which could find another copy: 0.5.21 keeps its
// handlers in the module's own variables (retrieveMapHandlers, line 48), so only the copy that installed
// Error.prepareStackTrace (lines 581-585) maps the stacks. install() with only a handler adds it before the
// others (lines 550-556); the formatter and the uncaught-exception shim, installed once per copy (lines
// 581-613), are there already.
for (const file of Object.keys(require.cache)) {
  if (path.basename(file) !== "register.js" || path.basename(path.dirname(file)) !== "source-map-support") continue;
  require.cache[path.join(path.dirname(file), "source-map-support.js")]?.exports.install?.({ retrieveSourceMap: sourceMapOf });
}

/**
 * For a command run in plain node, which prints a bug's stack trace (scripts/command.ts runAsCli; render,
 * diff, import-file): a trace through a file of ours is formatted at the .ts lines, by a source-map-support
 * loaded and given our maps only when the first such trace is formatted (node formats a stack when it is
 * first read), so that a command without a bug never loads it; other traces keep node's formatter. A render
 * puts its own in place for the program's run and this one back after (render/mock-engine.ts runAlone).
 */
function mapStackTraces() {
  const plain = Error.prepareStackTrace;
  let mapped;
  Error.prepareStackTrace = function formatStack(error, frames) {
    mapped ??= frames.some((frame) => sourceMaps.has(frame.getFileName())) ? sourceMapSupport(plain) : undefined;
    const format = mapped ?? plain;
    // Where Error.prepareStackTrace held no formatter (node 20 puts one there), a trace as V8 writes it.
    return format ? format(error, frames) : [String(error), ...frames].join("\n    at ");
  };
}

/** The formatter of @pulumi/pulumi's source-map-support (its dependency, not ours), given our maps. */
function sourceMapSupport(plain) {
  let support;
  try {
    const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    support = require(require.resolve("source-map-support", { paths: [sdk] }));
  } catch {
    return plain;
  }
  const ours = Error.prepareStackTrace;
  // Sets Error.prepareStackTrace to its own, once per copy (lines 581-585), which is taken and ours put back;
  // it leaves uncaught exceptions to node.
  support.install({ environment: "node", handleUncaughtExceptions: false, retrieveSourceMap: sourceMapOf });
  const format = Error.prepareStackTrace;
  Error.prepareStackTrace = ours;
  return format === ours ? plain : format;
}

// swc's options, for tests/pulumi-runner.test.ts to hold them to what tsc checks.
module.exports = { options, mapStackTraces };
