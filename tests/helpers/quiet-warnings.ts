// The program's runtime warnings kept out of the test log. pulumi.log.warn prints them with console.warn
// where no engine runs (@pulumi/pulumi 3.248.0 log/index.js warn): what a user reads in `npm run render` and
// `pulumi up`. The tests hold them where they are made, in the plan's `warnings` (tests/risk-warnings.test.ts
// and others), and that they reach the console (tests/program.test.ts, tests/preview.test.ts); printed by
// every render a test makes they would fill its log with lines a reader must learn to ignore. Anything else
// written to the console still shows.
const RUNTIME_WARNING = "warning: [runtime] ";

/** Runs `run` with the program's runtime warnings kept off the console, and added to `heard`. */
export async function withoutRuntimeWarnings<T>(run: () => Promise<T>, heard: string[] = []): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith(RUNTIME_WARNING)) heard.push(args[0]);
    else warn(...args);
  };
  try {
    return await run();
  } finally {
    console.warn = warn;
  }
}
