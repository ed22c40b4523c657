// The shapes a config value may take. Each rule carries the sentence that tells a user what is allowed: the
// loader prints it next to the key and the value, so the sentence must read as the end of "expected ...".
import * as ipaddr from "ipaddr.js";
import { z } from "zod";
import { javaRegex, UnsupportedJavaRegex } from "../lib/java-regex";
import { canonicalQuantity, parseQuantity } from "./quantity";

const DNS_LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";

export function integer(min: number, max: number) {
  const allowed = `an integer from ${min} to ${max}`;
  return z.number({ invalid_type_error: allowed, required_error: allowed }).int(allowed).min(min, allowed).max(max, allowed);
}

/**
 * An integer from a list of consecutive numbers, with integer()'s message, whose output is typed as the list's
 * numbers (a caching scenario is 1 | 2 | 3 | 4 | 5, not any number). The refinement only narrows the type:
 * integer(min, max) already refuses what is not in the list.
 */
export function integerIn<T extends number>(values: readonly T[]) {
  const [min, max] = [Math.min(...values), Math.max(...values)];
  return integer(min, max).refine((n): n is T => (values as readonly number[]).includes(n), `an integer from ${min} to ${max}`);
}

export function boolean() {
  const allowed = "true or false";
  return z.boolean({ invalid_type_error: allowed, required_error: allowed });
}

export function oneOf<T extends string>(values: readonly [T, ...T[]]) {
  const allowed = `one of ${values.join(", ")}`;
  return z.enum(values, { errorMap: () => ({ message: allowed }) });
}

function text(allowed: string) {
  return z.string({ invalid_type_error: allowed, required_error: allowed });
}

/**
 * An RFC 1035 label, as the API server requires of a Service's name (k8s.io/apimachinery validation
 * IsDNS1035Label): lower-case letters, digits and '-', starting with a letter and ending with a letter or digit.
 */
export function rfc1035Label(maxLength: number, why: string) {
  const allowed = `a name of at most ${maxLength} characters: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit (${why})`;
  return text(allowed)
    .max(maxLength, allowed)
    .regex(/^[a-z](?:[-a-z0-9]*[a-z0-9])?$/, allowed);
}

/** A name that Kubernetes accepts for a namespace or as the first part of an object's name. */
export function dnsLabel(maxLength: number) {
  const allowed = `a DNS label of at most ${maxLength} characters: lower-case letters, digits and '-', starting and ending with a letter or digit`;
  return text(allowed)
    .max(maxLength, allowed)
    .regex(new RegExp(`^${DNS_LABEL}$`), allowed);
}

/** A fully qualified host name, as clients type it into a browser and as the Ingress rule names it. */
export function hostName() {
  const allowed = "a fully qualified host name in lower case, such as km.bank.example (labels of a-z, 0-9 and '-', joined by dots)";
  return text(allowed)
    .max(253, allowed)
    .regex(new RegExp(`^${DNS_LABEL}(?:\\.${DNS_LABEL})+$`), allowed);
}

/**
 * The public host name, which the Ingress's rule names: the API server refuses an IP address there
 * (kubernetes/kubernetes pkg/apis/networking/validation/validation.go, validateIngressRules: "must be a DNS
 * name, not an IP address"). A last label of digits only is refused, which covers every IPv4 form a parser
 * may take (leading zeros included) and no real host: no top-level domain is all digits.
 */
export function ingressHostName() {
  const allowed =
    "a fully qualified host name in lower case, such as km.bank.example (labels of a-z, 0-9 and '-', joined by dots), not an IP address, which an Ingress rule cannot name";
  return hostName().refine((host) => !/(?:^|\.)[0-9]+$/.test(host), allowed);
}

/**
 * A host that the KM writes into URLs and the JVM resolves: a fully qualified host name whose last label is
 * not all digits (as isHostOrIp says why: "10.1" or "10.0.0.7.10" is no name, and a URL parser reads the
 * first as an address: WHATWG URL's host parser, "ends in a number"), or an IPv4 address in four decimal
 * parts. Not IPv6, which a URL needs in brackets.
 */
export function hostNameOrIpv4() {
  const allowed =
    "a fully qualified host name in lower case, such as gw.bank.example (labels of a-z, 0-9 and '-', joined by dots, the last not all digits), or an IPv4 address such as 10.0.0.7";
  return hostName().refine((host) => isFourPartDecimal(host) || !/(?:^|\.)[0-9]+$/.test(host), allowed);
}

