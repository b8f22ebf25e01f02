// JPEG decode/encode on top of jpeg-js. The marker walk (jpeg-markers.ts) runs first so sizes,
// unsupported variants and truncation are decided from the header, and jpeg-js' own limits are set
// from the frame it is about to decode.
import jpegJs from 'jpeg-js';
import { checkInt, checkOptions } from '../core/check.ts';
import { fromData } from '../core/create.ts';
import { rangeError } from '../core/errors.ts';
import { assertPixelArray, type PixelArray } from '../core/pixelarray.ts';
import {
  checkBoolean, checkBytes, checkChoice, checkMaxPixels, DecodeError, enforceMaxPixels,
  wrapDecoderErrors, type DecodeOptions,
} from './errors.ts';
import { readExifOrientation } from './exif.ts';
import { readJpegInfo, type JpegInfo } from './jpeg-markers.ts';
import { applyOrientation } from './orientation.ts';
import { gatherRgba, ownBytes } from './pixels.ts';

/** Options of `decodeJpeg`. */
export interface JpegDecodeOptions extends DecodeOptions {
  /** `'apply'` (default) turns the image upright per its EXIF Orientation, like `cv2.imread`; `'ignore'` keeps the stored pixels. */
  orientation?: 'apply' | 'ignore';
  /** Decode a file cut short (no EOI, partial image data) instead of refusing it; default false. */
  allowTruncated?: boolean;
}

/** Options of `encodeJpeg`. */
export interface JpegEncodeOptions {
  /** 1 (smallest) .. 100 (best); default 90. */
  quality?: number;
}

export const ORIENTATION_CHOICES = ['apply', 'ignore'] as const;

/**
 * Decodes a baseline or progressive JPEG into a contiguous PixelArray: grayscale → 1 channel,
 * colour → 3 channels (RGB). Applies the EXIF orientation unless `{ orientation: 'ignore' }`.
 * Throws DecodeError for corrupt, truncated (unless `allowTruncated`), unsupported (CMYK, 12-bit,
 * lossless, arithmetic-coded) or too large (`maxPixels`) input.
 */
export function decodeJpeg(bytes: Uint8Array, options?: JpegDecodeOptions): PixelArray {
  const input = checkBytes(bytes);
  const opts = checkOptions(options);
  const maxPixels = checkMaxPixels(opts);
  const orientation = checkChoice(opts.orientation, 'options.orientation', ORIENTATION_CHOICES);
  const allowTruncated = checkBoolean(opts.allowTruncated, 'options.allowTruncated', false);

  const info = readJpegInfo(input);
  enforceMaxPixels('jpeg', info.width, info.height, maxPixels);
  if (info.truncation !== null && !allowTruncated) {
    throw new DecodeError('jpeg', `truncated file: ${info.truncation}; pass { allowTruncated: true } to decode what is there`);
  }
  // jpeg-js allocates every 8×8 block when it reads the frame header (~300 bytes each), so a tiny
  // file claiming a huge frame would cost gigabytes before failing. A complete image codes each
  // block's DC coefficient with a Huffman code of at least one bit: anything shorter is not one.
  const minBlocks = countBlocks(info, false);
  if (info.truncation === null && info.scanBytes * 8 < minBlocks) {
    throw new DecodeError('jpeg',
      `only ${info.scanBytes} bytes of image data for a ${info.width}×${info.height} frame of ${minBlocks} blocks ` +
      '(at least one bit per block); the file is truncated or its size field is corrupt');
  }

  const decoded = info.truncation === null
    ? runJpegJs(input.subarray(0, info.end), info, maxPixels)
    : decodeTruncated(input, info, maxPixels);
  const { width, height } = info;
  const rgb = decoded.data;
  if (decoded.width !== width || decoded.height !== height || rgb.length !== width * height * 3) {
    throw new DecodeError('jpeg', `decoder returned ${decoded.width}×${decoded.height} for a ${width}×${height} frame`);
  }

  let image: PixelArray;
  if (info.components.length === 1) {
    // jpeg-js replicates gray into R, G and B; keep one copy.
    const gray = new Uint8Array(width * height);
    for (let i = 0; i < gray.length; i++) gray[i] = rgb[3 * i];
    image = fromData(gray, height, width, 1);
  } else {
    image = fromData(rgb, height, width, 3);
  }
  if (orientation === 'apply' && info.exif !== null) {
    const o = readExifOrientation(info.exif);
    if (o !== 1) image = applyOrientation(image, o);
  }
  return image;
}

/**
 * jpeg-js' memory cap, sized for this frame (whose pixel count maxPixels already bounds): the
 * quantities jpeg-js itself counts against `maxMemoryUsageInMB`, whose default (512 MB) would refuse
 * images well below maxPixels.
 */
function jpegJsMemoryBytes(info: JpegInfo, fileLength: number): number {
  const maxH = Math.max(...info.components.map((c) => c.h));
  const maxV = Math.max(...info.components.map((c) => c.v));
  const mcusPerLine = Math.ceil(info.width / 8 / maxH), mcusPerColumn = Math.ceil(info.height / 8 / maxV);
  let bytes = 0;
  for (const c of info.components) {
    bytes += mcusPerLine * c.h * mcusPerColumn * c.v * 256; // one Int32Array(64) per block
    const blocksPerLine = Math.ceil(Math.ceil(info.width / 8) * c.h / maxH);
    const blocksPerColumn = Math.ceil(Math.ceil(info.height / 8) * c.v / maxV);
    bytes += blocksPerLine * 8 * blocksPerColumn * 8; // the component's sample plane
  }
  const pixels = info.width * info.height;
  bytes += pixels * info.components.length + pixels * 3; // colour-converted planes and the output
  // Quantization/Huffman tables are bounded by the file size; 1 MiB covers the rest.
  return bytes + 4 * fileLength + 2 ** 20;
}

