// The property run's semantic oracles (tests/property-oracle.test.ts): for a value the program accepted, the
// check that decides whether it is right, written from the rule of what finally reads the value, never from the
// program's own check (config/). Each returns the faults it finds, empty when the value is right. A family
// kind has its oracle (KIND_ORACLES); the kinds that say only "a pattern" or "a list" have one per key
// (KEY_ORACLES) or are listed in GENERIC_ONLY with the reason no semantic check is meaningful, so a new key
// or kind must choose.
import * as net from "net";
import type { PlannedStack } from "../../plan-from-config";
import { CALLS, NEVER_PUBLISHED } from "../../flows/calls";
import { stringListOf, type Family, type FamilyKind } from "./families";
import { cidrInterval, inJsJavaSubset, publicMatches, rangeIsNonPublic } from "./address-oracle";
import { configKeys, KeySpec } from "../../config/keys";
import stackKinds from "../../config/stack-kinds.json";

type Obj = Record<string, any>;

export interface Accepted {
  key: string;
  value: string;
  family: Family;
  planned: PlannedStack;
  objects: Obj[];
  /** The stack it was planned on, whose name decides its kind (config/stack-kinds.json). */
  stack: string;
  /** Every setting it was planned with, the value among them (full key to text); a key not here has its declared default. */
  settings: Readonly<Record<string, string>>;
}

/** The faults of an accepted value; empty when it is right. */
export type Oracle = (accepted: Accepted) => string[];

const fault = (ok: boolean, why: string): string[] => (ok ? [] : [why]);
const optional = (family: Family) => family.good.includes("");
const eachOf =
  (check: (entry: string) => string[]): Oracle =>
  ({ value }) => {
    const list = stringListOf(value);
    return list ? list.flatMap(check) : [`not a JSON list of texts`];
  };
const orEmpty =
  (check: (value: string) => string[]): Oracle =>
  ({ value, family }) =>
    value === "" && optional(family) ? [] : check(value);

// --- Kubernetes' names: kubernetes/apimachinery v0.33.0 pkg/util/validation/validation.go -----------------

/** IsDNS1123Label: dns1123LabelFmt, at most DNS1123LabelMaxLength (63). */
export const isDns1123Label = (s: string) => s.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s);
/** IsDNS1123Subdomain: labels joined by dots, at most DNS1123SubdomainMaxLength (253). */
export const isDns1123Subdomain = (s: string) => s.length <= 253 && s.split(".").every(isDns1123Label);
/** IsDNS1035Label: dns1035LabelFmt, a letter first; `max` is the program's own room for its suffixes. */
const isDns1035Label = (s: string, max: number) => s.length <= max && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(s);
/** IsConfigMapKey: configMapKeyFmt, at most 253, and not ".", ".." or starting with "..". */
const isConfigMapKey = (s: string) =>
  s.length > 0 && s.length <= 253 && /^[-._a-zA-Z0-9]+$/.test(s) && s !== "." && s !== ".." && !s.startsWith("..");
/** IsQualifiedName: an optional DNS subdomain prefix and "/", then a name of at most 63 alphanumerics, '-', '_', '.'. */
const isQualifiedName = (s: string) => {
  const parts = s.split("/");
  const name = parts[parts.length - 1];
  const prefixOk = parts.length === 1 || (parts.length === 2 && parts[0] !== "" && isDns1123Subdomain(parts[0]));
  return prefixOk && name.length <= 63 && /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(name);
};
/** IsValidLabelValue: empty, or at most 63 of the same characters, alphanumeric at both ends. */
const isLabelValue = (s: string) => s === "" || (s.length <= 63 && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(s));

// --- Hosts: RFC 1123 2.1 host names, and addresses as net.isIP reads them ---------------------------------

