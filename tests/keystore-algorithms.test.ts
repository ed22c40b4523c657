// The generated PKCS#12 keystore (plan/keystores/pkcs12.ts) holds only algorithms Java 8u222 reads: the OB KM
// 1.4 images run 8u222, and the integration suite has only OpenJDK 17's keytool, which reads more. What
// 8u222 reads is taken from its source, OpenJDK jdk8u tag jdk8u222-b10 (jdk changeset 2a9bea6e5e03):
//   - jdk/src/share/classes/sun/security/pkcs12/PKCS12KeyStore.java, engineLoad: each ContentInfo of the
//     authenticated safe is `data` (read as is) or `encryptedData`, decrypted by
//     Cipher.getInstance(<its algorithm's OID>); anything else is "public key protected PKCS12 not
//     supported". A shrouded key bag is decrypted the same way (loadSafeContents/engineGetKey,
//     mapPBEParamsToAlgorithm). Every iteration count above MAX_ITERATION_COUNT = 5000000 is refused. The
//     MAC is checked with Mac.getInstance("HmacPBE" + the digest's name less its "-").
//   - jdk/src/share/classes/com/sun/crypto/provider/SunJCE.java: the Cipher aliases by OID are the PKCS#12
//     PBE ones (1.2.840.113549.1.12.1.1, .2, .3, .5, .6) and PBES1's PBEWithMD5AndDES; PBES2
//     (1.2.840.113549.1.5.13) has none, so an AES-encrypted safe cannot be opened; the only HmacPBE Mac is
//     HmacPBESHA1 (no HmacPBESHA256, which keytool's newer default MAC needs).
//   - jdk/src/share/classes/sun/security/x509/AlgorithmId.java: 1.3.14.3.2.26 is named "SHA-1", hence
//     HmacPBESHA1; MacData.java takes the digest's name from AlgorithmId.
import { createHmac, generateKeyPairSync } from "crypto";
import forge from "node-forge";
import { KeystoreEntry, pkcs12Base64 } from "../plan/keystores/pkcs12";

const OID = {
  data: "1.2.840.113549.1.7.1",
  encryptedData: "1.2.840.113549.1.7.6",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  sha1: "1.3.14.3.2.26",
};
/** The PKCS#12 PBE schemes SunJCE 8u222 opens by OID (RC4-128, RC4-40, 3DES, RC2-128, RC2-40). */
const JAVA_8U222_PKCS12_PBE = [
  "1.2.840.113549.1.12.1.1",
  "1.2.840.113549.1.12.1.2",
  "1.2.840.113549.1.12.1.3",
  "1.2.840.113549.1.12.1.5",
  "1.2.840.113549.1.12.1.6",
];
const JAVA_8U222_MAX_ITERATIONS = 5000000;

type Node = forge.asn1.Asn1;
const children = (node: Node) => node.value as Node[];
const oidOf = (node: Node) => forge.asn1.derToOid(node.value as string);
const integerOf = (node: Node) => parseInt(forge.util.bytesToHex(node.value as string), 16);
/** An OCTET STRING's bytes, whether DER wrote it whole or BER in pieces. */
const octetsOf = (node: Node): string => (typeof node.value === "string" ? node.value : children(node).map(octetsOf).join(""));
/** The ASN.1 inside an OCTET STRING or a [0] EXPLICIT wrapper. */
const inner = (node: Node): Node => forge.asn1.fromDer(octetsOf(node));

interface Pbe {
  algorithm: string;
  iterations: number;
}
const pbeOf = (algorithmIdentifier: Node): Pbe => {
  const [oid, params] = children(algorithmIdentifier);
  return { algorithm: oidOf(oid), iterations: integerOf(children(params)[1]) };
};

/** What a reader of the keystore meets, in the order it meets it. */
function anatomy(base64: string) {
  const [, authSafe, macData] = children(forge.asn1.fromDer(forge.util.decode64(base64)));
  const [authType, authContent] = children(authSafe);
  const safes = children(inner(children(authContent)[0])).map((contentInfo) => {
    const [type, content] = children(contentInfo);
    if (oidOf(type) !== OID.data) {
      const encryptedContentInfo = children(children(content)[0])[1];
      return { type: oidOf(type), encryption: pbeOf(children(encryptedContentInfo)[1]), bags: undefined };
    }
    const bags = children(inner(children(content)[0])).map((bag) => {
      const [bagId, bagValue] = children(bag);
      const encryption = oidOf(bagId) === OID.shroudedKeyBag ? pbeOf(children(children(bagValue)[0])[0]) : undefined;
      return { type: oidOf(bagId), encryption };
    });
    return { type: oidOf(type), encryption: undefined, bags };
  });
  const [digestInfo, , iterations] = children(macData);
  const mac = { digest: oidOf(children(children(digestInfo)[0])[0]), iterations: iterations ? integerOf(iterations) : 1 };
  return { authType: oidOf(authType), safes, mac };
}