/**
 * A server's address as a client resolves it: an IP address (isIpAddress), or a host name whose last label
 * is not all digits. No top-level domain is all digits (RFC 3696 2.1), and Java's InetAddress.getByName,
 * which the JDBC drivers and the JVM's HTTP client call, reads "10.1" or "10.0.0.01" as an IPv4 address in
 * the BSD inet_aton forms, so such a "name" is a mistyped address.
 */
export function isHostOrIp(host: string): boolean {
  hostNameRule ??= hostName();
  return isIpAddress(host) || (hostNameRule.safeParse(host).success && !/(?:^|\.)[0-9]+$/.test(host));
}
let hostNameRule: ReturnType<typeof hostName> | undefined;

/** A DNS domain that may be a single label, such as the cluster's own `cluster.local`. */
export function dnsDomain() {
  const allowed = "a DNS domain in lower case, such as cluster.local";
  return text(allowed)
    .max(253, allowed)
    .regex(new RegExp(`^${DNS_LABEL}(?:\\.${DNS_LABEL})*$`), allowed);
}

/**
 * A container image pinned by tag or digest. `latest` and a missing tag are refused: a rollout must be
 * repeatable, and a moving tag gives two nodes of one cluster two different packs.
 */
/**
 * An image reference as the container runtime reads it, pinned: docker/distribution's reference grammar
 * (reference/regexp.go: lower-case path components, a tag of at most 128 characters, a sha256 digest of 64
 * hex digits) and its limit of 255 characters on the name (NameTotalLengthMax). A tag other than latest, or
 * a digest. Written here: @swimlane/docker-reference 2.0.1, the npm port of that grammar, backtracked for
 * 12 to 55 seconds on a reference with a 129-character tag (one of the cases tests/config.test.ts refuses).
 */
export function imageReference() {
  const allowed = "an image reference with a tag or digest, such as registry.bank.example/wso2/obkm:1.4.0 (not :latest)";
  const component = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  // The domain as regexp.go's domainAndPort: dot-joined components of letters, digits and inner '-', or an
  // IPv6 address in brackets, and an optional port. A looser one let "-r.example" or "r..example" through,
  // which the kubelet's parser refuses (the pod then never starts: InvalidImageName).
  const domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  const registry = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
  const pattern = new RegExp(
    `^(?:${registry}/)?${component}(?:/${component})*(?::(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`,
  );
  const name = (ref: string) => ref.replace(/@.*$/, "").replace(/:[^/:]+$/, "");
  return text(allowed)
    .regex(pattern, allowed)
    .refine((ref) => /@sha256:|:[^/]+$/.test(ref), allowed)
    .refine((ref) => name(ref).length <= 255, `${allowed}, whose name is at most 255 characters`);
}

export function absolutePath() {
  const allowed = "an absolute path without spaces, such as /home/wso2carbon/wso2-obkm-1.4.0";
  return text(allowed).regex(/^\/[^\s]*[^\s/]$|^\/$/, allowed);
}

/** A path on the machine that runs Pulumi; empty means the default the description names. */
/**
 * Empty, which means what the key's description says (a default, a value derived, nothing), or a value `rule`
 * accepts; one message, `allowed`, for anything else.
 */
export function emptyOr<T extends z.ZodTypeAny>(rule: T, allowed: string): z.ZodType<"" | z.output<T>, z.ZodTypeDef, unknown> {
  return z.unknown().transform((value, ctx) => {
    if (value === "") return "" as const;
    const result = rule.safeParse(value);
    if (result.success) return result.data as z.output<T>;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: allowed });
    return z.NEVER;
  });
}

export function optionalPath(what = "a directory") {
  return text(`a path to ${what}, or empty for the default`);
}

/**
 * A kubeconfig context's name: client-go reads contexts as map keys and sets no rule on their characters,
 * so anything printable goes; empty means none chosen.
 */
export function kubeconfigContext() {
  const allowed = "empty or the name of a context in the kubeconfig, without control characters";
  // A control character is exactly what this rule looks for.
  // eslint-disable-next-line no-control-regex
  return text(allowed).regex(/^[^\u0000-\u001f\u007f]*$/, allowed);
}

/** A name for the cluster (the provider's clusterIdentifier): printable text without spaces, at most 253 characters. */
export function clusterIdentifier() {
  const allowed = "empty or a name of the cluster of at most 253 printable characters without spaces, such as its cloud ID or API server URL";
  return text(allowed).regex(/^[\x21-\x7e]{0,253}$/, allowed);
}

