// The schema of cert-manager's `cert-manager.io/v1` Certificate, the one cert-manager kind the program
// renders, ported by hand from cert-manager v1.21.1 (the newest release; the docs' minimum (docs/operations.md) is 1.15):
//   pkg/apis/certmanager/v1/types_certificate.go  CertificateSpec and the types under it, their markers
//   pkg/apis/certmanager/v1/types.go              KeyUsage and its +kubebuilder:validation:Enum
//   pkg/apis/meta/v1/types.go                     IssuerReference, SecretKeySelector, LocalObjectReference
//   deploy/crds/cert-manager.io_certificates.yaml the generated CRD: the same constraints, `required` lists
//                                                 (issuerRef, secretName; issuerRef.name; keystores.*.create;
//                                                 passwordSecretRef.name), and no x-kubernetes-validations
// The API server prunes unknown fields of a CRD object silently; here every object is .strict(), so an
// unknown field is a problem instead of a field that quietly does nothing. What the CRD cannot say, cert-
// manager's validating webhook checks (cert-manager-webhook.ts); what came after 1.15, SINCE lists.
import { z } from "zod";

// +kubebuilder:validation:Enum markers, in the order the source gives them.
export const PRIVATE_KEY_ALGORITHMS = ["RSA", "ECDSA", "Ed25519"] as const;
export const PRIVATE_KEY_ENCODINGS = ["PKCS1", "PKCS8"] as const;
export const ROTATION_POLICIES = ["Never", "Always"] as const;
export const SIGNATURE_ALGORITHMS = [
  "SHA256WithRSA",
  "SHA384WithRSA",
  "SHA512WithRSA",
  "ECDSAWithSHA256",
  "ECDSAWithSHA384",
  "ECDSAWithSHA512",
  "PureEd25519",
] as const;
export const OUTPUT_FORMATS = ["DER", "CombinedPEM"] as const;
export const PKCS12_PROFILES = ["LegacyRC2", "LegacyDES", "Modern2023", "Modern2026"] as const;
export const RENEWAL_POLICIES = ["RenewBefore", "Disabled"] as const;
// types.go, KeyUsage: RFC 5280's key usages and extended key usages by cert-manager's names.
export const KEY_USAGES = [
  "signing",
  "digital signature",
  "content commitment",
  "key encipherment",
  "key agreement",
  "data encipherment",
  "cert sign",
  "crl sign",
  "encipher only",
  "decipher only",
  "any",
  "server auth",
  "client auth",
  "code signing",
  "email protection",
  "s/mime",
  "ipsec end system",
  "ipsec tunnel",
  "ipsec user",
  "timestamping",
  "ocsp signing",
  "microsoft sgc",
  "netscape sgc",
] as const;

// Go's int32 (renewBeforePercentage, revisionHistoryLimit; the CRD says format: int32): a larger number
// fails to decode in the webhook.
const int32 = z
  .number()
  .int()
  .min(-(2 ** 31))
  .max(2 ** 31 - 1);
// `+listType=atomic` on every list: replaced whole on apply, no uniqueness asked of the items.
const strings = z.array(z.string()).optional();

// meta/v1 types.go: SecretKeySelector inlines LocalObjectReference, whose name has no omitempty.
const secretKeySelector = z.object({ name: z.string(), key: z.string().optional() }).strict();

// meta/v1 types.go: IssuerReference; kind defaults to Issuer and group to cert-manager.io.
const issuerReference = z.object({ name: z.string(), kind: z.string().optional(), group: z.string().optional() }).strict();

const x509Subject = z
  .object({
    organizations: strings,
    countries: strings,
    organizationalUnits: strings,
    localities: strings,
    provinces: strings,
    streetAddresses: strings,
    postalCodes: strings,
    serialNumber: z.string().optional(),
  })
  .strict();

const otherName = z.object({ oid: z.string().optional(), utf8Value: z.string().optional() }).strict();

const privateKey = z
  .object({
    rotationPolicy: z.enum(ROTATION_POLICIES).optional(),
    encoding: z.enum(PRIVATE_KEY_ENCODINGS).optional(),
    algorithm: z.enum(PRIVATE_KEY_ALGORITHMS).optional(),
    // Go int; the CRD says only type: integer.
    size: z.number().int().optional(),
  })
  .strict();

// JKSKeystore and PKCS12Keystore: `create` has no omitempty and is in the CRD's required list.
const jksKeystore = z
  .object({
    create: z.boolean(),
    alias: z.string().optional(),
    passwordSecretRef: secretKeySelector.optional(),
    password: z.string().optional(),
  })
  .strict();
const pkcs12Keystore = z
  .object({
    create: z.boolean(),
    profile: z.enum(PKCS12_PROFILES).optional(),
    passwordSecretRef: secretKeySelector.optional(),
    password: z.string().optional(),
  })
  .strict();

