// The PNG functions bound to the pure-JavaScript zlib (zlib-browser.ts): what `pixelarray/codecs` exports to browsers.
import type { PixelArray } from '../core/pixelarray.ts';
import { decodeImageWith, type ImageDecodeOptions } from './image.ts';
import { decodePngWith, encodePngWith, type PngDecodeOptions, type PngEncodeOptions } from './png.ts';
import { browserZlib } from './zlib-browser.ts';
import { tooManyArguments } from '../core/errors.ts';

/**
 * Decodes a PNG into a contiguous `H×W×C` PixelArray with the file's channels (gray 1, gray+alpha 2,
 * RGB 3, RGBA 4; palettes expanded, tRNS as alpha, 16-bit reduced to the high byte, as Pillow
 * does). Data past the image's last row is ignored, as libpng and Pillow ignore it (`onWarning`
 * hears of it). Throws DecodeError for corrupt, truncated, unsupported or too large input.
 */
export function decodePng(bytes: Uint8Array, options?: PngDecodeOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('decodePng', ['bytes', 'options'], arguments.length);
  return decodePngWith(browserZlib, bytes, options);
}

/** Encodes a 1–4 channel PixelArray (any view) as an 8-bit PNG; returns the file's bytes. */
export function encodePng(a: PixelArray, options?: PngEncodeOptions): Uint8Array {
  if (arguments.length > 2) throw tooManyArguments('encodePng', ['a', 'options'], arguments.length);
  return encodePngWith(browserZlib, a, options);
}

/** Decodes a PNG or a JPEG, recognised by its first bytes; anything else throws DecodeError. */
export function decodeImage(bytes: Uint8Array, options?: ImageDecodeOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('decodeImage', ['bytes', 'options'], arguments.length);
  return decodeImageWith(decodePng, bytes, options);
}
