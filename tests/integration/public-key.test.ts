// The start script's public_key_of (plan/keystores/start-steps.ts), by which a node refuses the pack's sample
// key under any certificate and the truststore leaves out any certificate of it: the DER SubjectPublicKeyInfo
// it reads out of a PEM certificate with awk is the one the JDK reads (tests/integration/java/KeyOracle.java),
// for the keys and certificates a bank's keystores hold: RSA, whose SubjectPublicKeyInfo's DER length takes
// two bytes, and EC (P-256), whose takes one (X.690 8.1.3.5 and 8.1.3.4), made by keytool and by our tests'
// own certificates, with keytool's line ends and with CRLF. Run by this machine's /bin/sh and
// awk (Debian's dash and mawk, as WSO2's Ubuntu images have) and by BusyBox's (as its Alpine images have:
// busybox.ts); the function asks no more of awk than POSIX does (user functions, %, index, substr, gsub,
// printf %02x), and not ^, which a BusyBox built without its math library refuses. Where awk cannot run, the start
// stops with a line naming what it could not read, never skipping the check or ending without a word.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pkcs12Base64 } from "../../plan/keystores/pkcs12";
import { KEYSTORE_FUNCTIONS } from "../../plan/keystores/start-steps";
import { BUSYBOX_SH, busyboxBin } from "./busybox";
import { CHILD_TIMEOUT_MS, keyPair, keytool, reissued, SH } from "./java";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-public-key-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What the start script's function prints for a PEM certificate. */
const publicKeyOf = (pemFile: string) => SH(`${KEYSTORE_FUNCTIONS.join("\n")}\npublic_key_of < "${pemFile}"`, {}).trim();

/** The same, by BusyBox's sh and awk, as WSO2's Alpine images run it (busybox.ts). */
const bin = busyboxBin();
afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));
const publicKeyByBusyBox = (pemFile: string) => BUSYBOX_SH(bin, `${KEYSTORE_FUNCTIONS.join("\n")}\npublic_key_of < "${pemFile}"`, {}).trim();

/** What the JDK reads as each certificate's public key. */
const jdkPublicKeys = (pemFiles: string[]) =>
  execFileSync("java", [path.join(__dirname, "java", "KeyOracle.java"), ...pemFiles], { encoding: "utf8", timeout: CHILD_TIMEOUT_MS })
    .trim()
    .split("\n");

/** A certificate keytool makes for a new key pair, exported as keytool -exportcert -rfc prints it. */
function keytoolCertificate(name: string, keyArgs: string[]): string {
  const store = path.join(dir, `${name}.p12`);
  keytool(
    "-genkeypair",
    "-alias",
    name,
    ...keyArgs,
    "-dname",
    `CN=${name}, O=Bank`,
    "-validity",
    "30",
    "-keystore",
    store,
    "-storetype",
    "PKCS12",
    "-storepass",
    "changeit",
  );
  const file = path.join(dir, `${name}.pem`);
  fs.writeFileSync(file, keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store, "-storetype", "PKCS12", "-storepass", "changeit"));
  return file;
}

describe("public_key_of, and the start where awk fails", () => {
  const pair = keyPair("km.bank.example");
  const files: Record<string, string> = {
    "RSA 2048 (keytool)": keytoolCertificate("rsa2048", ["-keyalg", "RSA", "-keysize", "2048"]),
    "EC P-256 (keytool)": keytoolCertificate("p256", ["-keyalg", "EC", "-groupname", "secp256r1"]),
  };
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  files["RSA 2048 (our tests' certificate)"] = write("ours.pem", pair.certificatePem);
  files["the same, with CRLF line ends and text around it"] = write(
    "crlf.pem",
    `Alias: x\r\n${pair.certificatePem.replace(/\n/g, "\r\n")}trailing\r\n`,
  );

  // One JVM reads them all.
  let jdk: Record<string, string>;
  beforeAll(() => {
    const keys = jdkPublicKeys(Object.values(files));
    jdk = Object.fromEntries(Object.keys(files).map((name, i) => [name, keys[i]]));
  });

  it.each(Object.keys(files))("reads the key the JDK reads, by dash and mawk and by BusyBox: %s", (name) => {
    expect(jdk[name]).toMatch(/^30[0-9a-f]+$/);
    expect(publicKeyOf(files[name])).toBe(jdk[name]);
    expect(publicKeyByBusyBox(files[name])).toBe(jdk[name]);
  });

  it("reads the same key from another certificate of the key pair, and another from another key", () => {
    const renewed = write("renewed.pem", reissued(pair, "another subject").certificatePem);
    expect(fs.readFileSync(renewed, "utf8")).not.toBe(pair.certificatePem);
    expect(publicKeyOf(renewed)).toBe(publicKeyOf(files["RSA 2048 (our tests' certificate)"]));
    expect(publicKeyOf(files["RSA 2048 (keytool)"])).not.toBe(publicKeyOf(files["RSA 2048 (our tests' certificate)"]));
  });

  /** Runs the start script's functions and `steps` under set -eu, with an awk that fails first on the PATH, as a broken one would. */
  function withFailingAwk(steps: string[]) {
    const bin = path.join(dir, "failing-awk");
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, "awk"), "#!/bin/sh\nexit 2\n", { mode: 0o755 });
    const script = ["set -eu", ...KEYSTORE_FUNCTIONS, ...steps, "echo went on"].join("\n");
    const run = spawnSync("/bin/sh", ["-c", script], { env: { PATH: `${bin}:${process.env.PATH}` }, encoding: "utf8", timeout: CHILD_TIMEOUT_MS });
    return [run.status, run.stdout, run.stderr];
  }

  it("stops the start with a line, rather than skip the check, where it cannot run", () => {
    const store = path.join(dir, "own.p12");
    const passwordFile = write("own.password", "changeit\n");
    fs.writeFileSync(
      store,
      Buffer.from(pkcs12Base64({ ...pair, certificatePems: [pair.certificatePem], alias: "own", password: "changeit" }), "base64"),
    );
    expect(withFailingAwk(["sample_certificate=x sample_key=y", `refuse_sample_key "${store}" PKCS12 "${passwordFile}" own signing`])).toEqual([
      1,
      "",
      `obkm: could not read the public key of own in the signing keystore ${store}\n`,
    ]);
  });

  it("stops the truststore's import of a bundle with a line where awk cannot split it", () => {
    const bundle = write("bundle.pem", pair.certificatePem);
    expect(withFailingAwk([`import_bundle bank "${bundle}" "the bank's bundle"`])).toEqual([
      1,
      "",
      "obkm: could not read the certificates of the bank's bundle\n",
    ]);
  });

  it("prints nothing for a text that holds no certificate", () => {
    expect(publicKeyOf(write("none.pem", "no certificate here\n"))).toBe("");
    expect(publicKeyOf(write("cut.pem", pair.certificatePem.split("\n").slice(0, 4).join("\n") + "\n-----END CERTIFICATE-----\n"))).toBe("");
  });
});
