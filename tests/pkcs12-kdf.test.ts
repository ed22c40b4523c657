// The keystore's key derivation on node's SHA-1 gives forge's bytes, and the keystore written with it opens
// in forge, whose own JS derivation checks the MAC and decrypts the key (keytool opens it too:
// tests/integration/keystore.test.ts).
import { createHash, generateKeyPairSync } from "crypto";
import fc from "fast-check";
import forge from "node-forge";
import { pkcs12Base64 } from "../plan/keys/pkcs12";
import { pkcs12Key } from "../plan/keys/pkcs12-kdf";
import { sha1 } from "../plan/keys/sha1";

const forgeKey = (forge.pki as unknown as { pbe: { generatePkcs12Key: (...args: unknown[]) => forge.util.ByteStringBuffer } }).pbe.generatePkcs12Key;

function forgeDerived(password: string | null, salt: Buffer, id: number, iterations: number, length: number): Buffer {
  return Buffer.from(forgeKey(password, forge.util.createBuffer(salt.toString("binary")), id, iterations, length).getBytes(), "binary");
}

describe("sha1", () => {
  it("is node's SHA-1 for any message, across the padding's block boundaries", () => {
    const lengths = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom(0, 55, 56, 63, 64, 119, 120, 128));
    fc.assert(
      fc.property(
        lengths.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
        (message) => Buffer.from(sha1(message)).toString("hex") === createHash("sha1").update(message).digest("hex"),
      ),
      { numRuns: 300 },
    );
  });
});

describe("pkcs12Key", () => {
  it.each([
    ["the keystore's key, 3DES", "a&b<c>\"d'e$f", 8, 1, 24, 2048],
    ["its IV", "a&b<c>\"d'e$f", 8, 2, 24, 2048],
    ["the MAC's key", "a&b<c>\"d'e$f", 20, 3, 20, 2048],
    ["an empty password, one round", "", 8, 1, 8, 1],
    ["no password", null, 8, 3, 20, 3],
    ["a salt and password longer than a block, characters beyond ASCII", "pässwörd-€-".repeat(4), 70, 1, 41, 5],
  ])("gives forge's bytes for %s", (_what, password, saltLength, id, length, iterations) => {
    const salt = Buffer.from(Array.from({ length: saltLength }, (_, i) => (i * 37 + 11) & 0xff));
    expect(pkcs12Key(password, salt, id as 1 | 2 | 3, iterations, length).toString("hex")).toBe(
      forgeDerived(password, salt, id, iterations, length).toString("hex"),
    );
  });

  it("gives forge's bytes for any password, salt, purpose and length", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.uint8Array({ minLength: 1, maxLength: 80 }),
        fc.constantFrom(1 as const, 2 as const, 3 as const),
        fc.integer({ min: 1, max: 70 }),
        (password, salt, id, length) => {
          const s = Buffer.from(salt);
          expect(pkcs12Key(password, s, id, 3, length).equals(forgeDerived(password, s, id, 3, length))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("refuses fewer than one round, as forge does: the key would not depend on the password", () => {
    expect(() => pkcs12Key("secret", Buffer.alloc(8), 1, 0, 24)).toThrow(/iteration count must be >= 1/);
  });
});

describe("pkcs12Base64", () => {
  it("writes a keystore whose MAC forge verifies and whose key forge decrypts, with the password", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const key = forge.pki.privateKeyFromPem(privateKeyPem);
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
    cert.setSubject([{ name: "commonName", value: "km.test" }]);
    cert.setIssuer([{ name: "commonName", value: "km.test" }]);
    cert.sign(key, forge.md.sha256.create());
    const password = "Generated-32-character-password!";

    const der = forge.util.decode64(
      pkcs12Base64({ privateKeyPem, certificatePems: [forge.pki.certificateToPem(cert)], alias: "wso2carbon", password }),
    );
    const opened = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), password);
    const bags = opened.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? [];
    expect(bags.map((bag) => bag.attributes.friendlyName)).toEqual([["wso2carbon"]]);
    expect(forge.pki.privateKeyToPem(bags[0].key!)).toBe(forge.pki.privateKeyToPem(key));
    expect(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), `${password}x`)).toThrow(/MAC could not be verified/);
  });
});
