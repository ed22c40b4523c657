// SHA-1 (FIPS 180-4 section 6.1) on 32-bit words, for PKCS#12's key derivation (pkcs12-kdf.ts), which hashes a
// 20-byte digest again 2048 times in a row: node's createHash costs a few microseconds a call in setting up,
// far more than hashing one block, and forge's works on binary strings. Repeated hashing here allocates
// nothing: a 20-byte message is one block whose padding never changes. Compared with node's own SHA-1 in
// tests/pkcs12-kdf.test.ts. Not for anything new: the keystore format every Java reads asks for SHA-1.

const INITIAL = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0];

/** The message schedule, reused: one hash at a time, synchronously. */
const schedule = new Int32Array(80);

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));

/** Runs the compression function (6.1.2) over the 16 words in `block`, updating `state`. */
function compress(state: Int32Array, block: Int32Array): void {
  for (let t = 0; t < 16; t++) schedule[t] = block[t];
  for (let t = 16; t < 80; t++) schedule[t] = rotl(schedule[t - 3] ^ schedule[t - 8] ^ schedule[t - 14] ^ schedule[t - 16], 1);
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let d = state[3];
  let e = state[4];
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
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
}

/** SHA-1 applied `times` times: H(H(...H(message))), the "H^r" of RFC 7292 B.2; once by default. */
export function sha1(message: Uint8Array, times = 1): Uint8Array {
  // Padding (5.1.1): a 1 bit, zeros, and the length in bits as a big-endian 64-bit number, to a multiple of 64 bytes.
  const padded = new Uint8Array(Math.ceil((message.length + 9) / 64) * 64);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = message.length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(padded.length - 4, bits >>> 0);

  const state = Int32Array.from(INITIAL);
  const block = new Int32Array(16);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let t = 0; t < 16; t++) block[t] = view.getInt32(offset + 4 * t);
    compress(state, block);
  }
  // Each further round hashes the 20-byte digest: its five words, a 1 bit, zeros, and the length, 160 bits.
  block.fill(0);
  block[5] = 0x80000000 | 0;
  block[15] = 160;
  for (let round = 1; round < times; round++) {
    block.set(state.subarray(0, 5));
    state.set(INITIAL);
    compress(state, block);
  }
  const digest = new Uint8Array(20);
  const out = new DataView(digest.buffer);
  state.forEach((word, i) => out.setInt32(4 * i, word));
  return digest;
}
