// A PKCS#12 keystore of one private key and its certificate chain, as Java's keytool and Carbon read it, and
// the same bytes every time for the same key, chain, password and alias.
//
// Deterministic, because Pulumi compares a Secret's data on every `pulumi up`: a keystore written with fresh
// random salts each run would change the Secret, and roll every node, on every deployment. The salts that
// PKCS#12 needs (the key bag's PBE salt, the MAC's salt) are therefore drawn from an HMAC-SHA256 stream keyed
// by the password over the key, the chain and the alias. They stay unpredictable to anyone without the
// password, which is all a salt asks for; they are equal only when the whole keystore is.
//
// The encryption is the one every Java reads: pbeWithSHAAnd3-KeyTripleDES-CBC for the key and an HMAC-SHA1
// MAC, what keytool itself wrote before Java 8u301 (whose PBES2/AES keystores older Java 8 cannot open).
// tests/keystore-algorithms.test.ts reads the bytes and checks them against Java 8u222's own source.
//
// Written with node's crypto and a few lines of DER, in the layout node-forge 1.4's pkcs12.toPkcs12Asn1
// writes (lib/pkcs12.js, with pki.encryptPrivateKeyInfo and pbe.generatePkcs12Key of lib/pbe.js), which
// wrote it before: forge is plain JavaScript, and loading it and running its SHA-1 and 3DES took about a
// tenth of a second of every dev stack's render and `pulumi up`. The test holds the bytes equal to forge's
// for the same salts, so a keystore already deployed is not rewritten.
import { createCipheriv, createHash, createHmac, createPrivateKey, hash, X509Certificate } from "crypto";

export interface KeystoreEntry {
  privateKeyPem: string;
  /** The key's certificate first, then its issuers. */
  certificatePems: string[];
  alias: string;
  password: string;
}

/** Keystores already written, by their seed: the function is pure. */
const written = new Map<string, string>();

/** The keystore's bytes, base64-encoded as a Secret's `data` holds them. */
export function pkcs12Base64(entry: KeystoreEntry): string {
  const seed = seedOf(entry);
  const id = seed.toString("hex");
  if (!written.has(id)) written.set(id, writePkcs12(entry, seed).toString("base64"));
  return written.get(id)!;
}

/**
 * Java 8's keytool wrote 1024 iterations. The generated password is 32 random characters (about 190 bits),
 * so more iterations add nothing but time on every `pulumi up`.
 */
const ITERATIONS = 2048;
/** The PBE and MAC salts' length, forge's default saltSize. */
const SALT_BYTES = 8;

const OIDS = {
  data: "1.2.840.113549.1.7.1",
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  pkcs8ShroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  localKeyId: "1.2.840.113549.1.9.21",
  friendlyName: "1.2.840.113549.1.9.20",
  pbeWithSHAAnd3KeyTripleDESCBC: "1.2.840.113549.1.12.1.3",
  sha1: "1.3.14.3.2.26",
};

/** RFC 7292's PFX of the key in a shrouded key bag and the chain in cert bags, with an HMAC-SHA1 MAC. */
function writePkcs12(entry: KeystoreEntry, seed: Buffer): Buffer {
  const [keySalt, macSalt] = [0, 1].map((draw) => saltOf(seed, draw));
  const certificates = entry.certificatePems.map((pem) => new X509Certificate(pem).raw);
  // One set of attributes on the key's bag and its certificate's, which pair them: forge's order, not sorted.
  const bagAttributes = set(
    sequence(oid(OIDS.localKeyId), set(octets(createHash("sha1").update(certificates[0]).digest()))),
    sequence(oid(OIDS.friendlyName), set(bmpString(entry.alias))),
  );
  const certBags = certificates.map((der, i) =>
    sequence(oid(OIDS.certBag), explicit0(sequence(oid(OIDS.x509Certificate), explicit0(octets(der)))), ...(i === 0 ? [bagAttributes] : [])),
  );
  const privateKeyInfo = createPrivateKey(entry.privateKeyPem).export({ type: "pkcs8", format: "der" });
  const cipher = createCipheriv("des-ede3-cbc", pkcs12Key(entry.password, keySalt, 1, 24), pkcs12Key(entry.password, keySalt, 2, 8));
  const encryptedKey = sequence(
    sequence(oid(OIDS.pbeWithSHAAnd3KeyTripleDESCBC), sequence(octets(keySalt), integer(ITERATIONS))),
    octets(Buffer.concat([cipher.update(privateKeyInfo), cipher.final()])),
  );
  const keyBag = sequence(oid(OIDS.pkcs8ShroudedKeyBag), explicit0(encryptedKey), bagAttributes);
  const safe = sequence(dataContent(sequence(...certBags)), dataContent(sequence(keyBag)));
  const mac = createHmac("sha1", pkcs12Key(entry.password, macSalt, 3, 20))
    .update(safe)
    .digest();
  const macData = sequence(sequence(sequence(oid(OIDS.sha1), tlv(0x05, Buffer.alloc(0))), octets(mac)), octets(macSalt), integer(ITERATIONS));
  return sequence(integer(3), dataContent(safe), macData);
}

