// npm run diff (its command line: DIFF_LINE below).
// Renders the working tree and a git ref (by default the merge base with main) and prints a unified diff of
// the manifests, resources, outputs and node files, secrets redacted as in any render. Exits 0 when they
// are equal, 1 when they differ, 2 on an error. Needs no cluster, no Pulumi CLI and no cloud credentials.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { providerReplacementNote } from "../render/provider-config-diff";
import { diffTrees, readTree } from "../render/tree-diff";
import { CommandIo, runAsCli } from "./command";
import { CommandLine, lineCommand, Values } from "./command-line";
import { tsCommand } from "./ts-command";

const root = path.resolve(__dirname, "..");

class DiffError extends Error {}

function git(...args: string[]): string {
  const run = spawnSync("git", args, { cwd: root, encoding: "utf8" });
  if (run.status !== 0) throw new DiffError(`git ${args.join(" ")}: ${run.stderr.trim()}`);
  return run.stdout.trim();
}

function defaultBase(): string {
  for (const main of ["origin/main", "main"]) {
    if (spawnSync("git", ["rev-parse", "--verify", "--quiet", main], { cwd: root }).status === 0) return git("merge-base", "HEAD", main);
  }
  throw new DiffError("no main branch to compare with; name a ref with --base");
}

/** Renders the project in `dir` with its own code, and the working tree's installed packages. */
function renderAt(dir: string, stack: string, out: string): void {
  const [command, args] = tsCommand("scripts/render.ts", ["--stack", stack, "--out", out]);
  const run = spawnSync(command, args, { cwd: dir, encoding: "utf8" });
  if (run.status !== 0) throw new DiffError(`rendering ${dir === root ? "the working tree" : "the base"} failed:\n${run.stderr.trim()}`);
}

const DIFF_LINE: CommandLine = {
  name: "diff",
  synopsis: "[--stack NAME] [--base REF]",
  about:
    "Renders stack NAME (dev by default) from the working tree and from git ref REF (by default the merge base with main), and prints a unified diff of the manifests, resources, outputs and node files, secrets redacted as in any render. Needs no cluster, no Pulumi CLI and no cloud credentials.",
  options: { stack: { type: "string", default: "dev" }, base: { type: "string" } },
  exits: { 0: "the renders are equal", 1: "they differ: the diff is on stdout", 2: "an error, said in one line" },
  refused: 2,
};

function main(values: Values, io: CommandIo): number {
  const stack = values.stack as string;
  const base = git("rev-parse", "--verify", `${values.base ?? defaultBase()}^{commit}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-diff-"));
  try {
    // The base's files as they were at the ref, beside the working tree's node_modules.
    const checkout = path.join(work, "base");
    fs.mkdirSync(checkout);
    execFileSync("/bin/sh", ["-c", `git archive "${base}" | tar -x -C "${checkout}"`], { cwd: root });
    fs.rmSync(path.join(checkout, "node_modules"), { recursive: true, force: true });
    fs.symlinkSync(path.join(root, "node_modules"), path.join(checkout, "node_modules"));
    renderAt(checkout, stack, path.join(work, "out-base"));
    renderAt(root, stack, path.join(work, "out-head"));
    const [before, after] = [readTree(path.join(work, "out-base")), readTree(path.join(work, "out-head"))];
    const diff = diffTrees(before, after);
    if (!diff) {
      io.stdout.write(`no change to stack ${stack} against ${base.slice(0, 12)}\n`);
      return 0;
    }
    // A replacement of the provider replaces every object: said first, not left to a line of resources.yaml.
    io.stdout.write((providerReplacementNote(before["resources.yaml"], after["resources.yaml"]) ?? "") + diff);
    return 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** `npm run diff` as a function (scripts/command.ts): 0 or 1 as DIFF_LINE says; any error one line and 2. */
export const diffCommand = lineCommand(DIFF_LINE, (values, io) => {
  try {
    return main(values, io);
  } catch (error) {
    io.stderr.write(`diff: ${error instanceof DiffError ? error.message : error}\n`);
    return 2;
  }
});

runAsCli(module, diffCommand);
