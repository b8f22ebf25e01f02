// RGB ↔ YCrCb and RGB ↔ YUV on uint8, bit for bit with OpenCV 4.6 (RGB2YCrCb_i / YCrCb2RGB_i<uchar>
// in color_yuv.simd.hpp). Both are 14-bit fixed point; OpenCV's vector and scalar loops compute the
// same integers, so one rule holds for every pixel:
//   Y  = (R·4899 + G·9617 + B·1868 + 2^13) >> 14
//   Cr = ((R − Y)·Kr + 128·2^14 + 2^13) >> 14,  Cb = ((B − Y)·Kb + 128·2^14 + 2^13) >> 14 (saturated)
// with Kr, Kb = 11682, 9241 (YCrCb: output Y, Cr, Cb) or 14369, 8061 (YUV: output Y, U = Cb, V = Cr),
// and back
//   B = Y + ((Cb − 128)·Kb' + 2^13 >> 14), G = Y + ((Cb − 128)·Gb + (Cr − 128)·Gr + 2^13 >> 14),
//   R = Y + ((Cr − 128)·Kr' + 2^13 >> 14) (saturated)
// with (Kr', Gr, Gb, Kb') = (22987, −11698, −5636, 29049) for YCrCb, (18678, −9519, −6472, 33292) for YUV.
// Verified on all 2^24 inputs of each direction (test/golden/generate_color.py).

import { wordViews3 } from './color-words.ts';

/** A conversion over one run of `n` packed pixels: `src` from `si`, `dst` from `di`. */
type Kernel = (src: Uint8Array, si: number, dst: Uint8Array, di: number, n: number) => void;

const SHIFT = 14, HALF = 1 << (SHIFT - 1), DELTA = 128 << SHIFT;
const R2Y = 4899, G2Y = 9617, B2Y = 1868;

interface ForwardTables {
  /** Per byte: R·4899 + 2^13, G·9617, B·1868 (the Y sum is their total). */
  yr: Int32Array; yg: Int32Array; yb: Int32Array;
  /** Per difference d + 255 (d = R − Y or B − Y, −255..255): the saturated chroma byte. */
  cr: Uint8Array; cb: Uint8Array;
}

const forwardCache = /* @__PURE__ */ new Map<boolean, ForwardTables>();

function forwardTables(isCrCb: boolean): ForwardTables {
  let t = forwardCache.get(isCrCb);
  if (t) return t;
  const kr = isCrCb ? 11682 : 14369, kb = isCrCb ? 9241 : 8061;
  t = { yr: new Int32Array(256), yg: new Int32Array(256), yb: new Int32Array(256), cr: new Uint8Array(511), cb: new Uint8Array(511) };
  for (let i = 0; i < 256; i++) {
    t.yr[i] = i * R2Y + HALF; t.yg[i] = i * G2Y; t.yb[i] = i * B2Y;
  }
  for (let d = -255; d <= 255; d++) {
    t.cr[d + 255] = clampByte((d * kr + DELTA + HALF) >> SHIFT);
    t.cb[d + 255] = clampByte((d * kb + DELTA + HALF) >> SHIFT);
  }
  forwardCache.set(isCrCb, t);
  return t;
}

