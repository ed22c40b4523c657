// The program as Pulumi's runner starts it (Pulumi.yaml `main`): plain JavaScript, so that the runner loads
// neither ts-node nor TypeScript, and index.ts transpiled by the swc hook `npm run render` uses, each file's
// output kept in node_modules/.cache/obkm/ts with its source map, which the hook hands the runner's
// source-map-support: each resource's recorded source position and a bug's stack trace name the .ts lines
// (scripts/ts-register.js). Types are never checked here: `npm test` runs tsc over every file
// (tests/pulumi-runner.test.ts proves a type error fails it).
//
// In pulumi/pulumi v3.248.0 the runner registers ts-node only when the language host sets
// PULUMI_NODEJS_TYPESCRIPT (sdk/nodejs/cmd/run/run.ts line 260), which it does for the `typescript` option,
// true unless Pulumi.yaml says false (sdk/nodejs/cmd/pulumi-language-nodejs/main.go lines 290-299, 902-904).
// The engine passes `main` as the entry point (pkg/engine/project.go getPwdMain, lines 45-71); the runner
// requires it (run.ts lines 271-276 and 541) and takes what it exports as the stack's outputs.
"use strict";
require("./scripts/ts-register.js");
// The SDK's stack trace for each of its promises, read only by a leak report PULUMI_DEBUG_PROMISE_LEAKS asks
// for, is left unformatted before the program's first resource (lib/sdk-promise-stacks.ts): about a fifth of
// a CPU second of every start, spent by the runner's source-map-support on strings no one reads.
require("./lib/sdk-promise-stacks.ts").leaveSdkPromiseStacksUnformatted();
module.exports = require("./index.ts");
