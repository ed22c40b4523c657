// The stack trace the Pulumi SDK takes for each of its promises, which nothing reads unless a leak report is
// asked for. @pulumi/pulumi 3.248.0 runtime/debuggable.js debuggablePromise stores `new Error().stack` on
// every promise it is given: four for each property of each resource (runtime/rpc.js transferProperties),
// some 1,260 in a start of the dev stack. It reads them back in one place, promiseDebugString, which the
// report of leaked promises at the process's exit calls only when its switch is on (debugPromiseLeaks, set
// from PULUMI_DEBUG_PROMISE_LEAKS when the module loads). Reading `.stack` makes V8 format the frames there
// and then through Error.prepareStackTrace, which under Pulumi's runner is source-map-support (cmd/run/
// index.js `require("source-map-support/register")`): it clones and maps every frame, about a fifth of a
// CPU second of each start, for strings no one reads.
//
// The SDK's other stack, the one per resource that places it in the program (resource.js Resource.callsites:
// the source position the engine keeps), and every error's, are formatted as before.

/** What such a promise's stack holds where it is left unformatted. */
export const SDK_PROMISE_STACK = "Error\n    (a promise of the Pulumi SDK: its stack is formatted only for PULUMI_DEBUG_PROMISE_LEAKS)";

/** The SDK's file that takes those stacks, as node resolves it from the project: the copy the program runs with. */
const SDK_DEBUGGABLE = require.resolve("@pulumi/pulumi/runtime/debuggable");

/** Whether V8 is formatting the stack the SDK takes for a promise: taken in debuggablePromise itself. */
function isSdkPromiseStack(frames: readonly NodeJS.CallSite[]): boolean {
  const top = frames[0];
  return top?.getFunctionName() === "debuggablePromise" && top.getFileName() === SDK_DEBUGGABLE;
}

let debuggable: { debugPromiseLeaks: boolean } | undefined;

/** The SDK's own switch for its leak report, which is what reads those stacks. */
function sdkReadsPromiseStacks(): boolean {
  debuggable ??= require(SDK_DEBUGGABLE) as { debugPromiseLeaks: boolean };
  return debuggable.debugPromiseLeaks;
}

/** Whether to leave this stack unformatted: the SDK's for a promise, while its switch is off. */
export function unreadSdkPromiseStack(frames: readonly NodeJS.CallSite[]): boolean {
  return isSdkPromiseStack(frames) && !sdkReadsPromiseStacks();
}

/** A stack as V8 writes it when no formatter is set: the error's first line, then a line per frame. */
export function plainStack(error: Error, frames: readonly NodeJS.CallSite[]): string {
  return [Error.prototype.toString.call(error), ...frames.map((frame) => `    at ${frame}`)].join("\n");
}

/**
 * Leaves the stacks the SDK takes for its promises unformatted (SDK_PROMISE_STACK) from now on in this
 * process, unless the SDK will read them; every other stack goes to the formatter in place, as before. For
 * the program under Pulumi's runner (pulumi-main.js), before the program's first resource.
 */
export function leaveSdkPromiseStacksUnformatted(): void {
  const format = Error.prepareStackTrace;
  Error.prepareStackTrace = function formatUnlessSdkPromise(error: Error, frames: NodeJS.CallSite[]) {
    if (unreadSdkPromiseStack(frames)) return SDK_PROMISE_STACK;
    return format ? format(error, frames) : plainStack(error, frames);
  };
}
