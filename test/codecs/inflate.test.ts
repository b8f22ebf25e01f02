// Our inflate against Node's zlib (the reference: libpng inflates with zlib): the same bytes for
// every level and strategy, in any split of the input, stopping where the caller's need ends; and
// broken streams give what zlib gives before the break, with the reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { constants, deflateRawSync, deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { inflateInto } from '../../src/codecs/inflate.ts';

function inflateAll(parts: readonly Uint8Array[], expected: number): { bytes: Uint8Array; length: number; overflow: boolean; corrupt: string | null } {
  const bytes = new Uint8Array(expected);
  let at = 0;
  const r = inflateInto(parts, expected, (piece) => {
    assert.ok(at + piece.length <= expected, 'no more than expected is handed on');
    bytes.set(piece, at);
    at += piece.length;
  });
  assert.equal(at, r.length);
  return { bytes: bytes.subarray(0, r.length), ...r };
}

/** Packs [value, n] fields LSB first (deflate's order); n < 0 writes a −n-bit Huffman code MSB first. */
function bitsOf(fields: [number, number][]): number[] {
  const out: number[] = [];
  let acc = 0, count = 0;
  for (const [value, n] of fields) {
    for (let i = 0; i < Math.abs(n); i++) {
      const bit = n > 0 ? (value >> i) & 1 : (value >> (-n - 1 - i)) & 1;
      acc |= bit << count;
      if (++count === 8) { out.push(acc); acc = 0; count = 0; }
    }
  }
  if (count > 0) out.push(acc);
  return out;
}

function split(z: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (z.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const p of points) { parts.push(z.subarray(from, p)); from = p; }
  parts.push(z.subarray(from));
  return parts;
}

/** Data with runs, repeats at every distance and noise, so that every code path is taken. */
const data = fc.tuple(fc.integer({ min: 0, max: 200000 }), fc.integer({ min: 1, max: 2 ** 31 }), fc.constantFrom(2, 16, 256)).map(([n, seed, alphabet]) => {
  const d = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const r = s >>> 24;
    d[i] = r < 64 && i > 40000 ? d[i - 1 - (s & 32767) % Math.min(i, 32768)] : r < 96 && i > 0 ? d[i - 1] : (s >>> 8) % alphabet;
  }
  return d;
});

test('inflateInto gives the bytes Node zlib gives, for every level and strategy and any split of the input', () => {
  const strategies = [constants.Z_DEFAULT_STRATEGY, constants.Z_FILTERED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FIXED];
  fc.assert(fc.property(data, fc.integer({ min: 0, max: 9 }), fc.constantFrom(...strategies), fc.array(fc.nat(), { maxLength: 6 }), (d, level, strategy, cuts) => {
    const z = deflateSync(d, { level, strategy });
    const r = inflateAll(split(z, cuts), d.length);
    assert.equal(r.corrupt, null);
    assert.equal(r.overflow, false);
    assert.deepEqual(r.bytes, d);
  }), { numRuns: 60, seed: 11 });
});

test('it stops at `expected`: fewer bytes asked for are handed on exactly, and overflow says the stream goes on', () => {
  const d = new Uint8Array(300000).map((_, i) => (i * 7) ^ (i >> 9));
  const z = deflateSync(d, { level: 6 });
  for (const expected of [0, 1, 257, 65536, 299999]) {
    const r = inflateAll([z], expected);
    assert.deepEqual([r.length, r.overflow, r.corrupt], [expected, true, null], `${expected}`);
    assert.deepEqual(r.bytes, d.subarray(0, expected));
  }
  // Bytes after the stream, a broken Adler-32 and a missing one are not looked at.
  const tail = Uint8Array.of(...z.subarray(0, z.length - 4), 1, 2, 3, 4, 5, 6);
  assert.deepEqual(inflateAll([tail], d.length).bytes, d);
  assert.equal(inflateAll([z.subarray(0, z.length - 4)], d.length).corrupt, null);
});

