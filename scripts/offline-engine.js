// Preloaded (node -r) before @pulumi/pulumi's own runner, cmd/run, so that npm run bench can start the program
// as `pulumi preview` does with no CLI and no engine: the runner's code runs unchanged (its hooks, the Stack
// resource, the program through Pulumi.yaml's entry point), and each registration is answered in the process
// by the SDK's MockMonitor. Plain JavaScript, so that it adds no transpiler of its own to what is measured.
"use strict";
// The runner copies --root-directory into the environment (cmd/run/index.js main, 3.248.0 line 233) before the
// SDK first builds its settings from it (runtime/state.js LocalStore); loaded first, this file would make the
// SDK build them earlier, so it copies the flag itself.
const rootFlag = process.argv.indexOf("--root-directory");
if (rootFlag > 0) process.env.PULUMI_NODEJS_ROOT_DIRECTORY = process.argv[rootFlag + 1];
const pulumi = require("@pulumi/pulumi");

// Echoes the inputs and gives no id: in a dry run the SDK leaves every output the answer lacks unknown
// (runtime/rpc.js resolveProperties, 3.248.0 line 260), as the engine does in a new stack's preview, so
// the program computes what it can before it would wait on the engine.
// With OBKM_RUNNER_LOG_REGISTRATIONS set, each registration's type is written to stdout, so that a test can
// tell a program that stopped before its first resource from one that stopped later.
const logRegistrations = Boolean(process.env.OBKM_RUNNER_LOG_REGISTRATIONS);
const mocks = {
  newResource: (args) => {
    if (logRegistrations) process.stdout.write(`registered ${args.type}\n`);
    return { id: undefined, state: args.inputs };
  },
  call: (args) => args.inputs,
};

// project, stack, preview: the runner reads them from the language host's flags (cmd/run/index.js main);
// setMocks installs the monitor and its options in the one runtime state the runner's require of the SDK sees.
pulumi.runtime.setMocks(mocks, process.env.OBKM_BENCH_PROJECT, process.env.OBKM_BENCH_STACK, true);

// The runner signals the engine at the end (cmd/run/index.js beforeExitHandler); MockMonitor has no such
// call, and the engine answers at once.
const { getMonitor } = require("@pulumi/pulumi/runtime/settings");
getMonitor().signalAndWaitForShutdown = (_request, callback) => callback(null, {});

// With OBKM_RUNNER_LOG_POSITIONS set, each registration's source position is written to stdout as
// `position TYPE URI:LINE:COLUMN` (or `none`), for a test to hold to the .ts file: the RegisterResourceRequest's
// sourcePosition, which the SDK takes from the stack trace of the resource's constructor as the runner's
// source-map-support formats it (@pulumi/pulumi 3.248.0 resource.js Resource.callsites and stackTrace,
// runtime/resource.js registerResource), and which the engine keeps in the stack's state (pulumi/pulumi
// v3.248.0 pkg/resource/deploy/source_eval.go parseSourcePosition, sdk/go/common/apitype/core.go ResourceV3
// SourcePosition: `pulumi stack export` shows it).
if (process.env.OBKM_RUNNER_LOG_POSITIONS) {
  const monitor = getMonitor();
  const registerResource = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    const at = request.getSourceposition();
    const where = at ? `${at.getUri()}:${at.getLine()}:${at.getColumn()}` : "none";
    process.stdout.write(`position ${request.getType()} ${where}\n`);
    return registerResource(request, callback);
  };
}
