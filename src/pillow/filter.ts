// Pillow 9.4's Image.filter with the ImageFilter classes, bit for bit: the built-in 3×3/5×5
// kernels and Kernel (libImaging/Filter.c), GaussianBlur, BoxBlur and UnsharpMask (BoxBlur.c,
// UnsharpMask.c), RankFilter and its Median/Min/Max forms (RankFilter.c), ModeFilter (ModeFilter.c).
import { checkFinite, checkInt, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { contiguous, finishOutput } from '../core/copy.ts';
import { typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { boxBlurBuffer, gaussianBoxRadius, unsharpInPlace } from './boxblur.ts';
import { modeBuffer, rankBuffer } from './rank.ts';

// ---------------------------------------------------------------------------------------------
// helpers shared by the pillow filter, ImageOps, ImageEnhance and ImageChops files (not exported
// from the entry point)

/** `options` checked to be an options object holding only `allowed` keys. */
export function optionsOf<T extends object>(options: T | undefined, allowed: readonly string[], name = 'options'): Partial<T> {
  const o = checkOptions(options, name);
  checkOptionKeys(o, allowed, name);
  return o;
}

/** The elements of `a` in row-major order: a subarray of its data when contiguous (read only). */
export function bytesOf(a: PixelArray): Uint8Array {
  const c = contiguous(a);
  return c.data.subarray(c.offset, c.offset + c.size);
}

/** A fresh contiguous copy of the elements of `a` in row-major order (writable). */
export function copyBytes(a: PixelArray): Uint8Array {
  return bytesOf(a).slice();
}

/** Wraps `bytes` as an image of `shape`, copied into `out` when given (checked by the caller). */
export function result(bytes: Uint8Array, shape: readonly number[], out: PixelArray | undefined): PixelArray {
  return finishOutput(new PixelArray(bytes, shape), out);
}

// ---------------------------------------------------------------------------------------------
// filter specs

/** The names of Pillow's built-in kernels (`ImageFilter.BLUR`, …). */
export type BuiltinFilterName = 'BLUR' | 'CONTOUR' | 'DETAIL' | 'EDGE_ENHANCE' | 'EDGE_ENHANCE_MORE' | 'EMBOSS' |
  'FIND_EDGES' | 'SHARPEN' | 'SMOOTH' | 'SMOOTH_MORE';

/** The filter spec `GaussianBlur(…)` makes, for Pillow's `filter`. */
export interface GaussianBlurSpec { filter: 'GaussianBlur'; radius: number }
/** The filter spec `BoxBlur(…)` makes, for Pillow's `filter`. */
export interface BoxBlurSpec { filter: 'BoxBlur'; radius: number }
/** The filter spec `UnsharpMask(…)` makes, for Pillow's `filter`. */
export interface UnsharpMaskSpec { filter: 'UnsharpMask'; radius: number; percent: number; threshold: number }
/** The filter spec `RankFilter(…)` makes, for Pillow's `filter`. */
export interface RankFilterSpec { filter: 'RankFilter'; size: number; rank: number }
/** The filter spec `MedianFilter(…)` makes, for Pillow's `filter`. */
export interface MedianFilterSpec { filter: 'MedianFilter'; size: number }
/** The filter spec `MinFilter(…)` makes, for Pillow's `filter`. */
export interface MinFilterSpec { filter: 'MinFilter'; size: number }
/** The filter spec `MaxFilter(…)` makes, for Pillow's `filter`. */
export interface MaxFilterSpec { filter: 'MaxFilter'; size: number }
/** The filter spec `ModeFilter(…)` makes, for Pillow's `filter`. */
export interface ModeFilterSpec { filter: 'ModeFilter'; size: number }
/** The filter spec `Kernel(…)` makes, for Pillow's `filter`. */
export interface KernelSpec { filter: 'Kernel'; size: [number, number]; kernel: number[]; scale: number; offset: number }

/** What `filter` accepts: a built-in kernel's name or a plain object made by the functions below. */
export type FilterSpec = BuiltinFilterName | GaussianBlurSpec | BoxBlurSpec | UnsharpMaskSpec | RankFilterSpec |
  MedianFilterSpec | MinFilterSpec | MaxFilterSpec | ModeFilterSpec | KernelSpec;

interface Builtin { size: 3 | 5; scale: number; offset: number; kernel: readonly number[] }

// ImageFilter.py's filterargs: (size, scale, offset, kernel).
const BUILTINS: Record<BuiltinFilterName, Builtin> = {
  BLUR: { size: 5, scale: 16, offset: 0, kernel: [1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1] },
  CONTOUR: { size: 3, scale: 1, offset: 255, kernel: [-1, -1, -1, -1, 8, -1, -1, -1, -1] },
  DETAIL: { size: 3, scale: 6, offset: 0, kernel: [0, -1, 0, -1, 10, -1, 0, -1, 0] },
  EDGE_ENHANCE: { size: 3, scale: 2, offset: 0, kernel: [-1, -1, -1, -1, 10, -1, -1, -1, -1] },
  EDGE_ENHANCE_MORE: { size: 3, scale: 1, offset: 0, kernel: [-1, -1, -1, -1, 9, -1, -1, -1, -1] },
  EMBOSS: { size: 3, scale: 1, offset: 128, kernel: [-1, 0, 0, 0, 1, 0, 0, 0, 0] },
  FIND_EDGES: { size: 3, scale: 1, offset: 0, kernel: [-1, -1, -1, -1, 8, -1, -1, -1, -1] },
  SHARPEN: { size: 3, scale: 16, offset: 0, kernel: [-2, -2, -2, -2, 32, -2, -2, -2, -2] },
  SMOOTH: { size: 3, scale: 13, offset: 0, kernel: [1, 1, 1, 1, 5, 1, 1, 1, 1] },
  SMOOTH_MORE: { size: 5, scale: 100, offset: 0, kernel: [1, 1, 1, 1, 1, 1, 5, 5, 5, 1, 1, 5, 44, 5, 1, 1, 5, 5, 5, 1, 1, 1, 1, 1, 1] },
};

function nonNegative(v: unknown, name: string): number {
  const r = checkFinite(v, name);
  if (r < 0) throw new RangeError(`${name}: expected a number ≥ 0, got ${r}`);
  return r;
}

function oddSize(v: unknown, name: string): number {
  const s = checkInt(v, name, 1, 4095);
  if ((s & 1) === 0) throw new RangeError(`${name}: expected an odd integer (Pillow: "bad filter size"), got ${s}`);
  return s;
}

/**
 * `ImageFilter.GaussianBlur(radius = 2)`: a blur by three extended box passes approximating a
 * Gaussian of standard deviation `radius`. Pillow 9.4 takes one radius for both axes (a pair is
 * refused here, as 9.4's `gaussian_blur` refuses it); a negative radius is refused.
 */
export function GaussianBlur(radius = 2): GaussianBlurSpec {
  if (arguments.length > 1) throw tooManyArguments('GaussianBlur', ['radius'], arguments.length);
  return { filter: 'GaussianBlur', radius: nonNegative(radius, 'radius') };
}

/** `ImageFilter.BoxBlur(radius)`: one extended box pass of (fractional) `radius` along each axis. */
export function BoxBlur(radius: number): BoxBlurSpec {
  if (arguments.length > 1) throw tooManyArguments('BoxBlur', ['radius'], arguments.length);
  return { filter: 'BoxBlur', radius: nonNegative(radius, 'radius') };
}

/** `ImageFilter.UnsharpMask(radius = 2, percent = 150, threshold = 3)` (percent, threshold integers). */
export function UnsharpMask(radius = 2, percent = 150, threshold = 3): UnsharpMaskSpec {
  if (arguments.length > 3) throw tooManyArguments('UnsharpMask', ['radius', 'percent', 'threshold'], arguments.length);
  return {
    filter: 'UnsharpMask', radius: nonNegative(radius, 'radius'),
    percent: checkInt(percent, 'percent', -(2 ** 23), 2 ** 23), threshold: checkInt(threshold, 'threshold', -(2 ** 31), 2 ** 31 - 1),
  };
}

/** `ImageFilter.RankFilter(size, rank)`: the `rank`-th smallest (0-based) of each odd `size × size` window. */
export function RankFilter(size: number, rank: number): RankFilterSpec {
  if (arguments.length > 2) throw tooManyArguments('RankFilter', ['size', 'rank'], arguments.length);
  const s = oddSize(size, 'size');
  return { filter: 'RankFilter', size: s, rank: checkInt(rank, 'rank', 0, s * s - 1) };
}

/** `ImageFilter.MedianFilter(size = 3)`: rank `size² >> 1`. */
export function MedianFilter(size = 3): MedianFilterSpec {
  if (arguments.length > 1) throw tooManyArguments('MedianFilter', ['size'], arguments.length);
  return { filter: 'MedianFilter', size: oddSize(size, 'size') };
}

/** `ImageFilter.MinFilter(size = 3)`: rank 0. */
export function MinFilter(size = 3): MinFilterSpec {
  if (arguments.length > 1) throw tooManyArguments('MinFilter', ['size'], arguments.length);
  return { filter: 'MinFilter', size: oddSize(size, 'size') };
}

/** `ImageFilter.MaxFilter(size = 3)`: rank `size² − 1`. */
export function MaxFilter(size = 3): MaxFilterSpec {
  if (arguments.length > 1) throw tooManyArguments('MaxFilter', ['size'], arguments.length);
  return { filter: 'MaxFilter', size: oddSize(size, 'size') };
}

/** `ImageFilter.ModeFilter(size = 3)`: the most frequent value of each window (see `filter`). */
export function ModeFilter(size = 3): ModeFilterSpec {
  if (arguments.length > 1) throw tooManyArguments('ModeFilter', ['size'], arguments.length);
  return { filter: 'ModeFilter', size: checkInt(size, 'size', 1, 4095) };
}

/**
 * `ImageFilter.Kernel(size, kernel, scale = sum(kernel), offset = 0)`: a 3×3 or 5×5 kernel
 * (`size` 3, 5, `[3, 3]` or `[5, 5]`; Pillow refuses other sizes when filtering), row-major
 * weights. A scale of 0 (Pillow would divide by zero) is refused.
 */
export function Kernel(size: number | readonly [number, number], kernel: readonly number[], scale?: number, offset = 0): KernelSpec {
  if (arguments.length > 4) throw tooManyArguments('Kernel', ['size', 'kernel', 'scale', 'offset'], arguments.length);
  let w: number, h: number;
  if (typeof size === 'number') w = h = size;
  else if (Array.isArray(size) && size.length === 2) [w, h] = size;
  else throw typeError('size', '3, 5, [3, 3] or [5, 5]', size);
  if (!(w === h && (w === 3 || w === 5))) {
    throw new RangeError(`size: expected 3, 5, [3, 3] or [5, 5] (Pillow: "bad kernel size"), got ${JSON.stringify(size)}`);
  }
  if (!Array.isArray(kernel)) throw typeError('kernel', 'an array of numbers', kernel);
  if (kernel.length !== w * h) {
    throw new RangeError(`kernel: expected ${w * h} coefficients for a ${w}×${h} kernel, got ${kernel.length}`);
  }
  const k = kernel.map((v, i) => checkFinite(v, `kernel[${i}]`));
  const s = scale === undefined ? k.reduce((p, q) => p + q) : checkFinite(scale, 'scale');
  if (s === 0) throw new RangeError('scale: expected a nonzero number (the default is the sum of the kernel), got 0');
  return { filter: 'Kernel', size: [w, h], kernel: k, scale: s, offset: checkFinite(offset, 'offset') };
}

const SPEC_KEYS: Record<string, readonly string[]> = {
  GaussianBlur: ['radius'], BoxBlur: ['radius'], UnsharpMask: ['radius', 'percent', 'threshold'],
  RankFilter: ['size', 'rank'], MedianFilter: ['size'], MinFilter: ['size'], MaxFilter: ['size'], ModeFilter: ['size'],
  Kernel: ['size', 'kernel', 'scale', 'offset'],
};

/** A spec object re-validated (plain objects may come from JSON); defaults filled as Pillow's constructors do. */
function normalize(spec: unknown): FilterSpec {
  if (typeof spec === 'string') {
    if (!Object.hasOwn(BUILTINS, spec)) {
      throw new RangeError(`spec: expected one of ${Object.keys(BUILTINS).join(', ')} or a filter object, got ${JSON.stringify(spec)}`);
    }
    return spec as BuiltinFilterName;
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw typeError('spec', 'a filter name or a filter object such as { filter: \'GaussianBlur\', radius: 2 }', spec);
  }
  const o = spec as Record<string, unknown>;
  const kind = o.filter;
  if (typeof kind !== 'string' || !Object.hasOwn(SPEC_KEYS, kind)) {
    throw new RangeError(`spec.filter: expected one of ${Object.keys(SPEC_KEYS).join(', ')}, got ${JSON.stringify(kind)}`);
  }
  const keys = ['filter', ...SPEC_KEYS[kind]];
  checkOptionKeys(o, keys, 'spec');
  const arg = (k: string, d?: unknown): never => (o[k] === undefined ? d : o[k]) as never;
  switch (kind) {
    case 'GaussianBlur': return GaussianBlur(arg('radius', 2));
    case 'BoxBlur':
      if (o.radius === undefined) throw new TypeError('spec.radius: expected a number ≥ 0 (BoxBlur has no default), got undefined');
      return BoxBlur(arg('radius'));
    case 'UnsharpMask': return UnsharpMask(arg('radius', 2), arg('percent', 150), arg('threshold', 3));
    case 'RankFilter': return RankFilter(arg('size'), arg('rank'));
    case 'MedianFilter': return MedianFilter(arg('size', 3));
    case 'MinFilter': return MinFilter(arg('size', 3));
    case 'MaxFilter': return MaxFilter(arg('size', 3));
    case 'ModeFilter': return ModeFilter(arg('size', 3));
    default: return Kernel(arg('size'), arg('kernel'), arg('scale'), arg('offset', 0));
  }
}

/** Options of `filter` (Pillow). */
export interface FilterOptions {
  /** Write the result here (same shape) instead of allocating; returned. */
  out?: PixelArray;
}

/**
 * Pillow's `image.filter(spec)`, bit for bit with Pillow 9.4, for L (1 channel), LA (2), RGB (3)
 * and RGBA (4); other channel counts follow the same per-channel rules. Every channel is filtered,
 * alpha included, exactly as Pillow does (it does not premultiply).
 *
 * - Kernels (the names, `Kernel`): `ImagingFilter3x3/5x5`. The weights are float32
 *   `f32(k) / f32(scale)`; the sum is accumulated in float32 starting at `offset + 0.5`, one kernel
 *   row at a time, the kernel's first row applied to the image row *below* (rows reversed, columns
 *   not), then clipped to 0..255 and truncated. The 1-pixel (3×3) or 2-pixel (5×5) frame is copied
 *   unfiltered; an image narrower or lower than the kernel is returned unchanged.
 * - `GaussianBlur(r)`: `BoxBlur` with 3 passes at the radius `gaussianBoxRadius(r)`; `BoxBlur(r)`: one
 *   pass. A pass is a horizontal then a vertical running sum with edge pixels repeated, weights in
 *   8.24 fixed point (`ww = ⌊2^24 / (2r + 1)⌋` for the ⌊r⌋-wide box, `fw` for its two fractional
 *   ends), rounded `(sum + 2^23) >> 24`.
 * - `UnsharpMask(r, percent, threshold)`: the Gaussian blur, then per value
 *   `|a − blur| > threshold ? clip(a + trunc((a − blur) · percent / 100)) : a`.
 * - `RankFilter`, `MedianFilter`, `MinFilter`, `MaxFilter`: the window's ranked value, edges extended
 *   by repeating the edge pixels. `ModeFilter(size)`: the most frequent value of the window of
 *   half-size `⌊size / 2⌋` clipped to the image, the lowest value winning ties; a value seen at most
 *   twice keeps the pixel unchanged.
 */
export function filter(a: PixelArray, spec: FilterSpec, options?: FilterOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('filter', ['a', 'spec', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const s = normalize(spec);
  const out = checkOut(optionsOf(options, ['out']).out, a.shape);
  const [h, w, c] = a.shape;
  const src = bytesOf(a);
  let dst: Uint8Array;
  if (typeof s === 'string') {
    const b = BUILTINS[s];
    dst = kernelFilter(src, h, w, c, b.size, b.kernel, b.scale, b.offset);
  } else {
    switch (s.filter) {
      case 'Kernel': dst = kernelFilter(src, h, w, c, s.size[0] as 3 | 5, s.kernel, s.scale, s.offset); break;
      case 'GaussianBlur': dst = src.slice(); boxBlurBuffer(dst, h, w, c, gaussianBoxRadius(s.radius, 3), 3); break;
      case 'BoxBlur': dst = src.slice(); boxBlurBuffer(dst, h, w, c, s.radius, 1); break;
      case 'UnsharpMask':
        dst = src.slice();
        boxBlurBuffer(dst, h, w, c, gaussianBoxRadius(s.radius, 3), 3);
        unsharpInPlace(src, dst, s.percent, s.threshold);
        break;
      case 'ModeFilter': dst = new Uint8Array(src.length); modeBuffer(src, dst, h, w, c, s.size); break;
      default: {
        const size = s.size;
        const rank = s.filter === 'RankFilter' ? s.rank : s.filter === 'MinFilter' ? 0
          : s.filter === 'MaxFilter' ? size * size - 1 : (size * size) >> 1;
        dst = new Uint8Array(src.length);
        rankBuffer(src, dst, h, w, c, size, rank);
      }
    }
  }
  return result(dst, a.shape, out);
}

/** The float32 weights `f32(k) / f32(scale)` of `_imaging.c`'s `_filter`. */
function weights(kernel: readonly number[], scale: number): Float32Array {
  const f = Math.fround, d = f(scale);
  return Float32Array.from(kernel, (k) => f(f(k) / d));
}

/** `ImagingFilter` on a contiguous `h×w×c` buffer: returns the filtered copy. */
export function kernelFilter(src: Uint8Array, h: number, w: number, c: number, size: 3 | 5,
  kernel: readonly number[], scale: number, offset: number): Uint8Array {
  const dst = src.slice();
  if (w < size || h < size) return dst;
  const k = weights(kernel, scale);
  const start = Math.fround(Math.fround(offset) + 0.5);
  if (size === 3) filter3(src, dst, h, w, c, k, start);
  else filter5(src, dst, h, w, c, k, start);
  return dst;
}

function clip8(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.trunc(v);
}

function filter3(s: Uint8Array, d: Uint8Array, h: number, w: number, c: number, k: Float32Array, start: number): void {
  const f = Math.fround, len = w * c;
  const [k0, k1, k2, k3, k4, k5, k6, k7, k8] = k;
  for (let y = 1; y < h - 1; y++) {
    const end = y * len + len - c;
    for (let i = y * len + c; i < end; i++) {
      const b = i + len, t = i - len; // row below gets kernel row 0, row above kernel row 2
      let ss = f(start + f(f(f(s[b - c] * k0) + f(s[b] * k1)) + f(s[b + c] * k2)));
      ss = f(ss + f(f(f(s[i - c] * k3) + f(s[i] * k4)) + f(s[i + c] * k5)));
      ss = f(ss + f(f(f(s[t - c] * k6) + f(s[t] * k7)) + f(s[t + c] * k8)));
      d[i] = clip8(ss);
    }
  }
}

function filter5(s: Uint8Array, d: Uint8Array, h: number, w: number, c: number, k: Float32Array, start: number): void {
  const f = Math.fround, len = w * c, c2 = 2 * c;
  for (let y = 2; y < h - 2; y++) {
    const end = y * len + len - c2;
    for (let i = y * len + c2; i < end; i++) {
      let ss = start;
      for (let r = 0; r < 5; r++) {
        const j = i + (2 - r) * len, q = r * 5; // kernel row r on image row y + 2 − r
        const t = f(f(f(f(f(s[j - c2] * k[q]) + f(s[j - c] * k[q + 1])) + f(s[j] * k[q + 2])) +
          f(s[j + c] * k[q + 3])) + f(s[j + c2] * k[q + 4]));
        ss = f(ss + t);
      }
      d[i] = clip8(ss);
    }
  }
}
