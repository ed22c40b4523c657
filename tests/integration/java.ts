// The real parts the integration suite runs: OpenJDK's keytool (Debian's openjdk-17-jdk-headless), and
// keys and certificates made with Node's crypto and node-forge.
import { execFileSync, spawnSync } from "child_process";
import { generateKeyPairSync } from "crypto";
import * as fs from "fs";
import * as path from "path";
import forge from "node-forge";

/**
 * A bound on each JVM or script a test runs synchronously: jest's timeout (120 s) cannot interrupt a
 * synchronous child, so this is the only limit such a wait has.
 */
export const CHILD_TIMEOUT_MS = 60000;

/** Runs keytool; throws with its output when it fails. */
export function keytool(...args: string[]): string {
  const run = spawnSync("keytool", args, { encoding: "utf8", timeout: CHILD_TIMEOUT_MS });
  if (run.error && (run.error as NodeJS.ErrnoException).code === "ETIMEDOUT") throw new Error(`keytool ${args.join(" ")} ran longer than 60 s`);
  if (run.error) throw new Error(`keytool is not installed (.ci/integration-setup installs openjdk-17-jdk-headless): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`keytool ${args.join(" ")} failed:\n${run.stdout}${run.stderr}`);
  return run.stdout;
}

/** The aliases of a keystore and each entry's type, as keytool lists them. */
export function entriesOf(file: string, type: string, passwordFile: string): Record<string, string> {
  const out = keytool("-list", "-keystore", file, "-storetype", type, "-storepass:file", passwordFile);
  // e.g. "obkm-signing, Dec 2, 2026, PrivateKeyEntry,"
  return Object.fromEntries([...out.matchAll(/^([^,\n]+), [^,]+, [^,]+, (\w+), *$/gm)].map((m) => [m[1], m[2]]));
}

export interface KeyPair {
  privateKeyPem: string;
  certificatePem: string;
}

/** An RSA key and a certificate for it, self-signed unless an issuer is given. */
export function keyPair(commonName: string, issuer?: { key: KeyPair; commonName: string }): KeyPair {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const key = forge.pki.privateKeyFromPem(privateKeyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `0${Math.floor(Math.random() * 1e9).toString(16)}`;
  cert.validity.notBefore = new Date(Date.now() - 3600e3);
  cert.validity.notAfter = new Date(Date.now() + 30 * 24 * 3600e3);
  cert.setSubject([{ name: "commonName", value: commonName }]);
  cert.setIssuer([{ name: "commonName", value: issuer?.commonName ?? commonName }]);
  cert.setExtensions([{ name: "basicConstraints", cA: true }]);
  cert.sign(forge.pki.privateKeyFromPem(issuer?.key.privateKeyPem ?? privateKeyPem), forge.md.sha256.create());
  return { privateKeyPem, certificatePem: forge.pki.certificateToPem(cert) };
}

/** A JKS truststore like the pack's client-truststore.jks: trusted certificates under the given aliases. */
export function jksTruststore(file: string, password: string, certificates: Record<string, string>): void {
  const dir = fs.mkdtempSync(path.join(path.dirname(file), "certs-"));
  for (const [alias, pem] of Object.entries(certificates)) {
    const pemFile = path.join(dir, `${alias}.pem`);
    fs.writeFileSync(pemFile, pem);
    keytool("-importcert", "-noprompt", "-alias", alias, "-file", pemFile, "-keystore", file, "-storetype", "JKS", "-storepass", password);
  }
  fs.rmSync(dir, { recursive: true });
}

export const SH = (script: string, env: Record<string, string>) =>
  execFileSync("/bin/sh", ["-c", script], { env: { PATH: process.env.PATH, ...env }, encoding: "utf8", stdio: "pipe", timeout: CHILD_TIMEOUT_MS });