/** A size in whole bytes as a Kubernetes quantity (such as 4Gi), returned in the API server's canonical form. */
/** A quantity in whole bytes within bounds (given as quantities), returned in canonical form. */
function byteQuantity(what: string, example: string, min: string, max: string) {
  const allowed = `a ${what} as a Kubernetes quantity in whole bytes from ${min} to ${max}, such as ${example}`;
  const [low, high] = [parseQuantity(min)!.milli, parseQuantity(max)!.milli];
  return text(allowed)
    .refine((q) => {
      const parsed = parseQuantity(q);
      return parsed !== undefined && parsed.milli % 1000n === 0n && parsed.milli >= low && parsed.milli <= high;
    }, allowed)
    .transform((q) => canonicalQuantity(q) as string);
}

/** A node's memory: the product asks for 4 GB; below 2Gi the KM does not start, above 256Gi is a typo. */
export const memoryQuantity = () => byteQuantity("memory size", "4Gi or 3584Mi", "2Gi", "256Gi");
/** A JVM heap: the product's is 2 GB; the heap check keeps it within the container's memory. */
export const heapQuantity = () => byteQuantity("heap size", "2Gi", "512Mi", "192Gi");
export const storageQuantity = () => byteQuantity("storage size", "5Gi or 500Mi", "1Gi", "16Ti");

/** A DNS subdomain, as most object names must be. */
export function dnsSubdomain() {
  const allowed = "a DNS subdomain of at most 253 characters: lower-case letters, digits, '-' and '.'";
  return text(allowed)
    .max(253, allowed)
    .regex(new RegExp(`^${DNS_LABEL}(?:\\.${DNS_LABEL})*$`), allowed);
}

/** A claim or class name: a DNS subdomain; empty means the default the description names. */
export function optionalDnsSubdomain(what: string) {
  return emptyOr(dnsSubdomain(), `empty (${what}) or a DNS subdomain of at most 253 characters: lower-case letters, digits, '-' and '.'`);
}

/** A size as nginx reads it (proxy_buffer_size): a number of bytes, or of kilobytes or megabytes with k or m. */
export function nginxSize() {
  const allowed = "a size as nginx reads it, such as 16k or 1m, from 4k to 1m";
  return text(allowed)
    .regex(/^[1-9]\d*[kKmM]?$/, allowed)
    .refine((size) => {
      const n = Number(size.replace(/[kKmM]$/, ""));
      const bytes = /[kK]$/.test(size) ? n * 1024 : /[mM]$/.test(size) ? n * 1024 * 1024 : n;
      return bytes >= 4096 && bytes <= 1024 * 1024;
    }, allowed);
}

/** A list of strings. */
export function stringList(allowed: string) {
  return z.array(z.string({ invalid_type_error: allowed }), { invalid_type_error: allowed, required_error: allowed });
}

