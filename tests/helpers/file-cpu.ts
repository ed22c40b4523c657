// Where `npm test`'s CPU goes, file by file, for `npm run bench -- --suites` (scripts/bench-suites.ts): when
// OBKM_FILE_CPU names a file, each test file's worker appends one line to it, the file's name, then the CPU
// seconds of the worker from here (after jest's set-up of the file) to its tests' start, which is loading
// what the file imports, to its end, and what the children it waited for took (Linux's /proc/self/stat
// cutime and cstime: processes a test ran and reaped). Without the variable it registers nothing.
import * as fs from "fs";
import { FILE_CPU_ENV } from "./render-server-env";

/** CPU seconds of the children this process has reaped; 0 where /proc is not there. */
function reapedChildren(): number {
  try {
    // Fields after the command's closing parenthesis, from state (3): cutime and cstime are 16 and 17, in clock
    // ticks, 100 a second on Linux (proc(5)).
    const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

const out = process.env[FILE_CPU_ENV];
if (out) {
  const seconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;
  const start = process.cpuUsage();
  const childrenAtStart = reapedChildren();
  let loading = 0;
  beforeAll(() => {
    loading = seconds(process.cpuUsage(start));
  });
  afterAll(() => {
    const file = expect.getState().testPath ?? "?";
    const row = [file, loading, seconds(process.cpuUsage(start)), reapedChildren() - childrenAtStart];
    fs.appendFileSync(out, `${row.map((v) => (typeof v === "number" ? v.toFixed(2) : v)).join("\t")}\n`);
  });
}
