// RGB ↔ HLS on uint8 (H in 0..180), following OpenCV 4.6 (RGB2HLS_b / HLS2RGB_b in
// color_hsv.simd.hpp, dispatched for AVX2 on x86-64). OpenCV converts the bytes to float32
// (v · (1/255)), converts in float32 and rounds back (half to even, saturated); every float32 step
// is reproduced here with Math.fround.
//
// RGB → HLS: OpenCV converts each row in vectors of 8 pixels and a scalar tail (row width mod 8),
// and the two round differently on 3711 of the 2^24 colours (S on 3708, H on 3): the vector code
// takes S = diff / (2 − (max + min)) and H = fma(num, 60/diff, base) with base 0, 360 (when g < b),
// 120 or 240; the scalar code S = diff / ((2 − max) − min), H = num · 60/diff rounded before 360 is
// added when negative (red maximum), and fma(num, 60/diff, 120 or 240) otherwise (GCC contracts
// those). The kernel works row by row and reproduces both, exact on all 2^24 colours in both
// positions. HLS → RGB: OpenCV's vector and scalar code agree on every input; the vector formulas
// (two fused multiply-adds) are used, exact on all 2^24 inputs.

import { wordViews3 } from './color-words.ts';

/** A conversion over one run of `n` packed pixels: `src` from `si`, `dst` from `di`. */
type Kernel = (src: Uint8Array, si: number, dst: Uint8Array, di: number, n: number) => void;

const fround = Math.fround;
const FLT_EPSILON = 2 ** -23;

/** The RGB → HLS row block: OpenCV's vector width for float32 under AVX2. */
const HLS_BLOCK = 8;

const ROUNDER = 1.5 * 2 ** 52;

/**
 * Half to even, saturated to a byte (cvRound, then saturate_cast<uchar>), for |x| < 2^51: adding
 * and removing 1.5·2^52 rounds to an integer in float64's own mode, ties to even.
 */
