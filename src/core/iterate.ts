// Walking views as flat runs of memory, so kernels stay simple typed-array loops.
import { clone } from './copy.ts';
import { headToAlign, isWordAligned } from './packed.ts';
import { hasContiguousRows, isContiguous, PixelArray } from './pixelarray.ts';

/** A kernel over one run: `n` elements of `src` from `si` into `dst` from `di`. */
export type RunKernel = (src: Uint8Array, si: number, dst: Uint8Array, di: number, n: number) => void;
/** A kernel over matching runs of two inputs. */
export type RunKernel2 = (a: Uint8Array, ai: number, b: Uint8Array, bi: number, dst: Uint8Array, di: number, n: number) => void;

/** The fewest runs that cover `a`: 0 = whole array, 1 = one per row, 2 = needs a copy first. */
function runKind(a: PixelArray): 0 | 1 | 2 {
  return isContiguous(a) ? 0 : hasContiguousRows(a) ? 1 : 2;
}

/**
 * Calls `kernel` over `a` and the contiguous `dst` (same shape) in as few runs as possible: one run
 * when `a` is contiguous, one per row when its rows are (crops), else on a contiguous copy.
 */
export function forEachRun(a: PixelArray, dst: PixelArray, kernel: RunKernel): void {
  const [h, w, c] = a.shape;
  let kind = runKind(a);
  if (kind === 2) { a = clone(a); kind = 0; }
  if (kind === 0) { kernel(a.data, a.offset, dst.data, dst.offset, h * w * c); return; }
  const len = w * c;
  for (let y = 0; y < h; y++) kernel(a.data, a.offset + y * a.stride[0], dst.data, dst.offset + y * len, len);
}

/** Like `forEachRun` for two inputs of the same shape. */
export function forEachRun2(a: PixelArray, b: PixelArray, dst: PixelArray, kernel: RunKernel2): void {
  const [h, w, c] = a.shape;
  let ka = runKind(a), kb = runKind(b);
  if (ka === 2) { a = clone(a); ka = 0; }
  if (kb === 2) { b = clone(b); kb = 0; }
  if (ka === 0 && kb === 0) { kernel(a.data, a.offset, b.data, b.offset, dst.data, dst.offset, h * w * c); return; }
  const len = w * c;
  for (let y = 0; y < h; y++) {
    kernel(a.data, a.offset + y * a.stride[0], b.data, b.offset + y * b.stride[0], dst.data, dst.offset + y * len, len);
  }
}

/**
 * Applies a per-channel lookup table: `dst = lut[channel * 256 + src]` over a run that starts at
 * channel 0. One table per channel is how every pixel-independent uint8 op with a scalar operand
 * becomes exact and fast.
 */
export function lutKernel(lut: Uint8Array, channels: number): RunKernel {
  if (channels === 1) return (src, si, dst, di, n) => lookupBytes(lut, src, si, dst, di, n);
  if (channels === 3) {
    return (src, si, dst, di, n) => {
      for (let k = 0; k < n; k += 3) {
        dst[di + k] = lut[src[si + k]];
        dst[di + k + 1] = lut[256 + src[si + k + 1]];
        dst[di + k + 2] = lut[512 + src[si + k + 2]];
      }
    };
  }
  return (src, si, dst, di, n) => {
    for (let k = 0, ch = 0; k < n; k++) {
      dst[di + k] = lut[(ch << 8) + src[si + k]];
      if (++ch === channels) ch = 0;
    }
  };
}

// Runs of at least this many bytes look up two bytes at a time in a 65536-entry table of byte
// pairs (made from the 256-entry one in about 0.1 ms; measured 1.4–2× faster on a 1080p gray
// image). Module-level scratch: the loops call no user code.
const PAIR_TABLE_MIN = 1 << 20;
let pairTable: Uint16Array | undefined;

/**
 * `dst[di + k] = lut[src[si + k]]` for `k < n`, reading and writing a word (four lookups, or two
 * in the pair table for long runs) at a time where both sides are word-aligned: measured 2× faster
 * than a byte loop on 1080p RGB.
 */
export function lookupBytes(lut: Uint8Array, src: Uint8Array, si: number, dst: Uint8Array, di: number, n: number): void {
  let k = headToAlign(dst, di, n);
  for (let j = 0; j < k; j++) dst[di + j] = lut[src[si + j]];
  const words = isWordAligned(src, si + k) ? (n - k) >> 2 : 0;
  if (words > 0) {
    const sw = new Int32Array(src.buffer, src.byteOffset + si + k, words);
    const dw = new Int32Array(dst.buffer, dst.byteOffset + di + k, words);
    if (n >= PAIR_TABLE_MIN) {
      const pairs = pairTable ??= new Uint16Array(65536);
      for (let hi = 0; hi < 256; hi++) {
        const high = lut[hi] << 8, at = hi << 8;
        for (let lo = 0; lo < 256; lo++) pairs[at + lo] = high | lut[lo];
      }
      for (let i = 0; i < words; i++) { const x = sw[i]; dw[i] = pairs[x & 0xffff] | (pairs[x >>> 16] << 16); }
    } else {
      for (let i = 0; i < words; i++) {
        const x = sw[i];
        dw[i] = lut[x & 255] | (lut[(x >>> 8) & 255] << 8) | (lut[(x >>> 16) & 255] << 16) | (lut[x >>> 24] << 24);
      }
    }
    k += words << 2;
  }
  for (; k < n; k++) dst[di + k] = lut[src[si + k]];
}

/** Builds one 256-entry table per channel from `f(value, channel)` (already an integer 0..255). */
export function buildLut(channels: number, f: (value: number, channel: number) => number): Uint8Array {
  const lut = new Uint8Array(channels * 256);
  for (let ch = 0; ch < channels; ch++) for (let v = 0; v < 256; v++) lut[ch * 256 + v] = f(v, ch);
  return lut;
}

/** True when every channel's table is the same, so a single-channel table can run over all. */
export function lutIsUniform(lut: Uint8Array, channels: number): boolean {
  for (let i = 256; i < channels * 256; i++) if (lut[i] !== lut[i & 255]) return false;
  return true;
}
