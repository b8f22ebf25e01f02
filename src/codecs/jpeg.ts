// JPEG decoding and encoding with our own libjpeg-turbo-exact code (src/codecs/jpeg/).
// The marker walk (jpeg-markers.ts) runs first so sizes, unsupported variants and truncation are
// decided from the header before anything large is allocated.
import { checkInt, checkOptionKeys, checkOptions } from '../core/check.ts';
import { fromData } from '../core/create.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, type PixelArray } from '../core/pixelarray.ts';
import {
  checkBoolean, checkBytes, checkChoice, checkMaxPixels, checkWarningHandler, DecodeError, enforceDecodeBytes, enforceMaxPixels,
  type DecodeOptions,
} from './errors.ts';
import { readExifOrientation } from './exif.ts';
import { encodeJpegData, type JpegSubsampling } from './jpeg/encoder.ts';
import { decodeJpegData } from './jpeg/jdapi.ts';
import { MAX_SCANS, readJpegInfo, type JpegInfo } from './jpeg-markers.ts';
import { applyOrientation } from './orientation.ts';
import { gatherColor } from './pixels.ts';

export type { JpegSubsampling };

/** Options of `decodeJpeg`. */
export interface JpegDecodeOptions extends DecodeOptions {
  /** `'apply'` (default) turns the image upright per its EXIF Orientation, like `cv2.imread`; `'ignore'` keeps the stored pixels. */
  orientation?: 'apply' | 'ignore';
  /** Decode a file cut short (no EOI, partial image data) instead of refusing it; default false. */
  allowTruncated?: boolean;
  /** 1 (default), 2, 4 or 8: decode at that fraction of the size in the DCT domain (libjpeg's scale_denom). */
  reduce?: 1 | 2 | 4 | 8;
  /** Called with each of libjpeg's warnings (corrupt data it recovers from), e.g. `'Corrupt JPEG data: 3 extraneous bytes before marker 0xd9'`. */
  onWarning?: (message: string) => void;
}

/** Options of `encodeJpeg`. */
export interface JpegEncodeOptions {
  /** 1 (smallest) .. 100 (best); default 90. */
  quality?: number;
  /** Chroma subsampling of colour images: `'4:2:0'` (default, as Pillow and cv2), `'4:2:2'` or `'4:4:4'`. Ignored for gray. */
  subsampling?: JpegSubsampling;
}

const SUBSAMPLINGS: readonly JpegSubsampling[] = ['4:2:0', '4:2:2', '4:4:4']; // the first is the default

export const ORIENTATION_CHOICES = ['apply', 'ignore'] as const;

/** The option keys `decodeJpeg` accepts. */
export const JPEG_DECODE_KEYS: readonly string[] = ['orientation', 'allowTruncated', 'reduce', 'maxPixels', 'onWarning'];

/** Reads `options.reduce`: 1, 2, 4 or 8. */
export function checkReduce(v: unknown): number {
  if (v === undefined) return 1;
  if (typeof v !== 'number') throw typeError('options.reduce', 'one of 1, 2, 4, 8', v);
  if (v !== 1 && v !== 2 && v !== 4 && v !== 8) throw rangeError('options.reduce', 'one of 1, 2, 4, 8', v);
  return v;
}

/**
 * Decodes a baseline or progressive JPEG into a contiguous PixelArray with exactly the pixels of
 * libjpeg-turbo 2.1 with its default settings — what Pillow 9.4's `Image.open` and OpenCV 4.6's
 * `cv2.imread` return (accurate integer IDCT `jpeg_idct_islow`, fancy upsampling, jdcolor.c's
 * YCbCr→RGB): grayscale → 1 channel, colour → 3 channels (RGB), CMYK / YCCK (4 components) → RGB as
 * Pillow's `Image.open(f).convert('RGB')` (inverted Adobe CMYK, Pillow's cmyk2rgb; cv2 converts CMYK
 * differently). Applies the EXIF orientation unless `{ orientation: 'ignore' }`.
 *
 * `reduce: 2 | 4 | 8` decodes at 1/2, 1/4, 1/8 scale in the DCT domain (ceil(w/r) × ceil(h/r);
 * jidctred.c's 4×4 / 2×2 / 1×1 IDCTs): `cv2.imread(f, cv2.IMREAD_REDUCED_COLOR_r)`.
 *
 * libjpeg's recoverable warnings (extraneous bytes before a marker, a bad restart marker, a
 * premature end of a data segment, an illegal progression) go to `onWarning`. Deviation: a bit
 * pattern that is no Huffman code, where libjpeg warns and continues with garbage, is a DecodeError.
 * Throws DecodeError for corrupt, truncated (unless `allowTruncated`, then the missing blocks are
 * decoded as libjpeg does: gray in sequential files, the coefficients so far in progressive ones),
 * unsupported (12-bit, lossless, arithmetic-coded, hierarchical) or too large (`maxPixels`) input.
 */
