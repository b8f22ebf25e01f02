// Colour conversions (cv2.cvtColor) and range masks (cv2.inRange) on uint8, bit for bit with
// OpenCV 4.6. Every conversion reproduces OpenCV's own arithmetic: fixed point for gray, the
// 12-bit division tables for RGB→HSV, and float32 step by step (with its fused multiply-adds) for
// HSV→RGB; LAB, LUV and XYZ (color-lab.ts: OpenCV's integer tables, built with its softfloat
// steps), YCrCb and YUV (color-yuv.ts: 14-bit fixed point) and HLS (color-hls.ts: float32, per
// row) live beside this file. See docs/histograms-color.md for the exact rules.
import { checkOptionKeys, checkOptions, checkOut, checkRealScalar, checkSameShape } from '../core/check.ts';
import { finishOutput, startOutput, withContiguousRows } from '../core/copy.ts';
import { describe, typeError, tooManyArguments } from '../core/errors.ts';
import { roundHalfEven } from '../core/numeric.ts';
import { isWordAligned, LITTLE_ENDIAN } from '../core/packed.ts';
import { assertPixelArray, isContiguous, PixelArray, type Shape } from '../core/pixelarray.ts';
import type { OutOptions } from '../ops/arithmetic.ts';
import { hls2rgb, rgb2hlsRow } from './color-hls.ts';
import { lab2rgb, luv2rgb, rgb2lab, rgb2luv, rgb2xyz, xyz2rgb } from './color-lab.ts';
import { rgb2ycrcb, ycrcb2rgb } from './color-yuv.ts';

/** The colour conversions `cvtColor` knows (OpenCV's `COLOR_*` names without the prefix). */
export type ColorCode =
  | 'RGB2GRAY' | 'BGR2GRAY' | 'RGB2BGR' | 'BGR2RGB' | 'RGB2HSV' | 'BGR2HSV'
  | 'HSV2RGB' | 'HSV2BGR' | 'GRAY2RGB' | 'RGB2RGBA' | 'RGBA2RGB'
  | 'RGBA2GRAY' | 'GRAY2RGBA'
  | 'RGB2LAB' | 'BGR2LAB' | 'LAB2RGB' | 'LAB2BGR'
  | 'RGB2LUV' | 'BGR2LUV' | 'LUV2RGB' | 'LUV2BGR'
  | 'RGB2XYZ' | 'BGR2XYZ' | 'XYZ2RGB' | 'XYZ2BGR'
  | 'RGB2YCrCb' | 'BGR2YCrCb' | 'YCrCb2RGB' | 'YCrCb2BGR'
  | 'RGB2YUV' | 'BGR2YUV' | 'YUV2RGB' | 'YUV2BGR'
  | 'RGB2HLS' | 'BGR2HLS' | 'HLS2RGB' | 'HLS2BGR';

/** Input channel counts each code accepts, and the channels it produces (as cv2 does). */
const CODES: Record<ColorCode, { inputs: readonly number[]; out: number }> = {
  RGB2GRAY: { inputs: [3, 4], out: 1 },
  BGR2GRAY: { inputs: [3, 4], out: 1 },
  RGB2BGR: { inputs: [3, 4], out: 3 },
  BGR2RGB: { inputs: [3, 4], out: 3 },
  RGB2HSV: { inputs: [3, 4], out: 3 },
  BGR2HSV: { inputs: [3, 4], out: 3 },
  HSV2RGB: { inputs: [3], out: 3 },
  HSV2BGR: { inputs: [3], out: 3 },
  GRAY2RGB: { inputs: [1], out: 3 },
  RGB2RGBA: { inputs: [3, 4], out: 4 },
  RGBA2RGB: { inputs: [3, 4], out: 3 },
  RGBA2GRAY: { inputs: [3, 4], out: 1 },
  GRAY2RGBA: { inputs: [1], out: 4 },
  RGB2LAB: { inputs: [3, 4], out: 3 },
  BGR2LAB: { inputs: [3, 4], out: 3 },
  LAB2RGB: { inputs: [3], out: 3 },
  LAB2BGR: { inputs: [3], out: 3 },
  RGB2LUV: { inputs: [3, 4], out: 3 },
  BGR2LUV: { inputs: [3, 4], out: 3 },
  LUV2RGB: { inputs: [3], out: 3 },
  LUV2BGR: { inputs: [3], out: 3 },
  RGB2XYZ: { inputs: [3, 4], out: 3 },
  BGR2XYZ: { inputs: [3, 4], out: 3 },
  XYZ2RGB: { inputs: [3], out: 3 },
  XYZ2BGR: { inputs: [3], out: 3 },
  RGB2YCrCb: { inputs: [3, 4], out: 3 },
  BGR2YCrCb: { inputs: [3, 4], out: 3 },
  YCrCb2RGB: { inputs: [3], out: 3 },
  YCrCb2BGR: { inputs: [3], out: 3 },
  RGB2YUV: { inputs: [3, 4], out: 3 },
  BGR2YUV: { inputs: [3, 4], out: 3 },
  YUV2RGB: { inputs: [3], out: 3 },
  YUV2BGR: { inputs: [3], out: 3 },
  RGB2HLS: { inputs: [3, 4], out: 3 },
  BGR2HLS: { inputs: [3, 4], out: 3 },
  HLS2RGB: { inputs: [3], out: 3 },
  HLS2BGR: { inputs: [3], out: 3 },
};

const CODE_NAMES = Object.keys(CODES) as ColorCode[];