/** A host name of RFC 1123 2.1 (labels of letters, digits and '-', at most 63, 253 in all), its top label not all digits (so never an address in disguise). */
const isHostName = (s: string) =>
  s.length <= 253 && s.split(".").every((l) => /^[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?$/.test(l)) && !/^\d+$/.test(s.split(".").pop()!);
const isAddress = (s: string) => net.isIP(s) !== 0 && !s.includes("%");
/** Where the cloud's metadata service answers: link-local (RFC 3927, RFC 4291) and its well-known names. */
const isMetadata = (s: string) => {
  const block = new net.BlockList();
  block.addSubnet("169.254.0.0", 16, "ipv4");
  block.addSubnet("fe80::", 10, "ipv6");
  block.addSubnet("::ffff:169.254.0.0", 112, "ipv6");
  const family = net.isIP(s);
  return (family !== 0 && block.check(s, family === 4 ? "ipv4" : "ipv6")) || /^metadata(\.google\.internal)?$/i.test(s);
};

// --- Images: github.com/distribution/reference regexp.go (read at 00a09fa) and normalize.go (at 4ca1403) ---

const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/**
 * What the kubelet pulls: ParseNormalizedNamed's split of the domain (a first element with '.' or ':', or
 * "localhost", or upper case), a lower-case remote name, then the reference grammar, the name at most 255
 * (reference.go NameTotalLengthMax); and pinned, which is this project's rule: a tag other than latest, or a digest.
 */
function imageFaults(ref: string): string[] {
  const match = REFERENCE.exec(ref);
  if (!match) return [`not an image reference by distribution/reference's grammar`];
  const [, name, tag, digest] = match;
  const slash = name.indexOf("/");
  const first = slash < 0 ? "" : name.slice(0, slash);
  const isDomain = first === "localhost" || /[.:]/.test(first) || first.toLowerCase() !== first;
  const remote = isDomain ? name.slice(slash + 1) : name;
  return [
    ...fault(remote.toLowerCase() === remote, `the repository name ${remote} is not lower case`),
    ...fault(name.length <= 255, `the name is longer than 255`),
    ...fault(digest !== undefined || (tag !== undefined && tag !== "latest"), `not pinned by a tag other than latest or a digest`),
  ];
}

// --- Quantities: kubernetes/apimachinery v0.33.0 pkg/api/resource/quantity.go (ParseQuantity's grammar) ---

const SUFFIX: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** A quantity's value: <sign><digits>[.<digits>]<suffix>, the suffix binary SI, decimal SI or an exponent. */
export function quantityValue(s: string): number | undefined {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/.exec(s);
  if (!m) return undefined;
  const suffix = m[2] ?? "";
  const scale = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix];
  return Number(m[1]) * scale;
}

// --- Paths ---------------------------------------------------------------------------------------------

/**
 * Whether nginx routes requests for `path` to the location of a Prefix path `prefix`: ingress-nginx writes
 * `location = /p` and `location /p/` for it (kubernetes/ingress-nginx controller-v1.13.0
 * internal/ingress/controller/location.go normalizePrefixPath), so /p itself and all below /p/.
 */
const nginxRoutesUnder = (path: string, prefix: string) => {
  const p = prefix.replace(/\/+$/, "");
  const q = path.replace(/\/+$/, "");
  return p === "" || q === p || q.startsWith(`${p}/`);
};

/** The call map's places (flows/calls.ts, data): what only the console or the cluster may reach, and Carbon's tenant URLs. */
const CONSOLE = [...new Set(CALLS.filter((c) => c.callee === "km" && c.route === "console").map((c) => c.path))];
const PUBLIC = new Set(CALLS.filter((c) => c.callee === "km" && c.route === "public").map((c) => c.path));
const INTERNAL = [
  ...new Set(CALLS.filter((c) => c.callee === "km" && c.route === "cluster" && !PUBLIC.has(c.path)).map((c) => c.path)),
  ...NEVER_PUBLISHED.map((n) => n.path),
  "/t",
];

/** An absolute URL path without empty, "." or ".." segments, which a proxy and Tomcat may read apart. */
const isPlainPath = (s: string) =>
  /^\/[\x21-\x7e]*$/.test(s) &&
  !s
    .slice(1)
    .split("/")
    .some((seg, i, all) => seg === "." || seg === ".." || (seg === "" && i < all.length - 1)) &&
  !/%2f/i.test(s);

