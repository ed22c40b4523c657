// What a Certificate may use depends on the cert-manager it meets: the schema (cert-manager-certificate.ts)
// is the newest release's, and docs/operations.md promises 1.15. An older CRD prunes a newer field silently, so a
// field newer than the minimum is a problem. Each release found with `git log -S` on
// pkg/apis/certmanager/v1/types_certificate.go and `git tag --contains` on the commit (first release tag):
//   keystores.jks.alias       d4911ebfa "Add optional flag to specify jks keystore alias"              v1.15.0
//   renewBeforePercentage     0f74d7536 "Add renewBeforePercentage alternative to renewBefore"         v1.16.0
//   keystores.*.password      40cd2a02c "Add support for setting literal keystore passwords..."        v1.17.0
//   signatureAlgorithm        e7618ca5f "allow customizing signature algorithm"                       v1.18.0
//   renewal                   e0159ead1 "added initial tests and code for renewal policies"            v1.21.0
//   pkcs12.profile Modern2026 7dc980ba4 "feat(pkcs12): Support the "Modern2026" profile (#8841)"       v1.21.0
// Before 1.17 passwordSecretRef is in the CRD's required list of both keystores (v1.15.0
// deploy/crds/crd-certificates.yaml), which the password entries above cover: without it, a keystore
// needs a password. And the webhook refuses, unless its feature gate is turned on, nameConstraints before
// 1.17 and otherNames before 1.20 (internal/webhook/feature/features.go: Default true from those tags).
import type { Certificate } from "./cert-manager-certificate";

/** The docs' minimum (docs/operations.md): cert-manager 1.15 or newer where it issues the nodes' certificate. */
export const MINIMUM_CERT_MANAGER = "1.15";

type Spec = Certificate["spec"];
const SINCE: [path: string, since: string, used: (spec: Spec) => boolean][] = [
  ["spec.keystores.jks.alias", "1.15", (s) => s.keystores?.jks?.alias !== undefined],
  ["spec.renewBeforePercentage", "1.16", (s) => s.renewBeforePercentage !== undefined],
  ["spec.keystores.jks.password", "1.17", (s) => s.keystores?.jks?.password !== undefined],
  ["spec.keystores.pkcs12.password", "1.17", (s) => s.keystores?.pkcs12?.password !== undefined],
  ["spec.nameConstraints", "1.17", (s) => s.nameConstraints !== undefined],
  ["spec.signatureAlgorithm", "1.18", (s) => s.signatureAlgorithm !== undefined],
  ["spec.otherNames", "1.20", (s) => s.otherNames !== undefined],
  ["spec.renewal", "1.21", (s) => s.renewal !== undefined],
  ["spec.keystores.pkcs12.profile Modern2026", "1.21", (s) => s.keystores?.pkcs12?.profile === "Modern2026"],
];

const minor = (version: string) => Number(version.split(".")[1]);

/** Fields of a schema-valid Certificate that cert-manager `minimum` (1.x) lacks, each `<id>: cert-manager <minimum>: ...`. */
export function certificateSinceProblems(certificate: Certificate, id: string, minimum = MINIMUM_CERT_MANAGER): string[] {
  return SINCE.filter(([, since, used]) => minor(since) > minor(minimum) && used(certificate.spec)).map(
    ([path, since]) => `${id}: cert-manager ${minimum}: ${path}: came in cert-manager ${since}`,
  );
}