// The packed kernels read and write 32-bit words; they assume little-endian byte order, as on
// every mainstream engine, and fall back to bytes otherwise.
const fround = Math.fround;

/** A conversion over one run of `n` pixels: `src` from `si` (packed pixels), `dst` from `di`. */
type Kernel = (src: Uint8Array, si: number, dst: Uint8Array, di: number, n: number) => void;

/**
 * `cv2.cvtColor(a, code)` on uint8 images. Codes and channels:
 * `RGB2GRAY`/`BGR2GRAY`/`RGBA2GRAY` (3 or 4 → 1), `RGB2BGR`/`BGR2RGB` (3 or 4 → 3), `RGB2HSV`/`BGR2HSV`
 * (3 or 4 → 3, H in 0..179), `HSV2RGB`/`HSV2BGR` (3 → 3), `GRAY2RGB` (1 → 3), `GRAY2RGBA` (1 → 4,
 * alpha 255), `RGB2RGBA` (3 or 4 → 4, alpha 255), `RGBA2RGB` (3 or 4 → 3); and, each from RGB or BGR
 * (3 or 4 → 3) and back (3 → 3): `LAB` (OpenCV's 8-bit L·255/100, a + 128, b + 128), `LUV`
 * (L·255/100, (u + 134)·255/354, (v + 140)·255/262), `XYZ`, `YCrCb`, `YUV`, `HLS` (H in 0..180,
 * L and S ·255), e.g. `RGB2LAB`, `LAB2BGR`, `BGR2YCrCb`. A 4th input channel is ignored, as in OpenCV.
 */
