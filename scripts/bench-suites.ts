// npm run bench -- --suites: CI's own steps (.ci/run, after apt and npm ci), each run once as CI runs it,
// with cold caches as on CI's clean clone: a fresh TMPDIR (jest's transform cache, the mock TLS keys), a fresh
// tsc build-info file (npm test's tsc is incremental), and no node_modules/.cache/obkm (the scripts' transpiled
// files, the editor's bundle, and what the tests keep across runs: renders, the component schema, the synced
// doc pages; tests/helpers/test-cache.ts), which is set aside for the steps and put back after. The
// integration suite's own database servers are started detached, as daemons: their work is not in its CPU
// time.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FILE_CPU_ENV, RENDER_SERVER_ROW } from "../tests/helpers/render-server-env";
import { load, printTargets } from "./bench-report";
import { measure } from "./cpu-time";

/** A tool's own script under node_modules, run by this node, as npm's scripts run it. */
function bin(root: string, file: string, args: string[]): [string, string[]] {
  return [process.execPath, [path.join(root, "node_modules", file), ...args]];
}

/** Runs `steps` with the project's caches (node_modules/.cache/obkm) set aside, and puts them back after. */
function withoutProjectCaches<T>(root: string, steps: () => T): T {
  const caches = path.join(root, "node_modules", ".cache", "obkm");
  const aside = `${caches}.set-aside-by-bench`;
  // A bench stopped before it put them back left them there: they are only caches.
  fs.rmSync(aside, { recursive: true, force: true });
  if (fs.existsSync(caches)) fs.renameSync(caches, aside);
  try {
    return steps();
  } finally {
    fs.rmSync(caches, { recursive: true, force: true });
    if (fs.existsSync(aside)) fs.renameSync(aside, caches);
  }
}

export function runSuites(root: string): boolean {
  return withoutProjectCaches(root, () => runSteps(root));
}

function runSteps(root: string): boolean {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-bench-suites-"));
  // mkdtemp makes it 0700; the integration suite's servers run as nobody and write their temporary files
  // here (TMPDIR), so it is what /tmp is: writable by all, sticky.
  fs.chmodSync(tmp, 0o1777);
  const steps: Array<{ what: string; command: [string, string[]] }> = [
    { what: "lint: eslint .", command: bin(root, "eslint/bin/eslint.js", ["."]) },
    { what: "lint: prettier --check .", command: bin(root, "prettier/bin/prettier.cjs", ["--check", "."]) },
    // npm test is `tsc --noEmit && jest` (package.json).
    {
      what: "npm test: tsc --noEmit",
      command: bin(root, "typescript/bin/tsc", ["--noEmit", "--tsBuildInfoFile", path.join(tmp, "tsc.tsbuildinfo")]),
    },
    { what: "npm test: jest", command: bin(root, "jest/bin/jest.js", []) },
    { what: "integration: jest -c ...", command: bin(root, "jest/bin/jest.js", ["-c", "jest.integration.config.js"]) },
  ];
  console.log(`\nCI's own steps, once each, cold caches; before: ${load()}`);
  const figures = new Map<string, { cpuSeconds: number; wallMs: number }>();
  // Each step's test files' CPU, for those that run jest (tests/helpers/file-cpu.ts).
  const fileCpu = (what: string) => path.join(tmp, `file-cpu-${steps.findIndex((step) => step.what === what)}.tsv`);
  for (const { what, command } of steps) {
    const measured = measure(...command, { cwd: root, env: { ...process.env, TMPDIR: tmp, [FILE_CPU_ENV]: fileCpu(what) } });
    figures.set(what, measured);
    const failed = measured.status === 0 ? "" : `  FAILED (exit ${measured.status}): its figure is not a measurement`;
    console.log(
      `${what.padEnd(32)}${measured.cpuSeconds.toFixed(1).padStart(8)} CPU s${(measured.wallMs / 1000).toFixed(1).padStart(8)} s wall${failed}`,
    );
  }
  console.log(`after: ${load()}`);
  for (const { what } of steps) printHeaviestFiles(root, what, fileCpu(what), figures.get(what)!.cpuSeconds);
  fs.rmSync(tmp, { recursive: true, force: true });

  const sum = (pick: (what: string) => boolean, of: "cpuSeconds" | "wallMs") =>
    [...figures].filter(([what]) => pick(what)).reduce((total, [, f]) => total + f[of], 0);
  const npmTest = sum((w) => w.startsWith("npm test"), "cpuSeconds");
  console.log(
    `\nnpm test: ${npmTest.toFixed(1)} CPU s; CI's own steps: ${sum(() => true, "cpuSeconds").toFixed(1)} CPU s, ${(sum(() => true, "wallMs") / 60000).toFixed(1)} min wall here`,
  );
  console.log("targets:");
  return printTargets([
    { what: "npm test, CPU seconds", value: npmTest, limit: 45 },
    { what: "CI's own steps, minutes of wall time on this machine", value: sum(() => true, "wallMs") / 60000, limit: 4 },
  ]);
}

