// Bad and good values by the family of a config key, for tests/bad-input.test.ts: a table of the edge cases
// where each family's reader draws its line, and a fast-check arbitrary that makes many more. Values are
// texts as `pulumi config set --path KEY VALUE` takes them; a list key's value is a JSON list.
import fc from "fast-check";

/** A list key's value as its strings: a JSON list of texts, or undefined for anything else. */
export function stringListOf(value: string): string[] | undefined {
  try {
    const list: unknown = JSON.parse(value);
    return Array.isArray(list) && list.every((e) => typeof e === "string") ? list : undefined;
  } catch {
    return undefined;
  }
}

/** What a family's values are, for the property run's oracle (tests/bad-input/oracles.ts) to pick its check by. */
export type FamilyKind =
  | "integer"
  | "boolean"
  | "oneOf"
  | "hostName"
  | "ingressHostName"
  | "hostNameOrIpv4"
  | "optionalHostOrIp"
  | "optionalIpAddress"
  | "cidrList"
  | "dnsLabel"
  | "dnsLabelList"
  | "rfc1035Label"
  | "dnsSubdomain"
  | "dnsSubdomainList"
  | "dnsDomain"
  | "imageReference"
  | "byteQuantity"
  | "cpuQuantity"
  | "nginxSize"
  | "absolutePath"
  | "text"
  | "pattern"
  | "list"
  | "javaRegex";

export interface Family {
  kind: FamilyKind;
  /** The bounds a value must lie within: an integer's, a quantity's in bytes or cores, a name's length. */
  bounds?: { min: number; max: number };
  /** Known edge cases that must be refused. */
  bad: readonly string[];
  /** More values that must be refused, generated. */
  badArb: fc.Arbitrary<string>;
  /** Values that must be accepted, so that the bad ones are refused for being bad, not for being anything. */
  good: readonly string[];
  /** Free text: any printable text is a value, JSON text included. */
  anyText?: true;
}

const json = (list: unknown[]) => JSON.stringify(list);
const anyTextExcept = (allowed: readonly string[]) => fc.string({ maxLength: 12 }).filter((s) => !allowed.includes(s));

/** A good value with one character a family's reader refuses put somewhere in it. */
function spoiled(good: readonly string[], badChars: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...good.filter((g) => g !== "")), fc.constantFrom(...badChars), fc.nat())
    .map(([text, char, at]) => text.slice(0, at % (text.length + 1)) + char + text.slice(at % (text.length + 1)));
}

/** Characters that no host, Kubernetes name or identifier holds; YAML-hostile ones among them. */
const HOSTILE = ["*", "[", "]", "@", "{", "}", "&", "!", "|", ">", "'", '"', "%", "#", "`", " ", "/", "\\", ":", "?", ",", "é", "\u00a0", "\u200b"];

export function integer(min: number, max: number): Family {
  return {
    kind: "integer",
    bounds: { min, max },
    bad: ["", "two", "1.5", "1e3", "0x10", "Infinity", String(min - 1), String(max + 1), "99999999999999999999", "[1]"],
    badArb: fc.oneof(
      fc.integer({ min: 1, max: 2 ** 31 }).map((d) => String(min - d)),
      fc.integer({ min: 1, max: 2 ** 31 }).map((d) => String(max + d)),
      fc
        .double({ min, max, noNaN: true })
        .filter((n) => !Number.isInteger(n))
        .map(String),
      fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !/^\s*[+-]?\d+\s*$/.test(s)),
    ),
    good: [String(min), String(max), String(Math.floor((min + max) / 2))],
  };
}

export function boolean(): Family {
  return {
    kind: "boolean",
    bad: ["", "yes", "no", "1", "0", "True", "FALSE", "on", "[true]"],
    badArb: anyTextExcept(["true", "false"]),
    good: ["true", "false"],
  };
}

export function oneOf(values: readonly string[]): Family {
  return {
    kind: "oneOf",
    bad: ["", ...values.flatMap((v) => [v.toLowerCase(), v.toUpperCase(), ` ${v}`, `${v} `]).filter((v) => !values.includes(v)), "[", "*"],
    badArb: anyTextExcept(values),
    good: values,
  };
}

const HOST_GOOD = ["km.bank.example", "a.b", "x-1.y-2.example", `${"a".repeat(63)}.example`];
const HOST_BAD = [
  "",
  "localhost",
  "KM.bank.example",
  "km_bank.example",
  "*.example.com",
  "-km.bank.example",
  "km-.bank.example",
  "km..bank.example",
  "km.bank.example.",
  "km.bank.example:443",
  "https://km.bank.example",
  `${"a".repeat(64)}.example`,
  Array.from({ length: 4 }, () => "a".repeat(63)).join(".") + ".ab",
  "[",
  "@",
  "km.bänk.example",
];

