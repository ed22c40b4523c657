// The keystore a dev stack generates (plan/keystores/pkcs12.ts), opened with a real keytool: Java reads it as
// Carbon will, under its password, with the alias carbon.xml names. And what the start script reads of a TLS
// keystore to trust it (import_keystore_certificates): keytool -list -rfc prints every certificate as PEM.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pkcs12Base64 } from "../../plan/keystores/pkcs12";
import { GENERATED_ALIAS } from "../../plan/keystores/keystores";
import { entriesOf, jksKeystore, keyPair, keytool } from "./java";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-keystore-"));
const ca = keyPair("Bank Issuing CA");
const leaf = keyPair("km.bank.example", { key: ca, commonName: "Bank Issuing CA" });
// ASCII (Java's PKCS#12 refuses any other password: PKCS12KeyStore.getPBEKey), with every character a
// shell or XML would treat specially.
const password = `a&b<c>"d'e$f\\g!#%*+-=_.:`;

function write(name: string, base64: string, pass = password): { file: string; passwordFile: string } {
  const file = path.join(dir, `${name}.p12`);
  const passwordFile = path.join(dir, `${name}.password`);
  fs.writeFileSync(file, Buffer.from(base64, "base64"));
  fs.writeFileSync(passwordFile, `${pass}\n`);
  return { file, passwordFile };
}

const entry = { privateKeyPem: leaf.privateKeyPem, certificatePems: [leaf.certificatePem, ca.certificatePem], alias: GENERATED_ALIAS, password };

describe("the generated PKCS#12 keystore", () => {
  it("opens with its password and holds the key under the alias carbon.xml names, with its chain", () => {
    const { file, passwordFile } = write("signing", pkcs12Base64(entry));
    expect(entriesOf(file, "PKCS12", passwordFile)).toEqual({ [GENERATED_ALIAS]: "PrivateKeyEntry" });
    const verbose = keytool("-list", "-v", "-keystore", file, "-storetype", "PKCS12", "-storepass:file", passwordFile, "-alias", GENERATED_ALIAS);
    expect(verbose).toContain("Certificate chain length: 2");
    expect(verbose).toContain("Owner: CN=km.bank.example");
  });

  it("refuses any other password", () => {
    const { file } = write("wrong", pkcs12Base64(entry));
    const wrong = path.join(dir, "wrong.pass");
    fs.writeFileSync(wrong, "not-the-password\n");
    expect(() => entriesOf(file, "PKCS12", wrong)).toThrow(/keystore password was incorrect|Integrity check failed/);
  });

  it("is the same bytes for the same key, chain, alias and password, so a `pulumi up` changes nothing", () => {
    expect(pkcs12Base64(entry)).toBe(pkcs12Base64({ ...entry }));
    expect(pkcs12Base64({ ...entry, password: `${password}x` })).not.toBe(pkcs12Base64(entry));
  });

  it("lets keytool export the key's certificate, as an operator publishing the signing certificate would", () => {
    const { file, passwordFile } = write("export", pkcs12Base64(entry));
    const pem = keytool("-exportcert", "-rfc", "-alias", GENERATED_ALIAS, "-keystore", file, "-storetype", "PKCS12", "-storepass:file", passwordFile);
    expect(pem.replace(/\r/g, "").trim()).toBe(leaf.certificatePem.replace(/\r/g, "").trim());
  });
});

describe("keytool -list -rfc, which the start script reads to trust the node's own TLS keystore", () => {
  /** The PEM certificates of keytool's listing, in its order, without the lines of its own around them. */
  const pemsOf = (listing: string) =>
    (listing.replace(/\r/g, "").match(/-----BEGIN CERTIFICATE-----\n[^-]+-----END CERTIFICATE-----/g) ?? []).map((p) => `${p}\n`);
  const plain = (pem: string) => pem.replace(/\r/g, "");

  it("prints the whole chain of the generated PKCS#12 keystore's key", () => {
    const { file, passwordFile } = write("listed", pkcs12Base64(entry));
    const listing = keytool("-list", "-rfc", "-keystore", file, "-storetype", "PKCS12", "-storepass:file", passwordFile);
    expect(pemsOf(listing)).toEqual([leaf.certificatePem, ca.certificatePem].map(plain));
  });

  it("prints the key's chain and the trusted ca entry of a JKS keystore as cert-manager writes it", () => {
    const file = path.join(dir, "cert-manager.jks");
    const passwordFile = path.join(dir, "cert-manager.password");
    fs.writeFileSync(passwordFile, `${password}\n`);
    jksKeystore(file, passwordFile, { privateKeyPem: leaf.privateKeyPem, chain: [leaf.certificatePem], alias: "obkm-tls" }, [ca.certificatePem]);
    expect(entriesOf(file, "JKS", passwordFile)).toEqual({ "obkm-tls": "PrivateKeyEntry", ca: "trustedCertEntry" });
    const listing = keytool("-list", "-rfc", "-keystore", file, "-storetype", "JKS", "-storepass:file", passwordFile);
    expect(pemsOf(listing).sort()).toEqual([leaf.certificatePem, ca.certificatePem].map(plain).sort());
  });
});
