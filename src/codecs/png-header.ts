// Walks a PNG's chunks and validates them before any pixel is decoded: the signature, every
// chunk's length and CRC, IHDR's fields, the PLTE/tRNS/IDAT/IEND rules. Everything here is a
// bounds-checked read of the input; sizes are computed in doubles, never in 32-bit arithmetic.
import { crc32 } from './crc32.ts';
import { DecodeError } from './errors.ts';

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** Colour type → samples per pixel (PNG spec table 11.1). */
const SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Colour type → allowed bit depths. */
const DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16],
};
const COLOR_NAMES: Record<number, string> = { 0: 'grayscale', 2: 'RGB', 3: 'palette', 4: 'gray+alpha', 6: 'RGBA' };

/** What the decoder needs to know about a structurally valid PNG. */
export interface PngInfo {
  width: number;
  height: number;
  bitDepth: 1 | 2 | 4 | 8 | 16;
  colorType: 0 | 2 | 3 | 4 | 6;
  interlaced: boolean;
  /** Palette entries (colour type 3), else 0. */
  paletteSize: number;
  /** The PLTE chunk's RGB triples (colour type 3), else null. */
  palette: Uint8Array | null;
  /** Colour type 3 with tRNS: the alpha of the first palette entries (the others are opaque). */
  paletteAlpha: Uint8Array | null;
  /** tRNS present and meaningful for the colour type (0, 2 or 3). */
  hasTransparency: boolean;
  /** Colour type 0/2 with tRNS: the transparent sample value(s) at the file's bit depth. */
  transparentKey: number[] | null;
  /** The IDAT payloads in order (views into the input): together, the zlib stream of the image. */
  imageData: Uint8Array[];
  /** Offset just past the IEND chunk: anything after it is ignored. */
  end: number;
  /** IDAT chunks found after another chunk had ended the image data (ignored, as libpng and Pillow do). */
  strayIdats: number;
}

const MAX_DIMENSION = 2 ** 31 - 1;