/** A fully qualified host name, as a browser types it. */
export function hostName(): Family {
  return {
    kind: "hostName",
    bad: HOST_BAD,
    badArb: spoiled(HOST_GOOD, HOSTILE),
    good: HOST_GOOD,
  };
}

/** A host the KM writes into URLs: a host name whose last label is not all digits, or an IPv4 address. */
export function hostNameOrIpv4(): Family {
  return {
    kind: "hostNameOrIpv4",
    bad: [...HOST_BAD, "10.1", "10.0.0.01", "10.0.0.7.10", "km.123", "fd00::1"],
    badArb: fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 255 })).map(([ip, n]) => `${ip}.${n}`),
    good: [...HOST_GOOD, "10.0.0.7"],
  };
}

/** The public host name: also never an IP address, which an Ingress rule cannot name. */
export function ingressHostName(): Family {
  return {
    kind: "ingressHostName",
    bad: [...HOST_BAD, "10.0.0.1", "010.0.0.1", "192.168.1.300"],
    badArb: fc.ipV4().map(String),
    good: HOST_GOOD,
  };
}

/** Empty, a host name or an IP address (v4 in four decimal parts, or v6 without a zone). */
export function optionalHostOrIp(): Family {
  return {
    kind: "optionalHostOrIp",
    bad: [
      "*.example.com",
      "[::1]",
      "fe80::1%eth0",
      "db_1.bank.example",
      "DB.bank.example",
      ":::::",
      "db.bank.example:3306",
      // Java reads these as IPv4 addresses (inet_aton forms), not names.
      "10.1",
      "10.0.0.01",
      "jdbc:mysql://db",
      " db.bank.example",
      "@",
    ],
    badArb: spoiled(["db.bank.example", "10.0.0.5"], HOSTILE),
    good: ["", "db.bank.example", "mysql.db.svc.cluster.local", "10.0.0.5", "fd00::5"],
  };
}

const IP_BAD = [
  ":::::",
  "10.1",
  "010.1.2.3",
  "fe80::1%eth0",
  "256.1.1.1",
  "10.0.0.1/32",
  "[::1]",
  "km.bank.example",
  " 10.0.0.1",
  "1.2.3.4.5",
  "::ffff:10.0.0.256",
];

export function optionalIpAddress(): Family {
  return {
    kind: "optionalIpAddress",
    bad: IP_BAD,
    badArb: fc.oneof(
      fc.ipV4Extended().filter((ip) => !/^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/.test(ip)),
      fc.ipV6().map((ip) => `${ip}%eth0`),
      fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([ip, bits]) => `${ip}/${bits}`),
    ),
    good: ["", "10.96.0.50", "fd00::1", "::ffff:10.0.0.1"],
  };
}

export function cidrList(good: readonly string[] = ["[]", json(["10.0.0.0/8"]), json(["fd00::/64", "0.0.0.0/0"])]): Family {
  const badEntries = [
    "10.0.0.0/33",
    "fd00::/129",
    "10.0.0.0/08",
    "10.0.0.0",
    "10.0.0/8",
    "::::/64",
    "10.0.0.0/8/8",
    "10.0.0.0/-1",
    "fe80::%eth0/64",
    "*",
  ];
  return {
    kind: "cidrList",
    bad: ["10.0.0.0/8", ...badEntries.map((e) => json([e])), json(["10.0.0.0/8", "10.0.0.0/33"])],
    badArb: fc
      .oneof(
        fc.tuple(fc.ipV4(), fc.integer({ min: 33, max: 999 })).map(([ip, bits]) => `${ip}/${bits}`),
        fc.tuple(fc.ipV6(), fc.integer({ min: 129, max: 999 })).map(([ip, bits]) => `${ip}/${bits}`),
        fc.ipV4(),
      )
      .map((entry) => json([entry])),
    good,
  };
}

const LABEL_BAD = ["Open_Banking", "-ns", "ns-", "a".repeat(64), "a.b", "ns!", "é", "NS", " ns", "*"];

/** An RFC 1123 label, as a namespace's name must be. */
export function dnsLabel(optional: boolean): Family {
  return {
    kind: "dnsLabel",
    bad: optional ? LABEL_BAD : ["", ...LABEL_BAD],
    badArb: spoiled(["obkm-dev", "ns1"], [...HOSTILE, ".", "_", "A"]),
    good: [...(optional ? [""] : []), "obkm-dev", "a", "a".repeat(63)],
  };
}

