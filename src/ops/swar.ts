// Packed 32-bit ("SIMD within a register") kernels for bytewise arithmetic: four uint8 lanes per
// word, with the lanes' top bits handled separately so that no carry or borrow crosses a lane.
// Measured on 1080p RGB this runs about twice as fast as a plain byte loop (see bench/).
//
// The kernels take flat ranges (array, start, length); callers split views into such ranges.
import { headToAlign, isWordAligned } from '../core/packed.ts';

/** Which bytewise operation a kernel applies (plain numbers keep call sites monomorphic). */
export const ByteOp = {
  AddSaturate: 0, SubtractSaturate: 1, AddModulo: 2, SubtractModulo: 3, Absdiff: 4, And: 5, Or: 6, Xor: 7,
} as const;
export type ByteOp = (typeof ByteOp)[keyof typeof ByteOp];

const HI = 0x80808080 | 0; // top bit of every lane
const LO = 0x7f7f7f7f; // the other seven bits

/** `0xff` in each lane whose top bit is set in `flags` (flags hold only lane top bits). */
function laneMask(flags: number): number {
  return (flags << 1) - (flags >>> 7);
}

// Via the lane average ⌊(x + y) / 2⌋ = (x & y) + ((x ^ y) >> 1), which cannot overflow a lane: its
// top bit says the sum overflowed, and doubling it (plus the dropped low bit) rebuilds the sum.
function addSatWord(x: number, y: number): number {
  const diff = x ^ y;
  const half = ((x & y) + ((diff >>> 1) & LO)) | 0;
  return ((half << 1) & 0xfefefefe) | (diff & 0x01010101) | laneMask(half & HI);
}

function subSatWord(x: number, y: number): number {
  const diff = ((x | HI) - (y & LO)) | 0; // bit 7 of each lane = no borrow into it
  const borrow = ((~x & y) | (~(x ^ y) & ~diff)) & HI; // borrow out of each lane
  return (diff ^ (~(x ^ y) & HI)) & ~laneMask(borrow);
}

// |x − y|: the wrapped difference, negated (two's complement within the lane) where it borrowed.
// The +1 of the negation cannot carry out of a lane because a borrowing lane is never 0.
function absdiffWord(x: number, y: number): number {
  const diff = ((x | HI) - (y & LO)) | 0;
  const same = ~(x ^ y);
  const borrow = ((~x & y) | (same & ~diff)) & HI;
  return ((diff ^ (same & HI)) ^ laneMask(borrow)) + (borrow >>> 7);
}

const addModWord = (x: number, y: number): number => ((x & LO) + (y & LO)) ^ ((x ^ y) & HI);
const subModWord = (x: number, y: number): number => ((x | HI) - (y & LO)) ^ (~(x ^ y) & HI);
const andWord = (x: number, y: number): number => x & y;
const orWord = (x: number, y: number): number => x | y;
const xorWord = (x: number, y: number): number => x ^ y;

type WordLoop = (aw: Int32Array, bw: Int32Array, ow: Int32Array, n: number) => void;