function extraPathFaults(path: string): string[] {
  if (!isPlainPath(path) || /[?#]/.test(path)) return [`${path} is no plain URL path`];
  return [
    ...CONSOLE.filter((c) => nginxRoutesUnder(path, c)).map((c) => `${path} takes requests under the console's ${c} from its Ingress`),
    ...INTERNAL.filter((i) => nginxRoutesUnder(path, i) || nginxRoutesUnder(i, path)).map((i) => `${path} publishes the internal ${i}`),
  ];
}

// --- Tomcat's RemoteIpValve ------------------------------------------------------------------------------

/** The valve's internalProxies as the plan writes it into catalina-server.xml (in the node files' ConfigMap). */
function valvePattern(objects: Obj[]): string | undefined {
  for (const o of objects) {
    if (o.kind !== "ConfigMap") continue;
    for (const text of Object.values<string>(o.data ?? {})) {
      const m =
        /<Valve[^>]*RemoteIpValve[^>]*internalProxies="([^"]*)"/.exec(text) ?? /<Valve[^>]*internalProxies="([^"]*)"[^>]*RemoteIpValve/.exec(text);
      if (m)
        return m[1]
          .replace(/&quot;/g, '"')
          .replace(/&apos;/g, "'")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&amp;/g, "&");
    }
  }
  return undefined;
}

/** The valve's pattern matches no public address, where JavaScript can tell (else the integration suite's Java does). */
const valveFaults = (objects: Obj[]): string[] => {
  const pattern = valvePattern(objects);
  if (pattern === undefined) return [`no RemoteIpValve internalProxies in the node files`];
  if (!inJsJavaSubset(pattern)) return [];
  const hits = publicMatches(pattern);
  return fault(hits.length === 0, `the valve's internalProxies ${JSON.stringify(pattern)} matches public ${hits.join(", ")}`);
};

// --- JDBC: MySQL Connector/J (the dev stack's engine) ------------------------------------------------------

/**
 * What a URL parameter must never turn on, from Connector/J's own reference ("Configuration Properties",
 * Security: allowLoadLocalInfile, allowLoadLocalInfileInPath, allowUrlInLocalInfile, autoDeserialize), in the
 * case the driver reads them (Connector/J 8's com/mysql/cj/conf/PropertyKey.java declares these
 * case-sensitive), with the values that turn them on (true or yes, any case); and the names that file
 * declares case-insensitive (user, password, host, port, protocol, path, type, address, priority, dbname),
 * of which the program sets the ones it needs. The program's own tables (config/jdbc-parameters.ts) are not
 * read here.
 */
const CJ_DANGEROUS: Record<string, RegExp> = {
  allowLoadLocalInfile: /^(true|yes)$/i,
  allowUrlInLocalInfile: /^(true|yes)$/i,
  autoDeserialize: /^(true|yes)$/i,
  allowLoadLocalInfileInPath: /./,
};
const CJ_ANY_CASE = ["user", "password", "dbname", "host", "port", "protocol", "path", "address"];
// type and priority are left out: they steer a replication or load-balanced URL, not the program's own settings.

/** A value as java.net.URLDecoder reads it ('+' a blank), undefined where it throws: a '%' that starts no escape of two hex digits. */
const urlDecoded = (text: string) => {
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return undefined;
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text; // bytes that are no UTF-8: URLDecoder puts U+FFFD for them, which names no feature
  }
};

/** The name=value pairs of a parameter list as the driver reads them; a fault for a pair it cannot read. */
function urlParameterPairs(value: string): Array<{ name: string; v: string } | { fault: string }> {
  if (value === "") return [];
  return value.split("&").map((pair) => {
    const eq = pair.indexOf("=");
    if (eq <= 0) return { fault: `${pair} is no name=value` };
    // Connector/J 5.1 decodes the value only (mysql/mysql-connector-j src/com/mysql/jdbc/NonRegisteringDriver.java
    // parseURL: URLDecoder.decode(value, "UTF-8")); a name is taken either way.
    const name = urlDecoded(pair.slice(0, eq)) ?? pair.slice(0, eq);
    const v = urlDecoded(pair.slice(eq + 1));
    return v === undefined ? { fault: `${pair}: the driver's URLDecoder refuses its value` } : { name, v };
  });
}

function urlParameterFaults(value: string): string[] {
  return urlParameterPairs(value).flatMap((p) =>
    "fault" in p
      ? [p.fault]
      : [
          ...fault(!(CJ_DANGEROUS[p.name]?.test(p.v) ?? false), `${p.name}=${p.v} turns on a dangerous driver feature`),
          ...fault(!CJ_ANY_CASE.includes(p.name.toLowerCase()), `${p.name} is one the program sets`),
        ],
  );
}

