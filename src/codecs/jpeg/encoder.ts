// A baseline JPEG encoder that writes, byte for byte, what libjpeg-turbo writes with the settings
// Pillow 9.4 uses for `im.save(f, 'JPEG', quality=q, subsampling=s)`: jpeg_set_defaults +
// jpeg_set_quality(q, force_baseline) (jcparam.c), RGB → YCbCr (jccolor.c), the h2v1 / h2v2
// downsamplers with their alternating bias and edge replication (jcsample.c, jcprepct.c), the
// islow forward DCT and reciprocal quantiser (jfdctint.c, jcdctmgr.c; fdct.ts), the dummy blocks
// at the right and bottom edges (jccoefct.c), the standard Huffman tables (jstdhuff.c; huffenc.ts)
// and the marker layout of jcmarker.c: SOI, APP0 JFIF 1.01 (aspect 1:1, no thumbnail), DQT per
// table, SOF0, DHT per table, SOS, entropy-coded data, EOI.
//
// The image is processed one iMCU row (8 × max_v_samp_factor pixel rows) at a time into small
// per-component strips, so memory is O(width) besides the output.
import { fdctIslow, makeDivisors, quantizeZigzag, type Divisors } from './fdct.ts';
import { deriveEncodeTable, type EncodeTable, HuffmanWriter } from './huffenc.ts';
import { NATURAL_ORDER } from './jdhuff.ts';
import { STD_AC_CHROMINANCE_BITS, STD_AC_CHROMINANCE_VALUES, STD_AC_LUMINANCE_BITS, STD_AC_LUMINANCE_VALUES,
  STD_DC_CHROMINANCE_BITS, STD_DC_CHROMINANCE_VALUES, STD_DC_LUMINANCE_BITS, STD_DC_LUMINANCE_VALUES } from './jstdhuff.ts';

/** Chroma subsampling, as Pillow names it (`subsampling=0 / 1 / 2`). */
export type JpegSubsampling = '4:4:4' | '4:2:2' | '4:2:0';

/** Settings of `encodeJpegData`. */
export interface JpegEncodeParams {
  /**
   * libjpeg quality, an integer: 1 (smallest) .. 100 (best). As in jpeg_quality_scaling, values
   * below 1 act as 1 and above 100 as 100 (Pillow passes 0 through, which libjpeg treats as 1).
   */
  quality: number;
  /**
   * Sampling factors of the first component: '4:2:0' (2×2, Pillow's and libjpeg's default for
   * colour), '4:2:2' (2×1) or '4:4:4' (1×1). For grayscale, omitted means 1×1; given, it is written
   * into the frame header as Pillow does for mode 'L' (the pixels coded are the same).
   */
  subsampling?: JpegSubsampling;
}

/** JPEG Annex K luminance quantisation table, natural order (jcparam.c). */
const STD_LUMINANCE_QUANT: readonly number[] = [
  16, 11, 10, 16, 24, 40, 51, 61,
  12, 12, 14, 19, 26, 58, 60, 55,
  14, 13, 16, 24, 40, 57, 69, 56,
  14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77,
  24, 35, 55, 64, 81, 104, 113, 92,
  49, 64, 78, 87, 103, 121, 120, 101,
  72, 92, 95, 98, 112, 100, 103, 99,
];
/** JPEG Annex K chrominance quantisation table, natural order (jcparam.c). */
const STD_CHROMINANCE_QUANT: readonly number[] = [
  17, 18, 24, 47, 99, 99, 99, 99,
  18, 21, 26, 66, 99, 99, 99, 99,
  24, 26, 56, 99, 99, 99, 99, 99,
  47, 66, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99,
];

/** jpeg_quality_scaling: quality → percentage scale factor. */
export function qualityScaling(quality: number): number {
  let q = quality;
  if (q <= 0) q = 1;
  if (q > 100) q = 100;
  return q < 50 ? Math.trunc(5000 / q) : 200 - q * 2;
}

/** jpeg_add_quant_table with force_baseline: the basic table scaled by `scale` %, clamped to 1..255 (natural order). */
export function scaledQuantTable(basic: readonly number[], scale: number): Uint8Array {
  const t = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    let v = Math.trunc((basic[i] * scale + 50) / 100);
    if (v <= 0) v = 1;
    if (v > 255) v = 255;
    t[i] = v;
  }
  return t;
}

