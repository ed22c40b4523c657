// Which addresses are public: the one table of it, read by both checks that ask.
//  - tomcat.trustedProxies and tomcat.internalProxies (config/trusted-proxies.ts) are accepted only when they
//    trust no address a peer on the internet can have;
//  - networkPolicy.egressCidrs (config/internet-egress-checks.ts) is a way to the OB directory's JWKS only
//    when it holds an address a server on the internet can have.
// Both ask one question of an address: can a host on the internet have it? That is the "Globally Reachable"
// column of IANA's IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 section 2.2.2; RFC 8190 says the
// column is about the address, not the datagram), so the table is that column, range by range, and a range
// more specific than another wins, as in the registries (192.0.0.0/24 is not reachable, 192.0.0.9/32 in it
// is). python/cpython Lib/ipaddress.py (commit 0189152d) reads the registries alike in is_global: its
// _private_networks are the ranges marked False here, its _private_networks_exceptions the True ones inside.
//
// The documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, RFC 5737; 2001:db8::/32, RFC 3849,
// and 3fff::/20, RFC 9637) are marked False by the registries: no host on the internet has one. So a proxy
// there may be trusted, and no OB directory answers there, so a range of them is no way out for the JWKS.
// The egress check had counted them public; nothing needed that (no example stack names one in
// networkPolicy.egressCidrs: Pulumi.prod.yaml and examples/second-cluster give private ranges and a proxy),
// so they are not public for either check, and the table needs no second property for examples.
import * as ipaddr from "ipaddr.js";

export interface AddressBlock {
  range: string;
  /** Whether a host on the internet can have an address of the range (where no more specific range says otherwise). */
  globallyReachable: boolean;
  what: string;
}

/**
 * Every address lies in one of the two whole spaces (0.0.0.0/0 and ::/0), and the most specific range that
 * holds it says whether it is public. Multicast and broadcast, which the registries leave to others, are not
 * public here: no TCP peer has one (RFC 1122 3.2.1.3).
 */
export const ADDRESS_BLOCKS: readonly AddressBlock[] = [
  { range: "0.0.0.0/0", globallyReachable: true, what: "IPv4 (IANA's IPv4 Address Space registry)" },
  { range: "0.0.0.0/8", globallyReachable: false, what: "this network (RFC 791)" },
  { range: "10.0.0.0/8", globallyReachable: false, what: "private (RFC 1918)" },
  { range: "100.64.0.0/10", globallyReachable: false, what: "shared address space, carrier-grade NAT and some clusters' pods (RFC 6598)" },
  { range: "127.0.0.0/8", globallyReachable: false, what: "loopback (RFC 1122)" },
  { range: "169.254.0.0/16", globallyReachable: false, what: "link-local (RFC 3927)" },
  { range: "172.16.0.0/12", globallyReachable: false, what: "private (RFC 1918)" },
  { range: "192.0.0.0/24", globallyReachable: false, what: "IETF protocol assignments (RFC 6890)" },
  { range: "192.0.0.9/32", globallyReachable: true, what: "PCP anycast, which any host on the internet may be (RFC 7723)" },
  { range: "192.0.0.10/32", globallyReachable: true, what: "TURN anycast, which any host on the internet may be (RFC 8155)" },
  { range: "192.0.2.0/24", globallyReachable: false, what: "documentation, TEST-NET-1 (RFC 5737)" },
  { range: "192.168.0.0/16", globallyReachable: false, what: "private (RFC 1918)" },
  { range: "198.18.0.0/15", globallyReachable: false, what: "benchmarking (RFC 2544)" },
  { range: "198.51.100.0/24", globallyReachable: false, what: "documentation, TEST-NET-2 (RFC 5737)" },
  { range: "203.0.113.0/24", globallyReachable: false, what: "documentation, TEST-NET-3 (RFC 5737)" },
  { range: "224.0.0.0/4", globallyReachable: false, what: "multicast, never a TCP peer (RFC 5771)" },
  { range: "240.0.0.0/4", globallyReachable: false, what: "reserved, and the broadcast address (RFC 1112, RFC 919)" },
  {
    range: "::/0",
    globallyReachable: false,
    what: "IPv6 outside the global unicast space, which IANA's IPv6 Address Space registry reserves to the IETF",
  },
  { range: "::/128", globallyReachable: false, what: "unspecified (RFC 4291)" },
  { range: "::1/128", globallyReachable: false, what: "loopback (RFC 4291)" },
  { range: "::ffff:0:0/96", globallyReachable: false, what: "IPv4-mapped, which Java writes as IPv4 (RFC 4291)" },
  {
    range: "64:ff9b::/96",
    globallyReachable: true,
    what: "NAT64's well-known prefix, through which IPv4 clients on the internet reach an IPv6-only cluster (RFC 6052)",
  },
  { range: "100::/64", globallyReachable: false, what: "discard-only (RFC 6666)" },
  {
    range: "2000::/3",
    globallyReachable: true,
    what: "global unicast (IANA's IPv6 Address Space registry), tunnels to the internet among it (6to4 2002::/16, Teredo 2001::/32)",
  },
  { range: "2001:2::/48", globallyReachable: false, what: "benchmarking (RFC 5180)" },
  { range: "2001:db8::/32", globallyReachable: false, what: "documentation (RFC 3849)" },
  { range: "3fff::/20", globallyReachable: false, what: "documentation (RFC 9637)" },
  { range: "fc00::/7", globallyReachable: false, what: "unique local (RFC 4193)" },
  { range: "fe80::/10", globallyReachable: false, what: "link-local (RFC 4291)" },
  { range: "ff00::/8", globallyReachable: false, what: "multicast, never a TCP peer (RFC 4291)" },
];