/**
 * What switches TLS to the database off or leaves the server unverified, from Connector/J's reference
 * ("Configuration Properties", Security: useSSL, requireSSL, verifyServerCertificate, sslMode, tlsVersions):
 * the names in the driver's case, which it reads case-sensitively (Connector/J 8
 * src/main/core-api/java/com/mysql/cj/conf/PropertyKey.java, read at 0e0f658: each declared `true`; 5.1 looks
 * them up in java.util.Properties, which is case-sensitive too); booleans TRUE, FALSE, YES or NO in any case
 * (BooleanPropertyDefinition.AllowableValues, read upper-cased); sslMode's modes below VERIFY_CA, which check
 * no certificate (PropertyDefinitions' enum, read upper-cased); a TLS version list that allows one below 1.2.
 */
const CJ_TLS_WEAKENING: Record<string, RegExp> = {
  useSSL: /^(false|no)$/i,
  requireSSL: /^(false|no)$/i,
  verifyServerCertificate: /^(false|no)$/i,
  sslMode: /^(disabled|preferred|required)$/i,
  tlsVersions: /(^|,)\s*(SSLv3|TLSv1|TLSv1\.1)\s*(,|$)/i,
  enabledTLSProtocols: /(^|,)\s*(SSLv3|TLSv1|TLSv1\.1)\s*(,|$)/i,
};

const tlsWeakeningFaults = (value: string): string[] =>
  urlParameterPairs(value).flatMap((p) =>
    "fault" in p ? [] : fault(!(CJ_TLS_WEAKENING[p.name]?.test(p.v) ?? false), `${p.name}=${p.v} weakens TLS to the database`),
  );

// --- The table -------------------------------------------------------------------------------------------

/**
 * An integer written in decimal digits with an optional sign (what `pulumi config set` stores as text for an
 * integer key: config/read.ts cites the CLI's check), blanks around it left to the program, which trims them;
 * then a safe integer (Number.isSafeInteger) within the family's bounds.
 */
const integerOracle: Oracle = ({ key, value, family }) => {
  const n = Number(value.trim());
  const { min, max } = family.bounds!;
  return [
    ...fault(/^[+-]?\d+$/.test(value.trim()), `${value} is not written as a decimal integer`),
    ...fault(Number.isSafeInteger(n) && n >= min && n <= max, `${value} is outside [${min}, ${max}]`),
    // A TCP port (RFC 793: 16 bits).
    ...fault(!/port$/i.test(key) || (n >= 0 && n <= 65535), `${value} is no TCP port`),
  ];
};

