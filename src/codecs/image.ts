// decodeImage: picks the decoder from the file's magic bytes, never from a name or MIME type.
import type { PixelArray } from '../core/pixelarray.ts';
import { checkOptionKeys, checkOptions } from '../core/check.ts';
import { checkBoolean, checkBytes, checkChoice, checkMaxPixels, checkWarningHandler, DecodeError } from './errors.ts';
import { checkReduce, decodeJpeg, JPEG_DECODE_KEYS, ORIENTATION_CHOICES, type JpegDecodeOptions } from './jpeg.ts';
import type { PngDecodeOptions } from './png.ts';
import type { PixelArray as Decoded } from '../core/pixelarray.ts';

/** Options of `decodeImage`: those of every decoder; each format uses the ones that apply to it. */
export type ImageDecodeOptions = JpegDecodeOptions & PngDecodeOptions;

/** A PNG decoder bound to a zlib (Node's or fflate's). */
export type PngDecoder = (bytes: Uint8Array, options?: PngDecodeOptions) => Decoded;

/** Formats we can name in an error message, to tell the user what they actually passed. */
const OTHER_FORMATS: Array<[string, (b: Uint8Array) => boolean]> = [
  ['GIF', (b) => ascii(b, 0, 'GIF8')],
  ['WebP', (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')],
  ['BMP', (b) => ascii(b, 0, 'BM')],
  ['TIFF', (b) => ascii(b, 0, 'II*\0') || ascii(b, 0, 'MM\0*')],
  ['HEIF/AVIF', (b) => ascii(b, 4, 'ftyp')],
];

function ascii(b: Uint8Array, at: number, text: string): boolean {
  if (b.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/**
 * Decodes a PNG or JPEG, recognised by its first bytes (`\x89PNG`, `FF D8 FF`), with `decodePng`
 * or `decodeJpeg`. Anything else throws DecodeError with `format: 'unknown'`.
 */
export function decodeImageWith(decodePng: PngDecoder, bytes: Uint8Array, options?: ImageDecodeOptions): PixelArray {
  const input = checkBytes(bytes);
  const opts = checkOptions(options);
  // Check every option up front, so a typo fails the same way whatever the file turns out to be.
  checkOptionKeys(opts, JPEG_DECODE_KEYS); // PNG's keys are a subset
  const maxPixels = checkMaxPixels(opts);
  checkReduce(opts.reduce);
  checkChoice(opts.orientation, 'options.orientation', ORIENTATION_CHOICES);
  checkBoolean(opts.allowTruncated, 'options.allowTruncated', false);
  const onWarning = checkWarningHandler(opts.onWarning);

  if (ascii(input, 0, '\x89PNG')) return decodePng(input, onWarning ? { maxPixels, onWarning } : { maxPixels });
  if (input.length >= 3 && input[0] === 0xff && input[1] === 0xd8 && input[2] === 0xff) return decodeJpeg(input, opts);
  if (input.length === 0) throw new DecodeError('unknown', 'empty input');
  const other = OTHER_FORMATS.find(([, test]) => test(input));
  const head = Array.from(input.subarray(0, 8), (v) => v.toString(16).padStart(2, '0')).join(' ');
  throw new DecodeError('unknown',
    other ? `${other[0]} files are not supported (only PNG and JPEG)`
      : `unrecognised format (first bytes ${head}); expected PNG or JPEG`);
}