/** A list of RFC 1123 labels. */
export function dnsLabelList(): Family {
  return {
    kind: "dnsLabelList",
    bad: ["ns1", ...LABEL_BAD.map((l) => json([l])), json(["ok", "Not_Ok"])],
    badArb: spoiled(["obkm-dev"], [...HOSTILE, ".", "_", "A"]).map((l) => json([l])),
    good: ["[]", json(["openbanking-apim", "monitoring"])],
  };
}

/** An RFC 1035 label of at most `max`, as a Service's name must start. */
export function rfc1035Label(max: number): Family {
  return {
    kind: "rfc1035Label",
    bounds: { min: 1, max },
    bad: ["", "1km", "a".repeat(max + 1), "km-", "KM", "k_m", "k.m", "-km"],
    badArb: spoiled(["obkm", "km2"], [...HOSTILE, ".", "_", "A"]),
    good: ["obkm", "a", `a${"1".repeat(max - 1)}`],
  };
}

const SUBDOMAIN_BAD = ["Bad_Name", ".a", "a..b", "a.", "-a", "a".repeat(254), "a b", "A", "*", "@"];

/** A DNS subdomain, as most object names must be; `optional` when empty means a default. */
export function dnsSubdomain(optional: boolean): Family {
  return {
    kind: "dnsSubdomain",
    bad: optional ? SUBDOMAIN_BAD : ["", ...SUBDOMAIN_BAD],
    badArb: spoiled(["nfs-client", "a.b-c"], [...HOSTILE, "_", "A"]),
    good: [...(optional ? [""] : []), "nfs-client", "a.b-c", ["a", "b", "c"].map((c) => c.repeat(63)).join(".") + "." + "d".repeat(61)],
  };
}

export function dnsSubdomainList(): Family {
  return {
    kind: "dnsSubdomainList",
    bad: ["regcred", ...SUBDOMAIN_BAD.map((s) => json([s]))],
    badArb: spoiled(["regcred"], [...HOSTILE, "_", "A"]).map((s) => json([s])),
    good: ["[]", json(["regcred", "bank.registry"])],
  };
}

export function dnsDomain(): Family {
  return {
    kind: "dnsDomain",
    bad: ["", "Cluster.Local", "cluster..local", ".local", "cluster.local.", "cluster_local", "*.local", "a".repeat(64)],
    badArb: spoiled(["cluster.local"], [...HOSTILE, "_", "A"]),
    good: ["cluster.local", "local", "k8s.bank.example"],
  };
}

const IMAGE_GOOD = [
  "r.example/obkm:1.4.0",
  "wso2/obkm:1.4.0",
  "Registry.Bank.example:5000/wso2/obkm:1.4.0-u42",
  `r.example/obkm@sha256:${"0".repeat(64)}`,
];

/** A pinned image reference, as docker/distribution's reference grammar reads it. */
export function imageReference(optional: boolean): Family {
  return {
    kind: "imageReference",
    bad: [
      ...(optional ? [] : [""]),
      "obkm",
      "obkm:latest",
      "OBKM:1",
      "r.example/obkm:",
      "r.example/obkm:-bad",
      "r.example/obkm@sha256:abc",
      "r.example//obkm:1",
      "-r.example/obkm:1",
      "r..example/obkm:1",
      `r.example/obkm:${"t".repeat(129)}`,
      `r.example/${"a".repeat(250)}:1`,
      " obkm:1",
      "obkm:1 ",
      "r.example/obkm:1.4.0@md5:abc",
      "[",
      "@",
    ],
    badArb: spoiled(IMAGE_GOOD, [" ", "*", "[", "!", "|", "\\", "é", "#"]),
    good: [...(optional ? [""] : []), ...IMAGE_GOOD],
  };
}

/** A quantity in whole bytes within [min, max], given as counts of Mi. */
export function byteQuantity(minMi: number, maxMi: number, good: readonly string[], optional = false): Family {
  return {
    kind: "byteQuantity",
    bounds: { min: minMi * 2 ** 20, max: maxMi * 2 ** 20 },
    bad: [`${minMi - 1}Mi`, `${maxMi + 1}Mi`, "4GB", "0.5", "-4Gi", "4 Gi", "Gi", "1e", "4Gi ", ...(optional ? [] : [""])],
    badArb: fc.oneof(
      fc.integer({ min: 1, max: minMi - 1 }).map((n) => `${n}Mi`),
      fc.integer({ min: maxMi + 1, max: maxMi * 4 }).map((n) => `${n}Mi`),
      fc.constantFrom("GB", "gi", "G ", "iB", "mi").map((unit) => `4${unit}`),
    ),
    good: [...(optional ? [""] : []), ...good],
  };
}