export function cvtColor(a: PixelArray, code: ColorCode, options?: OutOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('cvtColor', ['a', 'code', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  if (typeof code !== 'string') throw typeError('code', `a colour code string (${CODE_NAMES.join(', ')})`, code);
  if (!Object.hasOwn(CODES, code)) {
    throw new RangeError(`code: expected one of ${CODE_NAMES.map((n) => `'${n}'`).join(', ')}, got ${describe(code)}`);
  }
  const info = CODES[code];
  const [h, w, c] = a.shape;
  if (!info.inputs.includes(c)) {
    const want = info.inputs.join(' or ');
    const hint = c === 1 && info.inputs[0] !== 1 ? " (a 1-channel image is gray: convert it with 'GRAY2RGB' first)" : '';
    throw new RangeError(`a: expected ${want} channel${want === '1' ? '' : 's'} for '${code}', got ${c}${hint}`);
  }
  const shape: Shape = [h, w, info.out];
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['out']);
  const out = checkOut(opts.out, shape);
  // Same channel count: every kernel reads a pixel (or a word group) before writing it, so an
  // `out` with exactly the layout of `a` (an in-place conversion) is safe.
  const dst = startOutput(shape, out, [a], c === info.out);
  if (h > 0 && w > 0) convert(code, withContiguousRows(a), dst);
  return finishOutput(dst, out);
}

function convert(code: ColorCode, src: PixelArray, dst: PixelArray): void {
  const c = src.shape[2];
  switch (code) {
    case 'RGB2GRAY': return runs(src, dst, c === 3 ? gray3(R2Y, B2Y) : gray4(R2Y, B2Y));
    case 'BGR2GRAY': return runs(src, dst, c === 3 ? gray3(B2Y, R2Y) : gray4(B2Y, R2Y));
    case 'RGB2BGR':
    case 'BGR2RGB': return runs(src, dst, c === 3 ? swap3 : drop4(true));
    case 'RGB2HSV': return runs(src, dst, rgb2hsv(c, 2));
    case 'BGR2HSV': return runs(src, dst, rgb2hsv(c, 0));
    // One run per row: OpenCV's vector blocks restart at each row (see hsv2rgbRow).
    case 'HSV2RGB': return rows(src, dst, (s, si, d, di, n) => hsv2rgbRow(s, si, d, di, n, 2));
    case 'HSV2BGR': return rows(src, dst, (s, si, d, di, n) => hsv2rgbRow(s, si, d, di, n, 0));
    case 'GRAY2RGB': return runs(src, dst, gray2rgb);
    case 'RGB2RGBA': return runs(src, dst, c === 3 ? rgb2rgba : copyPixels(4));
    case 'RGBA2RGB': return runs(src, dst, c === 4 ? drop4(false) : copyPixels(3));
    case 'RGBA2GRAY': return runs(src, dst, c === 3 ? gray3(R2Y, B2Y) : gray4(R2Y, B2Y));
    case 'GRAY2RGBA': return runs(src, dst, gray2rgba);
    case 'RGB2LAB': return runs(src, dst, rgb2lab(c, 2));
    case 'BGR2LAB': return runs(src, dst, rgb2lab(c, 0));
    case 'LAB2RGB': return runs(src, dst, lab2rgb(2));
    case 'LAB2BGR': return runs(src, dst, lab2rgb(0));
    case 'RGB2LUV': return runs(src, dst, rgb2luv(c, 2));
    case 'BGR2LUV': return runs(src, dst, rgb2luv(c, 0));
    case 'LUV2RGB': return runs(src, dst, luv2rgb(2));
    case 'LUV2BGR': return runs(src, dst, luv2rgb(0));
    case 'RGB2XYZ': return runs(src, dst, rgb2xyz(c, 2));
    case 'BGR2XYZ': return runs(src, dst, rgb2xyz(c, 0));
    case 'XYZ2RGB': return runs(src, dst, xyz2rgb(2));
    case 'XYZ2BGR': return runs(src, dst, xyz2rgb(0));
    case 'RGB2YCrCb': return runs(src, dst, rgb2ycrcb(c, 2, true));
    case 'BGR2YCrCb': return runs(src, dst, rgb2ycrcb(c, 0, true));
    case 'YCrCb2RGB': return runs(src, dst, ycrcb2rgb(2, true));
    case 'YCrCb2BGR': return runs(src, dst, ycrcb2rgb(0, true));
    case 'RGB2YUV': return runs(src, dst, rgb2ycrcb(c, 2, false));
    case 'BGR2YUV': return runs(src, dst, rgb2ycrcb(c, 0, false));
    case 'YUV2RGB': return runs(src, dst, ycrcb2rgb(2, false));
    case 'YUV2BGR': return runs(src, dst, ycrcb2rgb(0, false));
    // One run per row: OpenCV's vector blocks restart at each row (the scalar tail differs).
    case 'RGB2HLS': return rows(src, dst, rgb2hlsRow(c, 2));
    case 'BGR2HLS': return rows(src, dst, rgb2hlsRow(c, 0));
    case 'HLS2RGB': return runs(src, dst, hls2rgb(2));
    case 'HLS2BGR': return runs(src, dst, hls2rgb(0));
  }
}

/** Runs `kernel` over the whole image when contiguous, else row by row (`src` has packed rows). */
function runs(src: PixelArray, dst: PixelArray, kernel: Kernel): void {
  if (isContiguous(src)) kernel(src.data, src.offset, dst.data, dst.offset, src.shape[0] * src.shape[1]);
  else rows(src, dst, kernel);
}

function rows(src: PixelArray, dst: PixelArray, kernel: Kernel): void {
  const [h, w] = src.shape;
  const dRow = w * dst.shape[2];
  for (let y = 0; y < h; y++) kernel(src.data, src.offset + y * src.stride[0], dst.data, dst.offset + y * dRow, w);
}

// ---------------------------------------------------------------------------------------------
// RGB → gray: OpenCV 4.6's 8-bit rule is (R·9798 + G·19235 + B·3735 + 2^14) >> 15 (15-bit weights
// summing to 2^15), verified on all 2^24 colours.

const R2Y = 9798, G2Y = 19235, B2Y = 3735, Y_HALF = 1 << 14;

// Pair tables for large images: `lo[x | y << 8]` = x·k0 + y·G + 2^14 (bytes 0 and 1 of a pixel)
// and `hi[x | y << 8]` = x·G + y·k2 + 2^14 (bytes 1 and 2), so that each RGB pixel is one table load
// and one multiply (measured 1.3× faster than three multiplies). Module-level constants on purpose:
// V8 then knows their length and drops the bounds checks. Their zeroed memory costs nothing until
// a first large conversion fills them (2 × 256 KB per channel order).
// Pair tables for RGB/BGR → gray, built on the first large call (nothing is allocated at import).
let grayTables: { rgbLo: Int32Array; rgbHi: Int32Array; bgrLo: Int32Array; bgrHi: Int32Array } | undefined;
const grayFilled = [false, false];
function gray(): NonNullable<typeof grayTables> {
  return grayTables ??= {
    rgbLo: new Int32Array(65536), rgbHi: new Int32Array(65536), bgrLo: new Int32Array(65536), bgrHi: new Int32Array(65536),
  };
}
const PAIR_TABLE_MIN = 1 << 16;

function fillPairTables(lo: Int32Array, hi: Int32Array, k0: number, k2: number): void {
  for (let y = 0; y < 256; y++) {
    for (let x = 0; x < 256; x++) {
      lo[x | (y << 8)] = x * k0 + y * G2Y + Y_HALF;
      hi[x | (y << 8)] = x * G2Y + y * k2 + Y_HALF;
    }
  }
}

/** 3 channels; `k0`/`k2` weigh bytes 0 and 2 (R and B for RGB, B and R for BGR). */
function gray3(k0: number, k2: number): Kernel {
  const rgb = k0 === R2Y;
  return (s, si, d, di, n) => {
    let k = 0;
    if (LITTLE_ENDIAN && n >= 8 && isWordAligned(s, si) && isWordAligned(d, di)) {
      // Four pixels are three words [r0 g0 b0 r1][g1 b1 r2 g2][b2 r3 g3 b3] → one output word.
      const groups = n >> 2;
      const sw = new Int32Array(s.buffer, s.byteOffset + si, groups * 3);
      const dw = new Int32Array(d.buffer, d.byteOffset + di, groups);
      if (n >= PAIR_TABLE_MIN) {
        if (!grayFilled[rgb ? 0 : 1]) {
          if (rgb) fillPairTables(gray().rgbLo, gray().rgbHi, R2Y, B2Y);
          else fillPairTables(gray().bgrLo, gray().bgrHi, B2Y, R2Y);
          grayFilled[rgb ? 0 : 1] = true;
        }
        k = rgb ? grayPairsRgb(sw, dw) : grayPairsBgr(sw, dw);
      } else {
        for (let q = 0, j = 0; q < groups; q++, j += 3) {
          const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
          const p0 = (Math.imul(w0 & 255, k0) + Math.imul((w0 >> 8) & 255, G2Y) + Math.imul((w0 >> 16) & 255, k2) + Y_HALF) >> 15;
          const p1 = (Math.imul(w0 >>> 24, k0) + Math.imul(w1 & 255, G2Y) + Math.imul((w1 >> 8) & 255, k2) + Y_HALF) >> 15;
          const p2 = (Math.imul((w1 >> 16) & 255, k0) + Math.imul(w1 >>> 24, G2Y) + Math.imul(w2 & 255, k2) + Y_HALF) >> 15;
          const p3 = (Math.imul((w2 >> 8) & 255, k0) + Math.imul((w2 >> 16) & 255, G2Y) + Math.imul(w2 >>> 24, k2) + Y_HALF) >> 15;
          dw[q] = p0 | (p1 << 8) | (p2 << 16) | (p3 << 24);
        }
        k = groups << 2;
      }
      si += 3 * k;
      di += k;
    }
    for (; k < n; k++, si += 3) d[di++] = (Math.imul(s[si], k0) + Math.imul(s[si + 1], G2Y) + Math.imul(s[si + 2], k2) + Y_HALF) >> 15;
  };
}

// Eight RGB pixels (six words) per iteration into two output words; returns the pixels done.
// One copy per channel order, so that each reads its own constant tables.
function grayPairsRgb(sw: Int32Array, dw: Int32Array): number {
  const lo = gray().rgbLo, hi = gray().rgbHi, pairs = dw.length >> 1;
  for (let q = 0, j = 0; q < 2 * pairs; q += 2, j += 6) {
    const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2], w3 = sw[j + 3], w4 = sw[j + 4], w5 = sw[j + 5];
    dw[q] = ((lo[w0 & 0xffff] + Math.imul((w0 >> 16) & 255, B2Y)) >> 15) |
      (((Math.imul(w0 >>> 24, R2Y) + hi[w1 & 0xffff]) >> 15) << 8) |
      (((lo[w1 >>> 16] + Math.imul(w2 & 255, B2Y)) >> 15) << 16) |
      (((Math.imul((w2 >> 8) & 255, R2Y) + hi[w2 >>> 16]) >> 15) << 24);
    dw[q + 1] = ((lo[w3 & 0xffff] + Math.imul((w3 >> 16) & 255, B2Y)) >> 15) |
      (((Math.imul(w3 >>> 24, R2Y) + hi[w4 & 0xffff]) >> 15) << 8) |
      (((lo[w4 >>> 16] + Math.imul(w5 & 255, B2Y)) >> 15) << 16) |
      (((Math.imul((w5 >> 8) & 255, R2Y) + hi[w5 >>> 16]) >> 15) << 24);
  }
  return pairs << 3;
}

