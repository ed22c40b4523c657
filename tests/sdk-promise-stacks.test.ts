// lib/sdk-promise-stacks.ts, as pulumi-main.js installs it under Pulumi's runner: the stack the SDK takes for
// each of its promises is left unformatted while the SDK's leak report is off, and every other stack is
// formatted by the formatter that was in place (the runner's source-map-support), as before.
import { leaveSdkPromiseStacksUnformatted, SDK_PROMISE_STACK } from "../lib/sdk-promise-stacks";

// The SDK's own helper and switch (@pulumi/pulumi 3.248.0 runtime/debuggable.js): debugPromiseLeaks is what
// its leak report reads (leakedPromises), set from PULUMI_DEBUG_PROMISE_LEAKS when the module loads.
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
  debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
  debugPromiseLeaks: boolean;
};
const stackOf = (promise: Promise<unknown>) => (promise as Promise<unknown> & { _debugStackTrace: unknown })._debugStackTrace;

/** A formatter standing for the runner's, which says that it ran. */
const inPlace = (error: Error) => `formatted in place: ${error.message}`;

/** Runs `check` with the stacks left unformatted over `formatter`, and puts the process's formatter and switch back. */
function withUnformatted(formatter: typeof Error.prepareStackTrace | undefined, check: () => Promise<void> | void) {
  const before = { formatter: Error.prepareStackTrace, leaks: debuggable.debugPromiseLeaks };
  return (async () => {
    try {
      // Node's declarations give the formatter no undefined, which is what it is where none is set.
      Error.prepareStackTrace = formatter as typeof Error.prepareStackTrace;
      leaveSdkPromiseStacksUnformatted();
      await check();
    } finally {
      Error.prepareStackTrace = before.formatter;
      debuggable.debugPromiseLeaks = before.leaks;
    }
  })();
}

function refuse(): never {
  throw new Error("refused");
}

const thrown = () => {
  try {
    refuse();
  } catch (error) {
    return error as Error;
  }
};

describe("leaveSdkPromiseStacksUnformatted", () => {
  it("leaves a promise's stack unformatted while the SDK's leak report is off, and gives other stacks to the formatter in place", () =>
    withUnformatted(inPlace, async () => {
      debuggable.debugPromiseLeaks = false;
      const promise = Promise.resolve(1);
      await debuggable.debuggablePromise(promise, "a test's promise");
      expect(stackOf(promise)).toBe(SDK_PROMISE_STACK);
      expect(thrown()!.stack).toBe("formatted in place: refused");
    }));

  it("formats a promise's stack as before when PULUMI_DEBUG_PROMISE_LEAKS has turned the report on", () =>
    withUnformatted(inPlace, async () => {
      debuggable.debugPromiseLeaks = true;
      const promise = Promise.resolve(1);
      await debuggable.debuggablePromise(promise, "a test's promise");
      expect(stackOf(promise)).toBe("formatted in place: ");
    }));

  it("writes other stacks as V8 does where no formatter was in place", () =>
    withUnformatted(undefined, () => {
      const stack = thrown()!.stack!.split("\n");
      expect(stack[0]).toBe("Error: refused");
      expect(stack[1]).toMatch(/^ {4}at refuse \(.*sdk-promise-stacks\.test\.ts:\d+:\d+\)$/);
    }));
});
