// The property run's oracle of what is public on the internet, written apart from the program's
// (config/trusted-proxies.ts, lib/address-regex.ts, lib/regex-automaton.ts): its own reading of IANA's
// registries, exact interval arithmetic on BigInt addresses, Node's net.BlockList for the membership of an
// address, and the addresses a peer on the internet has as Java writes them. What it decides:
//  - a CIDR range trusts no public address: the whole range lies within the non-public space;
//  - a regular expression in the subset where JavaScript's RegExp and java.util.regex agree matches none of
//    many public addresses (each block's neighbours, mutations of private addresses, random ones).
import * as net from "net";

/**
 * Not reachable from the internet (IANA IPv4 and IPv6 Special-Purpose Address Registries, the entries whose
 * "Globally Reachable" is False, as of 2025; RFC 8190 says what that column means), and what is never a TCP
 * peer's source (multicast and broadcast, RFC 1122 3.2.1.3), and IPv6 outside 2000::/3, which IANA's IPv6
 * Address Space registry reserves to the IETF (no peer has one) but for the special entries below it.
 */
const NOT_GLOBAL = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4",
  "::/3",
  "4000::/2",
  "8000::/1",
  "2001::/23",
  "2001:db8::/32",
  "2001:2::/48",
  "3fff::/20",
];

/**
 * Inside those, what the registries mark globally reachable (True): 192.0.0.9 (PCP anycast, RFC 7723),
 * 192.0.0.10 (TURN anycast, RFC 8155), the well-known NAT64 prefix 64:ff9b::/96 (RFC 6052, through which an
 * IPv6-only cluster sees IPv4 clients), and in 2001::/23 the ranges RFC 7723, RFC 8155, RFC 7450, RFC 7535,
 * RFC 7343 and RFC 9374 name, and Teredo (2001::/32, "N/A": tunnelled clients on the internet).
 */
const GLOBAL_INSIDE = [
  "192.0.0.9/32",
  "192.0.0.10/32",
  "64:ff9b::/96",
  "2001::/32",
  "2001:1::1/128",
  "2001:1::2/128",
  "2001:1::3/128",
  "2001:3::/32",
  "2001:4:112::/48",
  "2001:20::/28",
  "2001:30::/28",
];