function grayPairsBgr(sw: Int32Array, dw: Int32Array): number {
  const lo = gray().bgrLo, hi = gray().bgrHi, pairs = dw.length >> 1;
  for (let q = 0, j = 0; q < 2 * pairs; q += 2, j += 6) {
    const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2], w3 = sw[j + 3], w4 = sw[j + 4], w5 = sw[j + 5];
    dw[q] = ((lo[w0 & 0xffff] + Math.imul((w0 >> 16) & 255, R2Y)) >> 15) |
      (((Math.imul(w0 >>> 24, B2Y) + hi[w1 & 0xffff]) >> 15) << 8) |
      (((lo[w1 >>> 16] + Math.imul(w2 & 255, R2Y)) >> 15) << 16) |
      (((Math.imul((w2 >> 8) & 255, B2Y) + hi[w2 >>> 16]) >> 15) << 24);
    dw[q + 1] = ((lo[w3 & 0xffff] + Math.imul((w3 >> 16) & 255, R2Y)) >> 15) |
      (((Math.imul(w3 >>> 24, B2Y) + hi[w4 & 0xffff]) >> 15) << 8) |
      (((lo[w4 >>> 16] + Math.imul(w5 & 255, R2Y)) >> 15) << 16) |
      (((Math.imul((w5 >> 8) & 255, B2Y) + hi[w5 >>> 16]) >> 15) << 24);
  }
  return pairs << 3;
}

/** 4 channels (the 4th ignored): one word per pixel. */
function gray4(k0: number, k2: number): Kernel {
  return (s, si, d, di, n) => {
    if (LITTLE_ENDIAN && isWordAligned(s, si)) {
      const sw = new Int32Array(s.buffer, s.byteOffset + si, n);
      for (let k = 0; k < n; k++) {
        const p = sw[k];
        d[di + k] = (Math.imul(p & 255, k0) + Math.imul((p >> 8) & 255, G2Y) + Math.imul((p >> 16) & 255, k2) + Y_HALF) >> 15;
      }
      return;
    }
    for (let k = 0; k < n; k++, si += 4) d[di + k] = (Math.imul(s[si], k0) + Math.imul(s[si + 1], G2Y) + Math.imul(s[si + 2], k2) + Y_HALF) >> 15;
  };
}

// ---------------------------------------------------------------------------------------------
// Channel shuffles.

/** RGB ↔ BGR on 3 channels: bytes 0 and 2 of every pixel swap places. */
const swap3: Kernel = (s, si, d, di, n) => {
  let k = 0;
  if (LITTLE_ENDIAN && n >= 4 && isWordAligned(s, si) && isWordAligned(d, di)) {
    // [r0 g0 b0 r1][g1 b1 r2 g2][b2 r3 g3 b3] → [b0 g0 r0 b1][g1 r1 b2 g2][r2 b3 g3 r3]
    const groups = n >> 2;
    const sw = new Int32Array(s.buffer, s.byteOffset + si, groups * 3);
    const dw = new Int32Array(d.buffer, d.byteOffset + di, groups * 3);
    for (let j = 0; j < groups * 3; j += 3) {
      const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
      dw[j] = ((w0 >>> 16) & 0xff) | (w0 & 0xff00) | ((w0 & 0xff) << 16) | ((w1 << 16) & 0xff000000);
      dw[j + 1] = (w1 & 0xff) | ((w0 >>> 24) << 8) | ((w2 & 0xff) << 16) | (w1 & 0xff000000);
      dw[j + 2] = ((w1 >>> 16) & 0xff) | ((w2 >>> 24) << 8) | (w2 & 0xff0000) | ((w2 << 16) & 0xff000000);
    }
    k = groups << 2;
    si += 3 * k;
    di += 3 * k;
  }
  for (; k < n; k++, si += 3, di += 3) {
    const r = s[si], g = s[si + 1], b = s[si + 2];
    d[di] = b; d[di + 1] = g; d[di + 2] = r;
  }
};

