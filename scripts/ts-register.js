// Runs the project's TypeScript in plain node: `node -r ./scripts/ts-register.js scripts/render.ts`.
// Each .ts file is transpiled by swc as it is required (types are stripped, not checked: `npm test` runs
// tsc). swc, already the tests' transform, costs a few milliseconds a file; tsx's loader cost about two
// seconds a render here, more than loading the Pulumi SDKs (see npm run bench).
"use strict";
const fs = require("fs");
const { transformSync } = require("@swc/core");

const options = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs" },
  sourceMaps: false,
};

require.extensions[".ts"] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, "utf8"), { ...options, filename });
  module._compile(code, filename);
};