// jccolor.c rgb_ycc_start: fixed point with 16 fractional bits, the rounding (and for Cb, Cr the
// offset 128 and the 0.5 - epsilon fudge) folded into one constant. libjpeg looks the products up in
// tables; multiplying is the same integer arithmetic.
const SCALEBITS = 16;
const fix = (x: number): number => Math.floor(x * (1 << SCALEBITS) + 0.5);
const R_Y = fix(0.299), G_Y = fix(0.587), B_Y = fix(0.114);
const R_CB = -fix(0.16874), G_CB = -fix(0.33126), B_CB = fix(0.5);
const R_CR = fix(0.5), G_CR = -fix(0.41869), B_CR = -fix(0.08131);
const Y_ROUND = 1 << (SCALEBITS - 1);
const C_ROUND = (128 << SCALEBITS) + (1 << (SCALEBITS - 1)) - 1;

let tables: { dcL: EncodeTable; acL: EncodeTable; dcC: EncodeTable; acC: EncodeTable } | null = null;
function huffmanTables(): NonNullable<typeof tables> {
  if (tables === null) {
    tables = {
      dcL: deriveEncodeTable(STD_DC_LUMINANCE_BITS, STD_DC_LUMINANCE_VALUES),
      acL: deriveEncodeTable(STD_AC_LUMINANCE_BITS, STD_AC_LUMINANCE_VALUES),
      dcC: deriveEncodeTable(STD_DC_CHROMINANCE_BITS, STD_DC_CHROMINANCE_VALUES),
      acC: deriveEncodeTable(STD_AC_CHROMINANCE_BITS, STD_AC_CHROMINANCE_VALUES),
    };
  }
  return tables;
}

interface Comp {
  id: number;
  h: number;
  v: number;
  tq: number;
  /** Blocks holding image data (width_in_blocks, height_in_blocks). */
  wib: number;
  hib: number;
  /** The strip of one iMCU row: (mcusX · h · 8) × (v · 8) samples. */
  strip: Uint8Array;
  stride: number;
  div: Divisors;
  dc: EncodeTable;
  ac: EncodeTable;
  lastDc: number;
}

/** Marker segment: 0xFF, `marker`, length (payload + 2), payload. */
function segment(marker: number, payload: readonly number[]): number[] {
  const len = payload.length + 2;
  return [0xff, marker, len >> 8, len & 0xff, ...payload];
}

function dhtSegment(tc: number, th: number, bits: readonly number[], values: readonly number[]): number[] {
  return segment(0xc4, [(tc << 4) | th, ...bits.slice(1, 17), ...values]);
}

/**
 * Encodes contiguous H×W×C uint8 pixels (C = 1: gray, one component; C = 3: RGB, stored as YCbCr)
 * as a baseline JPEG, byte-identical to Pillow 9.4 / libjpeg-turbo (`Image.save(f, 'JPEG',
 * quality=q, subsampling=s)`, no optimize, no progressive, no dpi). `width` and `height` must be
 * 1..65535. Returns a fresh, tightly sized array.
 */
