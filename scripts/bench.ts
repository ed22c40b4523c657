// npm run bench (its command line: BENCH_LINE below).
// What starting the program costs beside the floor, in CPU seconds (user + system of the process and the
// children it waited for; scripts/cpu-time.ts), with wall time beside them. Rows, each a fresh process, run
// interleaved so that a busy moment weighs on every row alike, after one unmeasured run of each (so the
// caches are warm: the OS's file cache, the scripts' transpiled files and Pulumi.yaml's parse in
// node_modules/.cache, the editor's bundle, the render's mock TLS keys); the median of N:
//  - the floor: plain node loading the SDKs whose resources the program registers, @pulumi/pulumi,
//    @pulumi/kubernetes, @pulumi/random and @pulumi/tls, which the program imports whatever the stack. Every
//    other module it loads (its own code, zod, the XML parser, yaml) is the program's own cost. Beside it,
//    the same load with the node flags the program runs with (ts-command.ts NODE_FLAGS), for comparison;
//  - the program's start as `pulumi preview` runs it: Pulumi's own runner (cmd/run) with the environment
//    the CLI's language host gives it, through Pulumi.yaml's runtime options and entry point (pulumi-main.js),
//    its registrations answered in the process (scripts/pulumi-runner.ts, scripts/offline-engine.js); beside
//    it, the runner with a program that only loads the floor's SDKs: the runner's own cost (its inspector
//    hooks and tracing, source maps for every stack trace the SDK takes);
//  - npm run render of the dev stack with 2, 10 and 50 nodes.
// With --suites, also each step of CI (.ci/run) once, with cold caches (scripts/bench-suites.ts).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SpawnSyncOptions } from "child_process";
import { readStackConfig } from "../render/stack-config";
import { load, median, printTargets, Target } from "./bench-report";
import { measure } from "./cpu-time";
import { runnerArgs, runnerEnv, runtimeOptions } from "./pulumi-runner";
import { runSuites } from "./bench-suites";
import { NODE_FLAGS, tsCommand } from "./ts-command";
import { runAsCli } from "./command";
import { CommandLine, lineCommand, usageOf, Values } from "./command-line";

/** A measured command that failed: one line, and 2. */
class BenchError extends Error {}

const BENCH_LINE: CommandLine = {
  name: "bench",
  synopsis: "[--runs N] [--suites] [--enforce]",
  about:
    "Measures in CPU seconds what starting the program costs beside the floor (plain node loading the Pulumi SDKs): its start under Pulumi's own runner and npm run render of the dev stack with 2, 10 and 50 nodes, the median of N runs (5 by default), each a fresh process; with --suites, also each step of CI once with cold caches. It prints the figures and the targets.",
  options: { runs: { type: "string", default: "5" }, suites: { type: "boolean", default: false }, enforce: { type: "boolean", default: false } },
  exits: { 0: "measured (a target missed too, unless --enforce)", 1: "with --enforce: a target missed", 2: "refused, or a measured command failed" },
  refused: 2,
  userErrors: [BenchError],
};

const root = path.resolve(__dirname, "..");
const FLOOR_SDKS = ["@pulumi/pulumi", "@pulumi/kubernetes", "@pulumi/random", "@pulumi/tls"];

interface Row {
  what: string;
  command: () => [string, string[], SpawnSyncOptions?];
}

