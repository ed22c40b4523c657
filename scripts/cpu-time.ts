// The CPU time of a command, as npm run bench reports it: user plus system time of the process and of every
// process it waited for (jest's workers, a script's node), which the kernel adds to the parent's children
// times when it reaps a child (getrusage(2) RUSAGE_CHILDREN; proc(5), /proc/[pid]/stat fields 16 cutime and
// 17 cstime, in clock ticks). Read around a synchronous spawn, the difference is that command's own. Linux
// only. A process left running (a daemon such as a database server) is not counted, nor is one its parent
// never waited for. Wall time is shown too; on a shared machine it says more about the neighbours.
import { spawnSync, SpawnSyncOptions } from "child_process";
import * as fs from "fs";

/** Clock ticks a second: sysconf(_SC_CLK_TCK), as getconf prints it. */
const TICKS_PER_SECOND = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/** cutime + cstime of this process, in ticks: the fields after the command name, which may hold spaces. */
function childrenTicks(): number {
  const stat = fs.readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state), so field 16 is fields[13] and field 17 fields[14].
  return Number(fields[13]) + Number(fields[14]);
}

export interface Measured {
  cpuSeconds: number;
  wallMs: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

export function measure(command: string, args: string[], options: SpawnSyncOptions = {}): Measured {
  const ticks = childrenTicks();
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuSeconds = (childrenTicks() - ticks) / TICKS_PER_SECOND;
  return { cpuSeconds, wallMs, status: run.status, stdout: String(run.stdout ?? ""), stderr: String(run.stderr ?? "") };
}
