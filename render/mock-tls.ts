// What the tls provider would return for a generated key and its self-signed certificate, under the mock
// engine: real PEM, so that the code that builds the keystore from them runs as it does in `pulumi up`.
// The key is a fresh RSA key (one per process: generating is the slow part); it and everything built from
// it are secrets, which the render replaces with a marker, so a render stays byte-identical.
import { generateKeyPairSync } from "crypto";
import forge from "node-forge";

const keys = new Map<number, string>();

export function mockPrivateKey(inputs: Record<string, unknown>): Record<string, unknown> {
  const bits = Number(inputs.rsaBits ?? 2048);
  if (!keys.has(bits)) {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: bits });
    keys.set(bits, privateKey.export({ type: "pkcs8", format: "pem" }).toString());
  }
  return { ...inputs, privateKeyPem: keys.get(bits) };
}

/** A self-signed certificate of the inputs' key, subject and DNS names, valid from a fixed date. */
export function mockSelfSignedCert(inputs: Record<string, any>): Record<string, unknown> {
  const key = forge.pki.privateKeyFromPem(unwrapSecret(inputs.privateKeyPem));
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = "01";
  cert.validity.notBefore = new Date(Date.UTC(2026, 0, 1));
  cert.validity.notAfter = new Date(cert.validity.notBefore.getTime() + Number(inputs.validityPeriodHours ?? 24) * 3600 * 1000);
  const subject = [{ name: "commonName", value: String(inputs.subject?.commonName ?? "obkm") }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([{ name: "subjectAltName", altNames: (inputs.dnsNames ?? []).map((value: string) => ({ type: 2, value })) }]);
  cert.sign(key, forge.md.sha256.create());
  return { ...inputs, certPem: forge.pki.certificateToPem(cert), validityEndTime: cert.validity.notAfter.toISOString() };
}

/** The mock engine hands a secret input over as the engine's wrapped form ({ <signature>, value }). */
function unwrapSecret(value: unknown): string {
  if (typeof value === "object" && value !== null && "value" in value) return String((value as { value: unknown }).value);
  return String(value);
}
