// npm run diff-comment (its command line: DIFF_COMMENT_LINE below): `npm run diff` for each stack, and the
// pull-request comment of the render-diff job made of them.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { diffComment, StackDiff } from "../render/diff-comment";
import { CommandIo, runAsCli } from "./command";
import { CommandLine, lineCommand, Values } from "./command-line";
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

const DIFF_COMMENT_LINE: CommandLine = {
  name: "diff-comment",
  synopsis: "--base REF --out FILE [--stack NAME ...]",
  about:
    "Runs `npm run diff -- --stack NAME --base REF` for each stack NAME (dev and prod by default) and writes the pull-request comment of the render-diff job to FILE.",
  options: { base: { type: "string" }, out: { type: "string" }, stack: { type: "string", multiple: true, default: ["dev", "prod"] } },
  required: ["base", "out"],
  exits: { 0: "the comment is written", 1: "a render failed (the comment written says so), or the command line is refused" },
  refused: 1,
};

async function main(values: Values, io: CommandIo): Promise<number> {
  const diffs = (values.stack as string[]).map((stack) => diffOf(stack, values.base as string));
  fs.writeFileSync(values.out as string, diffComment(diffs));
  const failed = diffs.filter((d) => d.outcome === "failed").map((d) => d.stack);
  if (failed.length > 0) io.stderr.write(`diff-comment: the render failed for ${failed.join(", ")}; the comment says so\n`);
  return failed.length > 0 ? 1 : 0;
}

/** `npm run diff-comment` as a function (scripts/command.ts). */
export const diffCommentCommand = lineCommand(DIFF_COMMENT_LINE, main);

runAsCli(module, diffCommentCommand);
