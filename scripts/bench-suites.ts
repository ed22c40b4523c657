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
import { FILE_CPU_ENV } from "../tests/helpers/render-server-env";
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
  for (const { what } of steps) printHeaviestFiles(root, what, fileCpu(what));
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

/** A jest step's test files whose workers took the most CPU, from tests/helpers/file-cpu.ts's lines. */
function printHeaviestFiles(root: string, step: string, fileCpu: string, shown = 12): void {
  if (!fs.existsSync(fileCpu)) return;
  const rows = fs
    .readFileSync(fileCpu, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => line.split("\t"))
    .map(([file, loading, own, children]) => ({
      file: path.relative(root, file),
      loading: Number(loading),
      own: Number(own),
      children: Number(children),
    }))
    .sort((a, b) => b.own - a.own);
  const all = rows.reduce((total, r) => total + r.own, 0);
  console.log(
    `\n${step}, the files' own work, heaviest first: CPU s of the worker (of it, loading what the file imports), and of the processes it ran`,
  );
  for (const r of rows.slice(0, shown))
    console.log(`${r.file.padEnd(48)}${r.own.toFixed(2).padStart(7)}  (${r.loading.toFixed(2)})${r.children.toFixed(2).padStart(8)}`);
  console.log(`${`all ${rows.length} files`.padEnd(48)}${all.toFixed(2).padStart(7)}`);
}