function seedOf(entry: KeystoreEntry): Buffer {
  return createHmac("sha256", entry.password)
    .update(JSON.stringify([entry.privateKeyPem, entry.certificatePems, entry.alias]))
    .digest();
}

/**
 * The salt of the `draw`th draw (the key's PBE salt first, then the MAC's): the first bytes of an
 * HMAC-SHA256 under the seed of the draw's number, as the keystores written through forge drew them.
 */
function saltOf(seed: Buffer, draw: number): Buffer {
  return createHmac("sha256", seed).update(String(draw)).digest().subarray(0, SALT_BYTES);
}

/**
 * RFC 7292 appendix B.2's key derivation with SHA-1 (u = 20, v = 64 bytes): `id` 1 for a key, 2 for an IV,
 * 3 for a MAC key; the password as a BMPString, big-endian UTF-16 with two zero bytes after it.
 */
function pkcs12Key(password: string, salt: Buffer, id: number, length: number): Buffer {
  const v = 64;
  const repeatTo = (bytes: Buffer) => {
    const out = Buffer.alloc(v * Math.ceil(bytes.length / v));
    for (let i = 0; i < out.length; i++) out[i] = bytes[i % bytes.length];
    return out;
  };
  const passwordBytes = Buffer.concat([Buffer.from(password, "utf16le").swap16(), Buffer.alloc(2)]);
  const diversifier = Buffer.alloc(v, id);
  const input = Buffer.concat([repeatTo(salt), repeatTo(passwordBytes)]);
  const blocks: Buffer[] = [];
  for (let produced = 0; produced < length; produced += 20) {
    let a: Buffer = Buffer.concat([diversifier, input]);
    // crypto.hash (node 20.12 and later, within engines), one call a round: a Hash object each cost 5x more.
    for (let round = 0; round < ITERATIONS; round++) a = hash("sha1", a, "buffer");
    blocks.push(a);
    // Each v-byte block of the input becomes (block + B + 1) mod 2^(8v), B being A repeated to v bytes.
    const b = repeatTo(a).subarray(0, v);
    for (let start = 0; start < input.length; start += v) {
      let carry = 1;
      for (let i = v - 1; i >= 0; i--) {
        const sum = input[start + i] + b[i] + carry;
        input[start + i] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(blocks).subarray(0, length);
}

// DER, as much of it as the keystore needs.
function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content]);
  const lengthBytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) lengthBytes.unshift(rest % 256);
  return Buffer.concat([Buffer.from([tag, 0x80 | lengthBytes.length, ...lengthBytes]), content]);
}
const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const octets = (bytes: Buffer) => tlv(0x04, bytes);
const explicit0 = (item: Buffer) => tlv(0xa0, item);
const bmpString = (text: string) => tlv(0x1e, Buffer.from(text, "utf16le").swap16());
/** A PKCS#7 ContentInfo of type data around DER. */
const dataContent = (der: Buffer) => sequence(oid(OIDS.data), explicit0(octets(der)));

/** A non-negative INTEGER, in the fewest bytes, with a leading zero when the top bit is set. */
function integer(value: number): Buffer {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  if (bytes.length === 0 || bytes[0] & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split(".").map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const base128: number[] = [arc & 0x7f];
    for (let remaining = arc >>> 7; remaining > 0; remaining >>>= 7) base128.unshift((remaining & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}
