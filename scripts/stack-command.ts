// What the commands that render a stack share (npm run render, npm run import-file): the options that name
// the stack and its overrides, and how the command ends. A command line refused ends with one line and exit 1
// (scripts/command-line.ts), as do a stack, an override or a config the program refuses, each `NAME: what is
// wrong`; anything else is a bug, shown with its trace, and exit 2.
import { format } from "util";
import { StackFileError } from "../render/stack-config";
import type { CommandIo } from "./command";
import { CommandLine, lineCommand, LinedCommand, Options, Values } from "./command-line";

/** --stack NAME (dev by default), --out PATH, --set KEY=VALUE as often as wanted. */
export const STACK_OPTIONS: Options = {
  stack: { type: "string", default: "dev" },
  out: { type: "string" },
  set: { type: "string", multiple: true, default: [] },
};

/** The exit codes of a command that renders a stack. */
export const STACK_EXITS = {
  0: "written",
  1: "refused: the command line, the stack file, an override or the config, said in one line",
  2: "a bug in obkm, shown with its stack trace",
} as const;

/** The values of STACK_OPTIONS among a command line's `values`. */
export interface StackArgs {
  stack: string;
  out?: string;
  set: string[];
  values: Values;
}

/**
 * Whether the program stopped with a pulumi.RunError (a config it refuses), asked as the SDK's own
 * RunError.isInstance asks it: by the field its constructor sets, `__pulumiRunError === true`, which works
 * across copies of the SDK (@pulumi/pulumi 3.248.0 errors.js RunError, utils.js hasTrueBooleanMember). Asked
 * of the error, the SDK need not be loaded for it: an error may come before the render loads it, or from a
 * render in another process (tests/helpers/render.ts). tests/program.test.ts holds it to the SDK's RunError.
 */
export function isRunError(error: unknown): boolean {
  return (error as { [RUN_ERROR]?: unknown } | null | undefined)?.[RUN_ERROR] === true;
}
const RUN_ERROR = "__pulumiRunError";

/** `error` marked as the SDK marks a RunError: one rebuilt from the reply of another process that rendered. */
export function markedRunError<E extends Error>(error: E): E {
  return Object.assign(error, { [RUN_ERROR]: true });
}

/** A command that ends as the header says: `main` returns its exit code or throws. */
export function stackCommand(line: CommandLine, main: (args: StackArgs, io: CommandIo) => Promise<number>): LinedCommand {
  return lineCommand(line, async (values, io) => {
    try {
      return await main({ stack: values.stack as string, out: values.out as string | undefined, set: values.set as string[], values }, io);
    } catch (error) {
      if (error instanceof StackFileError || isRunError(error)) {
        io.stderr.write(`${line.name}: ${(error as Error).message}\n`);
        return 1;
      }
      // As console.error(error) writes it: the trace.
      io.stderr.write(`${format(error)}\n`);
      return 2;
    }
  });
}