export const KIND_ORACLES: Partial<Record<FamilyKind, Oracle>> = {
  integer: integerOracle,
  boolean: ({ value }) => fault(value === "true" || value === "false", `${value} is not true or false`),
  oneOf: ({ value, family }) => fault(family.good.includes(value), `${value} is none of ${family.good.join(", ")}`),
  hostName: ({ value }) => fault(isHostName(value) && value.includes("."), `${value} is no fully qualified RFC 1123 host name`),
  // In a URL, a name whose last label is all digits is read as an address (WHATWG URL's host parser, "ends in a number").
  hostNameOrIpv4: ({ value }) =>
    fault((isHostName(value) && value.includes(".")) || net.isIP(value) === 4, `${value} is neither a host name nor an IPv4 address`),
  // An Ingress rule's host is a DNS name, never an IP (kubernetes/kubernetes v1.33 pkg/apis/networking/validation/validation.go validateIngressRules).
  ingressHostName: ({ value }) =>
    fault(isHostName(value) && value.includes(".") && !isAddress(value), `${value} is no host name an Ingress rule takes`),
  optionalHostOrIp: orEmpty((value) => fault(isHostName(value) || isAddress(value), `${value} is neither an RFC 1123 host name nor an address`)),
  optionalIpAddress: orEmpty((value) => fault(isAddress(value), `${value} is no address net.isIP reads`)),
  cidrList: eachOf((entry) => fault(cidrInterval(entry) !== undefined, `${entry} is no CIDR range`)),
  dnsLabel: orEmpty((value) => fault(isDns1123Label(value), `${value} is no DNS-1123 label`)),
  dnsLabelList: eachOf((entry) => fault(isDns1123Label(entry), `${entry} is no DNS-1123 label`)),
  rfc1035Label: ({ value, family }) =>
    fault(isDns1035Label(value, family.bounds!.max), `${value} is no RFC 1035 label of at most ${family.bounds!.max}`),
  dnsSubdomain: orEmpty((value) => fault(isDns1123Subdomain(value), `${value} is no DNS-1123 subdomain`)),
  dnsSubdomainList: eachOf((entry) => fault(isDns1123Subdomain(entry), `${entry} is no DNS-1123 subdomain`)),
  dnsDomain: ({ value }) => fault(isDns1123Subdomain(value), `${value} is no DNS-1123 subdomain`),
  imageReference: orEmpty(imageFaults),
  byteQuantity: ({ value, family }) => {
    if (value === "" && optional(family)) return [];
    const q = quantityValue(value);
    const { min, max } = family.bounds!;
    return fault(q !== undefined && Number.isInteger(q) && q >= min && q <= max, `${value} is no whole number of bytes in [${min}, ${max}]`);
  },
  cpuQuantity: ({ value, family }) => {
    if (value === "" && optional(family)) return [];
    const q = quantityValue(value);
    const { min, max } = family.bounds!;
    // The kubelet gives CPU in millicores (quantity.go MilliValue): a finer value is rounded up.
    return fault(
      q !== undefined && q >= min && q <= max && Number.isInteger(Math.round(q * 1e6) / 1e3),
      `${value} is no CPU amount of whole millicores in [${min}, ${max}]`,
    );
  },
  // nginx's size syntax: digits and an optional k or m, either case (nginx 1.25 src/core/ngx_parse.c ngx_parse_size).
  nginxSize: ({ value }) => fault(/^[1-9]\d*[kKmM]?$/.test(value), `${value} is no nginx size`),
  absolutePath: ({ value }) => fault(/^\/[^\s]*$/.test(value) && !/\/$/.test(value.slice(1)), `${value} is no absolute path`),
};

