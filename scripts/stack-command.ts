// What the commands that render a stack share (npm run render, npm run import-file): the options that name
// the stack and its overrides, and how the command ends. A stack, an override or an argument the command
// refuses ends it with one line, `NAME: what is wrong`, and exit 1; anything else is a bug, shown with its
// trace, and exit 2.
import { parseArgs, ParseArgsConfig } from "util";
import { StackFileError } from "../render/stack-config";

/** --stack NAME (dev by default), --out PATH, --set KEY=VALUE as often as wanted. */
export const STACK_OPTIONS: NonNullable<ParseArgsConfig["options"]> = {
  stack: { type: "string", default: "dev" },
  out: { type: "string" },
  set: { type: "string", multiple: true, default: [] },
};

/** The command line: STACK_OPTIONS and the command's own `extra` options (in `values`); an unknown option is refused. */
export function stackArgs(extra: NonNullable<ParseArgsConfig["options"]> = {}) {
  const values = parseArgs({ options: { ...STACK_OPTIONS, ...extra }, strict: true }).values as Record<
    string,
    string | boolean | string[] | undefined
  >;
  return { stack: values.stack as string, out: values.out as string | undefined, set: values.set as string[], values };
}

/** Runs a command's main and exits as the header says. */
export function runStackCommand(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const code = (error as NodeJS.ErrnoException)?.code ?? "";
      // A RunError (a config the program refuses) can only come once the SDK is loaded, so it is asked then.
      const isRunError = () => (require("@pulumi/pulumi") as typeof import("@pulumi/pulumi")).RunError.isInstance(error);
      if (error instanceof StackFileError || code.startsWith("ERR_PARSE_ARGS") || isRunError()) {
        console.error(`${name}: ${(error as Error).message}`);
        process.exit(1);
      }
      console.error(error);
      process.exit(2);
    },
  );
}
