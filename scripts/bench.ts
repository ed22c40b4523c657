// npm run bench: what a render costs beside the floor, plain node loading the three Pulumi SDKs the program
// uses (@pulumi/pulumi, @pulumi/kubernetes, @pulumi/random) and nothing else, for 2, 10 and 50 nodes, side
// by side in one run. Each measurement is a fresh process, as a user or CI runs it; the median of a few
// runs is printed, with the targets: a render at most 2x the floor, 50 nodes at most 1.3x 2 nodes.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { tsCommand } from "./ts-command";

const root = path.resolve(__dirname, "..");

function timeProcess(command: string, args: string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { cwd: root, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(" ")} failed:\n${run.stderr}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main(): number {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
  const runs = Number(values.runs);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-bench-"));
  const floorScript = path.join(out, "load-sdks.js");
  const sdks = ["@pulumi/pulumi", "@pulumi/kubernetes", "@pulumi/random"].map(
    (m) => `require(${JSON.stringify(require.resolve(m, { paths: [root] }))});`,
  );
  fs.writeFileSync(floorScript, sdks.join("\n") + "\n");

  // Interleaved, so that a machine busy for a moment weighs on every row alike.
  const samples = new Map<string, number[]>();
  const rows: Array<[string, () => number]> = [
    ["floor: node loads the SDKs", () => timeProcess(process.execPath, [floorScript])],
    ...[2, 10, 50].map((nodes): [string, () => number] => [
      `render dev with ${nodes} nodes`,
      () => timeProcess(...tsCommand("scripts/render.ts", ["--out", path.join(out, String(nodes)), "--set", `replicas=${nodes}`])),
    ]),
  ];
  for (let i = 0; i < runs; i++) for (const [what, measure] of rows) samples.set(what, [...(samples.get(what) ?? []), measure()]);
  fs.rmSync(out, { recursive: true, force: true });

  const ms = (what: string) => median(samples.get(what)!);
  const floor = ms(rows[0][0]);
  console.log(`median of ${runs} runs, each in a fresh process (node ${process.version}, ${os.cpus().length} cores)\n`);
  console.log("what".padEnd(30) + "ms".padStart(8) + "  x floor");
  for (const [what] of rows) console.log(what.padEnd(30) + ms(what).toFixed(0).padStart(8) + `  ${(ms(what) / floor).toFixed(2)}`);
  const render2 = ms("render dev with 2 nodes") / floor;
  const growth = ms("render dev with 50 nodes") / ms("render dev with 2 nodes");
  console.log(`\na render costs ${render2.toFixed(2)}x the floor (target: at most 2.00)`);
  console.log(`50 nodes cost ${growth.toFixed(2)}x what 2 nodes cost (target: at most 1.30)`);
  return render2 <= 2 && growth <= 1.3 ? 0 : 1;
}

process.exit(main());