describe("plan/keystores/pkcs12.ts", () => {
  describe("the generated PKCS#12 keystore, read as Java 8u222 reads it", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const key = forge.pki.privateKeyFromPem(privateKeyPem);
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
    cert.serialNumber = "01";
    cert.validity.notAfter = new Date(Date.now() + 24 * 3600e3);
    cert.setSubject([{ name: "commonName", value: "km.dev.obkm.example.com" }]);
    cert.setIssuer([{ name: "commonName", value: "km.dev.obkm.example.com" }]);
    cert.sign(key, forge.md.sha256.create());
    const password = "Generated-password-of-32-chars!x";
    const keystore = pkcs12Base64({ privateKeyPem, certificatePems: [forge.pki.certificateToPem(cert)], alias: "obkm-signing", password });
    const read = anatomy(keystore);

    it("holds its safes as data or encryptedData under a PKCS#12 PBE scheme 8u222's SunJCE has, never PBES2/AES", () => {
      expect(read.authType).toBe(OID.data);
      for (const safe of read.safes) {
        expect([OID.data, OID.encryptedData]).toContain(safe.type);
        if (safe.encryption) {
          expect(JAVA_8U222_PKCS12_PBE).toContain(safe.encryption.algorithm);
          expect(safe.encryption.iterations).toBeGreaterThan(0);
          expect(safe.encryption.iterations).toBeLessThanOrEqual(JAVA_8U222_MAX_ITERATIONS);
        }
      }
    });

    // 8u222 also opens a key bag under PBES2 (mapPBEParamsToAlgorithm), but only for the pairs its PBES2Core
    // has, and a safe under PBES2 not at all; this keeps the key to the PKCS#12 schemes, which need no such list.
    it("encrypts the key bag with a PKCS#12 PBE scheme 8u222 opens, within its iteration limit, and holds the certificate", () => {
      const bags = read.safes.flatMap((s) => s.bags ?? []);
      const keyBags = bags.filter((b) => b.type === OID.shroudedKeyBag);
      expect(keyBags).toHaveLength(1);
      expect(JAVA_8U222_PKCS12_PBE).toContain(keyBags[0].encryption!.algorithm);
      expect(keyBags[0].encryption!.iterations).toBeGreaterThan(0);
      expect(keyBags[0].encryption!.iterations).toBeLessThanOrEqual(JAVA_8U222_MAX_ITERATIONS);
      // The certificate is either in a `data` safe, which needs no cipher, or in an encryptedData one, whose
      // scheme the test above checks.
      const certInTheClear = bags.some((b) => b.type === OID.certBag);
      expect(certInTheClear || read.safes.some((s) => s.type === OID.encryptedData)).toBe(true);
    });

    it("has a MAC over SHA-1, the one HmacPBE digest 8u222 has, within its iteration limit", () => {
      expect(read.mac.digest).toBe(OID.sha1);
      expect(read.mac.iterations).toBeGreaterThan(0);
      expect(read.mac.iterations).toBeLessThanOrEqual(JAVA_8U222_MAX_ITERATIONS);
    });

    it("is whole under its password: the MAC verifies and the key decrypts to the key it was given", () => {
      const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.decode64(keystore)), true, password);
      const [bag] = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]!;
      expect(forge.pki.privateKeyToPem(bag.key!)).toBe(forge.pki.privateKeyToPem(key));
      expect(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.decode64(keystore)), true, `${password}x`)).toThrow(
        /MAC could not be verified/,
      );
    });
  });

  describe("the same bytes for the same keystore, so a Secret holding it changes only with its contents", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const key = forge.pki.privateKeyFromPem(privateKeyPem);
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
    cert.serialNumber = "02";
    cert.setSubject([{ name: "commonName", value: "km.bank.example" }]);
    cert.setIssuer([{ name: "commonName", value: "km.bank.example" }]);
    cert.sign(key, forge.md.sha256.create());
    const entry = { privateKeyPem, certificatePems: [forge.pki.certificateToPem(cert)], alias: "obkm-signing", password: "one-password" };

    it("writes the same bytes for the same key, chain, alias and password, and other bytes when any of them changes", () => {
      const first = pkcs12Base64(entry);
      // Written anew by a fresh copy of the module, as by the next `pulumi up`: the module's own cache holds nothing.
      let again = "";
      jest.isolateModules(() => {
        again = (require("../plan/keystores/pkcs12") as typeof import("../plan/keystores/pkcs12")).pkcs12Base64({
          ...entry,
          certificatePems: [...entry.certificatePems],
        });
      });
      expect(again).toBe(first);
      expect(pkcs12Base64({ ...entry, password: "another-password" })).not.toBe(first);
      expect(pkcs12Base64({ ...entry, alias: "other" })).not.toBe(first);
    });

    it("names the key by its alias, as keytool lists it, and leaves forge's random source as it found it", () => {
      const getBytes = forge.random.getBytes;
      const p12 = forge.pkcs12.pkcs12FromAsn1(
        forge.asn1.fromDer(forge.util.decode64(pkcs12Base64({ ...entry, alias: "named" }))),
        true,
        entry.password,
      );
      expect(p12.getBags({ friendlyName: "named" }).friendlyName?.length).toBeGreaterThan(0);
      expect(forge.random.getBytes).toBe(getBytes);
    });
  });
});

