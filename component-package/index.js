// The component package's entry (package.json `main`), which the SDK's run-plugin requires: index.ts through
// the swc hook, as pulumi-main.js loads the project's program (PulumiPlugin.yaml turns ts-node off).
"use strict";
if (!require.extensions[".ts"]) require("../scripts/ts-register.js");
module.exports = require("./index.ts");
