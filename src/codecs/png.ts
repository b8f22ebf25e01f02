// PNG decode/encode on top of pngjs. pngjs always expands to RGBA and rescales 16-bit samples by
// rounding (v * 255 / 65535); we ask it for raw samples instead (skipRescale) and reduce them the
// way Pillow does, keep the file's channel count, and validate the file first (png-header.ts).
import { Buffer } from 'node:buffer';
import { constants, inflateSync } from 'node:zlib';
import pngjs from 'pngjs';
import { checkInt, checkOptions } from '../core/check.ts';
import { fromData } from '../core/create.ts';
import { rangeError } from '../core/errors.ts';
import { assertPixelArray, type PixelArray } from '../core/pixelarray.ts';
import {
  checkBytes, checkMaxPixels, DecodeError, enforceMaxPixels, wrapDecoderErrors, type DecodeOptions,
} from './errors.ts';
import { inflatedSize, readPngInfo, samplesPerPixel, type PngInfo } from './png-header.ts';
import { gatherPixels, ownBytes } from './pixels.ts';

const { PNG } = pngjs;

/** Options of `decodePng`. */
export type PngDecodeOptions = DecodeOptions;

/** Options of `encodePng`. */
export interface PngEncodeOptions {
  /** zlib level 0 (store) .. 9 (smallest); default 6, as zlib and Pillow. */
  compressionLevel?: number;
}

// pngjs expands every image to an RGBA buffer of width × height × 4 entries and computes the bits
// per row in int32 arithmetic; past these bounds it throws obscure errors or aborts the process.
const MAX_DECODER_PIXELS = Math.floor((2 ** 31 - 1) / 4);
const MAX_ROW_BITS = 2 ** 31 - 8;

/**
 * Decodes a PNG into a contiguous `H×W×C` PixelArray with the file's channels: gray → 1,
 * gray+alpha → 2, RGB → 3, RGBA → 4. Palettes are expanded (to RGBA when the file has tRNS, else
 * RGB); a tRNS colour key on gray/RGB becomes an alpha channel (2 / 4 channels). 16-bit samples
 * keep their high byte and 1/2/4-bit gray is scaled to 0..255, both exactly as Pillow does.
 * Throws DecodeError for any corrupt, truncated, unsupported or too large (`maxPixels`) input.
 */
export function decodePng(bytes: Uint8Array, options?: PngDecodeOptions): PixelArray {
  const input = checkBytes(bytes);
  const maxPixels = checkMaxPixels(checkOptions(options));
  const info = readPngInfo(input);
  enforceMaxPixels('png', info.width, info.height, maxPixels);
  checkDecoderLimits(info);

  checkImageDataSize(info);

  // A view over the input, cut after IEND (pngjs refuses trailing bytes that Pillow ignores).
  const file = Buffer.from(input.buffer, input.byteOffset, info.end);
  const decoded = wrapDecoderErrors('png', 'corrupt image data',
    () => PNG.sync.read(file, { skipRescale: true, checkCRC: false }));
  const rgba = decoded.data as unknown as Uint8Array | Uint16Array;
  if (rgba.length !== info.width * info.height * 4) {
    throw new DecodeError('png', `decoder returned ${rgba.length} samples for ${info.width}×${info.height}`);
  }
  return toPixelArray(rgba, info);
}

function checkDecoderLimits(info: PngInfo): void {
  const { width, height } = info;
  if (width * height > MAX_DECODER_PIXELS) {
    throw new DecodeError('png', `image is ${width}×${height}; the PNG decoder handles at most ${MAX_DECODER_PIXELS} pixels`);
  }
  if (width * samplesPerPixel(info.colorType) * info.bitDepth > MAX_ROW_BITS) {
    throw new DecodeError('png', `image rows of ${width} pixels are too wide for the PNG decoder`);
  }
}

/**
 * Inflates the image data once with the size the header implies as a ceiling, and requires exactly
 * that size. pngjs cannot be trusted with either direction: it inflates interlaced images without a
 * limit (a tiny file can expand to gigabytes), and when the data is short it returns its
 * uninitialised output buffer as pixels instead of failing.
 */
function checkImageDataSize(info: PngInfo): void {
  const expected = inflatedSize(info);
  const size = wrapDecoderErrors('png', 'corrupt image data', () => {
    try {
      // Z_SYNC_FLUSH: return what a cut stream holds instead of throwing, so the size check below can say so.
      return inflateSync(Buffer.concat(info.imageData), { maxOutputLength: expected, finishFlush: constants.Z_SYNC_FLUSH }).length;
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new DecodeError('png', `image data inflates to more than the ${expected} bytes a ${info.width}×${info.height} image needs`);
      }
      throw err;
    }
  });
  if (size < expected) {
    throw new DecodeError('png', `truncated image data: ${size} of the ${expected} bytes a ${info.width}×${info.height} image needs`);
  }
}

