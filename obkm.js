// The package's entry for Node (package.json `main` and `exports`): api.ts, which exports the components and
// registers nothing. Plain JavaScript, so that a program that imports "obkm" needs no TypeScript loader of
// its own: api.ts is transpiled by the swc hook pulumi-main.js uses (scripts/ts-register.js). A program that
// already has one (ts-node, which Pulumi's runner registers for a TypeScript project) keeps it: the hook is
// installed only where no `.ts` loader is.
"use strict";
if (!require.extensions[".ts"]) require("./scripts/ts-register.js");
module.exports = require("./api.ts");
