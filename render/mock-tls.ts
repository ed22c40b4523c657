// What the tls provider would return for a generated key and its self-signed certificate, under the mock
// engine: real PEM, so that the code that builds the keystore from them runs as it does in `pulumi up`.
//
// The provider generates a key once and keeps it in the stack's state; the mock keeps its key and
// certificate in a cache under the system's temporary directory, by the inputs, for the same reason: after
// the first render, no render pays for an RSA key again (a third of a second on a busy machine). They are
// throwaway test material, secrets in the render, which replaces them with a marker, so a render stays
// byte-identical whatever key it got.
import { createHash, generateKeyPairSync } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeWhole } from "../lib/write-whole";

const CACHE_DIR = path.join(os.tmpdir(), "obkm-mock-tls");

/** The cached value for these inputs, made (and cached) by `make` the first time. */
function cached<T>(kind: string, inputs: unknown, make: () => T): T {
  const file = path.join(CACHE_DIR, `${kind}-${createHash("sha256").update(JSON.stringify(inputs)).digest("hex").slice(0, 32)}.json`);
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    const value = make();
    writeWhole(file, JSON.stringify(value), 0o600);
    return value;
  }
}

export function mockPrivateKey(inputs: Record<string, unknown>): Record<string, unknown> {
  const bits = Number(inputs.rsaBits ?? 2048);
  const privateKeyPem = cached("key", { bits }, () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: bits });
    return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  });
  return { ...inputs, privateKeyPem };
}

/** A self-signed certificate of the inputs' key, subject and DNS names, valid from a fixed date. */
export function mockSelfSignedCert(inputs: Record<string, any>): Record<string, unknown> {
  const privateKeyPem = unwrapSecret(inputs.privateKeyPem);
  const made = cached("certificate", { ...inputs, privateKeyPem }, () => {
    // Loaded only when no certificate is cached for these inputs: most renders read one.
    const forge = require("node-forge") as typeof import("node-forge");
    const key = forge.pki.privateKeyFromPem(privateKeyPem);
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
    return { certPem: forge.pki.certificateToPem(cert), validityEndTime: cert.validity.notAfter.toISOString() };
  });
  return { ...inputs, ...made };
}

/** The mock engine hands a secret input over as the engine's wrapped form ({ <signature>, value }). */
function unwrapSecret(value: unknown): string {
  if (typeof value === "object" && value !== null && "value" in value) return String((value as { value: unknown }).value);
  return String(value);
}