/** 4 → 3 channels: drops the 4th, swapping bytes 0 and 2 when `swap`. */
function drop4(swap: boolean): Kernel {
  return (s, si, d, di, n) => {
    let k = 0;
    if (LITTLE_ENDIAN && n >= 4 && isWordAligned(s, si) && isWordAligned(d, di)) {
      const groups = n >> 2;
      const sw = new Int32Array(s.buffer, s.byteOffset + si, groups * 4);
      const dw = new Int32Array(d.buffer, d.byteOffset + di, groups * 3);
      for (let q = 0, j = 0, o = 0; q < groups; q++, j += 4, o += 3) {
        let p0 = sw[j], p1 = sw[j + 1], p2 = sw[j + 2], p3 = sw[j + 3];
        if (swap) {
          p0 = ((p0 >>> 16) & 0xff) | (p0 & 0xff00) | ((p0 & 0xff) << 16);
          p1 = ((p1 >>> 16) & 0xff) | (p1 & 0xff00) | ((p1 & 0xff) << 16);
          p2 = ((p2 >>> 16) & 0xff) | (p2 & 0xff00) | ((p2 & 0xff) << 16);
          p3 = ((p3 >>> 16) & 0xff) | (p3 & 0xff00) | ((p3 & 0xff) << 16);
        }
        dw[o] = (p0 & 0xffffff) | (p1 << 24);
        dw[o + 1] = ((p1 >>> 8) & 0xffff) | (p2 << 16);
        dw[o + 2] = ((p2 >>> 16) & 0xff) | (p3 << 8);
      }
      k = groups << 2;
      si += 4 * k;
      di += 3 * k;
    }
    const b0 = swap ? 2 : 0, b2 = swap ? 0 : 2;
    for (; k < n; k++, si += 4, di += 3) {
      d[di] = s[si + b0]; d[di + 1] = s[si + 1]; d[di + 2] = s[si + b2];
    }
  };
}

/** 3 → 4 channels with alpha 255. */
const rgb2rgba: Kernel = (s, si, d, di, n) => {
  let k = 0;
  if (LITTLE_ENDIAN && n >= 4 && isWordAligned(s, si) && isWordAligned(d, di)) {
    const groups = n >> 2;
    const sw = new Int32Array(s.buffer, s.byteOffset + si, groups * 3);
    const dw = new Int32Array(d.buffer, d.byteOffset + di, groups * 4);
    for (let j = 0, o = 0; j < groups * 3; j += 3, o += 4) {
      const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
      dw[o] = w0 | 0xff000000;
      dw[o + 1] = (w0 >>> 24) | (w1 << 8) | 0xff000000;
      dw[o + 2] = (w1 >>> 16) | (w2 << 16) | 0xff000000;
      dw[o + 3] = (w2 >>> 8) | 0xff000000;
    }
    k = groups << 2;
    si += 3 * k;
    di += 4 * k;
  }
  for (; k < n; k++, si += 3, di += 4) {
    d[di] = s[si]; d[di + 1] = s[si + 1]; d[di + 2] = s[si + 2]; d[di + 3] = 255;
  }
};

/** 1 → 3 channels: gray repeated. */
const gray2rgb: Kernel = (s, si, d, di, n) => {
  let k = 0;
  if (LITTLE_ENDIAN && n >= 4 && isWordAligned(s, si) && isWordAligned(d, di)) {
    const groups = n >> 2;
    const sw = new Int32Array(s.buffer, s.byteOffset + si, groups);
    const dw = new Int32Array(d.buffer, d.byteOffset + di, groups * 3);
    for (let q = 0, o = 0; q < groups; q++, o += 3) {
      const g = sw[q];
      const g1 = (g >> 8) & 0xff, g2 = (g >> 16) & 0xff;
      // [g0 g1 g2 g3] → [g0 g0 g0 g1][g1 g1 g2 g2][g2 g3 g3 g3]
      dw[o] = Math.imul(g & 0xff, 0x010101) | (g1 << 24);
      dw[o + 1] = Math.imul(g1, 0x0101) | Math.imul(g2, 0x01010000);
      dw[o + 2] = g2 | Math.imul(g >>> 24, 0x01010100);
    }
    k = groups << 2;
    di += 3 * k;
  }
  for (; k < n; k++, di += 3) {
    const g = s[si + k];
    d[di] = g; d[di + 1] = g; d[di + 2] = g;
  }
};

/** 1 → 4 channels: gray repeated, alpha 255. */
const gray2rgba: Kernel = (s, si, d, di, n) => {
  if (LITTLE_ENDIAN && isWordAligned(d, di)) {
    const dw = new Int32Array(d.buffer, d.byteOffset + di, n);
    for (let k = 0; k < n; k++) dw[k] = Math.imul(s[si + k], 0x010101) | 0xff000000;
    return;
  }
  for (let k = 0; k < n; k++, di += 4) {
    const g = s[si + k];
    d[di] = g; d[di + 1] = g; d[di + 2] = g; d[di + 3] = 255;
  }
};