// CertificateRenewalWindows: cron and windowDuration are +required, timezone and cron MinLength=1, and
// windowDuration has a Pattern (a Go duration of s, m and h only).
const renewalWindow = z
  .object({
    timezone: z.string().min(1).optional(),
    windowDuration: z.string().regex(/^([0-9]+(\.[0-9]+)?(s|m|h))+$/),
    cron: z.string().min(1),
  })
  .strict();

const nameConstraintItem = z.object({ dnsDomains: strings, ipRanges: strings, emailAddresses: strings, uriDomains: strings }).strict();

const certificateSpec = z
  .object({
    subject: x509Subject.optional(),
    literalSubject: z.string().optional(),
    commonName: z.string().optional(),
    // metav1.Duration: a string the webhook decodes with Go's time.ParseDuration (cert-manager-webhook.ts).
    duration: z.string().optional(),
    renewBefore: z.string().optional(),
    renewBeforePercentage: int32.optional(),
    renewal: z
      .object({ policy: z.enum(RENEWAL_POLICIES).optional(), windows: z.array(renewalWindow).optional() })
      .strict()
      .optional(),
    dnsNames: strings,
    ipAddresses: strings,
    uris: strings,
    otherNames: z.array(otherName).optional(),
    emailAddresses: strings,
    // The two fields without omitempty, and the CRD's `required: [issuerRef, secretName]`.
    secretName: z.string(),
    secretTemplate: z
      .object({ annotations: z.record(z.string()).optional(), labels: z.record(z.string()).optional() })
      .strict()
      .optional(),
    keystores: z.object({ jks: jksKeystore.optional(), pkcs12: pkcs12Keystore.optional() }).strict().optional(),
    issuerRef: issuerReference,
    isCA: z.boolean().optional(),
    usages: z.array(z.enum(KEY_USAGES)).optional(),
    privateKey: privateKey.optional(),
    signatureAlgorithm: z.enum(SIGNATURE_ALGORITHMS).optional(),
    encodeUsagesInRequest: z.boolean().optional(),
    revisionHistoryLimit: int32.optional(),
    additionalOutputFormats: z.array(z.object({ type: z.enum(OUTPUT_FORMATS) }).strict()).optional(),
    nameConstraints: z
      .object({ critical: z.boolean().optional(), permitted: nameConstraintItem.optional(), excluded: nameConstraintItem.optional() })
      .strict()
      .optional(),
  })
  .strict();

// ObjectMeta's fields (the CRD says only `type: object`; the API server checks metadata for every kind),
// as @kubernetes/client-node's V1ObjectMeta lists them. Names and labels are k8s-validate.ts's rules.
const objectMeta = z
  .object({
    name: z.string().optional(),
    generateName: z.string().optional(),
    namespace: z.string().optional(),
    labels: z.record(z.string()).optional(),
    annotations: z.record(z.string()).optional(),
    finalizers: z.array(z.string()).optional(),
    ownerReferences: z.array(z.record(z.unknown())).optional(),
    uid: z.string().optional(),
    resourceVersion: z.string().optional(),
    generation: z.number().int().optional(),
    selfLink: z.string().optional(),
    creationTimestamp: z.string().optional(),
    deletionTimestamp: z.string().optional(),
    deletionGracePeriodSeconds: z.number().int().optional(),
    managedFields: z.array(z.record(z.unknown())).optional(),
  })
  .strict();

export const certificateSchema = z
  .object({
    apiVersion: z.literal("cert-manager.io/v1"),
    kind: z.literal("Certificate"),
    metadata: objectMeta,
    // +optional in Go, but an absent spec is an empty one, which the webhook refuses (no secretName).
    spec: certificateSpec,
    // +kubebuilder:subresource:status: only cert-manager writes it, and the API server drops it from a create.
    status: z.undefined({ invalid_type_error: "written by cert-manager through the status subresource, not by us" }).optional(),
  })
  .strict();

export type Certificate = z.infer<typeof certificateSchema>;

/** One line per zod issue: the field path, then what is wrong with it. */
function issueLines(issue: z.ZodIssue): string[] {
  const at = issue.path.reduce<string>((p, k) => (typeof k === "number" ? `${p}[${k}]` : p ? `${p}.${k}` : k), "");
  if (issue.code === "unrecognized_keys") return issue.keys.map((k) => `${at ? `${at}.` : ""}${k}: unknown field`);
  if (issue.code === "invalid_type" && issue.received === "undefined") return [`${at}: required`];
  return [`${at}: ${issue.message}`];
}

/** The CRD's schema problems of an object meant to be a Certificate, each `<id>: schema: <path>: <what>`. */
export function certificateSchemaProblems(object: unknown, id: string): string[] {
  const result = certificateSchema.safeParse(object);
  return result.success ? [] : result.error.issues.flatMap(issueLines).map((line) => `${id}: schema: ${line}`);
}