/** A test file's CPU seconds, as tests/helpers/file-cpu.ts writes them: its worker's, of them loading, and its processes'. */
export interface FileCpu {
  file: string;
  own: number;
  loading: number;
  children: number;
}

/**
 * Where a jest step's CPU went, from the lines of tests/helpers/file-cpu.ts (and the render server's own,
 * RENDER_SERVER_ROW): the test files' own work (of it, loading what they import), the processes they ran and
 * reaped, the render server where the step had one, and the rest, jest itself: its start, its workers' start,
 * each file's set-up before the file's first line runs.
 */
export function cpuShares(lines: string, stepCpu: number) {
  const rows = lines
    .split("\n")
    .filter(Boolean)
    .map((line) => line.split("\t"))
    .map(([file, loading, own, children]): FileCpu => ({ file, loading: Number(loading), own: Number(own), children: Number(children) }));
  const files = rows.filter((r) => r.file !== RENDER_SERVER_ROW).sort((a, b) => b.own - a.own);
  const servers = rows.filter((r) => r.file === RENDER_SERVER_ROW);
  const sum = (of: readonly FileCpu[], what: "own" | "loading" | "children") => of.reduce((total, r) => total + r[what], 0);
  const renderServer = servers.length ? sum(servers, "own") : undefined;
  const own = sum(files, "own");
  const children = sum(files, "children");
  return { files, own, loading: sum(files, "loading"), children, renderServer, jest: stepCpu - own - children - (renderServer ?? 0) };
}

/** A jest step's heaviest test files and where its CPU went (cpuShares). */
function printHeaviestFiles(root: string, step: string, fileCpu: string, stepCpu: number, shown = 12): void {
  if (!fs.existsSync(fileCpu)) return;
  const shares = cpuShares(fs.readFileSync(fileCpu, "utf8"), stepCpu);
  console.log(
    `\n${step}, the files' own work, heaviest first: CPU s of the worker (of it, loading what the file imports), and of the processes it ran`,
  );
  const row = (name: string, r: Omit<FileCpu, "file">) =>
    console.log(`${name.padEnd(48)}${r.own.toFixed(2).padStart(7)}  (${r.loading.toFixed(2)})${r.children.toFixed(2).padStart(8)}`);
  for (const r of shares.files.slice(0, shown)) row(path.relative(root, r.file), r);
  row(`all ${shares.files.length} files`, shares);
  const parts = [
    `the test files' own work ${shares.own.toFixed(1)} (of it, loading what they import ${shares.loading.toFixed(1)})`,
    `the processes they ran ${shares.children.toFixed(1)}`,
    ...(shares.renderServer === undefined ? [] : [`the render server ${shares.renderServer.toFixed(1)}`]),
    `jest itself ${shares.jest.toFixed(1)}`,
  ];
  console.log(`where its ${stepCpu.toFixed(1)} CPU s went: ${parts.join("; ")}`);
}