/** A CIDR range less some ranges inside it, as CIDR ranges: halved until no half holds part of one. */
function cidrsLess(range: string, except: readonly string[]): string[] {
  const [address, bits] = ipaddr.parseCIDR(range);
  const holes = except.map((e) => ipaddr.parseCIDR(e)).filter(([h, hBits]) => h.kind() === address.kind() && hBits >= bits && h.match(address, bits));
  if (holes.length === 0) return [range];
  if (holes.some(([, hBits]) => hBits === bits)) return [];
  const bytes = address.toByteArray();
  const half = (upper: boolean) => {
    const b = [...bytes];
    if (upper) b[Math.floor(bits / 8)] |= 0x80 >> (bits % 8);
    return `${ipaddr.fromByteArray(b).toString()}/${bits + 1}`;
  };
  return [...cidrsLess(half(false), except), ...cidrsLess(half(true), except)];
}

const bigOf = (a: ipaddr.IPv4 | ipaddr.IPv6) => a.toByteArray().reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);

interface Interval {
  kind: string;
  first: bigint;
  last: bigint;
}
function intervalOf(cidr: string): Interval {
  // ipaddr.parseCIDR tries IPv6 first and reads an IPv4 range only after that parse throws (ipaddr.js 2.5.0
  // lib/ipaddr.js): a stack trace built for every IPv4 range, a tenth of the loader's time in the bad-input
  // suite. An IPv6 address always holds a ':', an IPv4 one never does.
  const [address, bits] = cidr.includes(":") ? ipaddr.IPv6.parseCIDR(cidr) : ipaddr.IPv4.parseCIDR(cidr);
  const size = 1n << BigInt((address.kind() === "ipv4" ? 32 : 128) - bits);
  const first = (bigOf(address) / size) * size;
  return { kind: address.kind(), first, last: first + size - 1n };
}
const within = (a: Interval, b: Interval) => a.kind === b.kind && b.first <= a.first && a.last <= b.last;
const byStart = (a: Interval, b: Interval) =>
  (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0);

/** An interval less some inside it. */
function minus(whole: Interval, holes: Interval[]): Interval[] {
  const out: Interval[] = [];
  let next = whole.first;
  for (const hole of [...holes].sort(byStart)) {
    if (hole.first > next) out.push({ kind: whole.kind, first: next, last: hole.first - 1n });
    if (hole.last + 1n > next) next = hole.last + 1n;
  }
  if (next <= whole.last) out.push({ kind: whole.kind, first: next, last: whole.last });
  return out;
}

const blocks = ADDRESS_BLOCKS.map((b) => ({ ...b, interval: intervalOf(b.range) }));
type Block = (typeof blocks)[number];

/** The ranges inside a block that say the opposite of it. */
const oppositeInside = (block: Block) =>
  blocks.filter((o) => o.globallyReachable !== block.globallyReachable && o !== block && within(o.interval, block.interval));

/**
 * The address space a public address lies in: the reachable ranges inside no other reachable range
 * (0.0.0.0/0, 2000::/3, 64:ff9b::/96).
 */
export const ADDRESS_SPACE: readonly string[] = blocks
  .filter((b) => b.globallyReachable && !blocks.some((o) => o !== b && o.globallyReachable && within(b.interval, o.interval)))
  .map((b) => b.range);

/**
 * The addresses of ADDRESS_SPACE that are not public, as CIDR ranges: each non-public block inside it less
 * the public ranges inside that (config/trusted-proxies.ts builds an automaton of them for the expert's key).
 */
export function nonPublicCidrs(): string[] {
  const space = ADDRESS_SPACE.map(intervalOf);
  return blocks
    .filter((b) => !b.globallyReachable && space.some((s) => within(b.interval, s)))
    .flatMap((b) =>
      cidrsLess(
        b.range,
        oppositeInside(b).map((o) => o.range),
      ),
    );
}

/**
 * The public addresses as disjoint intervals in order, IPv4 first: each public block less the non-public
 * ranges inside it (a public one inside those is a block of its own). Worked out once, when first asked.
 */
let publicIntervals: Interval[] | undefined;
function publicSpace(): Interval[] {
  publicIntervals ??= blocks
    .filter((b) => b.globallyReachable)
    .flatMap((b) =>
      minus(
        b.interval,
        oppositeInside(b).map((o) => o.interval),
      ),
    )
    .sort(byStart);
  return publicIntervals;
}

/** An address as Java's InetAddress.getHostAddress() writes it, which Tomcat matches (lib/address-regex.ts). */
function javaText(kind: string, value: bigint): string {
  const width = kind === "ipv4" ? 32 : 128;
  const bytes = Array.from({ length: width / 8 }, (_, i) => Number((value >> BigInt(width - 8 - 8 * i)) & 0xffn));
  const address = ipaddr.fromByteArray(bytes);
  return kind === "ipv4" ? address.toString() : (address as ipaddr.IPv6).parts.map((p) => p.toString(16)).join(":");
}

/**
 * The lowest public address of a CIDR range (as Java writes it), or undefined when the range lies wholly
 * within the non-public ranges. Arithmetic on the ranges: the range against the public intervals.
 */
export function publicAddressIn(cidr: string): string | undefined {
  const range = intervalOf(cidr);
  const hit = publicSpace().find((p) => p.kind === range.kind && p.first <= range.last && range.first <= p.last);
  return hit && javaText(range.kind, hit.first > range.first ? hit.first : range.first);
}

/** Whether a CIDR range holds at least one public address. */
export function holdsPublicAddress(cidr: string): boolean {
  return publicAddressIn(cidr) !== undefined;
}
