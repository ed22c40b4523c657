// How the scripts start another of the project's TypeScript scripts: plain node with the swc hook.
import * as path from "path";

const REGISTER = path.join(__dirname, "ts-register.js");

/** The command and arguments that run `script` (relative to the working directory) with `args`. */
export function tsCommand(script: string, args: string[] = []): [string, string[]] {
  return [process.execPath, ["-r", REGISTER, script, ...args]];
}
