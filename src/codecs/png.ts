// PNG decode/encode in TypeScript over a pluggable zlib (zlib.ts): Node's native zlib in Node,
// fflate in browsers, the same pixels from both. The chunk walk (png-header.ts) validates the file
// first; then the image data is inflated into one buffer of exactly the size the header implies,
// unfiltered in place and turned into the file's channels the way Pillow does.
import { checkInt, checkOptions, checkOptionKeys } from '../core/check.ts';
import { fromData } from '../core/create.ts';
import { rangeError } from '../core/errors.ts';
import { assertPixelArray, type PixelArray } from '../core/pixelarray.ts';
import { crc32 } from './crc32.ts';
import {
  checkBytes, checkMaxPixels, checkWarningHandler, DecodeError, enforceDecodeBytes, enforceMaxPixels, type DecodeOptions,
} from './errors.ts';
import { inflatedSize, readPngInfo, rowBytes, samplesPerPixel, type PngInfo } from './png-header.ts';
import { gatherPixels, ownBytes } from './pixels.ts';
import type { Zlib } from './zlib.ts';

/** Options of `decodePng`. */
export interface PngDecodeOptions extends DecodeOptions {
  /**
   * Called with each thing libpng would warn about and still decode: image data continuing past
   * the last row (trailing bytes in the zlib stream, a spare IDAT). Without it the image decodes
   * the same and the warnings are dropped.
   */
  onWarning?: (message: string) => void;
}

/** Options of `encodePng`. */
export interface PngEncodeOptions {
  /** zlib level 0 (store) .. 9 (smallest); default 6, as zlib and Pillow. */
  compressionLevel?: number;
}

const DECODE_KEYS = new Set(['maxPixels', 'onWarning']);
const ENCODE_KEYS = new Set(['compressionLevel']);

/**
 * Decodes a PNG with the given zlib into a contiguous `H×W×C` PixelArray with the file's channels:
 * gray → 1, gray+alpha → 2, RGB → 3, RGBA → 4. Palettes are expanded (to RGBA when the file has
 * tRNS, else RGB); a tRNS colour key on gray/RGB becomes an alpha channel (2 / 4 channels). 16-bit
 * samples keep their high byte and 1/2/4-bit gray is scaled to 0..255, both exactly as Pillow does.
 * Throws DecodeError for any corrupt, truncated, unsupported or too large (`maxPixels`) input.
 */
export function decodePngWith(zlib: Zlib, bytes: Uint8Array, options?: PngDecodeOptions): PixelArray {
  const input = checkBytes(bytes);
  const opts = checkOptions(options);
  checkOptionKeys(opts, DECODE_KEYS);
  const maxPixels = checkMaxPixels(opts);
  const onWarning = checkWarningHandler(opts.onWarning);
  const info = readPngInfo(input);
  enforceMaxPixels('png', info.width, info.height, maxPixels);

  const expected = inflatedSize(info);
  const channels = outputChannels(info);
  enforceDecodeBytes('png', info.width, info.height, Math.max(expected, info.width * info.height * channels));
  if (info.strayIdats > 0 && onWarning) onWarning(`PNG: ${info.strayIdats} IDAT chunk(s) after the image data ignored, as libpng does`);

  if (!info.interlaced && isVerbatim(info)) {
    // The image is its unfiltered rows: inflate once, unfilter and compact in place (peak ≈ 1×).
    const raw = zlib.inflate(info.imageData, expected);
    checkInflated(raw, expected, info, onWarning);
    return decodeVerbatim(raw.data, info);
  }
  // Rows that change size on the way out: consume them as the stream delivers them (peak ≈ the
  // output plus two rows), never holding the whole inflated stream.
  const out = new Uint8Array(info.width * info.height * channels);
  const rows = new RowAssembler(info, out, channels);
  const raw = zlib.inflateStream(info.imageData, expected, (piece) => rows.push(piece));
  checkInflated(raw, expected, info, onWarning);
  return fromData(out, info.height, info.width, channels);
}