type Family = 4 | 6;
interface Interval {
  family: Family;
  lo: bigint;
  hi: bigint;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

/** An address as a number; undefined unless net.isIP calls it one (no zone). */
export function addressNumber(text: string): { family: Family; value: bigint } | undefined {
  const family = net.isIP(text) as 0 | Family;
  if (!family || text.includes("%")) return undefined;
  if (family === 4) return { family, value: text.split(".").reduce((n, part) => n * 256n + BigInt(Number(part)), 0n) };
  // Expand "::" and a dotted tail into eight groups.
  let groups = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(groups);
  if (dotted) {
    const v4 = addressNumber(dotted[1])!.value;
    groups = groups.slice(0, -dotted[1].length) + `${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = groups.split("::");
  const headParts = head ? head.split(":") : [];
  const tailParts = tail === undefined ? [] : tail ? tail.split(":") : [];
  const parts = tail === undefined ? headParts : [...headParts, ...Array(8 - headParts.length - tailParts.length).fill("0"), ...tailParts];
  return { family, value: parts.reduce((n, part) => n * 65536n + BigInt(parseInt(part, 16)), 0n) };
}

/** A CIDR range as an interval, read by our own rule: an address net.isIP takes, "/", a decimal prefix length in range. */
export function cidrInterval(cidr: string): Interval | undefined {
  const match = /^([^/]+)\/(0|[1-9]\d{0,2})$/.exec(cidr);
  if (!match) return undefined;
  const address = addressNumber(match[1]);
  const bits = Number(match[2]);
  if (!address || bits > BITS[address.family]) return undefined;
  const size = 1n << BigInt(BITS[address.family] - bits);
  const lo = (address.value / size) * size;
  return { family: address.family, lo, hi: lo + size - 1n };
}

function merged(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.family - b.family || (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && last.family === i.family && i.lo <= last.hi + 1n) last.hi = i.hi > last.hi ? i.hi : last.hi;
    else out.push({ ...i });
  }
  return out;
}

export function minus(intervals: Interval[], holes: Interval[]): Interval[] {
  let out = intervals;
  for (const h of holes) {
    out = out.flatMap((i) => {
      if (i.family !== h.family || h.hi < i.lo || h.lo > i.hi) return [i];
      return [
        ...(h.lo > i.lo ? [{ family: i.family, lo: i.lo, hi: h.lo - 1n }] : []),
        ...(h.hi < i.hi ? [{ family: i.family, lo: h.hi + 1n, hi: i.hi }] : []),
      ];
    });
  }
  return out;
}

/** The non-public space, as disjoint intervals. */
export const NON_PUBLIC: readonly Interval[] = minus(
  merged(NOT_GLOBAL.map((c) => cidrInterval(c)!)),
  GLOBAL_INSIDE.map((c) => cidrInterval(c)!),
);

/** The same as a BlockList, which decides single addresses with Node's own parser. */
const NON_PUBLIC_BLOCKS = (() => {
  const list = new net.BlockList();
  for (const i of NON_PUBLIC) list.addRange(textOf(i.family, i.lo), textOf(i.family, i.hi), i.family === 4 ? "ipv4" : "ipv6");
  return list;
})();

export function isPublic(address: string): boolean {
  const family = net.isIP(address);
  return family !== 0 && !NON_PUBLIC_BLOCKS.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Whether every address of a CIDR range is non-public (false for what is no range). */
export function rangeIsNonPublic(cidr: string): boolean {
  const range = cidrInterval(cidr);
  return range !== undefined && NON_PUBLIC.some((i) => i.family === range.family && i.lo <= range.lo && range.hi <= i.hi);
}

/**
 * An address as Tomcat sees a peer's: java.net.InetAddress.getHostAddress (OpenJDK 8 java/net/Inet4Address.java
 * numericToTextFormat: four decimals; java/net/Inet6Address.java numericToTextFormat: eight groups of
 * Integer.toHexString, lower case, no leading zeros, never "::"). Tomcat 7.0.85's connectors hand that to
 * RemoteIpValve (lib/address-regex.ts cites the lines).
 */
export function textOf(family: Family, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join(".");
  return Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(":");
}

/** A small deterministic generator, so the sample of addresses is the same on every run. */
function* numbers(seed: number): Generator<number> {
  let s = seed >>> 0;
  for (;;) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    yield s;
  }
}

/** Public addresses, in Java's forms, where a regex that means private ranges is most likely to slip. */
export const PUBLIC_SAMPLES: readonly string[] = (() => {
  const out = new Set<string>();
  const add = (family: Family, value: bigint) => {
    const max = (1n << BigInt(BITS[family])) - 1n;
    if (value < 0n || value > max) return;
    const text = textOf(family, value);
    if (isPublic(text)) out.add(text);
  };
  // The neighbours of every non-public block and of every octet or group boundary inside it.
  for (const i of NON_PUBLIC) {
    for (const d of [1n, 2n, 10n, 256n, 65536n]) {
      add(i.family, i.lo - d);
      add(i.family, i.hi + d);
    }
  }
  for (const c of GLOBAL_INSIDE) {
    const i = cidrInterval(c)!;
    add(i.family, i.lo);
    add(i.family, i.hi);
    add(i.family, i.lo + 1n);
  }
  // Text mutations of private and special addresses: a digit added, dropped or changed.
  const seeds = ["10.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1", "127.0.0.1", "169.254.1.1", "100.64.0.1"].concat([
    "fd00:0:0:0:0:0:0:1",
    "fe80:0:0:0:0:0:0:1",
    "fc00:0:0:0:0:0:0:1",
    "0:0:0:0:0:0:0:1",
    "2001:db8:0:0:0:0:0:1",
  ]);
  const digits = "0123456789abcdef";
  for (const seed of seeds) {
    for (let at = 0; at <= seed.length; at++) {
      for (const d of seed.includes(":") ? digits : digits.slice(0, 10)) {
        for (const text of [
          seed.slice(0, at) + d + seed.slice(at),
          seed.slice(0, at) + d + seed.slice(at + 1),
          seed.slice(0, at) + seed.slice(at + 1),
        ]) {
          const n = addressNumber(text);
          if (n && textOf(n.family, n.value) === text) add(n.family, n.value);
        }
      }
    }
  }
  // Random ones: every IPv4 /8, and IPv6's global unicast space.
  const random = numbers(20261215);
  for (let k = 0; k < 1500; k++) add(4, BigInt(random.next().value as number));
  for (let k = 0; k < 500; k++) {
    let v = 0n;
    for (let w = 0; w < 4; w++) v = (v << 32n) | BigInt(random.next().value as number);
    add(6, (v & ((1n << 125n) - 1n)) | (1n << 125n)); // 2000::/3
  }
  return [...out].sort();
})();

/**
 * Whether java.util.regex and JavaScript's RegExp read `pattern` alike on ASCII text, decided by a whitelist of
 * its syntax, not by trying: literal letters, digits and `:`, `.`-escapes and the other escaped punctuation,
 * `\d`, `\w`, `.`, groups `(`, `(?:` and `(?<name>`, `|`, the greedy and lazy quantifiers (`*`, `+`, `?`,
 * `{n}`, `{n,}`, `{n,m}`), `^`, `$`, and classes of such items and ranges without a class inside, `&&` or `\p`.
 * Java's possessive quantifiers, atomic groups, inline flags, \Q..\E, nested classes and intersections, and
 * JavaScript's literal `{` and `]` are all outside; so is whatever the Java Pattern docs (java.util.regex.Pattern,
 * Java 8) and ECMAScript 2022 (22.2) read differently.
 */
export function inJsJavaSubset(pattern: string): boolean {
  const escape = String.raw`\\[dw.:\-/%\\()\[\]{}|?*+^$]`;
  const literal = String.raw`(?:\\[.:\-/%\\()\[\]{}|?*+^$]|[A-Za-z0-9:.%/_])`;
  const classBody = `\\^?(?:${literal}-${literal}|${literal}|\\\\[dw])+`;
  const atom = `(?:${escape}|[A-Za-z0-9:%/_,=-]|\\.|\\[${classBody}\\]|\\((?:\\?:|\\?<[A-Za-z][A-Za-z0-9]*>)?|\\)|\\||\\^|\\$)`;
  const quantifier = `(?:[*+?]|\\{\\d+(?:,\\d*)?\\})\\??`;
  if (!new RegExp(`^(?:${atom}(?:${quantifier})?)*$`).test(pattern)) return false;
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** The public samples a pattern matches, as RemoteIpValve matches (the whole address); at most `limit`. */
export function publicMatches(pattern: string, limit = 3): string[] {
  const re = new RegExp(`^(?:${pattern})$`);
  const found: string[] = [];
  for (const address of PUBLIC_SAMPLES) {
    if (re.test(address)) found.push(address);
    if (found.length >= limit) break;
  }
  return found;
}