/** Keys whose kind is a bare pattern, list or text, each with the oracle of what reads it. */
export const KEY_ORACLES: Record<string, Oracle> = {
  "tomcat.internalProxies": ({ value, objects }) => [
    ...(value !== "" && inJsJavaSubset(value)
      ? fault(publicMatches(value).length === 0, `${value} matches public ${publicMatches(value).join(", ")}`)
      : []),
    ...valveFaults(objects),
  ],
  "tomcat.trustedProxies": (a) => [
    ...eachOf((entry) => fault(rangeIsNonPublic(entry), `${entry} holds a public address (IANA's special-purpose registries)`))(a),
    ...valveFaults(a.objects),
  ],
  "ingress.extraPublicPaths": eachOf(extraPathFaults),
  "database.urlParameters": ({ value }) => urlParameterFaults(value),
  "metrics.labels": eachOf((entry) => {
    const eq = entry.indexOf("=");
    return fault(eq > 0 && isQualifiedName(entry.slice(0, eq)) && isLabelValue(entry.slice(eq + 1)), `${entry} is no Kubernetes label`);
  }),
  "metrics.dashboardLabel": ({ value }) => {
    const eq = value.indexOf("=");
    return fault(eq > 0 && isQualifiedName(value.slice(0, eq)) && isLabelValue(value.slice(eq + 1)), `${value} is no Kubernetes label`);
  },
  // A cookie's name is an RFC 7230 token (RFC 6265 4.1.1 cookie-name).
  "ingress.cookieName": ({ value }) => fault(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value), `${value} is no cookie name`),
  // A probe must not open a session: not the Carbon console's webapp, its tenant form, or a JSP page.
  "probes.path": orEmpty((value) =>
    fault(
      isPlainPath(value) && !["/carbon", "/t"].some((p) => nginxRoutesUnder(value, p)) && !/\.(jsp|do)$/i.test(value),
      `${value} reaches a page that opens a session`,
    ),
  ),
  "openBanking.packHosts": eachOf((entry) => fault(isHostName(entry), `${entry} is no RFC 1123 host name`)),
  // Java's http.nonProxyHosts: host names or addresses, '|'-separated, a '*' only at the start or the end (Java 8 Networking Properties).
  "httpProxy.nonProxyHosts": eachOf((entry) =>
    fault(/^\*?[A-Za-z0-9.:-]+\*?$/.test(entry) && !/^\*.*\*$/.test(entry), `${entry} is no nonProxyHosts pattern`),
  ),
  // An LDAP URL of RFC 4516: ldap or ldaps, a host (name, IPv4 or [IPv6]), an optional port, no user information.
  "userStore.ldap.url": orEmpty((value) => {
    const m = /^ldaps?:\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?\/?$/.exec(value);
    const host = m?.[1].replace(/^\[|\]$/g, "");
    return fault(
      m !== null && (isHostName(host!) || isAddress(host!)) && (m[2] === undefined || Number(m[2]) <= 65535),
      `${value} is no LDAP URL JNDI reads`,
    );
  }),
  // An attribute's descr of RFC 4512 1.4: a letter, then letters, digits and '-'.
  "userStore.ldap.userNameAttribute": ({ value }) => fault(/^[A-Za-z][A-Za-z0-9-]*$/.test(value), `${value} is no LDAP attribute name`),
  // A Java class's binary name: identifiers joined by dots (JLS 8 3.8, 13.1), ASCII here.
  "database.driverClassName": orEmpty((value) =>
    fault(/^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*$/.test(value), `${value} is no Java class name`),
  ),
  // The kubelet expands $(VAR) in a container's command, args and env (Kubernetes' "Define Dependent Environment Variables").
  kmHome: ({ value }) => fault(!value.includes("$(") && !value.split("/").includes(".."), `${value} holds what the kubelet or a shell expands`),
  "metrics.exporterJar": orEmpty((value) => fault(/^\/\S+\.jar$/.test(value) && !value.includes("$("), `${value} is no absolute path of a jar`)),
  // A path, never a kubeconfig's content (whose token it would carry into the provider's inputs).
  "cluster.kubeconfig": ({ value }) => fault(!/[\n{]/.test(value) && !/^\s*apiVersion\s*:/.test(value), `${value} looks like a kubeconfig's content`),
  "cluster.context": ({ value }) => fault(value === "" || value.trim() !== "", `blanks name no context`),
  // user-mgt.xml's PasswordJavaRegEx in the bundled templates: ^[\S]{5,30}$ (tests/user-store-patterns.test.ts).
  adminPassword: orEmpty((value) =>
    fault(/^\S{5,30}$/.test(value), `the user store refuses ${value.length} characters with blanks or out of 5 to 30`),
  ),
};

/** Keys with a MySQL name or user: an unquoted identifier MySQL reads (MySQL 8.0 reference, "Schema Object Names": [0-9a-zA-Z$_], at most 64), never a system database or the superuser. */
const MYSQL_SYSTEM = ["mysql", "information_schema", "performance_schema", "sys"];
for (const d of ["um", "am", "config", "reg", "common", "ob"]) {
  KEY_ORACLES[`database.${d}.name`] = orEmpty((value) => [
    ...fault(/^[0-9a-zA-Z$_]{1,64}$/.test(value) && !/^\d+$/.test(value), `${value} is no unquoted MySQL identifier`),
    ...fault(!["am", "common", "ob"].includes(d) || !MYSQL_SYSTEM.includes(value.toLowerCase()), `${value} is a MySQL system database`),
  ]);
  KEY_ORACLES[`database.${d}.username`] = orEmpty((value) => [
    ...fault(/^[0-9a-zA-Z$_]{1,32}$/.test(value), `${value} is no MySQL user name (at most 32 since MySQL 5.7.8)`),
    ...fault(!["am", "common", "ob"].includes(d) || value !== "root", `root is MySQL's superuser`),
  ]);
}
KEY_ORACLES["database.username"] = (a) => [...KEY_ORACLES["database.am.username"](a)];
for (const role of ["signing", "internal", "tls"]) {
  KEY_ORACLES[`keystores.${role}.file`] = orEmpty((value) => fault(isConfigMapKey(value), `${value} is no Secret key`));
  KEY_ORACLES[`keystores.${role}.passwordKey`] = ({ value }) => fault(isConfigMapKey(value), `${value} is no Secret key`);
}
/** A CA bundle: secret:<name>/<key> or configMap:<name>/<key>, a DNS-1123 subdomain and a key. */
const bundleFaults = (entry: string) => {
  const m = /^(secret|configMap):([^/]+)\/(.+)$/.exec(entry);
  return fault(m !== null && isDns1123Subdomain(m[2]) && isConfigMapKey(m[3]), `${entry} names no Secret or ConfigMap key`);
};
KEY_ORACLES["keystores.trust.caBundles"] = eachOf(bundleFaults);
KEY_ORACLES["keystores.trust.databaseCa"] = orEmpty(bundleFaults);
/** An address no server has: unspecified, broadcast, multicast (RFC 1122 3.2.1.3, RFC 4291 2.7). */
const NO_SERVER = (() => {
  const block = new net.BlockList();
  block.addSubnet("0.0.0.0", 8, "ipv4");
  block.addAddress("255.255.255.255", "ipv4");
  block.addSubnet("224.0.0.0", 4, "ipv4");
  block.addAddress("::", "ipv6");
  block.addSubnet("ff00::", 8, "ipv6");
  return block;
})();
const isNoServer = (s: string) => net.isIP(s) !== 0 && NO_SERVER.check(s, net.isIP(s) === 4 ? "ipv4" : "ipv6");