/** A CPU amount from 100m to 64. */
export function cpuQuantity(optional: boolean, good: readonly string[]): Family {
  return {
    kind: "cpuQuantity",
    bounds: { min: 0.1, max: 64 },
    bad: ["0", "50m", "99m", "65", "64001m", "1Gi", "abc", "2.0001", "-1", "1 ", ...(optional ? [] : [""])],
    badArb: fc.oneof(
      fc.integer({ min: 0, max: 99 }).map((n) => `${n}m`),
      fc.integer({ min: 65, max: 100000 }).map(String),
      fc.constantFrom("Ki", "Mi", "Gi").map((unit) => `2${unit}`),
    ),
    good: [...(optional ? [""] : []), ...good],
  };
}

export function nginxSize(): Family {
  return {
    kind: "nginxSize",
    bad: ["", "3k", "2m", "16kb", "0", "16 k", "1g", "4095", "016k", "-16k"],
    badArb: fc.oneof(
      fc.integer({ min: 1, max: 3 }).map((n) => `${n}k`),
      fc.integer({ min: 1025, max: 100000 }).map((n) => `${n}k`),
    ),
    good: ["16k", "4k", "1m", "8K", "4096", "1024k"],
  };
}

export function absolutePath(): Family {
  return {
    kind: "absolutePath",
    bad: ["", "relative", "/with space", "/trailing/", "./x", "~/x"],
    badArb: fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !s.startsWith("/") || /\s/.test(s) || (s.length > 1 && s.endsWith("/"))),
    good: ["/home/wso2carbon/wso2-obkm-1.4.0", "/opt/obkm"],
  };
}

/** Free text that the program hands on as it is: only control characters are refused (and the wrong shape). */
export function text(good: readonly string[]): Family {
  return {
    kind: "text",
    bad: ["a\u0001b", "\u007f", "x\u001b[31m", "\u0000"],
    badArb: fc
      .tuple(
        fc.string({ maxLength: 6 }),
        fc.integer({ min: 0, max: 0x1f }).filter((c) => ![9, 10, 13].includes(c)),
        fc.string({ maxLength: 6 }),
      )
      .map(([a, c, b]) => `${a}${String.fromCharCode(c)}${b}`),
    good,
    anyText: true,
  };
}

/** A rule of our own given as a regular expression over the value, with its edge cases. */
export function pattern(bad: readonly string[], badChars: readonly string[], good: readonly string[]): Family {
  return {
    kind: "pattern",
    bad,
    badArb: spoiled(good, badChars),
    good,
  };
}

export function list(badEntries: readonly string[], good: readonly string[]): Family {
  return {
    kind: "list",
    bad: ["not-a-list", ...badEntries.map((e) => json([e]))],
    badArb: fc.constantFrom(...badEntries).map((e) => json([e])),
    good,
  };
}

/** Java regular expressions Java refuses, each checked against Java's Pattern in tests/integration/java-regex.test.ts. */
export const JAVA_REFUSES = ["a{", "{", "(?<a_b>x)", "\\k", "\\c", "\\u12", "\\x1", "x{2,1}", "(", "[", "*", "a**", "a{,3}", "[a-", "\\", "(?<1a>x)"];

export function javaRegex(): Family {
  return {
    kind: "javaRegex",
    bad: ["", ...JAVA_REFUSES],
    badArb: fc.constantFrom(...JAVA_REFUSES).chain((re) => fc.constantFrom(`10\\.0\\.0\\.1|${re}`, `(?:${re})`, `${re}|::1`)),
    good: ["10\\.0\\.0\\.\\d{1,3}", "192\\.168\\.1\\.\\d+|::1", "(?<ip>10\\.\\d+\\.\\d+\\.\\d+)"],
  };
}

/**
 * An image on a stack other than dev (plan/image-pins.ts): a reference the image rule accepts but that names
 * no content (a tag alone), or a digest that is not sha256 and 64 lower-case hex digits after an @, is refused;
 * `name` is the image's repository, such as registry.bank.example/mirror/node for the editor's.
 */
export function pinnedImageOnProd(name: string, tag: string): Family {
  const hex = "0123456789abcdef".repeat(4);
  return {
    kind: "imageReference",
    bad: [`${name}:${tag}`, `${name}:${tag}-sha256-${hex}`, `${name}:sha256-${hex}`],
    // A pinned reference cut short: a digest of fewer hex digits is no digest (the image rule refuses it too).
    badArb: fc.integer({ min: 0, max: 40 }).map((n) => `${name}:${tag}${n % 2 ? "" : `-${hex.slice(0, n)}`}`),
    good: [`${name}:${tag}@sha256:${hex}`, `${name}:${tag}@sha256:${"f".repeat(64)}`],
  };
}
