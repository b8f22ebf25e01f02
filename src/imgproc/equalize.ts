// Histogram equalization on single-channel uint8 images, bit for bit with OpenCV 4.6:
// cv2.equalizeHist and cv2.createCLAHE(clipLimit, tileGridSize).apply.
import { checkFinite, checkInt, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { finishOutput, startOutput, withContiguousRows } from '../core/copy.ts';
import { typeError, tooManyArguments } from '../core/errors.ts';
import { forEachRun, lutKernel } from '../core/iterate.ts';
import { saturateUint8 } from '../core/numeric.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { borderIndex } from './border.ts';
import { rowStart } from './filter-common.ts';
import { byteHistogram } from './histogram.ts';

function checkSingleChannel(a: PixelArray, what: string): void {
  if (a.shape[2] !== 1) {
    throw new RangeError(`a: expected a single-channel image (${what} requires 1 channel), got ${a.shape[2]} channels (shape [${a.shape.join(', ')}])`);
  }
}

/** Options of `equalizeHist`. */
export interface EqualizeHistOptions {
  /** Write the result here (same shape as `a`) instead of allocating; returned. */
  out?: PixelArray;
}

/**
 * `cv2.equalizeHist(a)` on a single-channel image: with `i` the smallest value present and `n`
 * the pixel count, value `v` becomes `saturate(round(cum(v) · f32(255 / (n − hist[i]))))` in
 * float32, where `cum(v)` counts the pixels in `i+1..v` (so `i` maps to 0). An image of a single
 * value is returned unchanged (OpenCV fills it with that value).
 */
export function equalizeHist(a: PixelArray, options?: EqualizeHistOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('equalizeHist', ['a', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['out']);
  checkSingleChannel(a, 'equalizeHist');
  const out = checkOut(opts.out, a.shape);
  const dst = startOutput(a.shape, out, [a], true);
  const [h, w] = a.shape;
  if (h === 0 || w === 0) return finishOutput(dst, out);
  const hist = byteHistogram(a);
  const lut = new Uint8Array(256);
  let i = 0;
  while (!hist[i]) i++;
  const total = h * w;
  if (hist[i] === total) {
    lut.fill(i);
  } else {
    const scale = Math.fround(255 / (total - hist[i]));
    let sum = 0;
    for (lut[i++] = 0; i < 256; i++) {
      sum += hist[i];
      lut[i] = saturateUint8(Math.fround(sum * scale));
    }
  }
  forEachRun(a, dst, lutKernel(lut, 1));
  return finishOutput(dst, out);
}

/** Options of `clahe`. */
export interface ClaheOptions {
  /**
   * Contrast limit (default 40, OpenCV's): each tile's histogram is clipped at
   * `max(1, trunc(clipLimit · tileArea / 256))` counts; 0 or less disables clipping.
   */
  clipLimit?: number;
  /** Tiles across and down, `[tilesX, tilesY]` (default `[8, 8]`). */
  tileGridSize?: readonly [number, number];
  /** Write the result here (same shape as `a`) instead of allocating; returned. */
  out?: PixelArray;
}

/**
 * `cv2.createCLAHE(clipLimit, tileGridSize).apply(a)` on a single-channel uint8 image, bit for bit
 * with OpenCV 4.6.
 *
 * When the size is not a multiple of the grid, OpenCV pads the image with BORDER_REFLECT_101 by
 * `tilesX − W % tilesX` columns and `tilesY − H % tilesY` rows (a whole extra tile on an axis that
 * does divide); tiles are `floor(padded / tiles)`. Each tile's histogram is clipped, the clipped
 * count spread evenly (`clipped / 256` to every bin, then one more to every
 * `max(256 / residual, 1)`-th bin from 0 while residual lasts), and its cumulative sum mapped by
 * `saturate(round(f32(sum · f32(255 / tileArea))))`. Pixels interpolate the four nearest tiles'
 * tables bilinearly in float32, exactly as OpenCV's CLAHE_Interpolation_Body.
 */
export function clahe(a: PixelArray, options?: ClaheOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('clahe', ['a', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['clipLimit', 'tileGridSize', 'out']);
  const clipLimitD = opts.clipLimit === undefined ? 40 : checkFinite(opts.clipLimit, 'options.clipLimit');
  let tilesX = 8, tilesY = 8;
  if (opts.tileGridSize !== undefined) {
    const g = opts.tileGridSize;
    if (!Array.isArray(g) || g.length !== 2) throw typeError('options.tileGridSize', 'an array [tilesX, tilesY] of 2 positive integers', g);
    tilesX = checkInt(g[0], 'options.tileGridSize[0]', 1, 1 << 16);
    tilesY = checkInt(g[1], 'options.tileGridSize[1]', 1, 1 << 16);
  }
  checkSingleChannel(a, 'clahe');
  const out = checkOut(opts.out, a.shape);
  const dst = startOutput(a.shape, out, [a]);
  const [h, w] = a.shape;
  if (h === 0 || w === 0) return finishOutput(dst, out);
  const src = withContiguousRows(a);
  const sd = src.data;

  // The image the tables are computed from: the source itself, or its reflect-101 padding.
  const divides = w % tilesX === 0 && h % tilesY === 0;
  const extW = divides ? w : w + tilesX - (w % tilesX);
  const extH = divides ? h : h + tilesY - (h % tilesY);
  const tileW = Math.floor(extW / tilesX), tileH = Math.floor(extH / tilesY);
  const colSrc = new Int32Array(extW);
  for (let x = 0; x < extW; x++) colSrc[x] = borderIndex(x, w, 'reflect101');
  const rowSrc = new Int32Array(extH);
  for (let y = 0; y < extH; y++) rowSrc[y] = rowStart(src, borderIndex(y, h, 'reflect101'));

  const tileArea = tileW * tileH;
  const lutScale = Math.fround(255 / tileArea);
  let clipLimit = 0;
  if (clipLimitD > 0) {
    clipLimit = Math.trunc((clipLimitD * tileArea) / 256);
    if (clipLimit < 1) clipLimit = 1;
  }
  const luts = new Uint8Array(tilesX * tilesY * 256);
  const hist = new Int32Array(256);
  for (let ty = 0; ty < tilesY; ty++) {
    for (let tx = 0; tx < tilesX; tx++) {
      hist.fill(0);
      const x0 = tx * tileW;
      for (let y = ty * tileH, ye = y + tileH; y < ye; y++) {
        const ro = rowSrc[y];
        // Tiles inside the image (all of them when the tiles divide it) read the row directly.
        if (x0 + tileW <= w) for (let i = ro + x0, e = i + tileW; i < e; i++) hist[sd[i]]++;
        else for (let x = x0, xe = x0 + tileW; x < xe; x++) hist[sd[ro + colSrc[x]]]++;
      }
      if (clipLimit > 0) {
        let clipped = 0;
        for (let i = 0; i < 256; i++) {
          if (hist[i] > clipLimit) { clipped += hist[i] - clipLimit; hist[i] = clipLimit; }
        }
        const batch = Math.floor(clipped / 256);
        let residual = clipped - batch * 256;
        for (let i = 0; i < 256; i++) hist[i] += batch;
        if (residual !== 0) {
          const step = Math.max(Math.floor(256 / residual), 1);
          for (let i = 0; i < 256 && residual > 0; i += step, residual--) hist[i]++;
        }
      }
      const base = (ty * tilesX + tx) * 256;
      let sum = 0;
      for (let i = 0; i < 256; i++) {
        sum += hist[i];
        luts[base + i] = saturateUint8(Math.fround(sum * lutScale));
      }
    }
  }

  // Bilinear interpolation between tile tables, in float32 as OpenCV.
  const fr = Math.fround;
  const invTw = fr(1 / tileW), invTh = fr(1 / tileH);
  const ind1 = new Int32Array(w), ind2 = new Int32Array(w);
  const xa = new Float32Array(w), xa1 = new Float32Array(w);
  for (let x = 0; x < w; x++) {
    const txf = fr(fr(x * invTw) - 0.5);
    let tx1 = Math.floor(txf);
    let tx2 = tx1 + 1;
    xa[x] = fr(txf - tx1);
    xa1[x] = fr(1 - xa[x]);
    if (tx1 < 0) tx1 = 0;
    if (tx2 > tilesX - 1) tx2 = tilesX - 1;
    ind1[x] = tx1 * 256;
    ind2[x] = tx2 * 256;
  }
  const dd = dst.data;
  for (let y = 0; y < h; y++) {
    const tyf = fr(fr(y * invTh) - 0.5);
    let ty1 = Math.floor(tyf);
    let ty2 = ty1 + 1;
    const ya = fr(tyf - ty1), ya1 = fr(1 - ya);
    if (ty1 < 0) ty1 = 0;
    if (ty2 > tilesY - 1) ty2 = tilesY - 1;
    const p1 = ty1 * tilesX * 256, p2 = ty2 * tilesX * 256;
    const so = rowStart(src, y), o = dst.offset + y * w;
    for (let x = 0; x < w; x++) {
      const v = sd[so + x];
      const i1 = ind1[x] + v, i2 = ind2[x] + v;
      const top = fr(fr(luts[p1 + i1] * xa1[x]) + fr(luts[p1 + i2] * xa[x]));
      const bot = fr(fr(luts[p2 + i1] * xa1[x]) + fr(luts[p2 + i2] * xa[x]));
      const res = fr(fr(top * ya1) + fr(bot * ya));
      dd[o + x] = saturateUint8(res);
    }
  }
  return finishOutput(dst, out);
}
