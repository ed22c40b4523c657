// Trusted proxies (config/trusted-proxies.ts): tomcat.trustedProxies as CIDR ranges, from which the program
// writes RemoteIpValve's internalProxies, and tomcat.internalProxies, an expression accepted only when it
// provably matches no public address. An address here is written as Tomcat gets a peer's from Java's
// InetAddress.getHostAddress(): IPv4 in decimal, IPv6 as eight lower-case hexadecimal groups without
// leading zeros and without "::" (OpenJDK 8 Inet6Address.numericToTextFormat); tests/integration/
// trusted-proxies.test.ts has Java itself write and match them.
import fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import { ADDRESS_SPACE, nonPublicCidrs } from "../config/public-addresses";
import { PRIVATE_RANGES, publicMatch } from "../config/trusted-proxies";
import { cidrRegex, cidrsRegex } from "../lib/address-regex";
import { javaRegex } from "../lib/java-regex";
import { loadConfig } from "../config/load";
import { cliConfig, MINIMAL_SETTINGS } from "./helpers/cli-config";
import { planOf } from "./helpers/plan";
import { nodeFile, render } from "./helpers/render";

const javaText = (a: ipaddr.IPv4 | ipaddr.IPv6) =>
  a.kind() === "ipv4" ? (a as ipaddr.IPv4).octets.join(".") : (a as ipaddr.IPv6).parts.map((p) => p.toString(16)).join(":");
const inRange = (a: ipaddr.IPv4 | ipaddr.IPv6, range: string | [ipaddr.IPv4 | ipaddr.IPv6, number]) => {
  const [net, bits] = typeof range === "string" ? ipaddr.parseCIDR(range) : range;
  return net.kind() === a.kind() && a.match(net, bits);
};
const SPACE = ADDRESS_SPACE.map((r) => ipaddr.parseCIDR(r));
const NON_PUBLIC = nonPublicCidrs().map((r) => ipaddr.parseCIDR(r));
const isPublic = (a: ipaddr.IPv4 | ipaddr.IPv6) => SPACE.some((r) => inRange(a, r)) && !NON_PUBLIC.some((r) => inRange(a, r));

const ipv4 = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }).map((b) => ipaddr.fromByteArray(b));
const ipv6 = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 16, maxLength: 16 }).map((b) => ipaddr.fromByteArray(b));
/** Public addresses: any IPv4, and IPv6 in 2000::/3 (its first byte 0x20 to 0x3f), less the non-public ranges. */
const publicAddress = fc
  .oneof(
    ipv4,
    ipv6.map((a) => ipaddr.fromByteArray([0x20 | (a.toByteArray()[0] & 0x1f), ...a.toByteArray().slice(1)])),
  )
  .filter(isPublic);