function checkInflated(raw: { length: number; overflow: boolean; corrupt: string | null }, expected: number, info: PngInfo,
  onWarning: ((message: string) => void) | undefined): void {
  if (raw.length < expected) {
    throw new DecodeError('png', raw.corrupt !== null && raw.length === 0
      ? 'corrupt image data: the zlib stream cannot be inflated'
      : `truncated image data: ${raw.length} of the ${expected} bytes a ${info.width}×${info.height} image needs`);
  }
  if (raw.overflow && onWarning) onWarning('PNG: image data continues past the last row (ignored, as libpng does)');
}

/** Channels of the decoded image for the file's colour type and transparency. */
function outputChannels(info: PngInfo): number {
  const { colorType, hasTransparency } = info;
  if (colorType === 0) return hasTransparency ? 2 : 1;
  if (colorType === 4) return 2;
  if (colorType === 6) return 4;
  return hasTransparency ? 4 : 3;
}

/** Bytes per complete pixel for the filters (at least 1). */
function filterUnit(info: PngInfo): number {
  return Math.max(1, (samplesPerPixel(info.colorType) * info.bitDepth) >> 3);
}

/**
 * Undoes the filter of the row at `at` (its filter byte at `at − 1`, `len` bytes), in place, with
 * the already-unfiltered previous row at `prev` (−1 for the first row of an image or pass).
 */
function unfilterRow(buf: Uint8Array, at: number, prev: number, len: number, bpp: number): void {
  const type = buf[at - 1];
  switch (type) {
    case 0: return;
    case 1:
      for (let i = bpp; i < len; i++) buf[at + i] = (buf[at + i] + buf[at + i - bpp]) & 255;
      return;
    case 2:
      if (prev < 0) return;
      for (let i = 0; i < len; i++) buf[at + i] = (buf[at + i] + buf[prev + i]) & 255;
      return;
    case 3:
      if (prev < 0) {
        for (let i = bpp; i < len; i++) buf[at + i] = (buf[at + i] + (buf[at + i - bpp] >> 1)) & 255;
        return;
      }
      for (let i = 0; i < bpp && i < len; i++) buf[at + i] = (buf[at + i] + (buf[prev + i] >> 1)) & 255;
      for (let i = bpp; i < len; i++) buf[at + i] = (buf[at + i] + ((buf[at + i - bpp] + buf[prev + i]) >> 1)) & 255;
      return;
    case 4:
      if (prev < 0) {
        // Paeth with no row above is Sub.
        for (let i = bpp; i < len; i++) buf[at + i] = (buf[at + i] + buf[at + i - bpp]) & 255;
        return;
      }
      for (let i = 0; i < bpp && i < len; i++) buf[at + i] = (buf[at + i] + buf[prev + i]) & 255;
      for (let i = bpp; i < len; i++) {
        const a = buf[at + i - bpp], b = buf[prev + i], c = buf[prev + i - bpp];
        const p = a + b - c;
        const pa = p > a ? p - a : a - p, pb = p > b ? p - b : b - p, pc = p > c ? p - c : c - p;
        const pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        buf[at + i] = (buf[at + i] + pred) & 255;
      }
      return;
    default:
      throw new DecodeError('png', `invalid filter type ${type} on an image row (expected 0..4)`);
  }
}

/** Whether rows decode to exactly their unfiltered bytes (8-bit samples, no palette or colour key). */
function isVerbatim(info: PngInfo): boolean {
  return info.bitDepth === 8 && info.colorType !== 3 && !(info.hasTransparency && (info.colorType === 0 || info.colorType === 2));
}