interface JpegJsImage { width: number; height: number; data: Uint8Array }

function runJpegJs(data: Uint8Array, info: JpegInfo, maxPixels: number): JpegJsImage {
  return wrapDecoderErrors('jpeg', 'corrupt data', () => jpegJs.decode(data, {
    useTArray: true,
    formatAsRGBA: false,
    // Set YCbCr→RGB explicitly: jpeg-js converts 3 components even when the file says they are RGB.
    colorTransform: info.ycbcr,
    // jpeg-js runs the last restart interval of a one-component scan past the final block row;
    // tolerant mode skips those missing blocks instead of throwing (valid files need it).
    tolerantDecoding: true,
    // +1: jpeg-js compares against maxResolutionInMP × 1e6, which float rounding can put just below maxPixels.
    maxResolutionInMP: (maxPixels + 1) / 1e6,
    maxMemoryUsageInMB: jpegJsMemoryBytes(info, data.length) / 2 ** 20,
  }));
}

/** `kept`, then `padding` zero bytes, then an EOI marker. */
function withEoi(kept: Uint8Array, padding = 0): Uint8Array {
  const out = new Uint8Array(kept.length + padding + 2);
  out.set(kept);
  out[out.length - 2] = 0xff;
  out[out.length - 1] = 0xd9;
  return out;
}

/**
 * jpeg-js needs every scan to end at a marker, so a file cut short gets an EOI appended:
 * - cut outside image data: after the last complete segment;
 * - cut inside a scan with restart markers: after the data (enough when only EOI was missing),
 *   else after the last complete restart interval; jpeg-js stops at that interval boundary and the
 *   missing blocks stay flat gray, as in libjpeg;
 * - cut inside a scan without restart markers: after zero-byte padding that lets the decoder finish
 *   its block count. Blocks after the cut then decode from zero bits: filler, not image. jpeg-js
 *   reports meeting EOI too early when the padding is short, so it grows until it fits.
 */
function decodeTruncated(input: Uint8Array, info: JpegInfo, maxPixels: number): JpegJsImage {
  const kept = input.subarray(0, info.end);
  if (info.cutScanStart < 0) return runJpegJs(withEoi(kept), info, maxPixels);
  if (info.restartInterval > 0) {
    try {
      return runJpegJs(withEoi(kept), info, maxPixels);
    } catch {
      const keep = info.lastRestartInCutScan >= 0 ? info.lastRestartInCutScan : info.cutScanStart;
      return runJpegJs(withEoi(input.subarray(0, keep)), info, maxPixels);
    }
  }
  // Zero bits cost at most ~32 bits per coefficient; 260 bytes per block bounds any table.
  const ceiling = countBlocks(info) * 260 + 65536;
  for (let padding = 65536; ; padding *= 4) {
    try {
      return runJpegJs(withEoi(kept, Math.min(padding, ceiling)), info, maxPixels);
    } catch (err) {
      const earlyEoi = err instanceof DecodeError && /unexpected marker: ffd9/.test(err.message);
      if (!earlyEoi || padding >= ceiling) throw err;
    }
  }
}

/**
 * 8×8 blocks of all components: padded to whole MCUs (what interleaved scans code and jpeg-js
 * allocates) or not (the fewest any scan can code).
 */
function countBlocks(info: JpegInfo, padToMcus = true): number {
  const maxH = Math.max(...info.components.map((c) => c.h));
  const maxV = Math.max(...info.components.map((c) => c.v));
  let blocks = 0;
  for (const c of info.components) {
    if (padToMcus) {
      blocks += Math.ceil(info.width / 8 / maxH) * c.h * Math.ceil(info.height / 8 / maxV) * c.v;
    } else {
      blocks += Math.ceil(Math.ceil(info.width / 8) * c.h / maxH) * Math.ceil(Math.ceil(info.height / 8) * c.v / maxV);
    }
  }
  return blocks;
}

/**
 * Encodes a 1, 3 or 4 channel PixelArray (any view; alpha is dropped) as a baseline JPEG with
 * 4:4:4 sampling. jpeg-js only writes colour JPEGs, so 1-channel input is stored as a 3-component
 * file whose channels are equal (decoding it gives 3 channels).
 */
export function encodeJpeg(a: PixelArray, options?: JpegEncodeOptions): Uint8Array {
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  const quality = opts.quality === undefined ? 90 : checkInt(opts.quality, 'options.quality', 1, 100);
  const [height, width, channels] = a.shape;
  if (channels !== 1 && channels !== 3 && channels !== 4) throw rangeError('a', 'an image with 1, 3 or 4 channels', a);
  if (height < 1 || width < 1 || height > 65535 || width > 65535) {
    throw rangeError('a', 'an image of 1..65535 × 1..65535 pixels (the JPEG size limit)', a);
  }
  const file = jpegJs.encode({ data: gatherRgba(a), width, height }, quality);
  return ownBytes(file.data);
}
