// The real parts the integration suite runs: OpenJDK's keytool (Debian's openjdk-17-jdk-headless), and
// keys and certificates made with Node's crypto and node-forge.
import { execFileSync, spawnSync } from "child_process";
import { generateKeyPairSync } from "crypto";
import * as fs from "fs";
import * as path from "path";
import forge from "node-forge";
import { pkcs12Base64 } from "../../plan/keystores/pkcs12";

/**
 * A bound on each JVM or script a test runs synchronously: jest's timeout (120 s) cannot interrupt a
 * synchronous child, so this is the only limit such a wait has.
 */
export const CHILD_TIMEOUT_MS = 60000;

/**
 * The JVM options of every keytool the suite runs: C1 alone and the serial collector. A keytool run is a
 * process of a second, whose C2 compiles and parallel collector threads never pay back: a `keytool -list`
 * took 0.45 to 0.57 CPU s with them against 0.88 to 1.00 without (2026-12-03, load 0.8, three runs each), and
 * the start script's cases run it a dozen times each. They change how the JVM runs keytool, not what keytool
 * reads or writes (`-J` passes an option to the JVM: keytool's own usage, OpenJDK 17).
 */
export const KEYTOOL_JVM_OPTIONS = ["-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"];

/**
 * A JAVA_HOME whose bin/keytool is the system's keytool with KEYTOOL_JVM_OPTIONS, for a script that runs
 * `$JAVA_HOME/bin/keytool` as the KM images' start does (their JAVA_HOME is set; the system's keytool is
 * found on PATH from inside it).
 */
export function keytoolHome(dir: string): string {
  fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
  // By its full path: a script run with BusyBox's applets alone on its PATH (busybox.ts) finds no keytool there.
  fs.writeFileSync(path.join(dir, "bin", "keytool"), `#!/bin/sh\nexec ${systemKeytool()} ${KEYTOOL_JVM_OPTIONS.join(" ")} "$@"\n`, {
    mode: 0o755,
  });
  return dir;
}

/** The system's keytool, as the PATH finds it. */
function systemKeytool(): string {
  const found = (process.env.PATH ?? "")
    .split(path.delimiter)
    .map((dir) => path.join(dir, "keytool"))
    .find((file) => fs.existsSync(file));
  if (!found) throw new Error("keytool is not installed (.ci/integration-setup installs openjdk-17-jdk-headless)");
  return found;
}

/** Runs keytool; throws with its output when it fails. */
export function keytool(...args: string[]): string {
  const run = spawnSync("keytool", [...KEYTOOL_JVM_OPTIONS, ...args], { encoding: "utf8", timeout: CHILD_TIMEOUT_MS });
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

/**
 * An RSA key and a certificate for it, self-signed unless an issuer is given; with `ipAddresses`, a server's
 * certificate for those addresses (subjectAltName iPAddress entries, which a client that verifies the host
 * name matches an address against: RFC 6125 and RFC 5280 4.2.1.6).
 */
export function keyPair(commonName: string, issuer?: { key: KeyPair; commonName: string }, ipAddresses: string[] = []): KeyPair {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return certified(privateKey.export({ type: "pkcs8", format: "pem" }).toString(), commonName, issuer, ipAddresses);
}

/**
 * Another self-signed certificate for `pair`'s key: its own subject, serial and validity, the same key pair, as
 * `keytool -selfcert` makes when someone renews the certificate of a copy of the pack's keystore.
 */
export function reissued(pair: KeyPair, commonName: string): KeyPair {
  return certified(pair.privateKeyPem, commonName);
}

function certified(privateKeyPem: string, commonName: string, issuer?: { key: KeyPair; commonName: string }, ipAddresses: string[] = []): KeyPair {
  const key = forge.pki.privateKeyFromPem(privateKeyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `0${Math.floor(Math.random() * 1e9).toString(16)}`;
  cert.validity.notBefore = new Date(Date.now() - 3600e3);
  cert.validity.notAfter = new Date(Date.now() + 30 * 24 * 3600e3);
  cert.setSubject([{ name: "commonName", value: commonName }]);
  cert.setIssuer([{ name: "commonName", value: issuer?.commonName ?? commonName }]);
  // node-forge's subjectAltName type 7 is iPAddress (RFC 5280 GeneralName [7]).
  const altNames = ipAddresses.length ? [{ name: "subjectAltName", altNames: ipAddresses.map((ip) => ({ type: 7, ip })) }] : [];
  cert.setExtensions([{ name: "basicConstraints", cA: true }, ...altNames]);
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

/**
 * A JKS keystore as cert-manager writes one (v1.15.0 to v1.21.1 pkg/controller/certificates/issuing/internal/
 * keystore.go, encodeJKSKeystore): the key under `alias` with the chain of tls.crt, and each certificate of
 * the issuer's ca.crt as a trusted entry, `ca` for the first, then `ca-1`, `ca-2`, ...; one password for the
 * store and the key. Made with our PKCS#12 writer and keytool's -importkeystore and -importcert.
 */
export function jksKeystore(
  file: string,
  passwordFile: string,
  key: { privateKeyPem: string; chain: string[]; alias: string },
  cas: string[] = [],
): void {
  const password = fs.readFileSync(passwordFile, "utf8").split("\n")[0];
  const p12 = `${file}.p12`;
  fs.writeFileSync(
    p12,
    Buffer.from(pkcs12Base64({ privateKeyPem: key.privateKeyPem, certificatePems: key.chain, alias: key.alias, password }), "base64"),
  );
  keytool(
    "-importkeystore",
    "-noprompt",
    "-srckeystore",
    p12,
    "-srcstoretype",
    "PKCS12",
    "-srcstorepass:file",
    passwordFile,
    "-destkeystore",
    file,
    "-deststoretype",
    "JKS",
    "-deststorepass:file",
    passwordFile,
  );
  fs.rmSync(p12);
  cas.forEach((pem, i) => {
    const pemFile = `${file}.ca-${i}.pem`;
    fs.writeFileSync(pemFile, pem);
    keytool(
      "-importcert",
      "-noprompt",
      "-alias",
      i === 0 ? "ca" : `ca-${i}`,
      "-file",
      pemFile,
      "-keystore",
      file,
      "-storetype",
      "JKS",
      "-storepass:file",
      passwordFile,
    );
    fs.rmSync(pemFile);
  });
}

export interface StoreFile {
  file: string;
  type: string;
  passwordFile: string;
}

/**
 * Whether Java's PKIX trust manager, initialised from `truststore`, trusts the chain of `alias` in `keystore`
 * (java/TrustOracle.java): "trusted", or "untrusted: " and Java's reason.
 */
export function trustedBy(truststore: StoreFile, keystore: StoreFile, alias: string): string {
  const oracle = path.join(__dirname, "java", "TrustOracle.java");
  const args = [truststore.file, truststore.type, truststore.passwordFile, keystore.file, keystore.type, keystore.passwordFile, alias];
  return execFileSync("java", [oracle, ...args], { encoding: "utf8", timeout: CHILD_TIMEOUT_MS }).trim();
}