/** Same channel count in and out (`RGB2RGBA` on 4 channels, `RGBA2RGB` on 3): a copy, as in cv2. */
function copyPixels(c: number): Kernel {
  return (s, si, d, di, n) => {
    if (s === d && si === di) return;
    d.set(s.subarray(si, si + n * c), di);
  };
}

// ---------------------------------------------------------------------------------------------
// RGB → HSV (8-bit, H in 0..179): OpenCV's integer algorithm with 12-bit division tables,
//   v = max, diff = v − min, s = (diff·sdiv[v] + 2^11) >> 12,
//   h = (g − b | b − r + 2·diff | r − g + 4·diff)·hdiv[diff] + 2^11 >> 12 (by which of r, g is v),
//   h += 180 when negative; sdiv[i] = round(255·2^12 / i), hdiv[i] = round(180·2^12 / (6i)).

// 2 KB, filled at load: module-level constants so that V8 drops their bounds checks.
const SDIV = /* @__PURE__ */ divTable(255, 1);
const HDIV = /* @__PURE__ */ divTable(180, 6);

function divTable(scale: number, k: number): Int32Array {
  const t = new Int32Array(256);
  for (let i = 1; i < 256; i++) t[i] = roundHalfEven((scale << 12) / (k * i));
  return t;
}

/** One pixel → h | s << 8 | v << 16 (`sdiv`, `hdiv`: SDIV and HDIV, passed in so that hot loops hold them in locals). */
function hsvPixel(r: number, g: number, b: number, sdiv: Int32Array, hdiv: Int32Array): number {
  let v = b > g ? b : g;
  if (r > v) v = r;
  let lo = b < g ? b : g;
  if (r < lo) lo = r;
  const diff = v - lo;
  let h = v === r ? g - b : v === g ? b - r + 2 * diff : r - g + 4 * diff;
  h = (Math.imul(h, hdiv[diff]) + 2048) >> 12;
  h += (h >> 31) & 180;
  return h | (((Math.imul(diff, sdiv[v]) + 2048) >> 12) << 8) | (v << 16);
}

/** `scn` input channels; `bidx` is where blue is (2 for RGB, 0 for BGR). */
function rgb2hsv(scn: number, bidx: number): Kernel {
  const ridx = bidx ^ 2;
  return (s, si, d, di, n) => {
    let k = 0;
    if (scn === 3 && LITTLE_ENDIAN && n >= 4 && isWordAligned(s, si) && isWordAligned(d, di)) {
      // Three words in, three words out for four pixels (reads before writes: safe in place).
      const groups = n >> 2;
      const sw = new Int32Array(s.buffer, s.byteOffset + si, groups * 3);
      const dw = new Int32Array(d.buffer, d.byteOffset + di, groups * 3);
      if (bidx === 2) hsvWordsRgb(sw, dw);
      else hsvWordsBgr(sw, dw);
      k = groups << 2;
      si += 3 * k;
      di += 3 * k;
    }
    for (; k < n; k++, si += scn, di += 3) {
      const p = hsvPixel(s[si + ridx], s[si + 1], s[si + bidx], SDIV, HDIV);
      d[di] = p & 255; d[di + 1] = (p >> 8) & 255; d[di + 2] = p >> 16;
    }
  };
}

function hsvWordsRgb(sw: Int32Array, dw: Int32Array): void {
  const sdiv = SDIV, hdiv = HDIV;
  for (let j = 0; j < sw.length; j += 3) {
    const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
    const p0 = hsvPixel(w0 & 255, (w0 >> 8) & 255, (w0 >> 16) & 255, sdiv, hdiv);
    const p1 = hsvPixel(w0 >>> 24, w1 & 255, (w1 >> 8) & 255, sdiv, hdiv);
    const p2 = hsvPixel((w1 >> 16) & 255, w1 >>> 24, w2 & 255, sdiv, hdiv);
    const p3 = hsvPixel((w2 >> 8) & 255, (w2 >> 16) & 255, w2 >>> 24, sdiv, hdiv);
    dw[j] = p0 | (p1 << 24);
    dw[j + 1] = (p1 >>> 8) | (p2 << 16);
    dw[j + 2] = (p2 >>> 16) | (p3 << 8);
  }
}

function hsvWordsBgr(sw: Int32Array, dw: Int32Array): void {
  const sdiv = SDIV, hdiv = HDIV;
  for (let j = 0; j < sw.length; j += 3) {
    const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
    const p0 = hsvPixel((w0 >> 16) & 255, (w0 >> 8) & 255, w0 & 255, sdiv, hdiv);
    const p1 = hsvPixel((w1 >> 8) & 255, w1 & 255, w0 >>> 24, sdiv, hdiv);
    const p2 = hsvPixel(w2 & 255, w1 >>> 24, (w1 >> 16) & 255, sdiv, hdiv);
    const p3 = hsvPixel(w2 >>> 24, (w2 >> 16) & 255, (w2 >> 8) & 255, sdiv, hdiv);
    dw[j] = p0 | (p1 << 24);
    dw[j + 1] = (p1 >>> 8) | (p2 << 16);
    dw[j + 2] = (p2 >>> 16) | (p3 << 8);
  }
}

