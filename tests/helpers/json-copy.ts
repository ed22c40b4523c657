// What JSON.parse(JSON.stringify(value)) gives, without writing every text out and reading it back: a plan's
// objects hold its node files (a ConfigMap of some 200 kB), and the property run copies the objects of
// hundreds of plans. Texts are shared, not copied: they cannot change. tests/json-copy.test.ts holds it to
// JSON's own round trip.
export function jsonCopy(value: unknown, key = ""): unknown {
  // As JSON.stringify does first: a value with a toJSON is what that gives, told the member's name.
  const toJson = value !== null && (typeof value === "object" || typeof value === "bigint") ? (value as { toJSON?: unknown }).toJSON : undefined;
  return copyOf(typeof toJson === "function" ? (toJson as (key: string) => unknown).call(value, key) : value);
}

function copyOf(value: unknown): unknown {
  if (typeof value === "string" || typeof value === "boolean" || value === null) return value;
  if (typeof value === "number") return Number.isFinite(value) ? (value === 0 ? 0 : value) : null; // JSON writes -0 as 0
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return undefined; // left out, or null in an array
  if (Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype) {
    // Array.from reads a hole as undefined, which JSON writes as null.
    return Array.from(value as unknown[], (element, index) => jsonCopy(element, String(index)) ?? null);
  }
  if (Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value as object, "__proto__")) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value as object)) {
      const member = jsonCopy((value as Record<string, unknown>)[key], key);
      if (member !== undefined) copy[key] = member;
    }
    return copy;
  }
  // A class's instance, a boxed primitive, an object without a prototype, a BigInt (which JSON refuses): as JSON does it.
  return JSON.parse(JSON.stringify(value)) as unknown;
}