function fail(message: string): never {
  throw new DecodeError('png', message);
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

function chunkName(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Validates the signature, every chunk's length and CRC, and the IHDR/PLTE/tRNS/IDAT/IEND rules. */
export function readPngInfo(bytes: Uint8Array): PngInfo {
  if (bytes.length === 0) fail('empty input');
  for (let i = 0; i < 8; i++) {
    if (i >= bytes.length) fail(`truncated signature (${bytes.length} bytes)`);
    if (bytes[i] !== PNG_SIGNATURE[i]) {
      fail(`bad signature (byte ${i} is 0x${bytes[i].toString(16).padStart(2, '0')}, expected ` +
        `0x${PNG_SIGNATURE[i].toString(16).padStart(2, '0')}); not a PNG file or mangled by a text-mode transfer`);
    }
  }

  let info: PngInfo | null = null;
  let sawPalette = false, sawTransparency = false, sawIdat = false, idatEnded = false;
  let pos = 8;
  for (;;) {
    if (pos + 12 > bytes.length) {
      fail(pos === bytes.length ? 'truncated file: no IEND chunk' : `truncated chunk header at offset ${pos}`);
    }
    const length = readU32(bytes, pos);
    const type = chunkName(bytes, pos + 4);
    const dataAt = pos + 8;
    if (length > MAX_DIMENSION) fail(`chunk ${JSON.stringify(type)} at offset ${pos} claims ${length} bytes (over 2^31-1)`);
    for (let i = 4; i < 8; i++) {
      if (!isLetter(bytes[pos + i])) fail(`invalid chunk type ${JSON.stringify(type)} at offset ${pos}`);
    }
    if (dataAt + length + 4 > bytes.length) fail(`truncated ${type} chunk at offset ${pos} (${length} bytes claimed)`);
    const stored = readU32(bytes, dataAt + length);
    const actual = crc32(bytes.subarray(pos + 4, dataAt + length));
    if (stored !== actual) fail(`CRC mismatch in ${type} chunk at offset ${pos}`);
    const data = bytes.subarray(dataAt, dataAt + length);
    const next = dataAt + length + 4;

    if (info === null) {
      if (type !== 'IHDR') fail(`first chunk is ${type}, expected IHDR`);
      info = parseIhdr(data);
      pos = next;
      continue;
    }
    if (sawIdat && type !== 'IDAT') idatEnded = true;
    switch (type) {
      case 'IHDR':
        throw new DecodeError('png', 'more than one IHDR chunk');
      case 'PLTE':
        if (sawPalette) fail('more than one PLTE chunk');
        if (sawIdat) fail('PLTE chunk after the image data');
        if (length === 0 || length % 3 !== 0 || length > 768) fail(`PLTE chunk of ${length} bytes (must be 3 × 1..256)`);
        sawPalette = true;
        if (info.colorType === 3) {
          info.paletteSize = length / 3;
          info.palette = data;
        }
        break;
      case 'tRNS':
        if (sawTransparency) fail('more than one tRNS chunk');
        if (sawIdat) fail('tRNS chunk after the image data');
        sawTransparency = true;
        readTransparency(info, data, sawPalette);
        break;
      case 'IDAT':
        if (idatEnded) {
          // libpng reads the first run of IDATs as the image ("Too many IDATs found" is a benign
          // error) and Pillow stops at the first other chunk: a later IDAT is never image data.
          info.strayIdats++;
          break;
        }
        if (info.colorType === 3 && !sawPalette) fail('palette image without a PLTE chunk before the image data');
        sawIdat = true;
        info.imageData.push(data);
        break;
      case 'IEND':
        if (!sawIdat) fail('no IDAT chunk (no image data)');
        info.end = next;
        return info;
      default:
        // Bit 5 of the first letter clear (uppercase) marks a critical chunk we cannot skip.
        if ((bytes[pos + 4] & 0x20) === 0) fail(`unsupported critical chunk ${JSON.stringify(type)}`);
    }
    pos = next;
  }
}

function parseIhdr(data: Uint8Array): PngInfo {
  if (data.length !== 13) fail(`IHDR chunk has ${data.length} bytes, expected 13`);
  const width = readU32(data, 0), height = readU32(data, 4);
  const bitDepth = data[8], colorType = data[9];
  if (width === 0 || height === 0) fail(`image is ${width}×${height}; width and height must be at least 1`);
  if (width > MAX_DIMENSION || height > MAX_DIMENSION) fail(`image is ${width}×${height}; width and height must be at most 2^31-1`);
  if (!(colorType in SAMPLES)) fail(`invalid colour type ${colorType} (expected 0, 2, 3, 4 or 6)`);
  if (!DEPTHS[colorType].includes(bitDepth)) {
    fail(`invalid bit depth ${bitDepth} for ${COLOR_NAMES[colorType]} (colour type ${colorType}); allowed: ${DEPTHS[colorType].join(', ')}`);
  }
  if (data[10] !== 0) fail(`unknown compression method ${data[10]}`);
  if (data[11] !== 0) fail(`unknown filter method ${data[11]}`);
  if (data[12] > 1) fail(`unknown interlace method ${data[12]}`);
  return {
    width, height,
    bitDepth: bitDepth as PngInfo['bitDepth'],
    colorType: colorType as PngInfo['colorType'],
    interlaced: data[12] === 1,
    paletteSize: 0,
    palette: null,
    paletteAlpha: null,
    hasTransparency: false,
    transparentKey: null,
    imageData: [],
    end: 0,
    strayIdats: 0,
  };
}

function readTransparency(info: PngInfo, data: Uint8Array, sawPalette: boolean): void {
  switch (info.colorType) {
    case 0:
      if (data.length !== 2) fail(`tRNS chunk has ${data.length} bytes, expected 2 for grayscale`);
      info.transparentKey = [(data[0] << 8) | data[1]];
      break;
    case 2:
      if (data.length !== 6) fail(`tRNS chunk has ${data.length} bytes, expected 6 for RGB`);
      info.transparentKey = [(data[0] << 8) | data[1], (data[2] << 8) | data[3], (data[4] << 8) | data[5]];
      break;
    case 3:
      if (!sawPalette) fail('tRNS chunk before PLTE');
      if (data.length > info.paletteSize) fail(`tRNS chunk has ${data.length} entries, more than the ${info.paletteSize} palette colours`);
      info.paletteAlpha = data;
      break;
    default:
      // Colour types 4 and 6 carry a full alpha channel; the spec forbids tRNS there. Like Pillow, ignore it.
      return;
  }
  info.hasTransparency = true;
}

/** Samples per pixel for a colour type (palette indices count as one). */
export function samplesPerPixel(colorType: number): number {
  return SAMPLES[colorType];
}

/** Bytes per filtered row (without the filter byte) for `width` pixels. */
export function rowBytes(width: number, info: Pick<PngInfo, 'bitDepth' | 'colorType'>): number {
  return Math.ceil((width * samplesPerPixel(info.colorType) * info.bitDepth) / 8);
}

/** Size of the inflated IDAT stream: one filter byte per row, for each Adam7 pass if interlaced. */
export function inflatedSize(info: PngInfo): number {
  if (!info.interlaced) return info.height * (1 + rowBytes(info.width, info));
  // Adam7: [x0, y0, dx, dy] per pass.
  const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((info.width - x0) / dx), h = Math.ceil((info.height - y0) / dy);
    if (w > 0 && h > 0) total += h * (1 + rowBytes(w, info));
  }
  return total;
}
