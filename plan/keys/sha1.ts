// SHA-1 (FIPS 180-4 section 6.1) on typed arrays, for PKCS#12's key derivation (pkcs12-kdf.ts), which hashes
// a 20-byte digest again 2048 times in a row: node's createHash costs a few microseconds a call in setting up,
// far more than hashing one block. Compared with node's own SHA-1 in tests/pkcs12-kdf.test.ts. Not for
// anything new: SHA-1 is here only because the keystore format every Java reads asks for it.

/** The message schedule, reused: one hash at a time, synchronously. */
const schedule = new Int32Array(80);

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));

export function sha1(message: Uint8Array): Uint8Array {
  // Padding (5.1.1): a 1 bit, zeros, and the length in bits as a big-endian 64-bit number, to a multiple of 64 bytes.
  const padded = new Uint8Array(Math.ceil((message.length + 9) / 64) * 64);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = message.length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(padded.length - 4, bits >>> 0);

  const h = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0];
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let t = 0; t < 16; t++) schedule[t] = view.getInt32(offset + 4 * t);
    for (let t = 16; t < 80; t++) schedule[t] = rotl(schedule[t - 3] ^ schedule[t - 8] ^ schedule[t - 14] ^ schedule[t - 16], 1);
    let [a, b, c, d, e] = h;
    for (let t = 0; t < 80; t++) {
      // The round functions and constants of 4.1.1 and 4.2.1, by twenty rounds.
      const f = t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc | 0 : 0xca62c1d6 | 0;
      const next = (rotl(a, 5) + f + e + k + schedule[t]) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = next;
    }
    h[0] = (h[0] + a) | 0;
    h[1] = (h[1] + b) | 0;
    h[2] = (h[2] + c) | 0;
    h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0;
  }
  const digest = new Uint8Array(20);
  const out = new DataView(digest.buffer);
  h.forEach((word, i) => out.setInt32(4 * i, word));
  return digest;
}