export function encodeJpegData(
  pixels: Uint8Array, width: number, height: number, channels: 1 | 3, options: JpegEncodeParams,
): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 65535 || height > 65535) {
    throw new RangeError(`encodeJpegData: size must be 1..65535 × 1..65535, got ${width}×${height}`);
  }
  if (channels !== 1 && channels !== 3) throw new RangeError(`encodeJpegData: channels must be 1 or 3, got ${channels}`);
  if (pixels.length < width * height * channels) {
    throw new RangeError(`encodeJpegData: ${pixels.length} bytes given for ${width}×${height}×${channels}`);
  }
  const quality = options.quality;
  if (!Number.isInteger(quality)) throw new RangeError(`encodeJpegData: quality must be an integer, got ${quality}`);
  const ss = options.subsampling;
  if (ss !== undefined && ss !== '4:4:4' && ss !== '4:2:2' && ss !== '4:2:0') {
    throw new RangeError(`encodeJpegData: subsampling must be '4:4:4', '4:2:2' or '4:2:0', got ${String(ss)}`);
  }

  const scale = qualityScaling(quality);
  const qLum = scaledQuantTable(STD_LUMINANCE_QUANT, scale);
  const qChr = scaledQuantTable(STD_CHROMINANCE_QUANT, scale);
  const huff = huffmanTables();

  // Sampling factors of component 0 (Pillow sets only these); chroma stays 1×1.
  const sub = ss ?? (channels === 3 ? '4:2:0' : undefined);
  const h0 = sub === '4:2:0' || sub === '4:2:2' ? 2 : 1;
  const v0 = sub === '4:2:0' ? 2 : 1;
  // A single-component scan is non-interleaved (one block per MCU): the factors change only the
  // SOF bytes, so gray is processed as 1×1.
  const maxH = channels === 3 ? h0 : 1;
  const maxV = channels === 3 ? v0 : 1;
  const mcusX = Math.ceil(width / (8 * maxH));
  const mcusY = Math.ceil(height / (8 * maxV));

  const divL = makeDivisors(qLum), divC = makeDivisors(qChr);
  const comps: Comp[] = [];
  const addComp = (id: number, h: number, v: number, tq: number): void => {
    const ch = channels === 3 ? h : 1, cv = channels === 3 ? v : 1;
    const compW = Math.ceil(width * ch / maxH), compH = Math.ceil(height * cv / maxV);
    const stride = mcusX * ch * 8;
    comps.push({
      id, h, v, tq,
      wib: Math.ceil(compW / 8), hib: Math.ceil(compH / 8),
      strip: new Uint8Array(stride * cv * 8), stride,
      div: tq === 0 ? divL : divC,
      dc: tq === 0 ? huff.dcL : huff.dcC, ac: tq === 0 ? huff.acL : huff.acC,
      lastDc: 0,
    });
  };
  addComp(1, h0, v0, 0);
  if (channels === 3) {
    addComp(2, 1, 1, 1);
    addComp(3, 1, 1, 1);
  }

  // --- Headers (jcmarker.c). ---
  const head: number[] = [0xff, 0xd8];
  // APP0 JFIF: version 1.01, density unit 0 (aspect ratio), 1:1, no thumbnail.
  head.push(...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]));
  const zigzagTable = (t: Uint8Array): number[] => Array.from({ length: 64 }, (_, k) => t[NATURAL_ORDER[k]]);
  head.push(...segment(0xdb, [0, ...zigzagTable(qLum)]));
  if (channels === 3) head.push(...segment(0xdb, [1, ...zigzagTable(qChr)]));
  const sof = [8, height >> 8, height & 0xff, width >> 8, width & 0xff, comps.length];
  for (const c of comps) sof.push(c.id, (c.h << 4) | c.v, c.tq);
  head.push(...segment(0xc0, sof));
  head.push(...dhtSegment(0, 0, STD_DC_LUMINANCE_BITS, STD_DC_LUMINANCE_VALUES));
  head.push(...dhtSegment(1, 0, STD_AC_LUMINANCE_BITS, STD_AC_LUMINANCE_VALUES));
  if (channels === 3) {
    head.push(...dhtSegment(0, 1, STD_DC_CHROMINANCE_BITS, STD_DC_CHROMINANCE_VALUES));
    head.push(...dhtSegment(1, 1, STD_AC_CHROMINANCE_BITS, STD_AC_CHROMINANCE_VALUES));
  }
  const sos = [comps.length];
  for (const c of comps) sos.push(c.id, c.tq === 0 ? 0x00 : 0x11);
  sos.push(0, 63, 0);
  head.push(...segment(0xda, sos));

  // A first guess of the size (a quarter of the raw pixels, at most 16 MiB); the writer grows as needed.
  const guess = Math.min(1 << 24, Math.floor(width * height * channels / 4));
  const out = new HuffmanWriter(new Uint8Array(Math.max(4096, head.length + guess)), 0);
  out.bytes(head);

  const ws = new Int32Array(64);
  const zz = new Int32Array(64);
  const fullW = mcusX * maxH * 8;

  // Full-resolution chroma rows before downsampling (maxV rows each), only when subsampled.
  const subsampled = channels === 3 && (maxH > 1 || maxV > 1);
  const cbFull = subsampled ? new Uint8Array(fullW * maxV) : null;
  const crFull = subsampled ? new Uint8Array(fullW * maxV) : null;

  const rowBytes = width * channels;
  for (let my = 0; my < mcusY; my++) {
    // --- Fill the strips: colour conversion, edge replication, downsampling (jcprepct.c, jcsample.c). ---
    for (let g = 0; g < 8; g++) {
      const y0 = (my * 8 + g) * maxV;
      if (y0 >= height) {
        // Below the image: repeat the last downsampled row of each component.
        for (const c of comps) {
          const cv = channels === 3 ? c.v : 1;
          for (let r = 0; r < cv; r++) {
            const dst = (g * cv + r) * c.stride;
            c.strip.copyWithin(dst, dst - c.stride, dst);
          }
        }
        continue;
      }
      if (channels === 1) {
        const c = comps[0];
        const src = y0 * rowBytes;
        const dst = g * c.stride;
        c.strip.set(pixels.subarray(src, src + width), dst);
        c.strip.fill(pixels[src + width - 1], dst + width, dst + c.stride);
        continue;
      }
      const Y = comps[0], Cb = comps[1], Cr = comps[2];
      for (let r = 0; r < maxV; r++) {
        const y = Math.min(y0 + r, height - 1);
        const yAt = (g * maxV + r) * Y.stride;
        let cbArr: Uint8Array, crArr: Uint8Array, cAt: number;
        if (subsampled) { cbArr = cbFull!; crArr = crFull!; cAt = r * fullW; } else { cbArr = Cb.strip; crArr = Cr.strip; cAt = g * Cb.stride; }
        rgbToYccRow(pixels, y * rowBytes, width, Y.strip, yAt, cbArr, crArr, cAt);
        Y.strip.fill(Y.strip[yAt + width - 1], yAt + width, yAt + fullW);
        cbArr.fill(cbArr[cAt + width - 1], cAt + width, cAt + fullW);
        crArr.fill(crArr[cAt + width - 1], cAt + width, cAt + fullW);
      }
      if (subsampled) {
        const outW = mcusX * 8;
        if (maxV === 2) {
          h2v2Downsample(cbFull!, fullW, Cb.strip, g * Cb.stride, outW);
          h2v2Downsample(crFull!, fullW, Cr.strip, g * Cr.stride, outW);
        } else {
          h2v1Downsample(cbFull!, Cb.strip, g * Cb.stride, outW);
          h2v1Downsample(crFull!, Cr.strip, g * Cr.stride, outW);
        }
      }
    }

    // --- DCT, quantise and code each MCU of the row (jccoefct.c compress_data). ---
    for (let mx = 0; mx < mcusX; mx++) {
      out.reserve(comps.length * 4 * 512);
      for (const c of comps) {
        const ch = channels === 3 ? c.h : 1, cv = channels === 3 ? c.v : 1;
        for (let yi = 0; yi < cv; yi++) {
          const by = my * cv + yi;
          for (let xi = 0; xi < ch; xi++) {
            const bx = mx * ch + xi;
            if (by < c.hib && bx < c.wib) {
              fdctIslow(c.strip, yi * 8 * c.stride + bx * 8, c.stride, ws);
              quantizeZigzag(ws, c.div, NATURAL_ORDER, zz);
              out.encodeBlock(zz, c.lastDc, c.dc, c.ac);
              c.lastDc = zz[0];
            } else {
              // Dummy block: the previous block's DC, no AC.
              out.encodeDummyBlock(c.dc, c.ac);
            }
          }
        }
      }
    }
  }
  out.flush();
  out.bytes([0xff, 0xd9]);
  return out.buf.slice(0, out.pos);
}

