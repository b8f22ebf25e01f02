// Pillow Image.convert between 'L', 'LA', 'RGB' and 'RGBA' (libImaging/Convert.c), and the
// premultiplied 'La' / 'RGBa' forms Pillow resamples images with alpha in.
import { checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { clone, finishOutput, startOutput } from '../core/copy.ts';
import { PixelArray, type Shape } from '../core/pixelarray.ts';
import { channelsOfMode, checkPillowImage, type PillowMode } from './modes.ts';
import { tooManyArguments } from '../core/errors.ts';

/** Options of `convert` (Pillow). */
export interface ConvertOptions {
  /** Write the result here (shape `[h, w, channels of mode]`) instead of allocating; returned. */
  out?: PixelArray;
}

/** Pillow's luma: `L24(rgb) >> 16`, ITU-R 601-2 weights in 16-bit fixed point, rounded. */
function luma(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
}

/**
 * Pillow `Image.convert(mode)` for `mode` `'L'`, `'LA'`, `'RGB'` or `'RGBA'`, the mode of `a` being
 * given by its channel count (1 L, 2 LA, 3 RGB, 4 RGBA). Bit for bit Convert.c: to L (and LA) from
 * RGB(A) `(R·19595 + G·38470 + B·7471 + 0x8000) >> 16` (alpha ignored); from L(A) to RGB(A) the gray
 * value replicated; a missing alpha becomes 255; dropping alpha just drops it (no compositing).
 * Converting to the image's own mode returns a copy. Always a new contiguous image (or `out`).
 */
export function convert(a: PixelArray, mode: PillowMode, options?: ConvertOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('convert', ['a', 'mode', 'options'], arguments.length);
  checkPillowImage(a, 'a');
  const dc = channelsOfMode(mode, 'mode');
  const o = checkOptions(options);
  checkOptionKeys(o, ['out']);
  const [h, w, sc] = a.shape;
  const shape: Shape = [h, w, dc];
  const out = checkOut(o.out, shape);
  if (sc === dc) return clone(a, { out });
  const dst = startOutput(shape, out, [a]);
  convertInto(a, dst, sc, dc);
  return finishOutput(dst, out);
}

/** Converts any view `a` (sc channels) into the contiguous `dst` (dc channels). */
function convertInto(a: PixelArray, dst: PixelArray, sc: number, dc: number): void {
  const [h, w] = a.shape;
  const s = a.data, d = dst.data;
  const [s0, s1, s2] = a.stride;
  let di = dst.offset;
  for (let y = 0; y < h; y++) {
    let si = a.offset + y * s0;
    if (sc <= 2) {
      // From L or LA: the gray value, replicated; alpha from LA or 255.
      const hasA = sc === 2;
      for (let x = 0; x < w; x++, si += s1) {
        const v = s[si];
        const al = hasA ? s[si + s2] : 255;
        if (dc === 1) d[di++] = v;
        else if (dc === 2) { d[di++] = v; d[di++] = al; } else if (dc === 3) { d[di++] = v; d[di++] = v; d[di++] = v; } else { d[di++] = v; d[di++] = v; d[di++] = v; d[di++] = al; }
      }
    } else {
      const hasA = sc === 4;
      for (let x = 0; x < w; x++, si += s1) {
        const r = s[si], g = s[si + s2], b = s[si + 2 * s2];
        const al = hasA ? s[si + 3 * s2] : 255;
        if (dc === 1) d[di++] = luma(r, g, b);
        else if (dc === 2) { d[di++] = luma(r, g, b); d[di++] = al; } else if (dc === 3) { d[di++] = r; d[di++] = g; d[di++] = b; } else { d[di++] = r; d[di++] = g; d[di++] = b; d[di++] = al; }
      }
    }
  }
}

/**
 * Convert.c's `rgbA2rgba` / `lA2la` (RGBA → 'RGBa', LA → 'La'): each colour channel times alpha
 * by `MULDIV255`, `t = v·a + 128; ((t >> 8) + t) >> 8`. A new contiguous array of the same shape
 * (2 or 4 channels; the last one is alpha).
 */
export function premultiply(a: PixelArray): PixelArray {
  const c = a.shape[2];
  const src = clone(a);
  const d = src.data;
  for (let i = 0; i < d.length; i += c) {
    const al = d[i + c - 1];
    for (let k = 0; k < c - 1; k++) {
      const t = d[i + k] * al + 128;
      d[i + k] = ((t >> 8) + t) >> 8;
    }
  }
  return src;
}

/**
 * Convert.c's `rgba2rgbA` / `la2lA` ('RGBa' → RGBA, 'La' → LA), in place on a contiguous array:
 * where alpha is neither 0 nor 255, each colour channel becomes `min(255, ⌊255·v / alpha⌋)`.
 */
export function unpremultiplyInPlace(a: PixelArray): PixelArray {
  const c = a.shape[2];
  const d = a.data;
  const end = a.offset + a.size;
  for (let i = a.offset; i < end; i += c) {
    const al = d[i + c - 1];
    if (al === 255 || al === 0) continue;
    for (let k = 0; k < c - 1; k++) {
      const v = ((255 * d[i + k]) / al) | 0;
      d[i + k] = v > 255 ? 255 : v;
    }
  }
  return a;
}