/** Hosts the nodes call, never where the cloud's metadata service answers, nor an address no server has. */
for (const key of [
  "hostAliasIp",
  "apim.servicesHost",
  "biServer.host",
  "httpProxy.host",
  "apim.hostname",
  "database.host",
  ...["um", "am", "config", "reg", "common", "ob"].map((d) => `database.${d}.host`),
]) {
  KEY_ORACLES[key] = ({ value }) => [
    ...fault(!isMetadata(value), `${value} is where the metadata service answers`),
    ...fault(!isNoServer(value), `${value} is an address no server has`),
  ];
}

// --- The stack's kind: what only a dev stack is spared ---------------------------------------------------

/** A dev stack by config/stack-kinds.json, the one place that says which stacks are dev stacks. */
export const isDevStackName = (stack: string) =>
  stackKinds.dev.names.includes(stack) || stackKinds.dev.prefixes.some((prefix) => stack.startsWith(prefix));

/** A setting's text as planned: given, or its declared default (config/keys.ts, which Pulumi.yaml declares). */
function settingText({ settings }: Accepted, key: string): string {
  const given = settings[`obkm:${key}`];
  if (given !== undefined) return given;
  const declared = (configKeys as Record<string, KeySpec>)[key].default;
  return typeof declared === "string" ? declared : JSON.stringify(declared ?? "");
}

/** Every container's image in the objects' pod specs (StatefulSets, Jobs), by the container's name. */
function containerImages(objects: Obj[]): Array<{ name: string; image: string }> {
  const found: Array<{ name: string; image: string }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== "object" || node === null) return;
    for (const [field, child] of Object.entries(node as Obj)) {
      if ((field === "containers" || field === "initContainers") && Array.isArray(child))
        for (const c of child) if (typeof c?.image === "string") found.push({ name: c.name, image: c.image });
      walk(child);
    }
  };
  walk(objects);
  return found;
}

/** A manifest's digest as an image reference pins it: sha256 and its 64 lower-case hex digits (OCI image-spec v1.1 descriptor.md, "Registered algorithms"). */
const PINNED_BY_DIGEST = /@sha256:[a-f0-9]{64}$/;

/**
 * The rules of the stack's kind, on every accepted value whatever its key, decided from the settings planned
 * and the objects, never from the program's checks:
 *  - wherever the database's CA is set, and on every stack other than dev, TLS to the database holds;
 *  - a stack other than dev (config/stack-kinds.json) runs every image pinned by digest (a tag may be moved to
 *    other content), two nodes or more (the clustering guide's minimum, so one can restart), on a cluster named
 *    by a kubeconfig context and an identifier (never the current context, and a move shows as a replacement),
 *    signs with the bank's keystore and its key id (never keys it generated, which the OB directory does not
 *    know), names its pack's templates or says it means the bundled ones, and has a way to the OB directory's
 *    JWKS on the internet when it fetches them: no NetworkPolicy, a forward proxy, or an egress range that holds
 *    an address IANA's registries call globally reachable (address-oracle.ts).
 */