/** jccolext.c rgb_ycc_convert of one row of `width` RGB pixels at `src[at]`. */
function rgbToYccRow(
  src: Uint8Array, at: number, width: number, yOut: Uint8Array, yAt: number, cbOut: Uint8Array, crOut: Uint8Array, cAt: number,
): void {
  for (let x = 0, p = at; x < width; x++, p += 3) {
    const r = src[p], g = src[p + 1], b = src[p + 2];
    yOut[yAt + x] = (R_Y * r + G_Y * g + B_Y * b + Y_ROUND) >> SCALEBITS;
    cbOut[cAt + x] = (R_CB * r + G_CB * g + B_CB * b + C_ROUND) >> SCALEBITS;
    crOut[cAt + x] = (R_CR * r + G_CR * g + B_CR * b + C_ROUND) >> SCALEBITS;
  }
}

/** jcsample.c h2v1_downsample: pairs averaged with bias 0, 1, 0, 1, … */
function h2v1Downsample(src: Uint8Array, dst: Uint8Array, dAt: number, outW: number): void {
  let bias = 0;
  for (let x = 0, p = 0; x < outW; x++, p += 2) {
    dst[dAt + x] = (src[p] + src[p + 1] + bias) >> 1;
    bias ^= 1;
  }
}

/** jcsample.c h2v2_downsample of two rows `stride` apart: 2×2 averaged with bias 1, 2, 1, 2, … */
function h2v2Downsample(src: Uint8Array, stride: number, dst: Uint8Array, dAt: number, outW: number): void {
  let bias = 1;
  for (let x = 0, p = 0; x < outW; x++, p += 2) {
    dst[dAt + x] = (src[p] + src[p + 1] + src[p + stride] + src[p + stride + 1] + bias) >> 2;
    bias ^= 3;
  }
}
