// What cert-manager's validating webhook refuses of a Certificate that its CRD schema accepts: ported from
// ValidateCertificateSpec in cert-manager v1.21.1 internal/apis/certmanager/validation/certificate.go. The
// Certificate CRD has no x-kubernetes-validations (CEL) rules; its mutual exclusions live here. The webhook
// runs after the API server's schema check, so these take a schema-valid Certificate.
// Left out, as the program sets none of them: literalSubject's LDAP parsing (only its CN is looked for),
// email address parsing, otherNames' OID syntax, renewal windows' cron and IANA time zone parsing.
// secretTemplate's labels and annotation keys are the API server's own rules, checked in k8s-validate.ts.
import { isIP } from "net";
import type { Certificate } from "./cert-manager-certificate";

type Spec = Certificate["spec"];

const HOUR = 3600e9;
const MINUTE = 60e9;
// pkg/apis/certmanager/v1/const.go
const MINIMUM_CERTIFICATE_DURATION = HOUR;
const DEFAULT_CERTIFICATE_DURATION = 90 * 24 * HOUR;
const MINIMUM_RENEW_BEFORE = 5 * MINUTE;
// pkg/util/pki/generate.go: MinRSAKeySize, MaxRSAKeySize
const MIN_RSA_KEY_SIZE = 2048;
const MAX_RSA_KEY_SIZE = 8192;
const ECDSA_SIZES = [256, 384, 521];
// keyAlgToAllowedSigAlgs
const SIGNATURE_ALGORITHMS_BY_KEY: Record<string, string[]> = {
  RSA: ["SHA256WithRSA", "SHA384WithRSA", "SHA512WithRSA"],
  ECDSA: ["ECDSAWithSHA256", "ECDSAWithSHA384", "ECDSAWithSHA512"],
  Ed25519: ["PureEd25519"],
};
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const GO_UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: HOUR };

/**
 * Nanoseconds of a Go duration as time.ParseDuration reads it (metav1.Duration decodes with it): an optional
 * sign, then numbers with units, "0" alone the only number without one; undefined when Go refuses it.
 */
export function goDuration(text: string): number | undefined {
  const m = /^([-+]?)(.*)$/.exec(text)!;
  if (m[2] === "0") return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < m[2].length) {
    part.lastIndex = at;
    const p = part.exec(m[2]);
    if (!p) return undefined;
    total += Number(p[1]) * GO_UNITS[p[2]];
    at = part.lastIndex;
  }
  if (at === 0) return undefined;
  return m[1] === "-" ? -total : total;
}

function durationProblems(spec: Spec): string[] {
  const problems: string[] = [];
  const parsed = (field: "duration" | "renewBefore") => {
    const value = spec[field];
    if (value === undefined) return undefined;
    const ns = goDuration(value);
    if (ns === undefined) problems.push(`spec.${field}: ${value} is not a Go duration (time.ParseDuration)`);
    return ns;
  };
  const duration = parsed("duration") ?? DEFAULT_CERTIFICATE_DURATION;
  const renewBefore = parsed("renewBefore");
  // The webhook calls ValidateDuration only when duration or renewBefore is set: a renewBeforePercentage
  // alone is not checked.
  if (problems.length || (spec.duration === undefined && spec.renewBefore === undefined)) return problems;
  if (duration < MINIMUM_CERTIFICATE_DURATION) problems.push(`spec.duration: must be at least 1h`);
  if (renewBefore !== undefined && spec.renewBeforePercentage !== undefined)
    problems.push(`spec.renewBefore: renewBefore and renewBeforePercentage are mutually exclusive`);
  if (renewBefore !== undefined && renewBefore < MINIMUM_RENEW_BEFORE) problems.push(`spec.renewBefore: must be at least 5m`);
  if (renewBefore !== undefined && renewBefore >= duration) problems.push(`spec.renewBefore: must be less than the duration`);
  const percentage = spec.renewBeforePercentage;
  if (percentage !== undefined) {
    const derived = (duration * (100 - percentage)) / 100;
    if (derived < MINIMUM_RENEW_BEFORE) problems.push(`spec.renewBeforePercentage: must leave a renewBefore of at least 5m`);
    if (derived >= duration) problems.push(`spec.renewBeforePercentage: must leave a renewBefore less than the duration`);
  }
  return problems;
}

function keystoreProblems(spec: Spec): string[] {
  const problems: string[] = [];
  for (const kind of ["jks", "pkcs12"] as const) {
    const store = spec.keystores?.[kind];
    if (!store) continue;
    // The webhook looks at passwordSecretRef.name: a Go client always sends the struct, maybe empty.
    const byRef = (store.passwordSecretRef?.name ?? "") !== "";
    if (store.password !== undefined && byRef) problems.push(`spec.keystores.${kind}: passwordSecretRef and password are mutually exclusive`);
    if (store.password === undefined && !byRef) problems.push(`spec.keystores.${kind}: needs passwordSecretRef or password`);
    if (store.password === "") problems.push(`spec.keystores.${kind}.password: must not be empty`);
  }
  return problems;
}