/** 8-bit value of a raw sample at `depth` bits: high byte for 16-bit, exact scaling for 1/2/4-bit (as Pillow). */
function sampleScale(depth: number): (v: number) => number {
  switch (depth) {
    case 16: return (v) => v >> 8;
    case 4: return (v) => v * 17;
    case 2: return (v) => v * 85;
    case 1: return (v) => v * 255;
    default: return (v) => v;
  }
}

/** Reduces pngjs' RGBA (raw samples) to the file's channels. */
function toPixelArray(rgba: Uint8Array | Uint16Array, info: PngInfo): PixelArray {
  const { width, height, colorType, hasTransparency } = info;
  const n = width * height;
  // Palette entries are already 8-bit RGBA; other colour types hold raw samples.
  const scale = colorType === 3 ? sampleScale(8) : sampleScale(info.bitDepth);
  let channels: number;
  if (colorType === 0) channels = hasTransparency ? 2 : 1;
  else if (colorType === 4) channels = 2;
  else if (colorType === 6) channels = 4;
  else channels = hasTransparency ? 4 : 3;

  // The common 8-bit RGBA case is pngjs' buffer as is (a fresh allocation, not the Buffer pool).
  if (channels === 4 && rgba instanceof Uint8Array && !(colorType !== 3 && hasTransparency)) {
    return fromData(new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.length), height, width, 4);
  }

  const out = new Uint8Array(n * channels);
  if (hasTransparency && (colorType === 0 || colorType === 2)) {
    // pngjs zeroes all four samples of a pixel matching the colour key; Pillow keeps the colour and
    // only clears alpha. The colour of such a pixel is the key itself, so restore it from there.
    // Alpha is 0 nowhere else, since these colour types have no alpha channel.
    const key = info.transparentKey!.map(scale);
    const gray = colorType === 0;
    for (let i = 0, o = 0; i < n; i++) {
      const s = i * 4;
      const transparent = rgba[s + 3] === 0;
      if (gray) {
        out[o++] = transparent ? key[0] : scale(rgba[s]);
      } else {
        out[o++] = transparent ? key[0] : scale(rgba[s]);
        out[o++] = transparent ? key[1] : scale(rgba[s + 1]);
        out[o++] = transparent ? key[2] : scale(rgba[s + 2]);
      }
      out[o++] = transparent ? 0 : 255;
    }
  } else if (channels === 1) {
    for (let i = 0; i < n; i++) out[i] = scale(rgba[i * 4]);
  } else if (channels === 2) {
    for (let i = 0; i < n; i++) {
      out[2 * i] = scale(rgba[i * 4]);
      out[2 * i + 1] = scale(rgba[i * 4 + 3]);
    }
  } else if (channels === 3) {
    for (let i = 0; i < n; i++) {
      out[3 * i] = scale(rgba[i * 4]);
      out[3 * i + 1] = scale(rgba[i * 4 + 1]);
      out[3 * i + 2] = scale(rgba[i * 4 + 2]);
    }
  } else {
    for (let i = 0; i < n * 4; i++) out[i] = scale(rgba[i]);
  }
  return fromData(out, height, width, channels);
}

/** PNG colour type for 1, 2, 3, 4 channels. */
const COLOR_TYPE = { 1: 0, 2: 4, 3: 2, 4: 6 } as const;

/**
 * Encodes a 1, 2, 3 or 4 channel PixelArray (any view) as an 8-bit gray, gray+alpha, RGB or RGBA
 * PNG. Returns the file bytes.
 */
export function encodePng(a: PixelArray, options?: PngEncodeOptions): Uint8Array {
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  const level = opts.compressionLevel === undefined ? 6 : checkInt(opts.compressionLevel, 'options.compressionLevel', 0, 9);
  const [height, width, channels] = a.shape;
  if (channels < 1 || channels > 4) throw rangeError('a', 'an image with 1, 2, 3 or 4 channels', a);
  if (height === 0 || width === 0) throw rangeError('a', 'an image of at least 1×1 pixels (PNG has no empty images)', a);
  const colorType = COLOR_TYPE[channels as 1 | 2 | 3 | 4];
  const data = gatherPixels(a);
  const file = PNG.sync.write(
    { width, height, data: Buffer.from(data.buffer, data.byteOffset, data.length) } as InstanceType<typeof PNG>,
    { colorType, inputColorType: colorType, bitDepth: 8, inputHasAlpha: channels === 2 || channels === 4, deflateLevel: level },
  );
  return ownBytes(file);
}