function clampByte(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/**
 * RGB (or BGR, `bidx` = where blue is: 2 for RGB, 0 for BGR) with `scn` channels → Y, Cr, Cb
 * (`isCrCb`) or Y, U, V.
 */
export function rgb2ycrcb(scn: number, bidx: number, isCrCb: boolean): Kernel {
  // Output positions of the two chroma bytes: YCrCb stores Cr then Cb, YUV stores U (= Cb) then V.
  const crAt = isCrCb ? 1 : 2;
  return (s, si, d, di, n) => forward(s, si, d, di, n, scn, bidx, crAt, forwardTables(isCrCb));
}

// The loops are module-level functions taking every parameter (no closure over them): a kernel is
// made per call, and V8 keeps one optimised loop for all of them.
function forward(s: Uint8Array, si: number, d: Uint8Array, di: number, n: number, scn: number, bidx: number,
  crAt: number, t: ForwardTables): void {
  let k = 0;
  const words = scn === 3 ? wordViews3(s, si, d, di, n) : undefined;
  if (words) {
    forwardWords(words[0], words[1], bidx === 0, crAt << 3, t);
    k = (words[0].length / 3) << 2;
    si += 3 * k;
    di += 3 * k;
  }
  const { yr, yg, yb, cr, cb } = t;
  const ridx = bidx ^ 2, cbAt = crAt ^ 3;
  for (; k < n; k++, si += scn, di += 3) {
    const r = s[si + ridx], g = s[si + 1], b = s[si + bidx];
    const y = (yr[r] + yg[g] + yb[b]) >> SHIFT;
    d[di] = y;
    d[di + crAt] = cr[r - y + 255];
    d[di + cbAt] = cb[b - y + 255];
  }
}

/** One pixel → Y | chroma bytes at bit `crShift` (Cr) and `crShift ^ 24` (Cb). */
function yccPixel(r: number, g: number, b: number, t: ForwardTables, crShift: number): number {
  const y = (t.yr[r] + t.yg[g] + t.yb[b]) >> SHIFT;
  return y | (t.cr[r - y + 255] << crShift) | (t.cb[b - y + 255] << (crShift ^ 24));
}

/** Four pixels (three words) at a time; `bgr` when byte 0 of a pixel is blue. */
function forwardWords(sw: Int32Array, dw: Int32Array, bgr: boolean, crShift: number, t: ForwardTables): void {
  for (let j = 0; j < sw.length; j += 3) {
    const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
    const a0 = w0 & 255, b0 = (w0 >> 8) & 255, c0 = (w0 >> 16) & 255, a1 = w0 >>> 24;
    const b1 = w1 & 255, c1 = (w1 >> 8) & 255, a2 = (w1 >> 16) & 255, b2 = w1 >>> 24;
    const c2 = w2 & 255, a3 = (w2 >> 8) & 255, b3 = (w2 >> 16) & 255, c3 = w2 >>> 24;
    const p0 = bgr ? yccPixel(c0, b0, a0, t, crShift) : yccPixel(a0, b0, c0, t, crShift);
    const p1 = bgr ? yccPixel(c1, b1, a1, t, crShift) : yccPixel(a1, b1, c1, t, crShift);
    const p2 = bgr ? yccPixel(c2, b2, a2, t, crShift) : yccPixel(a2, b2, c2, t, crShift);
    const p3 = bgr ? yccPixel(c3, b3, a3, t, crShift) : yccPixel(a3, b3, c3, t, crShift);
    dw[j] = p0 | (p1 << 24);
    dw[j + 1] = (p1 >>> 8) | (p2 << 16);
    dw[j + 2] = (p2 >>> 16) | (p3 << 8);
  }
}

interface InverseTables {
  /** Per byte v: ((v − 128)·Kr' + 2^13) >> 14 and the same for Kb' (offsets added to Y). */
  r: Int16Array; b: Int16Array;
  /** Per byte: (Cr − 128)·Gr + 2^13 and (Cb − 128)·Gb (their sum, >> 14, is G's offset). */
  gr: Int32Array; gb: Int32Array;
}

const inverseCache = /* @__PURE__ */ new Map<boolean, InverseTables>();

function inverseTables(isCrCb: boolean): InverseTables {
  let t = inverseCache.get(isCrCb);
  if (t) return t;
  const [kr, gr, gb, kb] = isCrCb ? [22987, -11698, -5636, 29049] : [18678, -9519, -6472, 33292];
  t = { r: new Int16Array(256), b: new Int16Array(256), gr: new Int32Array(256), gb: new Int32Array(256) };
  for (let v = 0; v < 256; v++) {
    const c = v - 128;
    t.r[v] = (c * kr + HALF) >> SHIFT;
    t.b[v] = (c * kb + HALF) >> SHIFT;
    t.gr[v] = c * gr + HALF;
    t.gb[v] = c * gb;
  }
  inverseCache.set(isCrCb, t);
  return t;
}

/** Y, Cr, Cb (`isCrCb`) or Y, U, V → RGB (`bidx` 2) or BGR (`bidx` 0), 3 channels. */
export function ycrcb2rgb(bidx: number, isCrCb: boolean): Kernel {
  const crAt = isCrCb ? 1 : 2;
  return (s, si, d, di, n) => inverse(s, si, d, di, n, bidx, crAt, inverseTables(isCrCb));
}

/** Saturation to a byte of −384..639 (index v + 384). */
const CLAMP = /* @__PURE__ */ Uint8Array.from({ length: 1024 }, (_, i) => clampByte(i - 384));
const C0 = 384;

function inverse(s: Uint8Array, si: number, d: Uint8Array, di: number, n: number, bidx: number, crAt: number,
  t: InverseTables): void {
  let k = 0;
  const words = wordViews3(s, si, d, di, n);
  if (words) {
    inverseWords(words[0], words[1], bidx === 0, crAt === 1, t);
    k = (words[0].length / 3) << 2;
    si += 3 * k;
    di += 3 * k;
  }
  const tr = t.r, tb = t.b, tgr = t.gr, tgb = t.gb, clamp = CLAMP;
  const ridx = bidx ^ 2, cbAt = crAt ^ 3;
  for (; k < n; k++, si += 3, di += 3) {
    const y = s[si] + C0, cr = s[si + crAt], cb = s[si + cbAt];
    d[di + bidx] = clamp[y + tb[cb]];
    d[di + 1] = clamp[y + ((tgr[cr] + tgb[cb]) >> SHIFT)];
    d[di + ridx] = clamp[y + tr[cr]];
  }
}

/** One pixel → R | G << 8 | B << 16 (or B first when `bgr`). */
function rgbPixel(y: number, cr: number, cb: number, t: InverseTables, bgr: boolean): number {
  const clamp = CLAMP;
  y += C0;
  const b = clamp[y + t.b[cb]], g = clamp[y + ((t.gr[cr] + t.gb[cb]) >> SHIFT)], r = clamp[y + t.r[cr]];
  return bgr ? b | (g << 8) | (r << 16) : r | (g << 8) | (b << 16);
}

/** Four pixels (three words) at a time; `crFirst` for Y, Cr, Cb input (else Y, U, V). */
function inverseWords(sw: Int32Array, dw: Int32Array, bgr: boolean, crFirst: boolean, t: InverseTables): void {
  for (let j = 0; j < sw.length; j += 3) {
    const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
    const a0 = w0 & 255, b0 = (w0 >> 8) & 255, c0 = (w0 >> 16) & 255, a1 = w0 >>> 24;
    const b1 = w1 & 255, c1 = (w1 >> 8) & 255, a2 = (w1 >> 16) & 255, b2 = w1 >>> 24;
    const c2 = w2 & 255, a3 = (w2 >> 8) & 255, b3 = (w2 >> 16) & 255, c3 = w2 >>> 24;
    const p0 = crFirst ? rgbPixel(a0, b0, c0, t, bgr) : rgbPixel(a0, c0, b0, t, bgr);
    const p1 = crFirst ? rgbPixel(a1, b1, c1, t, bgr) : rgbPixel(a1, c1, b1, t, bgr);
    const p2 = crFirst ? rgbPixel(a2, b2, c2, t, bgr) : rgbPixel(a2, c2, b2, t, bgr);
    const p3 = crFirst ? rgbPixel(a3, b3, c3, t, bgr) : rgbPixel(a3, c3, b3, t, bgr);
    dw[j] = p0 | (p1 << 24);
    dw[j + 1] = (p1 >>> 8) | (p2 << 16);
    dw[j + 2] = (p2 >>> 16) | (p3 << 8);
  }
}