// One plain loop per operation, written out: V8 keeps each monomorphic and fully inlined. (A shared
// loop with a switch on the op was measured 10–30% slower, and several times slower once V8 gave up
// inlining; closures made by one factory share their call-site feedback and go megamorphic.)
// Four words per iteration: ~10% faster than one or two (fewer loop-control instructions).
const WORD_LOOPS: readonly WordLoop[] = [
  (aw, bw, ow, n) => {
    let i = 0;
    for (; i + 3 < n; i += 4) {
      ow[i] = addSatWord(aw[i], bw[i]); ow[i + 1] = addSatWord(aw[i + 1], bw[i + 1]);
      ow[i + 2] = addSatWord(aw[i + 2], bw[i + 2]); ow[i + 3] = addSatWord(aw[i + 3], bw[i + 3]);
    }
    for (; i < n; i++) ow[i] = addSatWord(aw[i], bw[i]);
  },
  (aw, bw, ow, n) => {
    let i = 0;
    for (; i + 3 < n; i += 4) {
      ow[i] = subSatWord(aw[i], bw[i]); ow[i + 1] = subSatWord(aw[i + 1], bw[i + 1]);
      ow[i + 2] = subSatWord(aw[i + 2], bw[i + 2]); ow[i + 3] = subSatWord(aw[i + 3], bw[i + 3]);
    }
    for (; i < n; i++) ow[i] = subSatWord(aw[i], bw[i]);
  },
  (aw, bw, ow, n) => {
    let i = 0;
    for (; i + 3 < n; i += 4) {
      ow[i] = addModWord(aw[i], bw[i]); ow[i + 1] = addModWord(aw[i + 1], bw[i + 1]);
      ow[i + 2] = addModWord(aw[i + 2], bw[i + 2]); ow[i + 3] = addModWord(aw[i + 3], bw[i + 3]);
    }
    for (; i < n; i++) ow[i] = addModWord(aw[i], bw[i]);
  },
  (aw, bw, ow, n) => {
    let i = 0;
    for (; i + 3 < n; i += 4) {
      ow[i] = subModWord(aw[i], bw[i]); ow[i + 1] = subModWord(aw[i + 1], bw[i + 1]);
      ow[i + 2] = subModWord(aw[i + 2], bw[i + 2]); ow[i + 3] = subModWord(aw[i + 3], bw[i + 3]);
    }
    for (; i < n; i++) ow[i] = subModWord(aw[i], bw[i]);
  },
  (aw, bw, ow, n) => {
    let i = 0;
    for (; i + 3 < n; i += 4) {
      ow[i] = absdiffWord(aw[i], bw[i]); ow[i + 1] = absdiffWord(aw[i + 1], bw[i + 1]);
      ow[i + 2] = absdiffWord(aw[i + 2], bw[i + 2]); ow[i + 3] = absdiffWord(aw[i + 3], bw[i + 3]);
    }
    for (; i < n; i++) ow[i] = absdiffWord(aw[i], bw[i]);
  },
  (aw, bw, ow, n) => {
    let i = 0;
    for (; i + 3 < n; i += 4) {
      ow[i] = andWord(aw[i], bw[i]); ow[i + 1] = andWord(aw[i + 1], bw[i + 1]);
      ow[i + 2] = andWord(aw[i + 2], bw[i + 2]); ow[i + 3] = andWord(aw[i + 3], bw[i + 3]);
    }
    for (; i < n; i++) ow[i] = andWord(aw[i], bw[i]);
  },
  (aw, bw, ow, n) => {
    let i = 0;
    for (; i + 3 < n; i += 4) {
      ow[i] = orWord(aw[i], bw[i]); ow[i + 1] = orWord(aw[i + 1], bw[i + 1]);
      ow[i + 2] = orWord(aw[i + 2], bw[i + 2]); ow[i + 3] = orWord(aw[i + 3], bw[i + 3]);
    }
    for (; i < n; i++) ow[i] = orWord(aw[i], bw[i]);
  },
  (aw, bw, ow, n) => {
    let i = 0;
    for (; i + 3 < n; i += 4) {
      ow[i] = xorWord(aw[i], bw[i]); ow[i + 1] = xorWord(aw[i + 1], bw[i + 1]);
      ow[i + 2] = xorWord(aw[i + 2], bw[i + 2]); ow[i + 3] = xorWord(aw[i + 3], bw[i + 3]);
    }
    for (; i < n; i++) ow[i] = xorWord(aw[i], bw[i]);
  },
];

/** `o[oi + k] = 255 − a[ai + k]` (bitwise not) for `k < n`, a word at a time. */
export function notBytes(a: Uint8Array, ai: number, o: Uint8Array, oi: number, n: number): void {
  const head = headToAlign(o, oi, n);
  const bulk = isWordAligned(a, ai + head) ? (n - head) >> 2 : 0;
  let k = 0;
  if (bulk > 0) {
    for (; k < head; k++) o[oi + k] = ~a[ai + k] & 255;
    const aw = words(a, ai + head, bulk), ow = words(o, oi + head, bulk);
    for (let i = 0; i < bulk; i++) ow[i] = ~aw[i];
    k = head + (bulk << 2);
  }
  for (; k < n; k++) o[oi + k] = ~a[ai + k] & 255;
}

