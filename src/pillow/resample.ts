// Pillow Image.resize and Image.thumbnail (PIL/Image.py, libImaging/Resample.c, the nearest
// neighbour of Geometry.c's ImagingScaleAffine), bit for bit Pillow 9.4 on 8-bit images.
import { checkFinite, checkInt, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { clone, finishOutput, startOutput, withContiguousRows } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { PixelArray, type Shape } from '../core/pixelarray.ts';
import { premultiply, unpremultiplyInPlace } from './convert.ts';
import { checkPillowImage, hasAlpha } from './modes.ts';
import { reduceImage } from './reduce.ts';

/** Pillow's resampling filters; Pillow's numbers are the indexes of `RESAMPLE_FILTERS`. */
export type ResampleName = 'nearest' | 'lanczos' | 'bilinear' | 'bicubic' | 'box' | 'hamming';
/** A filter name (lower or upper case, `'NEAREST'`…) or Pillow's `Image.Resampling` number 0–5. */
export type Resample = ResampleName | Uppercase<ResampleName> | 0 | 1 | 2 | 3 | 4 | 5;

/** `Image.Resampling` in number order: NEAREST 0, LANCZOS 1, BILINEAR 2, BICUBIC 3, BOX 4, HAMMING 5. */
export const RESAMPLE_FILTERS: readonly ResampleName[] = ['nearest', 'lanczos', 'bilinear', 'bicubic', 'box', 'hamming'];

/** Options of `resize` (Pillow). */
export interface ResizeOptions {
  /** The filter (default `'bicubic'`, as Image.resize for 8-bit modes). */
  resample?: Resample;
  /** The source region `[left, upper, right, lower]` to scale, floats allowed (default: the whole image). */
  box?: readonly [number, number, number, number];
  /**
   * Image.resize's `reducing_gap`: first `reduce` by the integer factor `⌊box size / size / gap⌋`,
   * then resample the rest. `undefined`/`null`: no first step. Must be ≥ 1.
   */
  reducingGap?: number | null;
  /** Write the result here (shape `[h, w, channels]`) instead of allocating; returned. */
  out?: PixelArray;
}

/** Options of `thumbnail` (Pillow). */
export interface ThumbnailOptions {
  /** The filter (default `'bicubic'`). */
  resample?: Resample;
  /** Image.thumbnail's `reducing_gap` (default 2; `null` for none). */
  reducingGap?: number | null;
  /** Write the result here instead of allocating; returned. */
  out?: PixelArray;
}

// --------------------------------------------------------------------------------------------
// Filters (Resample.c), in double precision as there

function boxFilter(x: number): number {
  return x > -0.5 && x <= 0.5 ? 1 : 0;
}
function bilinearFilter(x: number): number {
  if (x < 0) x = -x;
  return x < 1 ? 1 - x : 0;
}
const F054 = /* @__PURE__ */ Math.fround(0.54), F046 = /* @__PURE__ */ Math.fround(0.46);
function hammingFilter(x: number): number {
  if (x < 0) x = -x;
  if (x === 0) return 1;
  if (x >= 1) return 0;
  x = x * Math.PI;
  // 0.54f + 0.46f * cos(x): float constants widened to double.
  return (Math.sin(x) / x) * (F054 + F046 * Math.cos(x));
}
function bicubicFilter(x: number): number {
  const a = -0.5;
  if (x < 0) x = -x;
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
  return 0;
}
function sinc(x: number): number {
  if (x === 0) return 1;
  x = x * Math.PI;
  return Math.sin(x) / x;
}
function lanczosFilter(x: number): number {
  return -3 <= x && x < 3 ? sinc(x) * sinc(x / 3) : 0;
}

interface Filter { fn: (x: number) => number; support: number }
/** By Pillow number (index 0, nearest, has no filter). */
const FILTERS: readonly (Filter | null)[] = [
  null,
  { fn: lanczosFilter, support: 3 },
  { fn: bilinearFilter, support: 1 },
  { fn: bicubicFilter, support: 2 },
  { fn: boxFilter, support: 0.5 },
  { fn: hammingFilter, support: 1 },
];

const PRECISION_BITS = 32 - 8 - 2;
const HALF = 1 << (PRECISION_BITS - 1);
const ONE = 1 << PRECISION_BITS;

interface Coeffs { ksize: number; bounds: Int32Array; kk: Int32Array }

/**
 * Resample.c's `precompute_coeffs` (double) followed by `normalize_coeffs_8bpc` (to
 * PRECISION_BITS = 22 bits, rounded half away from zero). `in0`, `in1` are already float32.
 */
function precomputeCoeffs(inSize: number, in0: number, in1: number, outSize: number, filter: Filter): Coeffs {
  // (double)(in1 - in0): the difference of two floats is a float.
  const scale = Math.fround(in1 - in0) / outSize;
  const filterscale = scale < 1 ? 1 : scale;
  const support = filter.support * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const kk = new Int32Array(outSize * ksize);
  const k = new Float64Array(ksize);
  const fn = filter.fn;
  for (let xx = 0; xx < outSize; xx++) {
    const center = in0 + (xx + 0.5) * scale;
    let ww = 0;
    const ss = 1 / filterscale;
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    for (let x = 0; x < xmax; x++) {
      const w = fn((x + xmin - center + 0.5) * ss);
      k[x] = w;
      ww += w;
    }
    for (let x = 0; x < xmax; x++) {
      let v = k[x];
      if (ww !== 0) v /= ww;
      kk[xx * ksize + x] = v < 0 ? Math.trunc(-0.5 + v * ONE) : Math.trunc(0.5 + v * ONE);
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = xmax < 0 ? 0 : xmax;
  }
  return { ksize, bounds, kk };
}

/** clip8: `ss >> PRECISION_BITS` clamped to 0..255. */
function clip8(ss: number): number {
  const v = ss >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** Rows of an image as (data, offset of row 0, row step); pixels in a row are contiguous. */
interface Rows { data: Uint8Array; offset: number; rowStride: number; width: number; height: number; c: number }

function rowsOf(a: PixelArray): Rows {
  const r = withContiguousRows(a);
  return { data: r.data, offset: r.offset, rowStride: r.shape[0] > 1 ? r.stride[0] : r.shape[1] * r.shape[2], width: r.shape[1], height: r.shape[0], c: r.shape[2] };
}

/**
 * ImagingResampleHorizontal_8bpc: `outH` rows of `src` from row `yFirst`, each to `outW` pixels.
 * Every channel of a pixel is summed in the same pass over its window (the sums are Pillow's, in
 * its order; doubles hold them exactly and `clip8` truncates them to int as C does).
 */
function resampleHorizontal(src: Rows, yFirst: number, outH: number, outW: number, co: Coeffs, dst: Uint8Array, dOff: number): void {
  const { data: s, c } = src;
  const { ksize, bounds, kk } = co;
  let di = dOff;
  for (let yy = 0; yy < outH; yy++) {
    const row = src.offset + (yy + yFirst) * src.rowStride;
    for (let xx = 0; xx < outW; xx++) {
      const xmin = bounds[xx * 2], xmax = bounds[xx * 2 + 1];
      const kb = xx * ksize;
      let p = row + xmin * c;
      if (c === 3) {
        let s0 = HALF, s1 = HALF, s2 = HALF;
        for (let x = 0; x < xmax; x++, p += 3) {
          const k = kk[kb + x];
          s0 += s[p] * k; s1 += s[p + 1] * k; s2 += s[p + 2] * k;
        }
        dst[di] = clip8(s0); dst[di + 1] = clip8(s1); dst[di + 2] = clip8(s2);
        di += 3;
      } else if (c === 1) {
        let s0 = HALF;
        for (let x = 0; x < xmax; x++, p++) s0 += s[p] * kk[kb + x];
        dst[di++] = clip8(s0);
      } else if (c === 4) {
        let s0 = HALF, s1 = HALF, s2 = HALF, s3 = HALF;
        for (let x = 0; x < xmax; x++, p += 4) {
          const k = kk[kb + x];
          s0 += s[p] * k; s1 += s[p + 1] * k; s2 += s[p + 2] * k; s3 += s[p + 3] * k;
        }
        dst[di] = clip8(s0); dst[di + 1] = clip8(s1); dst[di + 2] = clip8(s2); dst[di + 3] = clip8(s3);
        di += 4;
      } else {
        for (let ch = 0; ch < c; ch++) {
          let ss = HALF;
          for (let x = 0, q = p + ch; x < xmax; x++, q += c) ss += s[q] * kk[kb + x];
          dst[di++] = clip8(ss);
        }
      }
    }
  }
}

/**
 * ImagingResampleVertical_8bpc: `outH` rows from `src` (all columns). The taps are added row by
 * row into one sum per element (reading memory in order, not down each column); each element's
 * sum still adds its taps in Pillow's order.
 */
function resampleVertical(src: Rows, outH: number, co: Coeffs, dst: Uint8Array, dOff: number): void {
  const { data: s } = src;
  const n = src.width * src.c;
  const { ksize, bounds, kk } = co;
  const sums = new Float64Array(n);
  let di = dOff;
  for (let yy = 0; yy < outH; yy++) {
    const ymin = bounds[yy * 2], ymax = bounds[yy * 2 + 1];
    const kb = yy * ksize;
    sums.fill(HALF);
    for (let y = 0, base = src.offset + ymin * src.rowStride; y < ymax; y++, base += src.rowStride) {
      const k = kk[kb + y];
      for (let i = 0; i < n; i++) sums[i] += s[base + i] * k;
    }
    for (let i = 0; i < n; i++) dst[di++] = clip8(sums[i]);
  }
}

/** ImagingResampleInner: the horizontal pass on the rows the vertical pass needs, then the vertical pass. */
function resampleInner(a: PixelArray, xsize: number, ysize: number, filter: Filter, box: readonly number[], dst: PixelArray): void {
  const [h, w, c] = a.shape;
  const needH = xsize !== w || box[0] !== 0 || box[2] !== xsize;
  const needV = ysize !== h || box[1] !== 0 || box[3] !== ysize;
  const ch = precomputeCoeffs(w, box[0], box[2], xsize, filter);
  const cv = precomputeCoeffs(h, box[1], box[3], ysize, filter);
  const yFirst = cv.bounds[0];
  const yLast = cv.bounds[ysize * 2 - 2] + cv.bounds[ysize * 2 - 1];
  let src = rowsOf(a);
  if (needH) {
    for (let i = 0; i < ysize; i++) cv.bounds[i * 2] -= yFirst;
    const th = yLast - yFirst;
    if (!needV) {
      resampleHorizontal(src, yFirst, th, xsize, ch, dst.data, dst.offset);
      return;
    }
    const tmp = new Uint8Array(th * xsize * c);
    resampleHorizontal(src, yFirst, th, xsize, ch, tmp, 0);
    src = { data: tmp, offset: 0, rowStride: xsize * c, width: xsize, height: th, c };
  }
  if (needV) {
    resampleVertical(src, ysize, cv, dst.data, dst.offset);
    return;
  }
  // Neither pass: a copy.
  clone(a, { out: dst });
}

/**
 * ImagingScaleAffine (Image.resize with NEAREST goes through ImagingTransform's affine path):
 * `x_in = ⌊box0 + (x + 0.5)·sx⌋` accumulated step by step in double as there; pixels mapping
 * outside the image stay 0.
 */
function nearestScale(a: PixelArray, xsize: number, ysize: number, box: readonly number[], dst: PixelArray): void {
  const [h, w, c] = a.shape;
  const a0 = Math.fround(box[2] - box[0]) / xsize;
  const a4 = Math.fround(box[3] - box[1]) / ysize;
  const xintab = new Int32Array(xsize);
  let xo = box[0] + a0 * 0.5;
  let xmin = xsize, xmax = 0;
  for (let x = 0; x < xsize; x++) {
    const xin = xo < 0 ? -1 : Math.trunc(xo);
    if (xin >= 0 && xin < w) {
      xmax = x + 1;
      if (x < xmin) xmin = x;
      xintab[x] = xin;
    }
    xo += a0;
  }
  const [s0, s1, s2] = a.stride;
  const s = a.data, d = dst.data;
  const rowLen = xsize * c;
  let yo = box[1] + a4 * 0.5;
  for (let y = 0; y < ysize; y++) {
    const yi = yo < 0 ? -1 : Math.trunc(yo);
    const drow = dst.offset + y * rowLen;
    d.fill(0, drow, drow + rowLen);
    if (yi >= 0 && yi < h) {
      const srow = a.offset + yi * s0;
      for (let x = xmin; x < xmax; x++) {
        const sp = srow + xintab[x] * s1;
        const dp = drow + x * c;
        for (let k = 0; k < c; k++) d[dp + k] = s[sp + k * s2];
      }
    }
    yo += a4;
  }
}

/** `_imaging.c`'s `_resize`: the crop shortcut, nearest by ImagingScaleAffine, else ImagingResample. */
function coreResize(a: PixelArray, xsize: number, ysize: number, filter: number, boxD: readonly number[], dst: PixelArray): void {
  const box = boxD.map(Math.fround);
  if (box[0] - Math.trunc(box[0]) === 0 && Math.fround(box[2] - box[0]) === xsize &&
      box[1] - Math.trunc(box[1]) === 0 && Math.fround(box[3] - box[1]) === ysize) {
    const x0 = Math.trunc(box[0]), y0 = Math.trunc(box[1]);
    const c = a.shape[2];
    clone(new PixelArray(a.data, [ysize, xsize, c], a.stride, a.offset + y0 * a.stride[0] + x0 * a.stride[1]), { out: dst });
    return;
  }
  if (filter === 0) nearestScale(a, xsize, ysize, box, dst);
  else resampleInner(a, xsize, ysize, FILTERS[filter] as Filter, box, dst);
}

/** `_filters_support` of Image.py, by Pillow number. */
const SUPPORT = [0, 3, 1, 2, 0.5, 1];

function checkResample(v: unknown, name: string): number {
  if (v === undefined) return 3;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 0 && v <= 5) return v;
    throw rangeError(name, 'a Resampling number 0..5 or a filter name', v);
  }
  if (typeof v === 'string') {
    const i = RESAMPLE_FILTERS.indexOf(v.toLowerCase() as ResampleName);
    if (i >= 0 && (v === v.toLowerCase() || v === v.toUpperCase())) return i;
    throw rangeError(name, `one of ${RESAMPLE_FILTERS.join(', ')} (or 0..5)`, v);
  }
  throw typeError(name, 'a filter name or a Resampling number 0..5', v);
}

function checkSize(size: unknown, name = 'size'): [number, number] {
  if (!Array.isArray(size) || size.length !== 2) throw typeError(name, 'an array [width, height]', size);
  // Sides are bounded (2^20) so that a typo fails here, not in the allocation.
  return [checkInt(size[0], `${name}[0] (width)`, 1, 1 << 20), checkInt(size[1], `${name}[1] (height)`, 1, 1 << 20)];
}

function checkGap(v: unknown, name: string): number | null {
  if (v === undefined || v === null) return null;
  const g = checkFinite(v, name);
  if (g < 1) throw rangeError(name, 'a number ≥ 1 (or null)', v);
  return g;
}

function checkFloatBox(box: unknown, w: number, h: number): number[] {
  if (box === undefined) return [0, 0, w, h];
  if (!Array.isArray(box) || box.length !== 4) throw typeError('options.box', 'an array [left, upper, right, lower]', box);
  const b = box.map((v, i) => checkFinite(v, `options.box[${i}]`));
  const f = b.map(Math.fround);
  if (f[0] < 0 || f[1] < 0) throw rangeError('options.box', 'left and upper ≥ 0 (box offset can\'t be negative)', box);
  if (f[2] > w || f[3] > h) throw rangeError('options.box', `right ≤ ${w} and lower ≤ ${h} (box can't exceed original image size)`, box);
  if (f[2] - f[0] < 0 || f[3] - f[1] < 0) throw rangeError('options.box', 'right ≥ left and lower ≥ upper (box can\'t be empty)', box);
  return b;
}

/**
 * Pillow `Image.resize(size, resample, box, reducing_gap)` for 8-bit images (1 channel 'L',
 * 2 'LA', 3 'RGB', 4 'RGBA'), bit for bit Pillow 9.4:
 * - `'box'`, `'bilinear'`, `'hamming'`, `'bicubic'` (default), `'lanczos'`: Resample.c's separable
 *   convolution, coefficients computed in double and normalised to 22-bit fixed point, the
 *   horizontal pass first (on the source rows the vertical pass needs only), then the vertical;
 *   each pass rounds to 8 bits (`clip8`).
 * - `'nearest'`: ImagingScaleAffine (what Image.resize does for NEAREST).
 * - `box` (floats) selects the source region; it is passed to Pillow's C code as float32, as here.
 * - An integer `box` of exactly `size` is a crop; the same size and no box, a copy.
 * - LA and RGBA (except with `'nearest'`) are premultiplied ('La', 'RGBa'), resized and
 *   unpremultiplied, as Image.resize does; Pillow 9.4 then drops `reducing_gap` (it does not pass
 *   it to the inner call), and so does this.
 * - `reducingGap`: Image.resize's `reduce()` by `⌊(box size / size) / gap⌋` on `_get_safe_box`
 *   first, then the resize of the reduced box.
 */
export function resize(a: PixelArray, size: readonly [number, number], options?: ResizeOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('resize', ['a', 'size', 'options'], arguments.length);
  checkPillowImage(a, 'a');
  const [xsize, ysize] = checkSize(size);
  const o = checkOptions(options);
  checkOptionKeys(o, ['resample', 'box', 'reducingGap', 'out']);
  const filter = checkResample(o.resample, 'options.resample');
  const gap = checkGap(o.reducingGap, 'options.reducingGap');
  const [h, w, c] = a.shape;
  const box = checkFloatBox(o.box, w, h);
  const shape: Shape = [ysize, xsize, c];
  const out = checkOut(o.out, shape);
  if (xsize === w && ysize === h && box[0] === 0 && box[1] === 0 && box[2] === w && box[3] === h) return clone(a, { out });
  if (hasAlpha(a) && filter !== 0) {
    const pre = premultiply(a);
    const dst = new PixelArray(new Uint8Array(xsize * ysize * c), shape);
    coreResize(pre, xsize, ysize, filter, box, dst);
    unpremultiplyInPlace(dst);
    return finishOutput(dst, out);
  }
  let src = a;
  let b = box;
  if (gap !== null && filter !== 0) {
    const fx = Math.trunc((b[2] - b[0]) / xsize / gap) || 1;
    const fy = Math.trunc((b[3] - b[1]) / ysize / gap) || 1;
    if (fx > 1 || fy > 1) {
      // Image._get_safe_box
      const sup = SUPPORT[filter] - 0.5;
      const sx = sup * ((b[2] - b[0]) / xsize), sy = sup * ((b[3] - b[1]) / ysize);
      const rb = [Math.max(0, Math.trunc(b[0] - sx)), Math.max(0, Math.trunc(b[1] - sy)),
        Math.min(w, Math.ceil(b[2] + sx)), Math.min(h, Math.ceil(b[3] + sy))];
      src = reduceImage(a, fx, fy, rb);
      b = [(b[0] - rb[0]) / fx, (b[1] - rb[1]) / fy, (b[2] - rb[0]) / fx, (b[3] - rb[1]) / fy];
    }
  }
  const dst = startOutput(shape, out, [a]);
  coreResize(src, xsize, ysize, filter, b, dst);
  return finishOutput(dst, out);
}

/** Image.thumbnail's `preserve_aspect_ratio` (Pillow 9.4); null when the image already fits. */
export function thumbnailSize(width: number, height: number, maxWidth: number, maxHeight: number): [number, number] | null {
  let x = maxWidth, y = maxHeight;
  if (x >= width && y >= height) return null;
  const aspect = width / height;
  const roundAspect = (n: number, key: (v: number) => number): number => {
    const f = Math.floor(n), c = Math.ceil(n);
    return Math.max(key(c) < key(f) ? c : f, 1);
  };
  if (x / y >= aspect) x = roundAspect(y * aspect, (n) => Math.abs(aspect - n / y));
  else y = roundAspect(x / aspect, (n) => (n === 0 ? 0 : Math.abs(aspect - x / n)));
  return [x, y];
}

/**
 * Pillow `Image.thumbnail(size, resample, reducing_gap)`, returning the new image instead of
 * changing `a`: the largest size within `size` (floored) that keeps the aspect ratio as Pillow
 * rounds it (`preserve_aspect_ratio`), never enlarging, then `resize` with `reducingGap`
 * (default 2.0). Pillow's JPEG `draft` step does not apply to pixel arrays. When `a` already fits,
 * a copy.
 */
export function thumbnail(a: PixelArray, size: readonly [number, number], options?: ThumbnailOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('thumbnail', ['a', 'size', 'options'], arguments.length);
  checkPillowImage(a, 'a');
  if (!Array.isArray(size) || size.length !== 2) throw typeError('size', 'an array [width, height]', size);
  const sx = Math.floor(checkFinite(size[0], 'size[0] (width)')), sy = Math.floor(checkFinite(size[1], 'size[1] (height)'));
  if (sx < 1) throw rangeError('size[0] (width)', 'a number ≥ 1', size[0]);
  if (sy < 1) throw rangeError('size[1] (height)', 'a number ≥ 1', size[1]);
  const o = checkOptions(options);
  checkOptionKeys(o, ['resample', 'reducingGap', 'out']);
  const filter = checkResample(o.resample, 'options.resample');
  const gap = o.reducingGap === undefined ? 2 : checkGap(o.reducingGap, 'options.reducingGap');
  const [h, w] = a.shape;
  const target = thumbnailSize(w, h, sx, sy);
  if (target === null || (target[0] === w && target[1] === h)) {
    return clone(a, { out: checkOut(o.out, a.shape) });
  }
  return resize(a, target, { resample: filter as Resample, reducingGap: gap, out: o.out });
}
