// Kubernetes resource quantities, parsed exactly (bigint) and written the way the API server writes them back,
// so that a preview never shows `4096Mi -> 4Gi` as a change nobody made.

const binarySuffixes: Array<[string, bigint]> = [
  ["Ei", 1n << 60n],
  ["Pi", 1n << 50n],
  ["Ti", 1n << 40n],
  ["Gi", 1n << 30n],
  ["Mi", 1n << 20n],
  ["Ki", 1n << 10n],
];
const decimalSuffixes: Array<[string, bigint]> = [
  ["E", 10n ** 18n],
  ["P", 10n ** 15n],
  ["T", 10n ** 12n],
  ["G", 10n ** 9n],
  ["M", 10n ** 6n],
  ["k", 10n ** 3n],
];

const quantityPattern = /^(\d+)(?:\.(\d+))?(Ei|Pi|Ti|Gi|Mi|Ki|E|P|T|G|M|k|m)?$/;

/** A quantity as an exact count of thousandths of its base unit (bytes or cores). */
export interface Quantity {
  milli: bigint;
  binary: boolean;
}

export function parseQuantity(text: string): Quantity | undefined {
  const match = quantityPattern.exec(text);
  if (!match) return undefined;
  const [, whole, fraction = "", suffix = ""] = match;
  const scale = 10n ** BigInt(fraction.length);
  const mantissa = BigInt(whole + fraction);
  const multiplier =
    suffix === "m" ? 1n : 1000n * (binarySuffixes.find(([s]) => s === suffix)?.[1] ?? decimalSuffixes.find(([s]) => s === suffix)?.[1] ?? 1n);
  const milliTimesScale = mantissa * multiplier;
  if (milliTimesScale % scale !== 0n) return undefined; // finer than a thousandth: the API server rounds it
  return { milli: milliTimesScale / scale, binary: suffix.endsWith("i") };
}

/** The API server's canonical form: an integer with the largest suffix of the same family that divides it. */
function formatQuantity(q: Quantity): string {
  if (q.milli % 1000n !== 0n) return `${q.milli}m`;
  const units = q.milli / 1000n;
  if (units === 0n) return "0";
  for (const [suffix, size] of q.binary ? binarySuffixes : decimalSuffixes) {
    if (units % size === 0n) return `${units / size}${suffix}`;
  }
  return `${units}`;
}

export function canonicalQuantity(text: string): string | undefined {
  const q = parseQuantity(text);
  return q && formatQuantity(q);
}

export function quantityBytes(text: string): bigint | undefined {
  const q = parseQuantity(text);
  return q && q.milli % 1000n === 0n ? q.milli / 1000n : undefined;
}
