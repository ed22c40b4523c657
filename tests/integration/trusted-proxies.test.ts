// The internalProxies expression the program writes from CIDR ranges (lib/address-regex.ts), against Java
// itself: each address written by InetAddress.getHostAddress() and matched by Pattern.matches(), as Tomcat
// 7's connector and RemoteIpValve do (tests/integration/java/AddressOracle.java). For each range the
// addresses at and beside its ends and random ones inside and out must be matched exactly when in range.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import { ADDRESS_BLOCKS } from "../../config/public-addresses";
import { PRIVATE_RANGES } from "../../config/trusted-proxies";
import { cidrRegex } from "../../lib/address-regex";
import { CHILD_TIMEOUT_MS } from "./java";

/** An address as a big integer and back, to step beside a range's ends. */
const bitsOf = (a: ipaddr.IPv4 | ipaddr.IPv6) => a.toByteArray().reduce((n, b) => (n << 8n) | BigInt(b), 0n);
const bytesOf = (n: bigint, length: number) => Array.from({ length }, (_, i) => Number((n >> BigInt(8 * (length - 1 - i))) & 0xffn));

const RANGES = [
  ...PRIVATE_RANGES,
  ...ADDRESS_BLOCKS.map((b) => b.range),
  "10.42.0.0/16",
  "192.168.1.128/25",
  "100.64.0.0/10",
  "203.0.113.7/32",
  "0.0.0.0/0",
  "fd00::/8",
  "fd12:3456:789a::/48",
  "2001:db8:0:ff00::/56",
  "2001:db8::a0f0/124",
  "::/0",
];

describe("the expression written from CIDR ranges", () => {
  it("is matched by Java exactly on the range's addresses, as Tomcat writes them", () => {
    const pairs: Array<{ range: number; bytes: number[]; inside: boolean }> = [];
    RANGES.forEach((range, i) => {
      const [address, bits] = ipaddr.parseCIDR(range);
      const length = address.kind() === "ipv4" ? 4 : 16;
      const width = BigInt(length * 8);
      const size = 1n << (width - BigInt(bits));
      const all = (1n << width) - 1n;
      const first = bitsOf(address) & ~(size - 1n) & all;
      const last = first + size - 1n;
      const near = [first, first + 1n, last - 1n, last, first - 1n, last + 1n, first - 256n, last + 256n, first ^ (1n << (width - 1n))];
      const random = fc.sample(fc.bigInt({ min: 0n, max: all }), { numRuns: 40, seed: 20261202 + i });
      const inside = fc.sample(fc.bigInt({ min: 0n, max: size - 1n }), { numRuns: 40, seed: 20261203 + i }).map((n) => first + n);
      for (const n of [...near, ...random, ...inside].filter((n) => n >= 0n && n <= all)) {
        pairs.push({ range: i, bytes: bytesOf(n, length), inside: n >= first && n <= last });
      }
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-cidr-"));
    const hex = (bytes: number[]) => Buffer.from(bytes).toString("hex");
    fs.writeFileSync(path.join(dir, "pairs"), pairs.map((p) => `${p.range} ${hex(p.bytes)}`).join("\n") + "\n");
    fs.writeFileSync(path.join(dir, "expressions"), RANGES.map((r) => Buffer.from(cidrRegex(r), "utf8").toString("hex")).join("\n") + "\n");
    const oracle = execFileSync(
      "java",
      [path.join(__dirname, "java", "AddressOracle.java"), path.join(dir, "pairs"), path.join(dir, "expressions")],
      { encoding: "utf8", timeout: CHILD_TIMEOUT_MS },
    );
    expect(oracle).toHaveLength(pairs.length);
    // An IPv4-mapped IPv6 address is an Inet4Address in Java (InetAddress.getByAddress), written as IPv4:
    // no peer is ever written in ::ffff:0:0/96, so those bytes are left out.
    const mapped = (bytes: number[]) => bytes.length === 16 && bytes.slice(0, 12).join() === "0,0,0,0,0,0,0,0,0,0,255,255";
    const wrong = pairs
      .map((p, k) => ({ ...p, java: oracle[k] === "1" }))
      .filter((p) => !mapped(p.bytes) && p.java !== p.inside)
      .map((p) => `${RANGES[p.range]}: ${ipaddr.fromByteArray(p.bytes).toString()} ${p.java ? "matched" : "not matched"} by Java`);
    expect(wrong).toEqual([]);
    // Both answers were met for every range but the whole spaces.
    for (const [i, range] of RANGES.entries()) {
      const answers = new Set(pairs.flatMap((p, k) => (p.range === i && !mapped(p.bytes) ? [oracle[k]] : [])));
      if (!range.endsWith("/0") && range !== "::ffff:0:0/96") expect({ range, answers: [...answers].sort() }).toEqual({ range, answers: ["0", "1"] });
    }
  });
});
