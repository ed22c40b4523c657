// The key derivation of PKCS#12 (RFC 7292 appendix B.2), which makes the key and IV that encrypt a keystore's
// private key and the key of its MAC from the password, on a SHA-1 over typed arrays (sha1.ts). forge runs the
// same over binary strings: 2048 rounds for each of the four blocks a keystore needs took a fifth of a dev
// stack's render, and as long in every `pulumi up`. The bytes are forge's (node-forge 1.4.3 lib/pbe.js lines
// 642-748, pki.pbe.generatePkcs12Key), as tests/pkcs12-kdf.test.ts checks against it.
import { sha1 } from "./sha1";

/** SHA-1's output (u) and input block (v) lengths in bytes, in the RFC's names. */
const U = 20;
const V = 64;

/** `source` repeated to the next multiple of V bytes, the last copy truncated (steps 2 and 3); empty stays empty. */
function fill(source: Buffer): Buffer {
  const length = V * Math.ceil(source.length / V);
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = source[i % source.length];
  return out;
}

/**
 * `length` bytes derived from the password for the purpose `id` (1: key, 2: IV, 3: MAC key). The password is
 * a BMPString with its two-byte terminator, as forge writes it (big-endian UTF-16 code units); null means none.
 */
export function pkcs12Key(password: string | null, salt: Buffer, id: 1 | 2 | 3, iterations: number, length: number): Buffer {
  if (!(iterations >= 1)) throw new Error("PKCS#12 key derivation iteration count must be >= 1.");
  const bmp = password === null ? Buffer.alloc(0) : Buffer.concat([Buffer.from(password, "utf16le").swap16(), Buffer.alloc(2)]);
  const diversifier = Buffer.alloc(V, id);
  let input = Buffer.concat([fill(salt), fill(bmp)]);
  const blocks: Buffer[] = [];
  for (let i = 0; i < Math.ceil(length / U); i++) {
    // a) A = H^r(D || I)
    let a: Uint8Array = Buffer.concat([diversifier, input]);
    for (let round = 0; round < iterations; round++) a = sha1(a);
    blocks.push(Buffer.from(a));
    // b) B = A repeated to V bytes; c) each V-byte block of I becomes (Ij + B + 1) mod 2^(8V).
    const b = fill(Buffer.from(a));
    const next = Buffer.from(input);
    for (let j = 0; j < next.length; j += V) {
      let carry = 1;
      for (let l = V - 1; l >= 0; l--) {
        carry += b[l] + next[j + l];
        next[j + l] = carry & 0xff;
        carry >>= 8;
      }
    }
    input = next;
  }
  return Buffer.concat(blocks).subarray(0, length);
}