test('a cut stream gives the bytes zlib gives before the cut, and says so', () => {
  const d = new Uint8Array(100000).map((_, i) => (i * 31) % 251 ^ (i >> 8));
  for (const level of [0, 1, 9]) {
    const z = deflateSync(d, { level });
    for (const keep of [0, 1, 2, 3, 10, Math.floor(z.length / 2), z.length - 5]) {
      const cut = z.subarray(0, keep);
      let zlibBytes: Uint8Array = new Uint8Array(0);
      try { zlibBytes = inflateSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }); } catch { /* zlib refuses a cut header */ }
      const r = inflateAll([cut], d.length);
      // Cut short, unless only the end-of-block code and the checksum were lost after the last byte.
      assert.ok(r.corrupt !== null || r.length === d.length, `level ${level} keep ${keep}`);
      assert.ok(r.length <= zlibBytes.length, `level ${level} keep ${keep}: ${r.length} > ${zlibBytes.length}`);
      // What we hand on is a prefix of the real data, never padding dressed up as data.
      assert.deepEqual(r.bytes, d.subarray(0, r.length));
      // And little short of what zlib salvages (at most one match or a stored block's worth).
      assert.ok(zlibBytes.length - r.length <= (level === 0 ? 65535 : 258), `level ${level} keep ${keep}`);
    }
  }
});

test('broken streams are refused with the reason, never with a crash or a hang', () => {
  const zlib = (raw: number[]) => Uint8Array.of(0x78, 0x01, ...raw);
  const cases: [string, Uint8Array, RegExp][] = [
    ['empty', new Uint8Array(0), /ends early/],
    ['method', Uint8Array.of(0x79, 0x9c, 0, 0), /compression method/],
    ['header check', Uint8Array.of(0x78, 0x9d, 0, 0), /header check/],
    ['window', Uint8Array.of(0x88, 0x98, 0, 0), /window size/],
    ['dictionary', Uint8Array.of(0x78, 0xbb, 0, 0, 0, 0), /preset dictionary/],
    ['block type 3', zlib([0x07]), /invalid block type/],
    ['stored lengths', zlib([0x01, 0x05, 0x00, 0x00, 0x00]), /stored block lengths/],
    // Fixed code: a match of length 3 at distance 1 before any output.
    ['too far back', zlib(bitsOf([[1, 1], [1, 2], [0b0000001, -7], [0, -5], [0, -7]])), /too far back/],
    // Dynamic header announcing 287 literal/length codes.
    ['too many symbols', zlib(bitsOf([[1, 1], [2, 2], [30, 5], [0, 5], [0, 4]])), /too many length or distance/],
    // Dynamic header whose code-length code is over-subscribed (three codes of length 1).
    ['over-subscribed', zlib(bitsOf([[1, 1], [2, 2], [0, 5], [0, 5], [0, 4], [1, 3], [1, 3], [1, 3], [0, 3]])), /over-subscribed/],
  ];
  for (const [what, bytes, message] of cases) {
    const r = inflateAll([bytes], 10);
    assert.equal(r.length, 0, what);
    assert.match(r.corrupt ?? '', message, what);
  }
  // Every mutation of a real stream ends, and any bytes handed on are what zlib gives for the same input.
  const d = new Uint8Array(20000).map((_, i) => (i % 97) * (i >> 7));
  const z = deflateSync(d, { level: 9 });
  fc.assert(fc.property(fc.nat(z.length - 1), fc.nat(7), fc.nat(z.length), (at, bit, keep) => {
    const m = Uint8Array.from(z.subarray(0, Math.max(keep, at + 1)));
    m[at] ^= 1 << bit;
    const r = inflateAll([m], d.length);
    let ref: Uint8Array | null;
    try { ref = inflateSync(m, { finishFlush: constants.Z_SYNC_FLUSH }); } catch { ref = null; }
    if (ref !== null) assert.deepEqual(r.bytes, new Uint8Array(ref.subarray(0, r.length)));
  }), { numRuns: 300, seed: 3 });
});

test('stored, fixed and dynamic blocks in one stream, across parts', () => {
  const a = new Uint8Array(70000).map((_, i) => i & 255);
  const b = new Uint8Array(5000).map((_, i) => (i * i) & 255);
  // Non-final stored blocks framed by hand (byte-aligned: header byte 0, LEN, NLEN, bytes) ...
  const stored: Uint8Array[] = [];
  for (let at = 0; at < a.length; at += 65535) {
    const chunk = a.subarray(at, at + 65535), n = chunk.length;
    stored.push(Uint8Array.of(0, n & 255, n >> 8, ~n & 255, (~n >> 8) & 255), chunk);
  }
  // ... then zlib's own final block(s) for b.
  const r = inflateAll([Uint8Array.of(0x78, 0x01), ...stored, deflateRawSync(b, { level: 9 })], a.length + b.length);
  assert.equal(r.corrupt, null);
  assert.deepEqual(r.bytes.subarray(0, a.length), a);
  assert.deepEqual(r.bytes.subarray(a.length), b);
});
