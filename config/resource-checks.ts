// The JVM's heap within the container's memory: what -Xmx gets, and the room it must leave.
import { Failed, Parsed } from "./parsed";
import { fullKey, showValue } from "./problems";
import { quantityBytes } from "./quantity";

const GiB = 1n << 30n;
const MiB = 1n << 20n;

/** The heap in MiB (half the memory unless jvmHeap says), and what is wrong with it. */
export function heapProblems(parsed: Parsed, failed: Failed): { problems: string[]; heapMiB: number } {
  const problems: string[] = [];
  const memory = quantityBytes(parsed.memory ?? "0") as bigint;
  // Half the memory by default: the product's 2 GB heap of 4 GB, and the same share at other sizes.
  const heap = parsed.jvmHeap ? (quantityBytes(parsed.jvmHeap) as bigint) : (memory / 2n / MiB) * MiB;
  const rest = memory - heap;
  if (failed("memory", "jvmHeap")) {
    // reported above
  } else if (heap % MiB !== 0n) {
    problems.push(`${fullKey(["jvmHeap"])}: got ${showValue(parsed.jvmHeap)}; expected a whole number of Mi, as -Xmx takes it`);
  } else if (rest < GiB || rest * 4n < memory) {
    const maxHeap = [memory - GiB, (memory * 3n) / 4n].reduce((a, b) => (a < b ? a : b));
    problems.push(
      `${fullKey(["jvmHeap"])}: got ${parsed.jvmHeap || `half the memory`} with memory ${parsed.memory}; expected at most ${maxHeap / MiB}Mi, leaving at least 1Gi and a quarter of the memory to metaspace, threads and the OS (a heap as large as the limit gets the pod OOM-killed)`,
    );
  }

  return { problems, heapMiB: Number(heap / MiB) };
}
