// Runs the project's TypeScript in plain node: `node -r ./scripts/ts-register.js scripts/render.ts`, and the
// program itself under Pulumi's runner (pulumi-main.js).
// Each .ts file is transpiled by swc as it is required (types are stripped, not checked: `npm test` runs
// tsc). swc, already the tests' transform, costs a few milliseconds a file; tsx's loader cost about two
// seconds a render here, more than loading the Pulumi SDKs (see npm run bench).
// The output is kept in node_modules/.cache/obkm/ts under a hash of the file's path and text, swc's version
// and the options: a render transpiles 114 files, about 60 ms of CPU, which a warm run reads back instead,
// and swc itself is loaded only when a file changed. An edited file, or another swc, is a new entry.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const options = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs" },
  sourceMaps: false,
};
const CACHE = path.join(__dirname, "..", "node_modules", ".cache", "obkm", "ts");
const SWC_VERSION = require("@swc/core/package.json").version;

let swc;
function transpile(source, filename) {
  swc ??= require("@swc/core");
  return swc.transformSync(source, { ...options, filename }).code;
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
  } catch {
    code = transpile(source, filename);
    try {
      // Whole or not at all (lib/write-whole.ts, which is TypeScript and cannot load here): renamed over.
      fs.mkdirSync(CACHE, { recursive: true, mode: 0o700 });
      fs.writeFileSync(`${cached}.${process.pid}`, code);
      fs.renameSync(`${cached}.${process.pid}`, cached);
    } catch {
      // A read-only checkout runs as well, transpiling each time.
    }
  }
  module._compile(code, filename);
};

// swc's options, for tests/pulumi-runner.test.ts to hold them to what tsc checks.
module.exports = { options };
