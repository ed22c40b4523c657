// Preloaded (node -r) before @pulumi/pulumi's own runner, cmd/run, so that npm run bench can start the program
// as `pulumi preview` does with no CLI and no engine: the runner's code runs unchanged (its hooks, the Stack
// resource, the program through Pulumi.yaml's entry point), and each registration is answered in the process
// by the SDK's MockMonitor. Plain JavaScript, so that it adds no transpiler of its own to what is measured.
"use strict";
const pulumi = require("@pulumi/pulumi");

// Echoes the inputs and gives no id: in a dry run the SDK leaves every output the answer lacks unknown
// (runtime/rpc.js resolveProperties, 3.248.0 line 260), as the engine does in a new stack's preview, so
// the program computes what it can before it would wait on the engine.
const mocks = { newResource: (args) => ({ id: undefined, state: args.inputs }), call: (args) => args.inputs };

// project, stack, preview: the runner reads them from the language host's flags (cmd/run/index.js main);
// setMocks installs the monitor and its options in the one runtime state the runner's require of the SDK sees.
pulumi.runtime.setMocks(mocks, process.env.OBKM_BENCH_PROJECT, process.env.OBKM_BENCH_STACK, true);

// The runner signals the engine at the end (cmd/run/index.js beforeExitHandler); MockMonitor has no such
// call, and the engine answers at once.
const { getMonitor } = require("@pulumi/pulumi/runtime/settings");
getMonitor().signalAndWaitForShutdown = (_request, callback) => callback(null, {});
