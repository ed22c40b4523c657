// The values the property run (tests/property-oracle.test.ts) tries for a key: good values, good values
// spoiled (a character put in, taken out or changed, the case changed, blanks around), the family's bad
// values, free text, and per kind the values where a reader's line is drawn (numbers at and past the bounds,
// ranges at the edges of IANA's special blocks, expressions near the private ranges, paths beside the
// console's, driver parameters). Mixed, so that the oracle, not the generator, decides right from wrong.
import fc from "fast-check";
import { CALLS } from "../../flows/calls";
import { stringListOf, type Family } from "./families";

const json = (list: unknown[]) => JSON.stringify(list);
const PUT_IN = [..."aZ09.-_/:@*[]{}()!|&$%#'\"\\ ,;=?+~^`<>é\u00a0\t\n"];

/** One text changed the way a careless hand or an attacker changes it. */
function mutated(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(text, fc.nat(), fc.constantFrom(...PUT_IN), fc.integer({ min: 0, max: 9 })).map(([t, n, c, how]) => {
    const at = n % (t.length + 1);
    switch (how) {
      case 0:
        return t.slice(0, at) + c + t.slice(at);
      case 1:
        return t.slice(0, at) + t.slice(at + 1);
      case 2:
        return t.slice(0, at) + c + t.slice(at + 1);
      case 3:
        return t.toUpperCase();
      case 4:
        return t.slice(0, at) + (t[at] === t[at]?.toUpperCase() ? t[at]?.toLowerCase() : t[at]?.toUpperCase()) + t.slice(at + 1);
      case 5:
        return [" ", "\t", "\n", "  "][n % 4] + t;
      case 6:
        return t + [" ", "\t", "\n", "."][n % 4];
      case 7:
        return t + ["", ",", ".", "/", "|", "&", ":"][n % 7] + t;
      case 8:
        return t.slice(0, at);
      default:
        return t.slice(at);
    }
  });
}

/** A list's texts changed one entry at a time, or joined with another list's. */
function mutatedList(lists: readonly string[][]): fc.Arbitrary<string> {
  const entries = [...new Set(lists.flat())];
  if (entries.length === 0) return fc.constant("[]");
  return fc.oneof(
    fc.tuple(fc.constantFrom(...lists), mutated(fc.constantFrom(...entries))).map(([list, entry]) => json([...list, entry])),
    fc.tuple(fc.constantFrom(...lists), fc.constantFrom(...lists)).map(([a, b]) => json([...a, ...b])),
  );
}

/** IANA's special blocks and their neighbours: each CIDR with its prefix a little shorter or longer, the address moved. */
const BLOCKS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "192.0.0.0/24", "192.0.2.0/24"]
  .concat(["198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4", "0.0.0.0/8", "192.0.0.8/30", "192.88.99.0/24"])
  .concat([
    "fc00::/7",
    "fd00::/8",
    "fe80::/10",
    "::1/128",
    "::/128",
    "::ffff:0:0/96",
    "64:ff9b::/96",
    "2001::/23",
    "2001::/32",
    "2001:db8::/32",
    "2002::/16",
    "100::/64",
    "ff00::/8",
    "4000::/3",
  ]);
const cidrNear: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...BLOCKS), fc.integer({ min: -3, max: 4 }), fc.integer({ min: -1, max: 1 }))
  .map(([block, d, shift]) => {
    const [address, bits] = block.split("/");
    const prefix = Math.max(0, Number(bits) + d);
    if (shift === 0 || address.includes(":")) return `${address}/${prefix}`;
    const octets = address.split(".").map(Number);
    octets[0] = Math.min(255, Math.max(0, octets[0] + shift));
    return `${octets.join(".")}/${prefix}`;
  });

/** Expressions of the kind an operator writes for private ranges, some of them a little too wide. */
const OCTET = ["\\d+", "\\d{1,3}", "[0-9]+", "[0-9]{1,3}", "1?\\d", "25[0-5]", "\\d", "[1-9]\\d*", ".*", "[0-9a-f]+"];
const regexNear: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom("10", "172\\.(?:1[6-9]|2\\d|3[01])", "192\\.168", "127", "169\\.254", "100\\.64", "1\\d*", "1[0-9]{1,2}", "17\\d"),
          fc.array(fc.constantFrom(...OCTET), { minLength: 1, maxLength: 3 }),
        )
        .map(([head, rest]) => [head, ...rest].join("\\.")),
      fc.constantFrom("::1", "0:0:0:0:0:0:0:1", "fd[0-9a-f]{2}(?::[0-9a-f]{1,4}){7}", "f[c-d][0-9a-f]*:.*", "fe80:.*", "[0-9a-f:]+", "2001:db8:.*"),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((alternatives) => alternatives.join("|"));

