// The project's commands (npm run render, import-file, diff, diff-comment) run in the test's own process, as
// the CLI runs them: the command's function (scripts/command.ts) with its arguments, through the same
// argument parsing and the same end (the one-line error, the exit code) as `node scripts/X.ts`, what it
// writes to stdout and stderr captured. A render it makes is the tests' (render.ts): by the render server,
// which has the Pulumi SDKs loaded, where a process of its own would load them again, about 2 CPU-seconds
// each. What only a process shows (the swc hook, the exit itself, stderr as node writes it) stays with one
// test per command that starts it (tests/render-cli.test.ts and the others say which).
import type { Command } from "../../scripts/command";
import type { MockRunInput } from "../../render/mock-engine";

export interface CommandRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `command` with `argv` (what follows `npm run X --`). Its render comes from the tests' render cache,
 * or with `fresh`, is made anew: a test of the render's own determinism must not get back the render it compares.
 */
export async function runCommand(command: Command, argv: string[], { fresh = false } = {}): Promise<CommandRun> {
  const run = { stdout: "", stderr: "" };
  const status = await command(argv, {
    stdout: { write: (text: string) => (run.stdout += text) },
    stderr: { write: (text: string) => (run.stderr += text) },
    // Loaded when the command renders: render.ts loads the XML parsers, which a command that stops before
    // its render, or never renders (diff, diff-comment), has no use for.
    renderStack: (input: MockRunInput) => {
      const { renderInput, renderNow } = require("./render") as typeof import("./render");
      return fresh ? renderNow(input) : renderInput(input);
    },
  });
  return { status, ...run };
}