function decodeVerbatim(buf: Uint8Array, info: PngInfo): PixelArray {
  const { width, height } = info;
  const len = rowBytes(width, info), bpp = filterUnit(info);
  // Unfilter each row where it lies, then move it down over the filter bytes: the previous row
  // is already in its final place, and the moves never overwrite a row not yet read.
  for (let y = 0; y < height; y++) {
    const at = y * (len + 1) + 1;
    unfilterRow(buf, at, y === 0 ? -1 : (y - 1) * len, len, bpp);
    buf.copyWithin(y * len, at, at + len);
  }
  const data = ownBytes(buf);
  return fromData(data.length === height * len ? data : data.subarray(0, height * len), height, width, outputChannels(info));
}

// Adam7: [x0, y0, dx, dy] of the seven passes; a plain image is one pass of every pixel.
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;
const SEQUENTIAL = [[0, 0, 1, 1]] as const;

/**
 * Takes the inflated stream piece by piece, cuts it into rows (pass by pass when interlaced),
 * unfilters each against the previous row of its pass and writes its pixels into `out`.
 */
class RowAssembler {
  private readonly passes: Array<{ x0: number; y0: number; dx: number; dy: number; w: number; h: number; len: number }>;
  private readonly bpp: number;
  private readonly convert: RowConverter;
  /** [previous row | filter byte | current row]: unfilterRow reads both in one buffer. */
  private readonly buf: Uint8Array;
  private readonly strip: Uint8Array;
  private readonly cur: number;
  private pass = 0;
  private row = 0;
  private filled = 0;

  constructor(private readonly info: PngInfo, private readonly out: Uint8Array, private readonly channels: number) {
    const { width, height } = info;
    this.passes = (info.interlaced ? ADAM7 : SEQUENTIAL).map(([x0, y0, dx, dy]) => {
      const w = Math.max(0, Math.ceil((width - x0) / dx)), h = Math.max(0, Math.ceil((height - y0) / dy));
      return { x0, y0, dx, dy, w, h, len: w > 0 && h > 0 ? rowBytes(w, info) : 0 };
    }).filter((p) => p.len > 0);
    const maxLen = Math.max(...this.passes.map((p) => p.len));
    this.buf = new Uint8Array(2 * maxLen + 1);
    this.cur = maxLen + 1;
    this.strip = new Uint8Array(Math.max(...this.passes.map((p) => p.w)) * channels);
    this.bpp = filterUnit(info);
    this.convert = rowConverter(info);
  }

  push(piece: Uint8Array): void {
    let at = 0;
    while (at < piece.length && this.pass < this.passes.length) {
      const p = this.passes[this.pass];
      const need = p.len + 1 - this.filled;
      const take = Math.min(need, piece.length - at);
      this.buf.set(take === piece.length && at === 0 ? piece : piece.subarray(at, at + take), this.cur - 1 + this.filled);
      this.filled += take;
      at += take;
      if (this.filled === p.len + 1) this.finishRow(p);
    }
  }

  private finishRow(p: RowAssembler['passes'][number]): void {
    const { buf, cur, channels, out } = this;
    unfilterRow(buf, cur, this.row === 0 ? -1 : 0, p.len, this.bpp);
    const width = this.info.width, y = p.y0 + this.row * p.dy;
    if (p.dx === 1) {
      this.convert(buf, cur, p.w, out, y * width * channels, channels);
    } else {
      this.convert(buf, cur, p.w, this.strip, 0, channels);
      for (let i = 0; i < p.w; i++) {
        const o = (y * width + p.x0 + i * p.dx) * channels;
        for (let k = 0; k < channels; k++) out[o + k] = this.strip[i * channels + k];
      }
    }
    buf.copyWithin(0, cur, cur + p.len);
    this.filled = 0;
    if (++this.row === p.h) { this.row = 0; this.pass++; }
  }
}

type RowConverter = (src: Uint8Array, at: number, count: number, out: Uint8Array, o: number, channels: number) => void;