/** Paths beside the console's and the cluster's own: equal, under, above, with a slash or a case changed. */
const KM_PATHS = [...new Set(CALLS.filter((c) => c.callee === "km").map((c) => c.path))];
const pathNear: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...KM_PATHS, "/t", "/carbon"), fc.constantFrom("", "/", "/x", "x", "/../x", "/.", "%2fx", "/X", "-x"), fc.boolean())
  .map(([path, tail, upper]) => json([(upper ? path.toUpperCase() : path) + tail]));

/** Connector/J parameters, safe and not, in the driver's case and others. */
const PARAMETERS = [
  "useSSL",
  "requireSSL",
  "verifyServerCertificate",
  "sslMode",
  "allowLoadLocalInfile",
  "allowUrlInLocalInfile",
  "autoDeserialize",
  "allowLoadLocalInfileInPath",
].concat([
  "user",
  "password",
  "dbname",
  "DBNAME",
  "connectTimeout",
  "characterEncoding",
  "serverTimezone",
  "trustCertificateKeyStoreUrl",
  "AutoDeserialize",
  "socketFactory",
]);
const parametersNear: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom(...PARAMETERS),
      fc.constantFrom("true", "false", "YES", "1", "x", "DISABLED", "VERIFY_IDENTITY", "/tmp", "t%72ue", "100%", "%zz", "true+"),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((pairs) => pairs.map(([n, v]) => `${n}=${v}`).join("&"));

/** Image references around distribution/reference's grammar: registries, paths and tags at its edges. */
const imageNear: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      "",
      "r.example/",
      "-r.example/",
      "r-.example/",
      "r..example/",
      ".r/",
      "Registry/",
      "localhost/",
      "r.example:5000/",
      "[fd00::1]:5000/",
      "r.example:/",
      "registry/",
    ),
    fc.constantFrom("obkm", "Obkm", "wso2/obkm", "a__b", "a___b", "a--b", "a.-b", "-obkm", "obkm-"),
    fc.constantFrom(
      ":1.4.0",
      ":latest",
      "",
      ":-1",
      ":.1",
      ":_1",
      `@sha256:${"0".repeat(64)}`,
      `:1@sha256:${"0".repeat(64)}`,
      `@sha256:${"0".repeat(63)}`,
      `:${"t".repeat(128)}`,
    ),
  )
  .map(([registry, path, tag]) => registry + path + tag);

/** The values where a kind's reader draws its line. */
function edges(key: string, family: Family): fc.Arbitrary<string> | undefined {
  if (key === "tomcat.trustedProxies") return fc.array(cidrNear, { minLength: 1, maxLength: 3 }).map(json);
  if (key === "tomcat.internalProxies") return regexNear;
  if (key === "ingress.extraPublicPaths") return pathNear;
  if (key === "database.urlParameters") return parametersNear;
  if (family.kind === "imageReference") return imageNear;
  if (family.kind === "cidrList") return fc.array(cidrNear, { minLength: 1, maxLength: 2 }).map(json);
  if (family.kind === "integer") {
    const { min, max } = family.bounds!;
    return fc
      .constantFrom(min - 1, min, min + 1, max - 1, max, max + 1, 0, -1, 2 ** 31, 2 ** 53, -(2 ** 53))
      .chain((n) => fc.constantFrom(String(n), `0${n}`, `+${n}`, `${n}.0`, `${n}e0`, ` ${n}`, `0x${n.toString(16)}`));
  }
  if (family.kind === "byteQuantity" || family.kind === "cpuQuantity") {
    const { min, max } = family.bounds!;
    const unit = family.kind === "byteQuantity" ? 2 ** 20 : 1;
    return fc
      .constantFrom(min, max, min - (family.kind === "byteQuantity" ? 1 : 0.001), max + (family.kind === "byteQuantity" ? 1 : 0.001))
      .chain((n) =>
        fc.constantFrom(
          String(n),
          `${n / unit}Mi`,
          `${n / 1000}k`,
          `${n}m`,
          `${(n / unit).toExponential()}Mi`,
          `${n}e0`,
          `${Math.round(n / 2 ** 30)}G`,
          `${n}.5`,
        ),
      );
  }
  return undefined;
}

/** Every kind of value the run tries for a key, mixed. */
export function valueArbitrary(key: string, family: Family): fc.Arbitrary<string> {
  const good = family.good;
  const lists = good.map(stringListOf).filter((l): l is string[] => l !== undefined);
  const edge = edges(key, family);
  const nonEmpty = good.filter((g) => g !== "");
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...good) },
    {
      weight: 4,
      arbitrary:
        lists.length === good.length && lists.length > 0 ? mutatedList(lists) : mutated(fc.constantFrom(...(nonEmpty.length ? nonEmpty : good))),
    },
    { weight: 1, arbitrary: fc.constantFrom(...family.bad) },
    { weight: 1, arbitrary: family.badArb },
    { weight: 1, arbitrary: fc.string({ maxLength: 16, unit: "binary-ascii" }) },
    ...(edge ? [{ weight: 4, arbitrary: edge }] : []),
  );
}
