// What npm run bench and its suites print beside their figures: the machine's load, and the targets.
import { execFileSync } from "child_process";

export interface Target {
  what: string;
  value: number;
  limit: number;
}

/** The load averages of the last 1, 5 and 15 minutes, as uptime prints them: on a shared machine, the context of every figure. */
export function load(): string {
  return execFileSync("uptime", { encoding: "utf8" }).trim();
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Prints each target, met or MISSED; true when every one is met. */
export function printTargets(targets: Target[]): boolean {
  for (const t of targets)
    console.log(`  ${t.what}: ${t.value.toFixed(2)} (target: at most ${t.limit.toFixed(2)}) ${t.value <= t.limit ? "met" : "MISSED"}`);
  return targets.every((t) => t.value <= t.limit);
}
