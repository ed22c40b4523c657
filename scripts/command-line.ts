// The command line of each of the project's commands (package.json's scripts that run a scripts/*.ts file):
// its synopsis, what it does, its options and what each exit code means, in one object that parses the
// arguments, answers --help, and refuses a command line in one line that names what is wrong and shows the
// synopsis, never with a trace. tests/command-lines.test.ts holds every command package.json runs to it, and
// every `npm run NAME -- ...` of the docs and workflows to its command's synopsis or options.
//
// The arguments are read with node's util.parseArgs in its lenient mode with tokens (node 20 docs, "util.
// parseArgs": `tokens: true`), and each token is judged here: in its strict mode parseArgs throws messages
// that span lines ("argument is ambiguous. Did you forget..."), takes a value that starts with a dash for a
// missing one only there, and lets an option given twice keep its last value without a word.
import { parseArgs, ParseArgsConfig } from "util";
import type { Command, CommandIo } from "./command";

export type Options = NonNullable<ParseArgsConfig["options"]>;
export type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

export interface CommandLine {
  /** The npm script's name: `npm run NAME`. */
  name: string;
  /** The arguments after `--` as the usage line shows them, such as "--stack NAME [--out DIR]"; "" for none. */
  synopsis: string;
  /** What the command does, in a sentence or two. */
  about: string;
  /** Its options, as util.parseArgs takes them; --help (-h) is every command's own. */
  options: Options;
  /** The options it cannot do without (none by default). */
  required?: readonly string[];
  /** Each exit code, and what it means. */
  exits: Readonly<Record<number, string>>;
  /** The code a command line refused ends with: one of `exits`. */
  refused: number;
  /**
   * The errors that are the user's, not the command's bug (a stack file it cannot migrate, a measured command
   * that failed): each ends the command as a refused command line does, `NAME: message` and `refused`. Any
   * other error keeps its stack trace.
   */
  userErrors?: ReadonlyArray<abstract new (...args: never[]) => Error>;
}

/** A command line the command does not take: its message is one line. */
export class UsageError extends Error {}

/** `npm run NAME -- SYNOPSIS`, as the docs write the command's usage. */
export function usageOf(line: CommandLine): string {
  return `npm run ${line.name}${line.synopsis ? ` -- ${line.synopsis}` : ""}`;
}

/** What --help prints: the usage, what the command does, its exit codes. */
export function helpOf(line: CommandLine): string {
  const exits = Object.entries(line.exits).map(([code, meaning]) => `  ${code}  ${meaning}`);
  return [`usage: ${usageOf(line)}`, "", line.about, "", "exit codes:", ...exits, ""].join("\n");
}

const HELP: Options = { help: { type: "boolean", short: "h" } };

/** The options' values (their defaults where not given), or `help` when --help or -h is among the arguments. */
export function parseCommandLine(line: CommandLine, argv: readonly string[]): { help: true } | { help: false; values: Values } {
  const options = { ...line.options, ...HELP };
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const refuse = (problem: string) => new UsageError(`${problem}; usage: ${usageOf(line)}`);
  const values: Values = Object.fromEntries(
    Object.entries(line.options).map(([name, option]) => [name, Array.isArray(option.default) ? [...option.default] : option.default]),
  );
  const given = new Set<string>();
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") throw refuse(`unexpected argument ${JSON.stringify(token.value)}`);
    // Own keys only: `--constructor` is no option for being a name every object inherits.
    if (!Object.hasOwn(options, token.name)) throw refuse(`unknown option ${token.rawName}`);
    const option = options[token.name];
    if (token.name === "help") return { help: true };
    if (option.type === "boolean" && token.inlineValue) throw refuse(`${token.rawName} takes no value`);
    if (option.type === "string" && (token.value === undefined || (!token.inlineValue && token.value.startsWith("-"))))
      throw refuse(`${token.rawName} needs a value (a value that starts with a dash goes as ${token.rawName}=-VALUE)`);
    if (given.has(token.name) && !option.multiple) throw refuse(`${token.rawName} is given more than once`);
    given.add(token.name);
    const value = option.type === "boolean" ? true : (token.value as string);
    values[token.name] = option.multiple ? [...((values[token.name] as string[] | undefined) ?? []), value as string] : value;
  }
  const missing = (line.required ?? []).filter((name) => !given.has(name));
  if (missing.length > 0) throw refuse(`${missing.map((name) => `--${name}`).join(" and ")} ${missing.length > 1 ? "are" : "is"} required`);
  return { help: false, values };
}

/** A command with the command line it takes, which tests/command-lines.test.ts finds among a file's exports. */
export type LinedCommand = Command & { readonly commandLine: CommandLine };

/**
 * The command that runs `main` on the values of its command line: --help prints helpOf(line) and ends 0; a
 * command line refused ends with `NAME: what is wrong; usage: ...` on stderr and `line.refused`, and so does
 * an error of `line.userErrors` that `main` throws, with its message.
 */
export function lineCommand(line: CommandLine, main: (values: Values, io: CommandIo) => number | Promise<number>): LinedCommand {
  const command: Command = async (argv, io) => {
    let parsed: ReturnType<typeof parseCommandLine>;
    try {
      parsed = parseCommandLine(line, argv);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`${line.name}: ${error.message}\n`);
      return line.refused;
    }
    if (parsed.help) {
      io.stdout.write(helpOf(line));
      return 0;
    }
    try {
      return await main(parsed.values, io);
    } catch (error) {
      if (!(line.userErrors ?? []).some((kind) => error instanceof kind)) throw error;
      io.stderr.write(`${line.name}: ${(error as Error).message}\n`);
      return line.refused;
    }
  };
  return Object.assign(command, { commandLine: line });
}