function subjectProblems(spec: Spec): string[] {
  const problems: string[] = [];
  let commonName = spec.commonName ?? "";
  if (spec.literalSubject) {
    if (commonName) problems.push(`spec.commonName: must not be set with literalSubject`);
    if (spec.subject && Object.values(spec.subject).some((v) => v !== undefined && v.length > 0))
      problems.push(`spec.subject: must not be set with literalSubject`);
    commonName = /(?:^|[,+])\s*CN=((?:\\.|[^,+])*)/.exec(spec.literalSubject)?.[1] ?? "";
  }
  const names = [spec.dnsNames, spec.uris, spec.emailAddresses, spec.ipAddresses, spec.otherNames];
  if (!commonName && names.every((n) => !n?.length))
    problems.push(`spec: at least one of commonName, literalSubject's CN, dnsNames, uris, emailAddresses, ipAddresses or otherNames`);
  if (commonName.length > 64) problems.push(`spec.commonName: at most 64 characters`);
  // net.ParseIP refuses an IPv6 zone, which Node's isIP accepts.
  (spec.ipAddresses ?? []).forEach((ip, i) => {
    if (!isIP(ip) || ip.includes("%")) problems.push(`spec.ipAddresses[${i}]: ${ip} is not an IP address`);
  });
  (spec.otherNames ?? []).forEach((o, i) => {
    if (!o.oid) problems.push(`spec.otherNames[${i}].oid: required`);
    if (!o.utf8Value) problems.push(`spec.otherNames[${i}].utf8Value: required`);
  });
  return problems;
}

function keyProblems(spec: Spec): string[] {
  const problems: string[] = [];
  const { algorithm, size } = spec.privateKey ?? {};
  if ((algorithm ?? "RSA") === "RSA" && size !== undefined && size > 0 && (size < MIN_RSA_KEY_SIZE || size > MAX_RSA_KEY_SIZE))
    problems.push(`spec.privateKey.size: must be between 2048 and 8192 for RSA`);
  if (algorithm === "ECDSA" && size !== undefined && size > 0 && !ECDSA_SIZES.includes(size))
    problems.push(`spec.privateKey.size: must be 256, 384 or 521 for ECDSA`);
  const allowed = SIGNATURE_ALGORITHMS_BY_KEY[algorithm ?? "RSA"];
  if (spec.signatureAlgorithm !== undefined && !allowed.includes(spec.signatureAlgorithm))
    problems.push(`spec.signatureAlgorithm: ${spec.signatureAlgorithm} does not sign with a ${algorithm ?? "RSA"} key`);
  return problems;
}

function otherProblems(spec: Spec): string[] {
  const problems: string[] = [];
  if (!spec.secretName) problems.push(`spec.secretName: required`);
  else if (spec.secretName.length > 253 || !DNS_SUBDOMAIN.test(spec.secretName)) problems.push(`spec.secretName: not a DNS subdomain`);
  const ref = spec.issuerRef;
  if (!ref.name) problems.push(`spec.issuerRef.name: required`);
  // Only cert-manager's own group has kinds the webhook knows.
  if ((!ref.group || ref.group === "cert-manager.io") && ref.kind && ref.kind !== "Issuer" && ref.kind !== "ClusterIssuer")
    problems.push(`spec.issuerRef.kind: must be Issuer or ClusterIssuer`);
  if (spec.revisionHistoryLimit !== undefined && spec.revisionHistoryLimit < 1) problems.push(`spec.revisionHistoryLimit: must be at least 1`);
  for (const key of Object.keys(spec.secretTemplate?.annotations ?? {}))
    if (key.startsWith("cert-manager.io/") && key !== "cert-manager.io/allow-direct-injection")
      problems.push(`spec.secretTemplate.annotations: ${key}: cert-manager.io/ annotations are cert-manager's`);
  if (spec.nameConstraints) {
    if (!spec.isCA) problems.push(`spec.nameConstraints: only on a CA (isCA: true)`);
    if (!spec.nameConstraints.permitted && !spec.nameConstraints.excluded) problems.push(`spec.nameConstraints: needs permitted or excluded`);
  }
  const types = (spec.additionalOutputFormats ?? []).map((f) => f.type);
  for (const type of new Set(types.filter((t, i) => types.indexOf(t) !== i)))
    problems.push(`spec.additionalOutputFormats: type ${type} appears twice`);
  if (spec.renewal?.policy === "Disabled" && spec.renewal.windows?.length) problems.push(`spec.renewal.windows: not with policy Disabled`);
  // validateCertificateRenewal's switch refuses an unset policy too, though the CRD leaves it optional.
  if (spec.renewal && spec.renewal.policy === undefined) problems.push(`spec.renewal.policy: must be RenewBefore or Disabled`);
  return problems;
}

/** The webhook's problems of a schema-valid Certificate, each `<id>: webhook: <path>: <what>`. */
export function certificateWebhookProblems(certificate: Certificate, id: string): string[] {
  const spec = certificate.spec;
  return [...otherProblems(spec), ...subjectProblems(spec), ...keyProblems(spec), ...durationProblems(spec), ...keystoreProblems(spec)].map(
    (p) => `${id}: webhook: ${p}`,
  );
}
