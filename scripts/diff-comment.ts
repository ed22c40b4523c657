// npm run diff-comment -- --base REF --out FILE [--stack NAME ...]
// Runs `npm run diff` for each stack (dev and prod by default) and writes the pull-request comment of the
// render-diff job to FILE. Exits 1 when a render failed (after writing the comment that says so), else 0.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { diffComment, StackDiff } from "../render/diff-comment";
import { Command, CommandIo, runAsCli } from "./command";
import { tsCommand } from "./ts-command";

const root = path.resolve(__dirname, "..");

function diffOf(stack: string, base: string): StackDiff {
  const [command, args] = tsCommand("scripts/diff.ts", ["--stack", stack, "--base", base]);
  const run = spawnSync(command, args, {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status === 0) return { stack, outcome: "unchanged" };
  if (run.status === 1) return { stack, outcome: "changed", diff: run.stdout };
  return { stack, outcome: "failed", error: run.stderr || `diff exited with ${run.status ?? run.signal}` };
}

async function main(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { base: { type: "string" }, out: { type: "string" }, stack: { type: "string", multiple: true, default: ["dev", "prod"] } },
    strict: true,
  });
  if (!values.base || !values.out) {
    io.stderr.write("diff-comment: --base REF and --out FILE are required\n");
    return 1;
  }
  const diffs = (values.stack as string[]).map((stack) => diffOf(stack, values.base as string));
  fs.writeFileSync(values.out, diffComment(diffs));
  const failed = diffs.filter((d) => d.outcome === "failed").map((d) => d.stack);
  if (failed.length > 0) io.stderr.write(`diff-comment: the render failed for ${failed.join(", ")}; the comment says so\n`);
  return failed.length > 0 ? 1 : 0;
}

/** `npm run diff-comment` as a function (scripts/command.ts); an error of its own arguments ends it as node would. */
export const diffCommentCommand: Command = main;

runAsCli(module, diffCommentCommand);