/** Turns one unfiltered row of `count` pixels at `src[at]` into `channels` bytes per pixel at `out[o]`. */
function rowConverter(info: PngInfo): RowConverter {
  const { colorType, bitDepth } = info;
  const samples = samplesPerPixel(colorType);
  if (colorType === 3) {
    // Palette → RGB(A); entries past tRNS are opaque, and indices past the palette show the gray
    // i, i, i (Pillow fills a short palette with a gray ramp).
    const lut = new Uint8Array(256 * 4);
    const pal = info.palette!, alpha = info.paletteAlpha;
    for (let i = 0; i < 256; i++) {
      if (i < info.paletteSize) lut.set(pal.subarray(i * 3, i * 3 + 3), i * 4);
      else lut.fill(i, i * 4, i * 4 + 3);
      lut[i * 4 + 3] = alpha !== null && i < alpha.length ? alpha[i] : 255;
    }
    return (src, at, count, out, o, channels) => {
      for (let x = 0; x < count; x++, o += channels) {
        const idx = readSample(src, at, x, bitDepth) * 4;
        out[o] = lut[idx]; out[o + 1] = lut[idx + 1]; out[o + 2] = lut[idx + 2];
        if (channels === 4) out[o + 3] = lut[idx + 3];
      }
    };
  }
  // Pillow's 8-bit value of a sample: the high byte of 16-bit, exact scaling of 1/2/4-bit gray.
  const scale = bitDepth === 16 ? 1 / 256 : bitDepth < 8 ? 255 / ((1 << bitDepth) - 1) : 1;
  const key = info.hasTransparency && (colorType === 0 || colorType === 2) ? info.transparentKey! : null;
  // The tRNS key is compared with the file's sample, as the PNG spec and libpng do (and the
  // PngSuite's expected pixels). Pillow 9.4 compares it with the sample scaled to 8 bits, so below
  // 8 bits its keys rarely match (docs/codecs.md).
  return (src, at, count, out, o, channels) => {
    for (let x = 0; x < count; x++, o += channels) {
      let transparent = key !== null;
      for (let s = 0; s < samples; s++) {
        const v = readSample(src, at, x * samples + s, bitDepth);
        const b = bitDepth === 16 ? v >> 8 : bitDepth < 8 ? Math.round(v * scale) : v;
        if (key !== null && v !== key[s]) transparent = false;
        out[o + s] = b;
      }
      if (key !== null) out[o + samples] = transparent ? 0 : 255;
    }
  };
}

/** Sample `i` of a row at `bitDepth` bits (big-endian 16-bit, most significant bits first below 8). */
function readSample(src: Uint8Array, at: number, i: number, bitDepth: number): number {
  switch (bitDepth) {
    case 8: return src[at + i];
    case 16: return (src[at + 2 * i] << 8) | src[at + 2 * i + 1];
    default: {
      const perByte = 8 / bitDepth;
      const byte = src[at + ((i / perByte) | 0)];
      const shift = 8 - bitDepth * ((i % perByte) + 1);
      return (byte >> shift) & ((1 << bitDepth) - 1);
    }
  }
}

/** PNG colour type for 1, 2, 3, 4 channels. */
const COLOR_TYPE = { 1: 0, 2: 4, 3: 2, 4: 6 } as const;

/**
 * Encodes a 1, 2, 3 or 4 channel PixelArray (any view) as an 8-bit gray, gray+alpha, RGB or RGBA
 * PNG with the given zlib. Each row takes the filter whose bytes have the smallest sum of absolute
 * values (the heuristic of libpng and Pillow). Returns the file bytes.
 */