function roundByte(x: number): number {
  const v = x + ROUNDER - ROUNDER;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

interface Rgb2HlsTables {
  /** Per byte: fround(v · fround(1/255)). */
  unit: Float32Array;
  /** Per (max, min) pair (max·256 + min): vector L | S << 8, scalar L | S << 8, and fround(60 / diff). */
  lsVector: Uint16Array; lsScalar: Uint16Array; inv: Float32Array;
}

let RGB2HLS: Rgb2HlsTables | undefined;

function rgb2hlsTables(): Rgb2HlsTables {
  if (RGB2HLS) return RGB2HLS;
  const inv255 = fround(1 / 255);
  const unit = new Float32Array(256);
  for (let i = 0; i < 256; i++) unit[i] = fround(i * inv255);
  const lsVector = new Uint16Array(65536), lsScalar = new Uint16Array(65536), inv = new Float32Array(65536);
  for (let hi = 0; hi < 256; hi++) {
    for (let lo = 0; lo <= hi; lo++) {
      const mx = unit[hi], mn = unit[lo];
      const diff = fround(mx - mn), sum = fround(mx + mn), l = fround(sum * 0.5);
      const lb = roundByte(fround(l * 255));
      let sv = 0, ss = 0;
      if (diff > FLT_EPSILON) {
        sv = fround(diff / (l < 0.5 ? sum : fround(2 - sum)));
        ss = fround(diff / (l < 0.5 ? sum : fround(fround(2 - mx) - mn)));
        inv[hi * 256 + lo] = fround(60 / diff);
      }
      lsVector[hi * 256 + lo] = lb | (roundByte(fround(sv * 255)) << 8);
      lsScalar[hi * 256 + lo] = lb | (roundByte(fround(ss * 255)) << 8);
    }
  }
  RGB2HLS = { unit, lsVector, lsScalar, inv };
  return RGB2HLS;
}

/**
 * float32 fma(a, b, c) for the hot loop: a·b is exact in float64 and the sum is rounded twice
 * (float64, then float32), which differs from one rounding only when the float64 sum falls exactly
 * halfway between two float32 values (not met on any 8-bit input: all 2^24 are checked).
 */
function fmaf(a: number, b: number, c: number): number {
  return fround(a * b + c);
}

/** RGB (`bidx` 2) or BGR (`bidx` 0), `scn` channels → H, L, S; `n` pixels of one row. */
export function rgb2hlsRow(scn: number, bidx: number): Kernel {
  return (s, si, d, di, n) => rgb2hlsLoop(s, si, d, di, n, scn, bidx, rgb2hlsTables());
}

// The loops are module-level functions taking every parameter (no closure over them): a kernel is
// made per call, and V8 then keeps one optimised loop for all of them.
function rgb2hlsLoop(s: Uint8Array, si: number, d: Uint8Array, di: number, n: number, scn: number, bidx: number,
  t: Rgb2HlsTables): void {
  const vector = n - (n % HLS_BLOCK);
  let k = 0;
  const words = scn === 3 ? wordViews3(s, si, d, di, vector) : undefined;
  if (words) {
    const [sw, dw] = words;
    const bgr = bidx === 0;
    for (let j = 0; j < sw.length; j += 3) {
      const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
      const a0 = w0 & 255, b0 = (w0 >> 8) & 255, c0 = (w0 >> 16) & 255, a1 = w0 >>> 24;
      const b1 = w1 & 255, c1 = (w1 >> 8) & 255, a2 = (w1 >> 16) & 255, b2 = w1 >>> 24;
      const c2 = w2 & 255, a3 = (w2 >> 8) & 255, b3 = (w2 >> 16) & 255, c3 = w2 >>> 24;
      const p0 = bgr ? hlsVector(c0, b0, a0, t) : hlsVector(a0, b0, c0, t);
      const p1 = bgr ? hlsVector(c1, b1, a1, t) : hlsVector(a1, b1, c1, t);
      const p2 = bgr ? hlsVector(c2, b2, a2, t) : hlsVector(a2, b2, c2, t);
      const p3 = bgr ? hlsVector(c3, b3, a3, t) : hlsVector(a3, b3, c3, t);
      dw[j] = p0 | (p1 << 24); dw[j + 1] = (p1 >>> 8) | (p2 << 16); dw[j + 2] = (p2 >>> 16) | (p3 << 8);
    }
    k = (sw.length / 3) << 2;
    si += scn * k;
    di += 3 * k;
  }
  const ridx = bidx ^ 2;
  for (; k < vector; k++, si += scn, di += 3) {
    const p = hlsVector(s[si + ridx], s[si + 1], s[si + bidx], t);
    d[di] = p & 255; d[di + 1] = (p >> 8) & 255; d[di + 2] = p >> 16;
  }
  for (; k < n; k++, si += scn, di += 3) {
    const p = hlsScalar(s[si + ridx], s[si + 1], s[si + bidx], t);
    d[di] = p & 255; d[di + 1] = (p >> 8) & 255; d[di + 2] = p >> 16;
  }
}

/** H | L << 8 | S << 16 of one pixel as OpenCV's vector code computes it. */
function hlsVector(r8: number, g8: number, b8: number, t: Rgb2HlsTables): number {
  let hi = r8 > g8 ? r8 : g8, lo = r8 < g8 ? r8 : g8;
  if (b8 > hi) hi = b8;
  if (b8 < lo) lo = b8;
  const pair = (hi << 8) | lo;
  let h = 0;
  if (hi !== lo) {
    const unit = t.unit, id = t.inv[pair];
    // max == r first, then max == g (OpenCV's order); one fused multiply-add with the sector base
    if (hi === r8) h = fmaf(fround(unit[g8] - unit[b8]), id, g8 < b8 ? 360 : 0);
    else if (hi === g8) h = fmaf(fround(unit[b8] - unit[r8]), id, 120);
    else h = fmaf(fround(unit[r8] - unit[g8]), id, 240);
  }
  return roundByte(h * 0.5) | (t.lsVector[pair] << 8);
}

/** H | L << 8 | S << 16 of one pixel as OpenCV's scalar tail computes it. */
function hlsScalar(r8: number, g8: number, b8: number, t: Rgb2HlsTables): number {
  let hi = r8 > g8 ? r8 : g8, lo = r8 < g8 ? r8 : g8;
  if (b8 > hi) hi = b8;
  if (b8 < lo) lo = b8;
  const pair = (hi << 8) | lo;
  let h = 0;
  if (hi !== lo) {
    const unit = t.unit, id = t.inv[pair];
    // the red branch multiplies alone (360 is added after a test); the others fuse with the base
    if (hi === r8) h = fround(fround(unit[g8] - unit[b8]) * id);
    else if (hi === g8) h = fmaf(fround(unit[b8] - unit[r8]), id, 120);
    else h = fmaf(fround(unit[r8] - unit[g8]), id, 240);
    if (h < 0) h = fround(h + 360);
  }
  return roundByte(h * 0.5) | (t.lsScalar[pair] << 8);
}

interface Hls2RgbTables {
  /** Per (L, S) pair (L·256 + S): l + e and l − e, e = l·s (l ≤ ½) or s − l·s; and e itself. */
  tab0: Float32Array; tab1: Float32Array; elem0: Float32Array;
  /** Per H byte: sector (0..5) and 2·frac(H · 6/180). */
  sector: Uint8Array; elem1: Float32Array;
  /** Per float32 result: byte = round(fround(v · 255)). */
}

let HLS2RGB: Hls2RgbTables | undefined;

function hls2rgbTables(): Hls2RgbTables {
  if (HLS2RGB) return HLS2RGB;
  const inv255 = fround(1 / 255), hscale = fround(6 / 180), sixth = fround(1 / 6);
  const t: Hls2RgbTables = {
    tab0: new Float32Array(65536), tab1: new Float32Array(65536), elem0: new Float32Array(65536),
    sector: new Uint8Array(256), elem1: new Float32Array(256),
  };
  for (let L = 0; L < 256; L++) {
    const l = fround(L * inv255);
    for (let S = 0; S < 256; S++) {
      const sf = fround(S * inv255);
      const ls = fround(l * sf);
      const e = l <= 0.5 ? ls : fround(sf - ls);
      t.elem0[L * 256 + S] = e;
      t.tab0[L * 256 + S] = fround(l + e);
      t.tab1[L * 256 + S] = fround(l - e);
    }
  }
  for (let H = 0; H < 256; H++) {
    const raw = fround(H * hscale), pre = Math.trunc(raw);
    t.sector[H] = pre - 6 * Math.trunc(fround(raw * sixth));
    const hs = fround(raw - pre);
    t.elem1[H] = fround(hs + hs);
  }
  HLS2RGB = t;
  return t;
}

/** H, L, S → RGB (`bidx` 2) or BGR (`bidx` 0). */
export function hls2rgb(bidx: number): Kernel {
  return (s, si, d, di, n) => hls2rgbLoop(s, si, d, di, n, bidx, hls2rgbTables());
}

function hls2rgbLoop(s: Uint8Array, si: number, d: Uint8Array, di: number, n: number, bidx: number, t: Hls2RgbTables): void {
  let k = 0;
  const bgr = bidx === 0;
  const words = wordViews3(s, si, d, di, n);
  if (words) {
    const [sw, dw] = words;
    for (let j = 0; j < sw.length; j += 3) {
      const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
      const p0 = rgbFromHls(w0 & 255, (w0 >> 8) & 255, (w0 >> 16) & 255, t, bgr);
      const p1 = rgbFromHls(w0 >>> 24, w1 & 255, (w1 >> 8) & 255, t, bgr);
      const p2 = rgbFromHls((w1 >> 16) & 255, w1 >>> 24, w2 & 255, t, bgr);
      const p3 = rgbFromHls((w2 >> 8) & 255, (w2 >> 16) & 255, w2 >>> 24, t, bgr);
      dw[j] = p0 | (p1 << 24); dw[j + 1] = (p1 >>> 8) | (p2 << 16); dw[j + 2] = (p2 >>> 16) | (p3 << 8);
    }
    k = (sw.length / 3) << 2;
    si += 3 * k;
    di += 3 * k;
  }
  for (; k < n; k++, si += 3, di += 3) {
    const p = rgbFromHls(s[si], s[si + 1], s[si + 2], t, bgr);
    d[di] = p & 255; d[di + 1] = (p >> 8) & 255; d[di + 2] = p >> 16;
  }
}

/** R | G << 8 | B << 16 (B first when `bgr`) of one HLS pixel. */
function rgbFromHls(H: number, L: number, S: number, t: Hls2RgbTables, bgr: boolean): number {
  const ls = (L << 8) | S;
  const t0 = t.tab0[ls], t1 = t.tab1[ls], e = t.elem0[ls], f = t.elem1[H];
  // tab2 = t0 − e·f and tab3 = t1 + e·f, each one fused multiply-add (e·f is exact in float64)
  const t2 = fround(t0 - e * f), t3 = fround(t1 + e * f);
  let b: number, g: number, r: number;
  switch (t.sector[H]) {
    case 0: b = t1; g = t3; r = t0; break;
    case 1: b = t1; g = t0; r = t2; break;
    case 2: b = t3; g = t0; r = t1; break;
    case 3: b = t0; g = t2; r = t1; break;
    case 4: b = t0; g = t1; r = t3; break;
    default: b = t2; g = t1; r = t0; break;
  }
  const R = roundByte(fround(r * 255)), G = roundByte(fround(g * 255)), B = roundByte(fround(b * 255));
  return bgr ? B | (G << 8) | (R << 16) : R | (G << 8) | (B << 16);
}
