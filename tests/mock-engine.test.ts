// The mock engine's handling of stack traces (render/mock-engine.ts): the SDK takes one for every promise it
// makes debuggable, which a mock run never reads, while an error of the program must keep the frames that
// say where it was thrown.
import { SDK_PROMISE_STACK } from "../lib/sdk-promise-stacks";
import { runUnderMocks } from "../render/mock-engine";

const run = <T>(program: () => T) => runUnderMocks({ project: "obkm", stack: "dev", config: {}, secretKeys: [] }, program);

// The SDK's own helper, as its resources and outputs call it (@pulumi/pulumi 3.248.0 runtime/debuggable.js).
const { debuggablePromise } = require("@pulumi/pulumi/runtime/debuggable") as {
  debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
};
const stackOf = (promise: Promise<unknown>) => (promise as Promise<unknown> & { _debugStackTrace: unknown })._debugStackTrace;

describe("a run under the mock engine", () => {
  it("keeps no formatted stack for a promise of the SDK, which only a leak report at exit would print", async () => {
    // The stack is written on the promise the SDK is given (it returns another, chained to it).
    const inRun = Promise.resolve(1);
    await run(() => debuggablePromise(inRun, "a test's promise"));
    expect(stackOf(inRun)).toBe(SDK_PROMISE_STACK);
    // Outside a run, the SDK's promises keep their frames as it takes them.
    const outside = Promise.resolve(1);
    await debuggablePromise(outside, "outside");
    expect(stackOf(outside)).toMatch(/at debuggablePromise/);
  });

  it("keeps the frames of an error the program throws, and gives back the process's stack settings", async () => {
    const before = { prepare: Error.prepareStackTrace, limit: Error.stackTraceLimit };
    function checkTheSettings(): never {
      throw new Error("refused");
    }
    const error = await run(checkTheSettings).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toBe("refused");
    expect(error?.stack).toMatch(/at checkTheSettings/);
    expect({ prepare: Error.prepareStackTrace, limit: Error.stackTraceLimit }).toEqual(before);
  });
});
