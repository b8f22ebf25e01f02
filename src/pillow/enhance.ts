// Pillow 9.4's ImageEnhance, bit for bit: each enhancer is `Image.blend(degenerate, image, factor)`
// (Blend.c's float32 interpolation) with its own degenerate image.
import { checkFinite, checkOut } from '../core/check.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { blendBytes } from './chops.ts';
import { bytesOf, kernelFilter, optionsOf, result } from './filter.ts';
import { tooManyArguments } from '../core/errors.ts';

/** Options of the `ImageEnhance` functions (`enhanceBrightness`, `enhanceContrast`, `enhanceColor`, `enhanceSharpness`). */
export interface EnhanceOptions {
  /** Write the result here (same shape) instead of allocating; returned. */
  out?: PixelArray;
}

/** Channel count checked to be a Pillow mode: 1 = L, 2 = LA, 3 = RGB, 4 = RGBA. */
export function checkMode(a: PixelArray, name = 'a'): 1 | 2 | 3 | 4 {
  assertPixelArray(a, name);
  const c = a.shape[2];
  if (c < 1 || c > 4) throw new RangeError(`${name}: expected 1, 2, 3 or 4 channels (Pillow modes L, LA, RGB, RGBA), got ${c}`);
  return c as 1 | 2 | 3 | 4;
}

/**
 * `convert('L')` of the contiguous bytes of an image of `c` channels: L and LA keep their first
 * channel, RGB and RGBA give `(19595 R + 38470 G + 7471 B + 0x8000) >> 16` (Convert.c's `L24`).
 */
export function toL(src: Uint8Array, c: number): Uint8Array {
  const n = src.length / c;
  const d = new Uint8Array(n);
  if (c < 3) {
    for (let i = 0, j = 0; i < n; i++, j += c) d[i] = src[j];
  } else {
    for (let i = 0, j = 0; i < n; i++, j += c) d[i] = (src[j] * 19595 + src[j + 1] * 38470 + src[j + 2] * 7471 + 0x8000) >>> 16;
  }
  return d;
}

/** `Image.blend(degenerate, image, factor)` with the enhancer's degenerate image. */
function enhance(a: PixelArray, deg: Uint8Array, src: Uint8Array, factor: number, out: PixelArray | undefined): PixelArray {
  const f = Math.fround(factor);
  if (f === 0) return result(deg, a.shape, out);
  if (f === 1) return result(src.slice(), a.shape, out);
  return result(blendBytes(deg, src, f), a.shape, out);
}

function start(a: PixelArray, factor: unknown, options: EnhanceOptions | undefined): [number, number, PixelArray | undefined] {
  const c = checkMode(a);
  const f = checkFinite(factor, 'factor');
  return [c, f, checkOut(optionsOf(options, ['out']).out, a.shape)];
}

/** Copies the alpha channel (the last of LA and RGBA) of `src` into `deg`. */
function keepAlpha(deg: Uint8Array, src: Uint8Array, c: number): void {
  if (c !== 2 && c !== 4) return;
  for (let i = c - 1; i < src.length; i += c) deg[i] = src[i];
}

/**
 * `ImageEnhance.Brightness(im).enhance(factor)`: blends from black. For LA and RGBA the degenerate
 * image keeps the image's alpha, so alpha is unchanged.
 */
export function enhanceBrightness(a: PixelArray, factor: number, options?: EnhanceOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('enhanceBrightness', ['a', 'factor', 'options'], arguments.length);
  const [c, f, out] = start(a, factor, options);
  const src = bytesOf(a);
  const deg = new Uint8Array(src.length);
  keepAlpha(deg, src, c);
  return enhance(a, deg, src, f, out);
}

/**
 * `ImageEnhance.Contrast(im).enhance(factor)`: blends from a uniform gray of
 * `int(mean(convert('L')) + 0.5)` (the mean of the L histogram, in double). For LA and RGBA the
 * degenerate keeps the image's alpha.
 */
export function enhanceContrast(a: PixelArray, factor: number, options?: EnhanceOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('enhanceContrast', ['a', 'factor', 'options'], arguments.length);
  const [c, f, out] = start(a, factor, options);
  const src = bytesOf(a);
  const l = toL(src, c);
  const hist = new Float64Array(256);
  for (let i = 0; i < l.length; i++) hist[l[i]]++;
  let sum = 0.0;
  for (let j = 0; j < 256; j++) sum += j * hist[j];
  const mean = l.length > 0 ? Math.trunc(sum / l.length + 0.5) : 0;
  const deg = new Uint8Array(src.length).fill(mean);
  keepAlpha(deg, src, c);
  return enhance(a, deg, src, f, out);
}

/**
 * `ImageEnhance.Color(im).enhance(factor)`: blends from `convert('L')` (LA for images with alpha)
 * converted back, i.e. each pixel's L in every color channel, alpha kept. For L and LA images the
 * degenerate is the image itself, so the result equals the input (clipped arithmetic aside: none).
 */
export function enhanceColor(a: PixelArray, factor: number, options?: EnhanceOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('enhanceColor', ['a', 'factor', 'options'], arguments.length);
  const [c, f, out] = start(a, factor, options);
  const src = bytesOf(a);
  let deg: Uint8Array;
  if (c < 3) deg = src.slice();
  else {
    const l = toL(src, c);
    deg = new Uint8Array(src.length);
    for (let i = 0, j = 0; i < l.length; i++, j += c) {
      deg[j] = deg[j + 1] = deg[j + 2] = l[i];
      if (c === 4) deg[j + 3] = src[j + 3];
    }
  }
  return enhance(a, deg, src, f, out);
}

const SMOOTH = [1, 1, 1, 1, 5, 1, 1, 1, 1];

/**
 * `ImageEnhance.Sharpness(im).enhance(factor)`: blends from `filter(SMOOTH)` (its 1-pixel frame
 * unfiltered, so the frame never changes), alpha of LA and RGBA restored in the degenerate.
 */
export function enhanceSharpness(a: PixelArray, factor: number, options?: EnhanceOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('enhanceSharpness', ['a', 'factor', 'options'], arguments.length);
  const [c, f, out] = start(a, factor, options);
  const src = bytesOf(a);
  const deg = kernelFilter(src, a.shape[0], a.shape[1], c, 3, SMOOTH, 13, 0);
  keepAlpha(deg, src, c);
  return enhance(a, deg, src, f, out);
}