export function encodePngWith(zlib: Zlib, a: PixelArray, options?: PngEncodeOptions): Uint8Array {
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ENCODE_KEYS);
  const level = opts.compressionLevel === undefined ? 6 : checkInt(opts.compressionLevel, 'options.compressionLevel', 0, 9);
  const [height, width, channels] = a.shape;
  if (channels < 1 || channels > 4) throw rangeError('a', 'an image with 1, 2, 3 or 4 channels', a);
  if (height === 0 || width === 0) throw rangeError('a', 'an image of at least 1×1 pixels (PNG has no empty images)', a);
  const pixels = gatherPixels(a);
  const len = width * channels;
  const filtered = level === 0 ? storeRows(pixels, height, len) : filterRows(pixels, height, len, channels);
  const idat = zlib.deflate(filtered, level);

  const ihdr = new Uint8Array(13);
  writeU32(ihdr, 0, width); writeU32(ihdr, 4, height);
  ihdr[8] = 8; ihdr[9] = COLOR_TYPE[channels as 1 | 2 | 3 | 4];
  const chunks = [chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))];
  const file = new Uint8Array(8 + chunks.reduce((n, c) => n + c.length, 0));
  file.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  for (const c of chunks) { file.set(c, at); at += c.length; }
  return file;
}

function storeRows(pixels: Uint8Array, height: number, len: number): Uint8Array {
  const out = new Uint8Array(height * (len + 1));
  for (let y = 0; y < height; y++) out.set(pixels.subarray(y * len, (y + 1) * len), y * (len + 1) + 1);
  return out;
}

/** Rows with their filter byte, each with the filter (0..4) of the smallest sum of |signed bytes|. */
function filterRows(pixels: Uint8Array, height: number, len: number, bpp: number): Uint8Array {
  const out = new Uint8Array(height * (len + 1));
  const trial = new Uint8Array(len);
  for (let y = 0; y < height; y++) {
    const row = y * len, prev = y === 0 ? -1 : row - len;
    const dst = y * (len + 1) + 1;
    let best = 0, bestCost = Infinity;
    for (let f = 0; f <= 4; f++) {
      if (prev < 0 && f >= 2) break; // with no row above, Up is None and Average/Paeth reduce to Sub-like filters
      filterRow(pixels, row, prev, len, bpp, f, trial);
      let cost = 0;
      for (let i = 0; i < len; i++) { const v = trial[i]; cost += v < 128 ? v : 256 - v; }
      if (cost < bestCost) { bestCost = cost; best = f; out.set(trial, dst); }
    }
    out[dst - 1] = best;
  }
  return out;
}

/** Applies PNG filter `f` to the row at `row` (previous row at `prev`, ≥ 0 for f ≥ 2) into `dst`. */
function filterRow(px: Uint8Array, row: number, prev: number, len: number, bpp: number, f: number, dst: Uint8Array): void {
  const head = Math.min(bpp, len);
  switch (f) {
    case 0:
      dst.set(px.subarray(row, row + len));
      return;
    case 1:
      for (let i = 0; i < head; i++) dst[i] = px[row + i];
      for (let i = bpp; i < len; i++) dst[i] = (px[row + i] - px[row + i - bpp]) & 255;
      return;
    case 2:
      for (let i = 0; i < len; i++) dst[i] = (px[row + i] - px[prev + i]) & 255;
      return;
    case 3:
      for (let i = 0; i < head; i++) dst[i] = (px[row + i] - (px[prev + i] >> 1)) & 255;
      for (let i = bpp; i < len; i++) dst[i] = (px[row + i] - ((px[row + i - bpp] + px[prev + i]) >> 1)) & 255;
      return;
    default:
      for (let i = 0; i < head; i++) dst[i] = (px[row + i] - px[prev + i]) & 255;
      for (let i = bpp; i < len; i++) {
        const a = px[row + i - bpp], b = px[prev + i], c = px[prev + i - bpp];
        const p = a + b - c;
        const pa = p > a ? p - a : a - p, pb = p > b ? p - b : b - p, pc = p > c ? p - c : c - p;
        dst[i] = (px[row + i] - (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 255;
      }
  }
}

function writeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24; b[at + 1] = (v >>> 16) & 255; b[at + 2] = (v >>> 8) & 255; b[at + 3] = v & 255;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  writeU32(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  writeU32(out, 8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}