/** The same operation on one byte (heads, tails and unaligned data). */
export function byteOp(op: ByteOp, x: number, y: number): number {
  switch (op) {
    case ByteOp.AddSaturate: { const s = x + y; return s > 255 ? 255 : s; }
    case ByteOp.SubtractSaturate: { const d = x - y; return d < 0 ? 0 : d; }
    case ByteOp.AddModulo: return (x + y) & 255;
    case ByteOp.SubtractModulo: return (x - y) & 255;
    case ByteOp.Absdiff: return x > y ? x - y : y - x;
    case ByteOp.And: return x & y;
    case ByteOp.Or: return x | y;
    default: return x ^ y;
  }
}


const SCALAR_CHUNK_WORDS = 4096;

// Int32 rather than Uint32 views: loads stay small integers (no float conversion above 2^31);
// measured 10% faster on the RGB merge.
function words(arr: Uint8Array, start: number, count: number): Int32Array {
  return new Int32Array(arr.buffer, arr.byteOffset + start, count);
}

/** `o[oi + k] = op(a[ai + k], b[bi + k])` for `k < n`. */
export function zipBytes(op: ByteOp, a: Uint8Array, ai: number, b: Uint8Array, bi: number,
  o: Uint8Array, oi: number, n: number): void {
  const head = headToAlign(o, oi, n);
  const aligned = isWordAligned(a, ai + head) && isWordAligned(b, bi + head);
  const bulk = aligned ? (n - head) >> 2 : 0;
  let k = 0;
  if (bulk > 0) {
    for (; k < head; k++) o[oi + k] = byteOp(op, a[ai + k], b[bi + k]);
    WORD_LOOPS[op](words(a, ai + head, bulk), words(b, bi + head, bulk), words(o, oi + head, bulk), bulk);
    k = head + (bulk << 2);
  }
  for (; k < n; k++) o[oi + k] = byteOp(op, a[ai + k], b[bi + k]);
}

/**
 * `o[oi + k] = op(a[ai + k], values[k % c])` for `k < n`: a per-channel scalar operand over
 * interleaved pixels starting at channel 0.
 */
export function zipScalar(op: ByteOp, a: Uint8Array, ai: number, values: readonly number[],
  o: Uint8Array, oi: number, n: number): void {
  const c = values.length;
  const head = headToAlign(o, oi, n);
  const aligned = isWordAligned(a, ai + head);
  const bulk = aligned ? (n - head) >> 2 : 0;
  let k = 0;
  if (bulk > 0) {
    for (; k < head; k++) o[oi + k] = byteOp(op, a[ai + k], values[k % c]);
    // The operand repeats every lcm(c, 4) bytes = `period` words. Tile it into a small buffer
    // that stays in L1 and run the binary loop chunk by chunk, each chunk starting in phase.
    const period = c % 4 === 0 ? 1 : c % 2 === 0 ? c / 2 : c;
    const chunk = period * Math.max(1, Math.floor(Math.min(SCALAR_CHUNK_WORDS, bulk) / period));
    const tile = new Int32Array(chunk);
    const tileBytes = new Uint8Array(tile.buffer);
    for (let j = 0; j < tileBytes.length; j++) tileBytes[j] = values[(head + j) % c];
    const loop = WORD_LOOPS[op];
    for (let done = 0; done < bulk; done += chunk) {
      const m = Math.min(chunk, bulk - done);
      loop(words(a, ai + head + 4 * done, m), tile, words(o, oi + head + 4 * done, m), m);
    }
    k = head + (bulk << 2);
  }
  for (; k < n; k++) o[oi + k] = byteOp(op, a[ai + k], values[k % c]);
}
