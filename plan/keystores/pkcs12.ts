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
import { createHmac } from "crypto";

export interface KeystoreEntry {
  privateKeyPem: string;
  /** The key's certificate first, then its issuers. */
  certificatePems: string[];
  alias: string;
  password: string;
}

/** Keystores already written, by their seed: the function is pure, and forge is plain JS (a tenth of a second). */
const written = new Map<string, string>();

/** The keystore's bytes, base64-encoded as a Secret's `data` holds them. */
export function pkcs12Base64(entry: KeystoreEntry): string {
  const seed = seedOf(entry);
  const id = seed.toString("hex");
  if (!written.has(id)) written.set(id, writePkcs12(entry, seed));
  return written.get(id)!;
}

type Forge = typeof import("node-forge");

/**
 * forge, loaded by the first keystore written: only a dev stack's generated keystore needs it, and never a
 * preview of a new stack (its key is unknown until the engine makes it), so no other start pays its load.
 */
const loadForge = (): Forge => require("node-forge") as Forge;

function writePkcs12(entry: KeystoreEntry, seed: Buffer): string {
  const forge = loadForge();
  const key = forge.pki.privateKeyFromPem(entry.privateKeyPem);
  const chain = entry.certificatePems.map((pem) => forge.pki.certificateFromPem(pem));
  const der = withRandomFrom(forge, seed, () =>
    forge.asn1
      .toDer(
        forge.pkcs12.toPkcs12Asn1(key, chain, entry.password, {
          algorithm: "3des",
          friendlyName: entry.alias,
          generateLocalKeyId: true,
          // Java 8's keytool wrote 1024 iterations. The generated password is 32 random characters (about
          // 190 bits), so more iterations add nothing but time on every `pulumi up` (forge is plain JS).
          count: 2048,
        }),
      )
      .getBytes(),
  );
  return forge.util.encode64(der);
}

function seedOf(entry: KeystoreEntry): Buffer {
  return createHmac("sha256", entry.password)
    .update(JSON.stringify([entry.privateKeyPem, entry.certificatePems, entry.alias]))
    .digest();
}

/**
 * Runs `build` with forge's random source replaced by an HMAC-SHA256 stream from `seed`. forge draws the
 * salts through forge.random.getBytes and getBytesSync; both are put back before this returns, and `build`
 * is synchronous, so nothing else draws from the stream.
 */
function withRandomFrom<T>(forge: Forge, seed: Buffer, build: () => T): T {
  const random = forge.random as unknown as { getBytes: (n: number) => string; getBytesSync: (n: number) => string };
  const saved = { getBytes: random.getBytes, getBytesSync: random.getBytesSync };
  let counter = 0;
  const draw = (count: number): string => {
    let bytes = Buffer.alloc(0);
    while (bytes.length < count) bytes = Buffer.concat([bytes, createHmac("sha256", seed).update(String(counter++)).digest()]);
    return bytes.subarray(0, count).toString("binary");
  };
  random.getBytes = draw;
  random.getBytesSync = draw;
  try {
    return build();
  } finally {
    random.getBytes = saved.getBytes;
    random.getBytesSync = saved.getBytesSync;
  }
}