describe("the expression written from CIDR ranges", () => {
  it("matches an address exactly when the range holds it", () => {
    const range = fc.oneof(
      fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([a, bits]) => `${a.toString()}/${bits}`),
      fc.tuple(ipv6, fc.integer({ min: 0, max: 128 })).map(([a, bits]) => `${a.toString()}/${bits}`),
    );
    fc.assert(
      fc.property(range, fc.array(fc.oneof(ipv4, ipv6), { minLength: 20, maxLength: 20 }), (cidr, others) => {
        const [net, bits] = ipaddr.parseCIDR(cidr);
        const expression = javaRegex(cidrRegex(cidr));
        // The range's own first address, its neighbours by one bit at the prefix's end, and random ones.
        const bytes = net.toByteArray();
        const flipped = [...bytes];
        if (bits > 0) flipped[Math.floor((bits - 1) / 8)] ^= 0x80 >> ((bits - 1) % 8);
        for (const a of [net, ipaddr.fromByteArray(flipped), ...others]) {
          if (expression.matches(javaText(a)) !== inRange(a, cidr)) throw new Error(`${cidr} on ${javaText(a)}`);
        }
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });

  it("is the valve's expression by default, for the private, loopback and link-local ranges, and provably matches no public address", async () => {
    expect(nodeFile(await render([]), "tomcat/catalina-server.xml")).toContain(`internalProxies="${cidrsRegex(PRIVATE_RANGES)}"`);
    expect(publicMatch(cidrsRegex(PRIVATE_RANGES))).toEqual({ kind: "none" });
  });
});

describe("tomcat.trustedProxies", () => {
  it("refuses a range that holds an address on the internet, naming one", () => {
    for (const [range, address] of [
      ["0.0.0.0/0", "1.0.0.0"],
      ["172.16.0.0/11", "172.0.0.0"],
      ["100.0.0.0/8", "100.0.0.0"],
      ["2002::/16", "2002:0:0:0:0:0:0:0"],
      ["2001:db8::/31", "2001:db9:0:0:0:0:0:0"],
      // IANA's IPv4 Special-Purpose registry marks 192.0.0.9 (PCP anycast) and 192.0.0.10 (TURN anycast)
      // globally reachable inside 192.0.0.0/24, and its IPv6 registry the NAT64 prefix 64:ff9b::/96, through
      // which IPv4 clients reach an IPv6-only cluster (found by tests/property-oracle.test.ts).
      ["192.0.0.0/24", "192.0.0.9"],
      ["192.0.0.8/29", "192.0.0.9"],
      ["192.0.0.10/32", "192.0.0.10"],
      ["64:ff9b::/96", "64:ff9b:0:0:0:0:0:0"],
    ]) {
      expect(() => planOf([`tomcat.trustedProxies[0]=10.0.0.0/8`, `tomcat.trustedProxies[1]=${range}`], "dev")).toThrow(
        `obkm:tomcat.trustedProxies[1]: got ${JSON.stringify(range)}; expected a list of CIDR ranges of private, loopback or link-local addresses only, such as [10.0.0.0/8, fd00::/8] (${range} holds ${address}, an address on the internet)`,
      );
    }
  });

  it("accepts the rest of 192.0.0.0/24, which no host on the internet has", () => {
    expect(() =>
      planOf(["tomcat.trustedProxies[0]=192.0.0.0/29", "tomcat.trustedProxies[1]=192.0.0.128/25", "tomcat.trustedProxies[2]=192.0.0.11/32"], "dev"),
    ).not.toThrow();
  });

  it("writes the valve's expression from the ranges given, and trusts no proxy for an empty list", async () => {
    const valveOf = async (sets: string[]) => nodeFile(await render(sets), "tomcat/catalina-server.xml");
    expect(await valveOf(["tomcat.trustedProxies[0]=10.42.0.0/16", "tomcat.trustedProxies[1]=fd00::/8"])).toContain(
      `internalProxies="${cidrRegex("10.42.0.0/16")}|${cidrRegex("fd00::/8")}"`,
    );
    // Tomcat reads an empty internalProxies as none (RemoteIpValve.setInternalProxies, 7.0.85 line 752).
    const none = loadConfig(cliConfig({ ...MINIMAL_SETTINGS, "obkm:tomcat.trustedProxies": "[]" }), { stack: "dev", projectDir: "/project" });
    expect(none.config.tomcat.internalProxies).toBe("");
  });

  it("refuses tomcat.internalProxies beside ranges of its own, which the expression would replace", () => {
    expect(() => planOf(["tomcat.trustedProxies[0]=10.42.0.0/16", "tomcat.internalProxies=10\\.42\\..*"], "dev")).toThrow(
      /obkm:tomcat.internalProxies: got "10\\\\.42\\\\..\*" with obkm:tomcat.trustedProxies \["10.42.0.0\/16"\]; expected one of the two/,
    );
  });
});

describe("tomcat.internalProxies", () => {
  /**
   * What the guard of the previous release tested: one address in each public first octet, a few neighbours
   * of the private ranges and four IPv6 addresses in both forms. A pattern that misses all of them could still
   * match most of the internet.
   */
  const OLD_SAMPLES = [
    ...Array.from({ length: 223 }, (_, i) => i + 1)
      .filter((octet) => octet !== 10 && octet !== 127)
      .map((octet) => `${octet}.1.2.3`),
    ...["100.128.0.1", "169.253.1.1", "169.255.1.1", "172.15.1.1", "172.32.1.1", "192.167.1.1", "192.169.1.1"],
    ...["2001:4860:4860::8888", "2a00:1450:4001::1", "2600::1", "3fff::1"].flatMap((a) => [javaText(ipaddr.IPv6.parse(a)), a]),
  ];

  it("refuses patterns that miss every old sample but match much of the internet, naming a public address each matches", () => {
    for (const pattern of [
      // every IPv4 address whose last number is not 1, 2 or 3
      "\\d+\\.\\d+\\.\\d+\\.(?:[04-9]|\\d{2,3})",
      // every IPv4 address whose second number is 0, 2 to 9 or 40 to 99
      "\\d{1,3}\\.(?:[02-9]|[4-9]\\d)\\.\\d{1,3}\\.\\d{1,3}",
      // the IPv6 internet whose second group has one to three digits, none of them a leading zero
      "2[0-9a-f]{0,3}:[1-9a-f][0-9a-f]{0,2}:[0-9a-f:]*",
      // a private range, and a public one written so no sample lies in it
      "10\\..*|(?:4[0-9]|5[0-9])\\.[02-9]\\d*\\..*",
    ]) {
      expect(OLD_SAMPLES.filter((sample) => javaRegex(pattern).matches(sample))).toEqual([]);
      const match = publicMatch(pattern);
      if (match.kind !== "matches") throw new Error(`${pattern}: ${JSON.stringify(match)}`);
      expect(javaRegex(pattern).matches(match.address) && isPublic(ipaddr.parse(match.address))).toBe(true);
      expect(() => planOf([`tomcat.internalProxies=${pattern}`], "dev")).toThrow(
        `obkm:tomcat.internalProxies: got ${JSON.stringify(pattern)}; expected empty (tomcat.trustedProxies decides), or a Java regular expression that matches no address on the internet (this one matches ${match.address}`,
      );
    }
  });

  it("accepts a pattern that provably matches only private addresses, however it is written", () => {
    for (const pattern of [
      "10\\.42\\.\\d+\\.\\d+",
      "10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|192\\.168\\.\\d{1,3}\\.\\d{1,3}|172\\.(?:1[6-9]|2\\d|3[01])\\.\\d{1,3}\\.\\d{1,3}|169\\.254\\.\\d{1,3}\\.\\d{1,3}|127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|0:0:0:0:0:0:0:1|::1",
      "fd[0-9a-f]{2}:.*",
      "(?:10|127)\\..*",
      "100\\.(?:6[4-9]|[7-9]\\d|1[01]\\d|12[0-7])\\..*",
      // Not an address at all: matches nothing Tomcat would see.
      "proxy\\.example",
    ]) {
      expect({ pattern, match: publicMatch(pattern) }).toEqual({ pattern, match: { kind: "none" } });
      expect(() => planOf([`tomcat.internalProxies=${pattern}`], "dev")).not.toThrow();
    }
  });

  it("refuses a pattern whose back-references leave the answer open, and says to list ranges", () => {
    expect(() => planOf(["tomcat.internalProxies=(\\d+)\\.\\1\\.\\1\\.\\1"], "dev")).toThrow(
      /obkm:tomcat.internalProxies: got .*; expected .*, provably \(this one cannot be decided: .*\); list ranges in tomcat.trustedProxies instead/,
    );
  });

  it("decides soundly: a pattern proved safe matches no random public address, and one refused matches the address it names", () => {
    // Patterns put together from the parts proxy patterns are made of.
    const part = fc.constantFrom(
      "10\\.",
      "172\\.",
      "192\\.168\\.",
      "1\\d\\.",
      "\\d+\\.",
      "\\d{1,3}\\.",
      "[0-9]{2}",
      "[1-3]",
      "\\d",
      ".",
      "[0-9a-f]{1,4}:",
      "f[c-f]",
      "fe80:",
      "2001:",
      "0:",
      "1",
      ".*",
      "[^.]*",
      "(?:25[0-5]|2[0-4]\\d)",
    );
    const pattern = fc
      .array(
        fc.array(part, { minLength: 1, maxLength: 6 }).map((p) => p.join("")),
        { minLength: 1, maxLength: 3 },
      )
      .map((alts) => alts.join("|"));
    const seen = { none: 0, matches: 0 };
    fc.assert(
      fc.property(pattern, fc.array(publicAddress, { minLength: 100, maxLength: 100 }), (re, addresses) => {
        const match = publicMatch(re);
        if (match.kind === "undecided") throw new Error(`${re}: ${match.reason}`);
        seen[match.kind]++;
        const expression = javaRegex(re);
        if (match.kind === "matches") {
          if (!expression.matches(match.address) || !isPublic(ipaddr.parse(match.address))) throw new Error(`${re}: ${match.address}`);
        } else {
          const matched = addresses.map(javaText).find((a) => expression.matches(a));
          if (matched) throw new Error(`${re} was proved safe but matches ${matched}`);
        }
      }),
      { numRuns: 100, seed: 20261202 },
    );
    expect(seen.none).toBeGreaterThan(5);
    expect(seen.matches).toBeGreaterThan(5);
  });
});