function rowsOf(out: string): Row[] {
  const floorScript = path.join(out, "load-sdks.js");
  const loads = FLOOR_SDKS.map((m) => `require(${JSON.stringify(require.resolve(m, { paths: [root] }))});`).join("\n") + "\n";
  fs.writeFileSync(floorScript, loads);
  const dev = readStackConfig(root, "dev", []);
  const runner = (options: ReturnType<typeof runtimeOptions>, program?: string): [string, string[], SpawnSyncOptions] => [
    process.execPath,
    runnerArgs(root, dev, program),
    { cwd: root, env: { ...process.env, ...runnerEnv(dev, options) } },
  ];
  return [
    { what: "floor: node loads the 4 SDKs", command: () => [process.execPath, [floorScript]] },
    // The floor with the flags the program runs with (ts-command.ts NODE_FLAGS): they must not be what makes
    // a ratio below, by making the SDKs' load itself cheaper. Shown, not the floor the targets divide by.
    { what: "floor, with NODE_FLAGS", command: () => [process.execPath, [...NODE_FLAGS, floorScript]] },
    // The floor's loads as the runner's program: what the runner costs before any of ours runs.
    { what: "runner, the SDKs only", command: () => runner(runtimeOptions(root), floorScript) },
    { what: "runner start (Pulumi.yaml)", command: () => runner(runtimeOptions(root)) },
    ...[2, 10, 50].map((nodes) => ({
      what: `render dev, ${nodes} nodes`,
      command: (): [string, string[], SpawnSyncOptions] => [
        ...tsCommand("scripts/render.ts", ["--out", path.join(out, String(nodes)), "--set", `replicas=${nodes}`]),
        { cwd: root },
      ],
    })),
  ];
}

function run(row: Row): { cpuSeconds: number; wallMs: number } {
  const [command, args, options] = row.command();
  const measured = measure(command, args, { cwd: root, ...options });
  if (measured.status !== 0) throw new BenchError(`${row.what} failed (exit ${measured.status}):\n${measured.stderr}`);
  return measured;
}

function main(values: Values): number {
  const runs = Number(values.runs);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-bench-"));
  const rows = rowsOf(out);
  console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}); before: ${load()}`);

  for (const row of rows) run(row);
  const samples = new Map<string, Array<{ cpuSeconds: number; wallMs: number }>>(rows.map((r) => [r.what, []]));
  for (let i = 0; i < runs; i++) for (const row of rows) samples.get(row.what)!.push(run(row));
  fs.rmSync(out, { recursive: true, force: true });

  const cpu = (what: string) => median(samples.get(what)!.map((s) => s.cpuSeconds));
  const wall = (what: string) => median(samples.get(what)!.map((s) => s.wallMs));
  const floor = cpu(rows[0].what);
  console.log(`after: ${load()}`);
  console.log(`\nmedian of ${runs} runs, each a fresh process, caches warm\n`);
  console.log("what".padEnd(32) + "CPU s".padStart(8) + "x floor".padStart(9) + "wall ms".padStart(9) + "x floor".padStart(9));
  const wallFloor = wall(rows[0].what);
  for (const { what } of rows)
    console.log(
      what.padEnd(32) +
        cpu(what).toFixed(2).padStart(8) +
        (cpu(what) / floor).toFixed(2).padStart(9) +
        wall(what).toFixed(0).padStart(9) +
        (wall(what) / wallFloor).toFixed(2).padStart(9),
    );

  console.log("\ntargets, in CPU time:");
  const targets: Target[] = [
    { what: "runner start / floor", value: cpu("runner start (Pulumi.yaml)") / floor, limit: 2 },
    ...[2, 10, 50].map((n) => ({ what: `render dev, ${n} nodes / floor`, value: cpu(`render dev, ${n} nodes`) / floor, limit: 1.5 })),
    { what: "render dev, 50 nodes / 2 nodes", value: cpu("render dev, 50 nodes") / cpu("render dev, 2 nodes"), limit: 1.3 },
  ];
  let met = printTargets(targets);
  if (values.suites) met = runSuites(root) && met;
  return met || !values.enforce ? 0 : 1;
}

/** `npm run bench` as a function (scripts/command.ts); the figures go to the process's stdout, as the bench's reports print them. */
export const benchCommand = lineCommand(BENCH_LINE, (values, io) => {
  // A median of at least one run; the runs are fresh processes, so a count beyond a few hundred is a typo.
  if (!/^[1-9][0-9]{0,2}$/.test(values.runs as string)) {
    io.stderr.write(`bench: --runs ${JSON.stringify(values.runs)}: expected a whole number of runs from 1 to 999; usage: ${usageOf(BENCH_LINE)}\n`);
    return 2;
  }
  return main(values);
});

runAsCli(module, benchCommand);