export function decodeJpeg(bytes: Uint8Array, options?: JpegDecodeOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('decodeJpeg', ['bytes', 'options'], arguments.length);
  const input = checkBytes(bytes);
  const opts = checkOptions(options);
  checkOptionKeys(opts, JPEG_DECODE_KEYS);
  const maxPixels = checkMaxPixels(opts);
  const orientation = checkChoice(opts.orientation, 'options.orientation', ORIENTATION_CHOICES);
  const allowTruncated = checkBoolean(opts.allowTruncated, 'options.allowTruncated', false);
  const reduce = checkReduce(opts.reduce);
  const onWarning = checkWarningHandler(opts.onWarning);

  const info = readJpegInfo(input);
  enforceMaxPixels('jpeg', info.width, info.height, maxPixels);
  if (info.truncation !== null && !allowTruncated) {
    throw new DecodeError('jpeg', `truncated file: ${info.truncation}; pass { allowTruncated: true } to decode what is there`);
  }
  // A complete image codes each block's DC coefficient with at least one bit: a tiny file claiming
  // a huge frame is refused before the coefficient arrays are allocated.
  const minBlocks = countBlocks(info);
  if (info.truncation === null && info.scanBytes * 8 < minBlocks) {
    throw new DecodeError('jpeg',
      `only ${info.scanBytes} bytes of image data for a ${info.width}×${info.height} frame of ${minBlocks} blocks ` +
      '(at least one bit per block); the file is truncated or its size field is corrupt');
  }
  enforceDecodeBytes('jpeg', info.width, info.height, largestBuffer(info));
  // Cut outside the image data: decode the complete segments (the end then reads as EOI).
  const data = info.truncation !== null && info.cutScanStart < 0 ? input.subarray(0, info.end) : input;
  const warn = (message: string): void => { if (onWarning) onWarning(message); };
  const decoded = decodeJpegData(data, { reduce, maxPixels, warn, maxScans: MAX_SCANS });
  if (decoded.truncated && !allowTruncated) {
    throw new DecodeError('jpeg', 'truncated file: the file ends inside the image data; pass { allowTruncated: true } to decode what is there');
  }
  let image = fromData(decoded.data, decoded.height, decoded.width, decoded.channels);
  if (orientation === 'apply' && decoded.exif !== null) {
    const o = readExifOrientation(decoded.exif);
    if (o !== 1) image = applyOrientation(image, o);
  }
  return image;
}

/** Each component's 8×8 blocks across and down, not padded to whole MCUs. */
function componentBlocks(info: JpegInfo): Array<{ bw: number; bh: number; h: number; v: number }> {
  const maxH = Math.max(...info.components.map((c) => c.h));
  const maxV = Math.max(...info.components.map((c) => c.v));
  return info.components.map((c) => ({
    bw: Math.ceil(Math.ceil(info.width * c.h / maxH) / 8), bh: Math.ceil(Math.ceil(info.height * c.v / maxV) / 8), h: c.h, v: c.v,
  }));
}

/**
 * Bytes of the largest single buffer a decode allocates: the output image, or one component's
 * coefficients (64 int16 per block; at most one MCU of padding in each direction).
 */
function largestBuffer(info: JpegInfo): number {
  let largest = info.width * info.height * (info.components.length === 1 ? 1 : 3);
  for (const b of componentBlocks(info)) largest = Math.max(largest, (b.bw + b.h) * (b.bh + b.v) * 128);
  return largest;
}

/** 8×8 blocks of all components, not padded to whole MCUs (the fewest any scan can code). */
function countBlocks(info: JpegInfo): number {
  return componentBlocks(info).reduce((n, b) => n + b.bw * b.bh, 0);
}

/**
 * Encodes a 1, 3 or 4 channel PixelArray (any view; alpha is dropped) as a baseline JPEG, the bytes
 * Pillow 9.4 writes with `im.save(f, 'JPEG', quality=q, subsampling=…)` (libjpeg-turbo's integer
 * DCT, quantisation and standard Huffman tables, JFIF 1.01 header). Gray input gives a gray
 * (one-component) file.
 */
export function encodeJpeg(a: PixelArray, options?: JpegEncodeOptions): Uint8Array {
  if (arguments.length > 2) throw tooManyArguments('encodeJpeg', ['a', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['quality', 'subsampling']);
  const quality = opts.quality === undefined ? 90 : checkInt(opts.quality, 'options.quality', 1, 100);
  const subsampling = checkChoice(opts.subsampling, 'options.subsampling', SUBSAMPLINGS);
  const [height, width, channels] = a.shape;
  if (channels !== 1 && channels !== 3 && channels !== 4) throw rangeError('a', 'an image with 1, 3 or 4 channels', a);
  if (height < 1 || width < 1 || height > 65535 || width > 65535) {
    throw rangeError('a', 'an image of 1..65535 × 1..65535 pixels (the JPEG size limit)', a);
  }
  return encodeJpegData(gatherColor(a), width, height, channels === 1 ? 1 : 3, { quality, subsampling });
}
