// npm run bench: what a render costs beside the bare cost of loading the Pulumi SDKs, for 2, 10 and 50
// nodes. Each measurement is a fresh process, as a user or CI runs it; the median of a few runs is printed.
// A render should cost little more than loading the SDKs and hardly grow with the node count.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";

const root = path.resolve(__dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

function timeProcess(args: string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(tsx, args, { cwd: root, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(" ")} failed:\n${run.stderr}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main() {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
  const runs = Number(values.runs);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-bench-"));
  const loadSdks = path.join(out, "load-sdks.ts");
  fs.writeFileSync(loadSdks, `require(${JSON.stringify(require.resolve("@pulumi/pulumi"))});\nrequire(${JSON.stringify(require.resolve("@pulumi/kubernetes"))});\n`);

  const measure = (args: string[]) => median(Array.from({ length: runs }, () => timeProcess(args)));
  const baseline = measure([loadSdks]);
  const rows: Array<[string, number]> = [["load the Pulumi SDKs", baseline]];
  for (const nodes of [2, 10, 50]) {
    rows.push([`render dev with ${nodes} nodes`, measure(["scripts/render.ts", "--out", path.join(out, String(nodes)), "--set", `replicas=${nodes}`])]);
  }

  console.log(`median of ${runs} runs, each in a fresh process (node ${process.version}, ${os.cpus().length} cores)\n`);
  console.log("what".padEnd(30) + "ms".padStart(8) + "  x SDK load");
  for (const [what, ms] of rows) console.log(what.padEnd(30) + ms.toFixed(0).padStart(8) + `  ${(ms / baseline).toFixed(2)}`);
  const [, two] = rows[1];
  const [, fifty] = rows[3];
  console.log(`\n50 nodes cost ${(fifty / two).toFixed(2)}x what 2 nodes cost.`);
  fs.rmSync(out, { recursive: true, force: true });
}

main();
