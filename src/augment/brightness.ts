// Pillow's ImageEnhance.Brightness on uint8 images, bit for bit with Pillow 9.4.
//
// Brightness(im).enhance(f) is Image.blend(black, im, f), and ImagingBlend computes each byte as
// `(UINT8)(0 + alpha·(v − 0))` in C float (float32): the product f32(f32(f)·v), truncated toward
// zero; for f outside [0, 1] clipped first (≤ 0 → 0, ≥ 255 → 255). Checked against Pillow on every
// byte for 2,000 factors (test/golden/generate_ml.py). The alpha band of LA / RGBA images is kept:
// Pillow puts the image's own alpha into the black image, and blending alpha with itself is alpha.
import { checkFinite, checkOutOption } from '../core/check.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { mapBytes, type OutOptions } from '../ops/arithmetic.ts';
import { tooManyArguments } from '../core/errors.ts';

/** The byte Pillow's blend with black gives for `v` and float32 factor `f`. */
export function brightnessByte(v: number, f: number): number {
  const t = Math.fround(f * v);
  return t <= 0 ? 0 : t >= 255 ? 255 : Math.trunc(t);
}

/** The channel that Pillow treats as alpha (kept): the last of 2 (LA) or 4 (RGBA) channels, else none. */
export function alphaChannel(channels: number): number {
  return channels === 2 || channels === 4 ? channels - 1 : -1;
}

/**
 * `ImageEnhance.Brightness(image).enhance(factor)` (Pillow): 0 gives black, 1 the image, above 1
 * brighter with clipping at 255. Each byte is `trunc(float32(float32(factor) · v))`, clipped to
 * 0..255. Images of 2 or 4 channels keep their last channel (alpha), as Pillow does for LA/RGBA.
 */
export function enhanceBrightness(a: PixelArray, factor: number, options?: OutOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('enhanceBrightness', ['a', 'factor', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const f = Math.fround(checkFinite(factor, 'factor'));
  if (!Number.isFinite(f)) throw new RangeError(`factor: expected a number within float32 range, got ${factor}`);
  const out = checkOutOption(options, a.shape);
  const alpha = alphaChannel(a.shape[2]);
  return mapBytes(a, (v, ch) => (ch === alpha ? v : brightnessByte(v, f)), out);
}