// ---------------------------------------------------------------------------------------------
// HSV → RGB (8-bit). OpenCV converts to float32 (s, v scaled by 1/255, h by 6/180), picks the
// sector, and scales the result back by 255. Its vector loop (blocks of 32 pixels from the start
// of each row, as dispatched for AVX2) truncates and fuses both multiply-subtracts; the scalar
// tail of each row rounds half to even and fuses only the first. Both are reproduced exactly
// (verified on all 2^24 inputs): `fround` after every float32 step, and `fround(1 − s·h)`
// computed in float64 for a fused multiply-subtract (s·h is exact in float64).

const HSV_BLOCK = 32;
const SECTORS = [[1, 3, 0], [1, 0, 2], [3, 0, 1], [0, 2, 1], [0, 1, 3], [2, 1, 0]]; // tab index of b, g, r

interface HsvTables {
  /** Per byte: `fround(x · fround(1/255))`. */
  unit: Float32Array;
  /** Per S byte: `fround(1 − s)`. */
  oneMinusS: Float32Array;
  /** Per H byte, vector and scalar flavours: sector (0..5) and fractional part. */
  secV: Uint8Array; fracV: Float32Array; secS: Uint8Array; fracS: Float32Array;
  /** Per V byte: the vector (truncated) and scalar (rounded) 8-bit value of v itself. */
  vTrunc: Uint8Array; vRound: Uint8Array;
}

let HSV_TABLES: HsvTables | undefined;

function hsv2rgbTables(): HsvTables {
  if (HSV_TABLES) return HSV_TABLES;
  const inv255 = fround(1 / 255), hscale = fround(6 / 180), sixth = fround(1 / 6);
  const t: HsvTables = {
    unit: new Float32Array(256), oneMinusS: new Float32Array(256),
    secV: new Uint8Array(256), fracV: new Float32Array(256), secS: new Uint8Array(256), fracS: new Float32Array(256),
    vTrunc: new Uint8Array(256), vRound: new Uint8Array(256),
  };
  for (let i = 0; i < 256; i++) {
    const u = fround(i * inv255);
    t.unit[i] = u;
    t.oneMinusS[i] = fround(1 - u);
    t.vTrunc[i] = Math.trunc(fround(u * 255));
    t.vRound[i] = roundHalfEven(fround(u * 255));
    const hh = fround(i * hscale);
    // Vector: sector = trunc(h) − trunc(trunc(h)·(1/6))·6, fraction h − trunc(h).
    const pre = Math.trunc(hh);
    t.secV[i] = pre - Math.trunc(fround(pre * sixth)) * 6;
    t.fracV[i] = fround(hh - pre);
    // Scalar: h = fmod(h, 6), sector = floor(h), fraction h − sector.
    const m = hh % 6, sec = Math.floor(m);
    t.secS[i] = sec >= 0 && sec < 6 ? sec : 0;
    t.fracS[i] = sec >= 0 && sec < 6 ? fround(m - sec) : 0;
  }
  HSV_TABLES = t;
  return t;
}

/** One row of `n` HSV pixels; `bidx` is where blue goes (2 for RGB, 0 for BGR). */
function hsv2rgbRow(s: Uint8Array, si: number, d: Uint8Array, di: number, n: number, bidx: number): void {
  const t = hsv2rgbTables();
  const { unit, oneMinusS } = t;
  const ridx = bidx ^ 2;
  const vector = n - (n % HSV_BLOCK);
  // Vector part: fused multiply-subtracts, truncation.
  const { secV, fracV, vTrunc } = t;
  for (let k = 0; k < vector; k++, si += 3, di += 3) {
    const H = s[si], S = s[si + 1], V = s[si + 2];
    const sf = unit[S], vf = unit[V], f = fracV[H];
    const t0 = vTrunc[V];
    const t1 = fround(fround(vf * oneMinusS[S]) * 255) | 0;
    const t2 = fround(fround(vf * fround(1 - sf * f)) * 255) | 0;
    const t3 = fround(fround(vf * fround(1 - sf * fround(1 - f))) * 255) | 0;
    let b: number, g: number, r: number;
    switch (secV[H]) {
      case 0: b = t1; g = t3; r = t0; break;
      case 1: b = t1; g = t0; r = t2; break;
      case 2: b = t3; g = t0; r = t1; break;
      case 3: b = t0; g = t2; r = t1; break;
      case 4: b = t0; g = t1; r = t3; break;
      default: b = t2; g = t1; r = t0; break;
    }
    d[di + bidx] = b; d[di + 1] = g; d[di + ridx] = r;
  }
  // Scalar tail: the first multiply-subtract fused, the second not; rounding half to even.
  const { secS, fracS, vRound } = t;
  const tab = [0, 0, 0, 0];
  for (let k = vector; k < n; k++, si += 3, di += 3) {
    const H = s[si], S = s[si + 1], V = s[si + 2];
    const sf = unit[S], vf = unit[V], f = fracS[H];
    tab[0] = vRound[V];
    tab[1] = roundByte(fround(fround(vf * oneMinusS[S]) * 255));
    tab[2] = roundByte(fround(fround(vf * fround(1 - sf * f)) * 255));
    tab[3] = roundByte(fround(fround(vf * fround(1 - fround(sf * fround(1 - f)))) * 255));
    const sec = SECTORS[secS[H]];
    d[di + bidx] = tab[sec[0]]; d[di + 1] = tab[sec[1]]; d[di + ridx] = tab[sec[2]];
  }
}

function roundByte(x: number): number {
  const r = roundHalfEven(x);
  return r < 0 ? 0 : r > 255 ? 255 : r;
}

// ---------------------------------------------------------------------------------------------
// inRange

