// How the project's commands (npm run render, import-file, diff, diff-comment) are called: each is a
// function of its arguments and of where it writes, to its exit code, which the file's bottom line runs on
// the process's own arguments when node started that file. A test calls the same function in its own
// process (tests/helpers/render-command.ts): the same argument parsing, the same lines, the same exit code
// for each error, without starting node and loading the Pulumi SDKs again.
import type { MockRunInput } from "../render/mock-engine";
import type { Rendered } from "../render/render";

/** Where a command writes: the process's streams under the CLI, strings a test reads in process. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /**
   * Renders a stack's config; the render's own renderStack (render/render.ts) unless the caller renders
   * elsewhere: the tests' render server, which has the Pulumi SDKs loaded (tests/helpers/render.ts).
   */
  renderStack?: (input: MockRunInput) => Promise<Rendered>;
}

/** A command: its arguments (without node and the script) and its io, to the exit code it ends with. */
export type Command = (argv: string[], io: CommandIo) => Promise<number>;

/** The render a command makes: by the caller's renderer, or by render/render.ts, loaded only when asked for. */
export async function renderWith(io: CommandIo, input: MockRunInput): Promise<Rendered> {
  // Loaded once the stack's config has passed the CLI's checks: the Pulumi SDKs take a second or two.
  const renderStack = io.renderStack ?? (await import("../render/render")).renderStack;
  return renderStack(input);
}

/**
 * The bottom line of a command's file: when node started that file (`node -r ./scripts/ts-register.js
 * scripts/render.ts`, which `npm run render` runs), the command runs on the process's arguments and the
 * process exits with its code; imported by another file (a test), it does nothing. `module` is the file's
 * own: `require.main` is the module node started with (Node's modules API, "Accessing the main module").
 */
export function runAsCli(module: NodeModule, command: Command): void {
  if (require.main !== module) return;
  // A bug's stack trace at the lines of the .ts files, when the swc hook runs them (`package.json`'s scripts).
  const swcHook = require.cache[require.resolve("./ts-register.js")]?.exports as { mapStackTraces?: () => void } | undefined;
  swcHook?.mapStackTraces?.();
  void command(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => process.exit(code));
}
