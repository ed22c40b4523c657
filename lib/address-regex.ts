// A Java regular expression that matches exactly the addresses of CIDR ranges as Tomcat sees a peer's address.
//
// Tomcat 7's connectors take the remote address from java.net.InetAddress.getHostAddress() (apache/tomcat
// 7.0.85, java/org/apache/coyote/http11/Http11NioProcessor.java line 340 and Http11Processor.java line 285:
// remoteAddr = inetAddr.getHostAddress()), and RemoteIpValve tests it with
// internalProxies.matcher(remoteAddr).matches() (java/org/apache/catalina/valves/RemoteIpValve.java, lines
// 580-581; the pattern is Pattern.compile(internalProxies), line 755). getHostAddress writes:
//  - IPv4 as four decimal numbers without leading zeros, joined by dots;
//  - IPv6 as eight groups of Integer.toHexString (lower case, no leading zeros), joined by colons, never
//    "::" (OpenJDK 8 java/net/Inet6Address.java numericToTextFormat), with "%scope" after it only for an
//    address with a scope (link-local ones: a range written here does not match those, which then stay
//    untrusted). An IPv4 peer on a dual-stack socket is an Inet4Address, written as IPv4.
// So a range's addresses are, per dotted or colon-separated part, an interval of numbers written without
// leading zeros, and the expression below is the product of those intervals, part by part.
import * as ipaddr from "ipaddr.js";
import { Recent } from "./recent";

const DIGITS = "0123456789abcdef";

/** A class of the digits from `lo` to `hi` (digit values) in `base`: "7", "[2-5]", "[0-9a-c]". */
function digitClass(lo: number, hi: number): string {
  if (lo === hi) return DIGITS[lo];
  const runs: string[] = [];
  const run = (a: number, b: number) => runs.push(a === b ? DIGITS[a] : `${DIGITS[a]}-${DIGITS[b]}`);
  // A class range may not cross from 9 to a: the two runs are written apart.
  if (lo <= 9 && hi >= 10) {
    run(lo, 9);
    run(10, hi);
  } else run(lo, hi);
  return `[${runs.join("")}]`;
}

/** Digit strings of one length from `lo` to `hi` (each as digit values, the same length), leading zeros allowed. */
function sameLength(lo: number[], hi: number[], base: number): string[] {
  if (lo.length === 0) return [""];
  const [a, ...loRest] = lo;
  const [b, ...hiRest] = hi;
  const any = (n: number) => (n === 0 ? "" : n === 1 ? digitClass(0, base - 1) : `${digitClass(0, base - 1)}{${n}}`);
  if (a === b) return sameLength(loRest, hiRest, base).map((tail) => DIGITS[a] + tail);
  const loIsMin = loRest.every((d) => d === 0);
  const hiIsMax = hiRest.every((d) => d === base - 1);
  const out: string[] = [];
  const from = loIsMin ? a : a + 1;
  const to = hiIsMax ? b : b - 1;
  if (!loIsMin)
    out.push(
      ...sameLength(
        loRest,
        loRest.map(() => base - 1),
        base,
      ).map((tail) => DIGITS[a] + tail),
    );
  if (from <= to) out.push(digitClass(from, to) + any(loRest.length));
  if (!hiIsMax)
    out.push(
      ...sameLength(
        hiRest.map(() => 0),
        hiRest,
        base,
      ).map((tail) => DIGITS[b] + tail),
    );
  return out;
}

/** The numbers from lo to hi in `base`, written without leading zeros (as getHostAddress writes each part). */
export function numberRangeRegex(lo: number, hi: number, base: 10 | 16): string {
  // Every number of up to `length` digits: 0, or a non-zero digit and the rest (a whole IPv6 group, shorter).
  const length = hi.toString(base).length;
  if (lo === 0 && hi === base ** length - 1 && length > 1) return `(?:0|${digitClass(1, base - 1)}${digitClass(0, base - 1)}{0,${length - 1}})`;
  const digitsOf = (n: number) =>
    n
      .toString(base)
      .split("")
      .map((d) => DIGITS.indexOf(d));
  const alternatives: string[] = [];
  for (let length = digitsOf(lo).length; length <= digitsOf(hi).length; length++) {
    const first = length === 1 ? 0 : base ** (length - 1);
    const last = base ** length - 1;
    alternatives.push(...sameLength(digitsOf(Math.max(lo, first)), digitsOf(Math.min(hi, last)), base));
  }
  return alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join("|")})`;
}

/**
 * Each range's expression by the range's text, which is all it depends on: every stack's config is assembled
 * with its trusted ranges' expression (config/trusted-proxies.ts internalProxiesOf), the same few private
 * ranges in most, and writing them was a fifth of loading a config (the tests load a few thousand). Bounded
 * (recent.ts), as generated tests write many ranges.
 */
const expressions = new Recent<string, string>(1024);

/** The expression of one range, such as 10.0.0.0/8, as Tomcat's peer address would be written. */
export function cidrRegex(cidr: string): string {
  return expressions.of(cidr, () => writeCidrRegex(cidr));
}

function writeCidrRegex(cidr: string): string {
  const [address, bits] = ipaddr.parseCIDR(cidr);
  const v4 = address.kind() === "ipv4";
  // Each part's value, a byte of IPv4 or a 16-bit group of IPv6, and how many of its bits the prefix fixes.
  const parts = v4 ? (address as ipaddr.IPv4).octets : (address as ipaddr.IPv6).parts;
  const width = v4 ? 8 : 16;
  const written = parts.map((value, i) => {
    const fixed = Math.max(0, Math.min(width, bits - i * width));
    const free = 2 ** (width - fixed) - 1;
    const lo = value & ~free & (2 ** width - 1);
    return numberRangeRegex(lo, lo | free, v4 ? 10 : 16);
  });
  return written.join(v4 ? "\\." : ":");
}

/** One expression for several ranges: any of them. */
export function cidrsRegex(cidrs: readonly string[]): string {
  return cidrs.map(cidrRegex).join("|");
}