/** A bound of `inRange`: a number (every channel), one number per channel, or an image of `a`'s shape. */
export type RangeBound = number | readonly number[] | PixelArray;

/**
 * `cv2.inRange(a, lower, upper)`: an `H×W×1` mask, 255 where `lower ≤ value ≤ upper` on every
 * channel, else 0. Bounds are numbers (every channel), one number per channel, or images of the
 * shape of `a` (per-element bounds). Non-integer numbers are rounded half to even first, as
 * OpenCV converts its Scalar bounds to integers.
 */
export function inRange(a: PixelArray, lower: RangeBound, upper: RangeBound, options?: OutOptions): PixelArray {
  if (arguments.length > 4) throw tooManyArguments('inRange', ['a', 'lower', 'upper', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const [h, w, c] = a.shape;
  const lo = bound(lower, a, 'lower'), hi = bound(upper, a, 'upper');
  const shape: Shape = [h, w, 1];
  const out = checkOut(checkOptions(options).out, shape);
  const inputs = [a, ...[lo, hi].filter((b): b is PixelArray => b instanceof PixelArray)];
  const dst = startOutput(shape, out, inputs);
  if (h > 0 && w > 0) {
    if (lo instanceof PixelArray || hi instanceof PixelArray) inRangeImages(a, lo, hi, dst);
    else {
      // One table per channel: 255 inside the channel's range, 0 outside; a pixel is the AND.
      const lut = new Uint8Array(c * 256);
      for (let k = 0; k < c; k++) {
        const from = Math.max(0, lo[k]), to = Math.min(255, hi[k]);
        if (from <= to) lut.fill(255, k * 256 + from, k * 256 + to + 1);
      }
      const src = withContiguousRows(a);
      runs(src, dst, maskKernel(lut, c));
    }
  }
  return finishOutput(dst, out);
}

function bound(b: unknown, a: PixelArray, name: string): number[] | PixelArray {
  if (b instanceof PixelArray) {
    checkSameShape(a, b, 'a', name);
    return b;
  }
  if (typeof b !== 'number' && !Array.isArray(b)) throw typeError(name, 'a number, an array of per-channel numbers or a PixelArray', b);
  return checkRealScalar(b, a.shape[2], name).map(roundHalfEven);
}

function maskKernel(lut: Uint8Array, c: number): Kernel {
  if (c === 1) return (s, si, d, di, n) => { for (let k = 0; k < n; k++) d[di + k] = lut[s[si + k]]; };
  if (c === 3) {
    // Tables of 32-bit words (255 or 0) so that four pixels' results pack into one output word.
    const t = new Int32Array(768);
    for (let i = 0; i < 768; i++) t[i] = lut[i] ? -1 : 0;
    return (s, si, d, di, n) => {
      let k = 0;
      if (LITTLE_ENDIAN && n >= 4 && isWordAligned(s, si) && isWordAligned(d, di)) {
        const groups = n >> 2;
        maskWords3(new Int32Array(s.buffer, s.byteOffset + si, groups * 3), new Int32Array(d.buffer, d.byteOffset + di, groups), t);
        k = groups << 2;
        si += 3 * k;
      }
      for (; k < n; k++, si += 3) d[di + k] = lut[s[si]] & lut[256 + s[si + 1]] & lut[512 + s[si + 2]];
    };
  }
  return (s, si, d, di, n) => {
    for (let k = 0; k < n; k++, si += c) {
      let m = 255;
      for (let ch = 0; ch < c; ch++) m &= lut[(ch << 8) + s[si + ch]];
      d[di + k] = m;
    }
  };
}

/** RGB words [r0 g0 b0 r1][g1 b1 r2 g2][b2 r3 g3 b3] → one word of four 0/255 results. */
function maskWords3(sw: Int32Array, dw: Int32Array, t: Int32Array): void {
  for (let q = 0, j = 0; q < dw.length; q++, j += 3) {
    const a = sw[j], b = sw[j + 1], c = sw[j + 2];
    const m0 = t[a & 255] & t[256 + ((a >> 8) & 255)] & t[512 + ((a >> 16) & 255)];
    const m1 = t[a >>> 24] & t[256 + (b & 255)] & t[512 + ((b >> 8) & 255)];
    const m2 = t[(b >> 16) & 255] & t[256 + (b >>> 24)] & t[512 + (c & 255)];
    const m3 = t[(c >> 8) & 255] & t[256 + ((c >> 16) & 255)] & t[512 + (c >>> 24)];
    dw[q] = (m0 & 0xff) | (m1 & 0xff00) | (m2 & 0xff0000) | (m3 & 0xff000000);
  }
}

/** Per-element bounds (either may still be per-channel numbers). */
function inRangeImages(a: PixelArray, lo: number[] | PixelArray, hi: number[] | PixelArray, dst: PixelArray): void {
  const [h, w, c] = a.shape;
  const at = (b: number[] | PixelArray, y: number, x: number, k: number): number =>
    b instanceof PixelArray ? b.data[b.offset + y * b.stride[0] + x * b.stride[1] + k * b.stride[2]] : b[k];
  const [s0, s1, s2] = a.stride;
  for (let y = 0, o = dst.offset; y < h; y++) {
    for (let x = 0; x < w; x++, o++) {
      let inside = true;
      for (let k = 0; k < c && inside; k++) {
        const v = a.data[a.offset + y * s0 + x * s1 + k * s2];
        inside = v >= at(lo, y, x, k) && v <= at(hi, y, x, k);
      }
      dst.data[o] = inside ? 255 : 0;
    }
  }
}