export function stackKindFaults(a: Accepted): string[] {
  const dev = isDevStackName(a.stack);
  const faults = dev && settingText(a, "keystores.trust.databaseCa") === "" ? [] : tlsWeakeningFaults(settingText(a, "database.urlParameters"));
  if (dev) return faults;
  const on = (key: string) => settingText(a, key).trim() !== "";
  const km = a.objects.find((o) => o.kind === "StatefulSet" && containerImages([o]).some((c) => c.name === "key-manager"));
  const ranges = stringListOf(settingText(a, "networkPolicy.egressCidrs")) ?? [];
  const jwksReachable =
    settingText(a, "openBanking.directoryJwks") === "false" ||
    settingText(a, "networkPolicy.enabled") === "false" ||
    on("httpProxy.host") ||
    ranges.some((r) => cidrInterval(r) !== undefined && !rangeIsNonPublic(r));
  return [
    ...faults,
    ...containerImages(a.objects)
      .filter((c) => !PINNED_BY_DIGEST.test(c.image))
      .map((c) => `container ${c.name} runs ${c.image}, not pinned by digest, on stack ${a.stack}`),
    ...fault(km !== undefined && km.spec.replicas >= 2, `the Key Manager runs ${km?.spec.replicas} node(s) on stack ${a.stack}`),
    ...fault(on("cluster.context") && on("cluster.identifier"), `stack ${a.stack} names no kubeconfig context or no cluster identifier`),
    ...fault(on("keystores.signing.secret") && on("keystores.signing.kid"), `stack ${a.stack} signs with no keystore of the bank's or no key id`),
    ...fault(on("configTemplates") || settingText(a, "acceptBundledTemplates") === "true", `stack ${a.stack} names no templates of its pack`),
    ...fault(jwksReachable, `stack ${a.stack} has no way to the OB directory's JWKS on the internet`),
  ];
}

/**
 * Keys that get the generic oracles only (no trace; refusals one line each naming the key; accepted objects
 * valid; no secret shown), each with why no semantic check is meaningful. A key of a "pattern", "list" or
 * "text" kind missing from KEY_ORACLES and from here fails the property run.
 */
export const GENERIC_ONLY: Record<string, string> = {
  "keystores.signing.alias": "a keystore alias: any text the keystore holds, read by keytool",
  "keystores.internal.alias": "a keystore alias: any text the keystore holds",
  "keystores.tls.alias": "a keystore alias: any text the keystore holds",
  "keystores.sandboxSigning.alias": "a keystore alias: any text the keystore holds",
  "keystores.signing.kid": "a JWS key id: any text (RFC 7515 4.1.4)",
  "keystores.sandboxSigning.kid": "a JWS key id: any text (RFC 7515 4.1.4)",
  "keystores.rotation": "a marker: any change rolls the generated keys",
  credentialRotation: "a marker: any change rolls the generated passwords",
  "caching.securityCaches": "cache names from the product's own list, which no source outside the program states",
  "caching.cacheOverrides": "cache names and fields from the product's own list, which no source outside the program states",
  adminUsername: "the user store's own UsernameJavaRegEx decides, checked against the plan's user-mgt.xml by the program",
  "cluster.identifier": "an opaque name the Kubernetes provider only compares as text (pulumi-kubernetes provider.go DiffConfig)",
  configTemplates: "a folder of the user's: free text",
  "apim.configTemplates": "a folder of the user's: free text",
  "database.password": "free text, a secret",
  "userStore.ldap.bindDn": "a DN of the bank's directory: free text",
  "userStore.ldap.bindPassword": "free text, a secret",
  "userStore.ldap.userSearchBase": "a DN of the bank's directory: free text",
  "userStore.ldap.groupSearchBase": "a DN of the bank's directory: free text",
  ...Object.fromEntries(["um", "am", "config", "reg", "common", "ob"].map((d) => [`database.${d}.password`, "free text, a secret"])),
};

/** The oracles of a key: its kind's, its own, both where both speak; undefined when it has neither and is not GENERIC_ONLY. */
export function oraclesOf(key: string, family: Family): Oracle[] | undefined {
  const oracles = [KIND_ORACLES[family.kind], KEY_ORACLES[key]].filter((o): o is Oracle => o !== undefined);
  if (oracles.length === 0 && !(key in GENERIC_ONLY)) return undefined;
  return oracles;
}