/**
 * The keystore as node-forge 1.4 writes it (pkcs12.toPkcs12Asn1, 3DES, 2048 iterations), with forge's random
 * source drawing the salts from the seed the writer uses, HMAC-SHA256 under the password over the key, the
 * chain and the alias, one HMAC block a draw: how plan/keystores/pkcs12.ts wrote keystores before it used node's
 * crypto.
 */
function forgeKeystore(entry: KeystoreEntry): string {
  const seed = createHmac("sha256", entry.password)
    .update(JSON.stringify([entry.privateKeyPem, entry.certificatePems, entry.alias]))
    .digest();
  const random = forge.random as unknown as { getBytes: (n: number) => string; getBytesSync: (n: number) => string };
  const saved = { getBytes: random.getBytes, getBytesSync: random.getBytesSync };
  let counter = 0;
  const draw = (count: number) => createHmac("sha256", seed).update(String(counter++)).digest().subarray(0, count).toString("binary");
  Object.assign(random, { getBytes: draw, getBytesSync: draw });
  try {
    const key = forge.pki.privateKeyFromPem(entry.privateKeyPem);
    const chain = entry.certificatePems.map((pem) => forge.pki.certificateFromPem(pem));
    const options = { algorithm: "3des" as const, friendlyName: entry.alias, generateLocalKeyId: true, count: 2048 };
    return forge.util.encode64(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, chain, entry.password, options)).getBytes());
  } finally {
    Object.assign(random, saved);
  }
}

describe("the PKCS#12 writer", () => {
  it("writes the bytes node-forge wrote for the same salts, so that a deployed keystore's Secret stays as it is", () => {
    // A PKCS#1 key, as the tls provider's privateKeyPem holds it, a chain of two, and a password and alias
    // beyond ASCII (a BMPString holds UTF-16) and beyond one 64-byte block of the key derivation.
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const privateKeyPem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    const key = forge.pki.privateKeyFromPem(privateKeyPem);
    const certificate = (commonName: string) => {
      const cert = forge.pki.createCertificate();
      cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
      cert.serialNumber = "02";
      cert.validity.notAfter = new Date(Date.now() + 24 * 3600e3);
      cert.setSubject([{ name: "commonName", value: commonName }]);
      cert.setIssuer([{ name: "commonName", value: "issuer.example" }]);
      cert.sign(key, forge.md.sha256.create());
      return forge.pki.certificateToPem(cert);
    };
    const entry = {
      privateKeyPem,
      certificatePems: [certificate("km.example"), certificate("issuer.example")],
      alias: "clé-obkm",
      password: "pässwörd-€-😀-long enough to run past the sixty-four bytes of one block",
    };
    expect(pkcs12Base64(entry)).toBe(forgeKeystore(entry));
  });
});
