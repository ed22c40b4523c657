// What the commands that render a stack share (npm run render, npm run import-file): the options that name
// the stack and its overrides, and how the command ends. A stack, an override or an argument the command
// refuses ends it with one line, `NAME: what is wrong`, and exit 1; anything else is a bug, shown with its
// trace, and exit 2.
import { format, parseArgs, ParseArgsConfig } from "util";
import { StackFileError } from "../render/stack-config";
import type { Command, CommandIo } from "./command";

/** --stack NAME (dev by default), --out PATH, --set KEY=VALUE as often as wanted. */
export const STACK_OPTIONS: NonNullable<ParseArgsConfig["options"]> = {
  stack: { type: "string", default: "dev" },
  out: { type: "string" },
  set: { type: "string", multiple: true, default: [] },
};

/** The command line `argv`: STACK_OPTIONS and the command's own `extra` options (in `values`); an unknown option is refused. */
export function stackArgs(argv: string[], extra: NonNullable<ParseArgsConfig["options"]> = {}) {
  const values = parseArgs({ args: argv, options: { ...STACK_OPTIONS, ...extra }, strict: true }).values as Record<
    string,
    string | boolean | string[] | undefined
  >;
  return { stack: values.stack as string, out: values.out as string | undefined, set: values.set as string[], values };
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

/** A command that ends as the header says, from its `main`, which returns its exit code or throws. */
export function stackCommand(name: string, main: (argv: string[], io: CommandIo) => Promise<number>): Command {
  return async (argv, io) => {
    try {
      return await main(argv, io);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException)?.code ?? "";
      if (error instanceof StackFileError || code.startsWith("ERR_PARSE_ARGS") || isRunError(error)) {
        io.stderr.write(`${name}: ${(error as Error).message}\n`);
        return 1;
      }
      // As console.error(error) writes it: the trace.
      io.stderr.write(`${format(error)}\n`);
      return 2;
    }
  };
}
