// Which addresses are public (config/public-addresses.ts): one table, read by tomcat.trustedProxies (a range is
// trusted only when it holds no public address) and by networkPolicy.egressCidrs (a range is a way to the OB
// directory only when it holds one). Its arithmetic is checked against the property run's own reading of
// IANA's registries (tests/bad-input/address-oracle.ts, interval arithmetic on BigInt addresses) and against
// the automaton that decides the expert's expressions (config/trusted-proxies.ts publicMatch).
import fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import { ADDRESS_BLOCKS, ADDRESS_SPACE, holdsPublicAddress, nonPublicCidrs, publicAddressIn } from "../config/public-addresses";
import { publicMatch } from "../config/trusted-proxies";
import { cidrRegex } from "../lib/address-regex";
import { cidrInterval, isPublic, minus, NON_PUBLIC, rangeIsNonPublic, textOf } from "./bad-input/address-oracle";
import { planOf } from "./helpers/plan";

const DOCUMENTATION = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "3fff::/20"];

/** Ranges at and around each range of the table: wider, narrower, and shifted beside it. */
const nearBlocks = fc
  .tuple(fc.constantFrom(...ADDRESS_BLOCKS), fc.integer({ min: -3, max: 10 }), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.boolean())
  .map(([block, delta, noise, beside]) => {
    const [address, bits] = ipaddr.parseCIDR(block.range);
    const width = address.kind() === "ipv4" ? 32 : 128;
    const prefix = Math.max(0, Math.min(width, bits + delta));
    const base = address.toByteArray().reduce((n, b) => (n << 8n) | BigInt(b), 0n);
    // Inside the block, or just past its end (its size added) when `beside`.
    const size = 1n << BigInt(width - bits);
    const value = (base + (beside ? size : 0n) + (noise % size)) & ((1n << BigInt(width)) - 1n);
    const bytes = Array.from({ length: width / 8 }, (_, i) => Number((value >> BigInt(width - 8 - 8 * i)) & 0xffn));
    return `${ipaddr.fromByteArray(bytes).toString()}/${prefix}`;
  });

/** 2001::/23, which the oracle reads in finer detail than the table (most of it is IETF protocol assignments). */
const IETF_ASSIGNMENTS = cidrInterval("2001::/23")!;
const overlapsAssignments = (cidr: string) => {
  const r = cidrInterval(cidr)!;
  return r.family === 6 && r.lo <= IETF_ASSIGNMENTS.hi && IETF_ASSIGNMENTS.lo <= r.hi;
};

describe("the public addresses", () => {
  it("agree with the registries as the property run's oracle reads them, and the address named is public and in the range", () => {
    fc.assert(
      fc.property(nearBlocks, (cidr) => {
        const named = publicAddressIn(cidr);
        // Where the oracle reads 2001::/23 finer, the table may only call more public (trusting less).
        if (named !== undefined) {
          const [net, bits] = ipaddr.parseCIDR(cidr);
          const publicOrFiner = isPublic(named) || overlapsAssignments(`${named}/128`);
          if (!publicOrFiner || !ipaddr.parse(named).match(net, bits)) throw new Error(`${cidr} named ${named}`);
        }
        if (named === undefined && !rangeIsNonPublic(cidr)) throw new Error(`${cidr} was called non-public`);
        if (!overlapsAssignments(cidr) && (named === undefined) !== rangeIsNonPublic(cidr)) throw new Error(`${cidr}: the oracle disagrees`);
      }),
      { numRuns: 2000, seed: 20261203 },
    );
  });

  it("are decided by arithmetic as the automaton of the range's own expression decides them", () => {
    fc.assert(
      fc.property(nearBlocks, (cidr) => {
        const match = publicMatch(cidrRegex(cidr));
        expect({ cidr, public: match.kind !== "none" }).toEqual({ cidr, public: holdsPublicAddress(cidr) });
      }),
      { numRuns: 60, seed: 20261203 },
    );
  });

  it("name the range's lowest public address, as Java writes it", () => {
    expect(publicAddressIn("192.0.0.0/24")).toBe("192.0.0.9");
    expect(publicAddressIn("198.51.100.0/23")).toBe("198.51.101.0");
    expect(publicAddressIn("2001:db8::/31")).toBe("2001:db9:0:0:0:0:0:0");
    expect(publicAddressIn("::/0")).toBe("64:ff9b:0:0:0:0:0:0");
    expect(publicAddressIn("10.0.0.0/7")).toBe("11.0.0.0");
    expect(publicAddressIn("10.0.0.0/8")).toBeUndefined();
  });
});

type Interval = NonNullable<ReturnType<typeof cidrInterval>>;

/** The part of `a` inside `b`, if any. */
const intersection = (a: Interval, b: Interval): Interval[] =>
  a.family === b.family && a.lo <= b.hi && b.lo <= a.hi ? [{ family: a.family, lo: a.lo > b.lo ? a.lo : b.lo, hi: a.hi < b.hi ? a.hi : b.hi }] : [];

/** Whether `parts` together hold every address of `whole`. */
function covers(parts: readonly Interval[], whole: Interval): boolean {
  let next = whole.lo;
  for (const part of parts.filter((p) => p.family === whole.family).sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0))) {
    if (part.lo > next) return false;
    if (part.hi + 1n > next) next = part.hi + 1n;
    if (next > whole.hi) return true;
  }
  return next > whole.hi;
}

// The ranges the expert's tomcat.internalProxies is checked against (config/trusted-proxies.ts): an expression
// that matches an address of the space outside them matches a public one. Built by halving each non-public
// block around the public ranges inside it, a second way to the same set as the intervals above.
describe("the non-public part of the address space, as CIDR ranges (nonPublicCidrs)", () => {
  const ranges = nonPublicCidrs();
  const intervals = ranges.map((range) => cidrInterval(range)!);

  it("holds only ranges the registries' oracle calls non-public", () => {
    expect(ranges.filter((range) => !rangeIsNonPublic(range))).toEqual([]);
  });

  it("holds every address of the space that the oracle calls non-public, but in 2001::/23, which the oracle reads finer", () => {
    const space = ADDRESS_SPACE.map((range) => cidrInterval(range)!);
    const nonPublicInSpace = minus(
      NON_PUBLIC.flatMap((i) => space.flatMap((s) => intersection(i, s))),
      [IETF_ASSIGNMENTS],
    );
    expect(nonPublicInSpace.length).toBeGreaterThan(10);
    const uncovered = nonPublicInSpace.filter((i) => !covers(intervals, i)).map((i) => `${textOf(i.family, i.lo)} to ${textOf(i.family, i.hi)}`);
    expect(uncovered).toEqual([]);
  });
});

describe("a documentation range (RFC 5737, RFC 3849, RFC 9637), which no host on the internet has", () => {
  it("may be trusted as a proxy", () => {
    DOCUMENTATION.forEach((range) => expect(() => planOf([`tomcat.trustedProxies[0]=${range}`], "dev")).not.toThrow());
  });

  it("is no way out to the OB directory", () => {
    DOCUMENTATION.forEach((range) => expect(holdsPublicAddress(range)).toBe(false));
  });
});