/** A list whose every entry `isValid` accepts; each one it refuses is named in its own issue. */
export function listOf(allowed: string, isValid: (entry: string) => boolean) {
  return stringList(allowed).superRefine((list, ctx) => {
    for (const entry of list.filter((e) => !isValid(e))) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${allowed} (${JSON.stringify(entry)} is not one)` });
    }
  });
}

/** A list of names from a fixed set. */
export function namesFrom(names: readonly string[]) {
  return listOf(`a list of names from ${names.join(", ")}`, (name) => names.includes(name));
}

/**
 * ipaddr.IPv4.isValidFourPartDecimal, its two conditions asked in the cheaper order. ipaddr.js 2.5.0
 * (lib/ipaddr.js) asks its parse first, which throws, and so builds a stack trace, for every text that is no
 * IPv4 address: most host names the checks see, about a tenth of the bad-input suite's CPU time. Its
 * dotted-decimal pattern, asked first here, turns those away without one. Both must hold, so the order
 * changes nothing (tests/addresses-and-images.test.ts holds it to ipaddr's own answer).
 */
const FOUR_PART_DECIMAL = /^(0|[1-9]\d*)(\.(0|[1-9]\d*)){3}$/;
export function isFourPartDecimal(text: string): boolean {
  return FOUR_PART_DECIMAL.test(text) && ipaddr.IPv4.isValid(text);
}

/**
 * An IP address as Go's net.ParseIP reads it (the API server's parser): IPv4 in four decimal parts, no
 * leading zeros, or IPv6 without a zone. Parsed by ipaddr.js, not by a hand-written pattern.
 */
export function isIpAddress(text: string): boolean {
  return isFourPartDecimal(text) || (!text.includes("%") && ipaddr.IPv6.isValid(text));
}

/** A CIDR range: an IP address as above, '/', and a prefix length the address family allows. */
export function isCidr(text: string): boolean {
  const [address, bits, ...rest] = text.split("/");
  if (rest.length > 0 || bits === undefined || !/^(?:0|[1-9]\d{0,2})$/.test(bits) || !isIpAddress(address)) return false;
  return Number(bits) <= (isFourPartDecimal(address) ? 32 : 128);
}

/**
 * A path of an Ingress rule with pathType Prefix, as the API server takes it (kubernetes/kubernetes
 * pkg/apis/networking/validation/validation.go, validateHTTPIngressPath: absolute, none of the sequences
 * //, /./, /../, %2f or %2F, not ending in /.. or /.), of the characters a URL path holds.
 */
export function isIngressPrefixPath(path: string): boolean {
  return /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(path) && !/\/\/|\/\.\.?\/|%2f/i.test(path) && !/\/\.\.?$/.test(path);
}

/** An IP address; empty means none. */
export function optionalIpAddress() {
  return emptyOr(text("an IP address").refine(isIpAddress), "empty, or an IPv4 or IPv6 address such as 10.96.0.50");
}

/** A list of CIDR ranges, such as 10.0.0.0/8. */
export function cidrList() {
  return listOf("a list of CIDR ranges, such as [10.20.0.0/16, 192.0.2.7/32]", isCidr);
}

/** A TCP port. */
export function port() {
  return integer(1, 65535);
}

/** A cookie name: an HTTP token. */
export function cookieName() {
  const allowed = "a cookie name of letters, digits, '_' and '-', such as OBKM_ROUTE";
  return text(allowed).regex(/^[A-Za-z0-9_-]{1,64}$/, allowed);
}

/**
 * A Java regular expression, as Tomcat's RemoteIpValve compiles it (setInternalProxies: Pattern.compile, in
 * apache/tomcat's java/org/apache/catalina/valves/RemoteIpValve.java since Tomcat 7). JavaScript's RegExp
 * compiles what Java refuses (`a{`, `\\k`, `\\x1`, which Annex B takes literally), so the expression is read by
 * plan/java-regex.ts, which takes the syntax both languages read alike and refuses the rest with the reason.
 */
export function regularExpression() {
  const allowed = "a Java regular expression, such as 10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}";
  return text(allowed).superRefine((re, ctx) => {
    if (re.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, message: allowed });
    else {
      try {
        javaRegex(re);
      } catch (error) {
        if (!(error instanceof UnsupportedJavaRegex)) throw error;
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${allowed}, in the syntax Java and JavaScript read alike (this one ${error.reason})` });
      }
    }
  });
}

/** A CPU amount as a Kubernetes quantity, returned in the API server's canonical form. */
/** A CPU amount: from a tenth of a core, below which the JVM starts for minutes, to 64 cores. */
export function cpuQuantity() {
  const allowed = "a CPU amount as a Kubernetes quantity from 100m to 64, such as 2 or 500m";
  return text(allowed)
    .refine((q) => {
      const parsed = parseQuantity(q);
      return parsed !== undefined && !parsed.binary && parsed.milli >= 100n && parsed.milli <= 64000n;
    }, allowed)
    .transform((q) => canonicalQuantity(q) as string);
}

/**
 * One entry of the JVM's http.nonProxyHosts: a host, or a pattern with a single '*' at its start (a suffix)
 * or its end (a prefix), which is all the JDK 8 matcher reads (sun.misc.RegexpPool.add in OpenJDK 8u's
 * jdk/src/share/classes/sun/misc/RegexpPool.java, read in the AristoJoy/openjdk8u mirror at 1acf155; a '*'
 * elsewhere is a literal). No '|' (the separator) and no
 * whitespace (wso2server.sh splits $JAVA_OPTS at whitespace). Not a lone '*', which would send nothing through the
 * proxy.
 */
export function isNonProxyHost(entry: string): boolean {
  return /^(?:\*[A-Za-z0-9.-]*[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9.-]*\*?|\[[0-9A-Fa-f:.]+\])$/.test(entry);
}
