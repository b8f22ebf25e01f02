// cv2.Canny on uint8 images, bit for bit with OpenCV 4.6 (modules/imgproc/src/canny.cpp).
import { checkFinite, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { finishOutput, startOutput } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { castInt16, derivKernel, separableSumRows } from './edges.ts';

/** Options of `canny`. */
export interface CannyOptions {
  /** Sobel aperture: 3 (default), 5 or 7 (cv2.Canny 4.6 refuses −1, Scharr). */
  apertureSize?: number;
  /** Compare √(dx² + dy²) (as squared magnitudes) instead of |dx| + |dy| (default false). */
  L2gradient?: boolean;
  /** Write the `H×W×1` edge map here instead of allocating; returned. */
  out?: PixelArray;
}

/** tan(22.5°) in Q15, as OpenCV: (int)(0.4142135623730950488 · 2^15 + 0.5). */
const TG22 = 13573;

/**
 * `cv2.Canny(a, threshold1, threshold2, apertureSize=apertureSize, L2gradient=L2gradient)`: the
 * `H×W×1` edge map (0 or 255) of a 1-channel image, or of a multi-channel one as OpenCV does it
 * (at each pixel, the gradient of the channel with the largest magnitude).
 *
 * As OpenCV 4.6: int16 Sobel derivatives with BORDER_REPLICATE (apertureSize 7: scaled by 1/16,
 * and the thresholds too); the thresholds swapped when threshold1 > threshold2; with L2gradient,
 * each clipped to 32767 and squared (when positive); both floored to integers. A pixel is a
 * candidate when its magnitude exceeds the low threshold and is a local maximum across the
 * gradient direction (sector test in Q15 fixed point with tan 22.5° = 13573 / 2^15; the strict /
 * non-strict neighbour comparisons of OpenCV), a seed when it also exceeds the high threshold;
 * edges are the 8-connected candidate regions reached from seeds (hysteresis with a stack).
 */
export function canny(a: PixelArray, threshold1: number, threshold2: number, options?: CannyOptions): PixelArray {
  if (arguments.length > 4) throw tooManyArguments('canny', ['a', 'threshold1', 'threshold2', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  let lowT = checkFinite(threshold1, 'threshold1');
  let highT = checkFinite(threshold2, 'threshold2');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['apertureSize', 'L2gradient', 'out']);
  const aperture = opts.apertureSize === undefined ? 3 : opts.apertureSize;
  if (typeof aperture !== 'number') throw typeError('options.apertureSize', '3, 5 or 7', aperture);
  if (aperture !== 3 && aperture !== 5 && aperture !== 7) {
    throw rangeError('options.apertureSize', '3, 5 or 7 (cv2.Canny in 4.6 refuses -1)', aperture);
  }
  const L2 = opts.L2gradient === undefined ? false : opts.L2gradient;
  if (typeof L2 !== 'boolean') throw typeError('options.L2gradient', 'a boolean', L2);
  const [h, w, cn] = a.shape;
  const shape = [h, w, 1];
  const out = checkOut(opts.out, shape);

  if (aperture === 7) { lowT /= 16; highT /= 16; }
  if (lowT > highT) { const t = lowT; lowT = highT; highT = t; }
  if (L2) {
    lowT = Math.min(32767, lowT);
    highT = Math.min(32767, highT);
    if (lowT > 0) lowT *= lowT;
    if (highT > 0) highT *= highT;
  }
  const low = Math.floor(lowT), high = Math.floor(highT);

  const dst = startOutput(shape as [number, number, number], out, [a]);
  if (h === 0 || w === 0) return finishOutput(dst, out);

  // int16 derivatives (cv::Sobel CV_16S, BORDER_REPLICATE; aperture 7 takes scale 1/16), streamed
  // row by row: each row's gradient (of the channel with the largest magnitude) and magnitude go
  // into small rings, and non-maximum suppression of row y − 1 runs as soon as row y is known.
  const kx = derivKernel(1, aperture), ky = derivKernel(0, aperture);
  const scale = aperture === 7 ? Math.fround(1 / 16) : 1;
  const len = w * cn, ms = w + 2;
  // Aperture 7: the sums scaled by 1/16 and saturated to int16 as cv::Sobel CV_16S, held as int32.
  const gx7 = new Int32Array(aperture === 7 ? len : 0), gy7 = new Int32Array(aperture === 7 ? len : 0);
  const dxRows = new Int32Array(2 * w), dyRows = new Int32Array(2 * w);
  const magRows = new Int32Array(3 * ms); // rows y − 1, y, y + 1 by (row + 1) % 3; zero outside the image
  // The map: 0 candidate, 1 not an edge, 2 edge (seed); one pixel of border all round (1), as
  // OpenCV's map.
  const map = new Uint8Array((h + 2) * ms).fill(1);
  const stack = new Int32Array((h + 2) * ms);
  let top = 0;
  const suppress = (y: number): void => {
    const up = (y % 3) * ms + 1, mid = ((y + 1) % 3) * ms + 1, down = ((y + 2) % 3) * ms + 1;
    const g = (y & 1) * w;
    for (let x = 0; x < w; x++) {
      const m = magRows[mid + x];
      if (m <= low) continue;
      const xs = dxRows[g + x], ys = dyRows[g + x];
      const ax = Math.abs(xs), ay = Math.abs(ys) << 15;
      const tg22x = Math.imul(ax, TG22);
      let keep: boolean;
      if (ay < tg22x) keep = m > magRows[mid + x - 1] && m >= magRows[mid + x + 1];
      else {
        const tg67x = (tg22x + (ax << 16)) | 0;
        if (ay > tg67x) keep = m > magRows[up + x] && m >= magRows[down + x];
        else {
          const s = (xs ^ ys) < 0 ? -1 : 1;
          keep = m > magRows[up + x - s] && m > magRows[down + x + s];
        }
      }
      if (!keep) continue;
      const p = (y + 1) * ms + x + 1;
      if (m > high) { map[p] = 2; stack[top++] = p; } else map[p] = 0;
    }
  };
  separableSumRows(a, [[kx, ky], [ky, kx]], 'replicate', ([sx, sy], y) => {
    // Apertures 3 and 5 keep |sum| ≤ 255 · 6 · 16, inside int16: the saturating cast is the identity.
    let gxs = sx, gys = sy;
    if (aperture === 7) { castInt16(sx, len, scale, 0, gx7, 0); castInt16(sy, len, scale, 0, gy7, 0); gxs = gx7; gys = gy7; }
    const g = (y & 1) * w, mo = ((y + 1) % 3) * ms + 1;
    if (cn === 1) {
      for (let x = 0; x < w; x++) {
        const gx = gxs[x], gy = gys[x];
        dxRows[g + x] = gx; dyRows[g + x] = gy;
        magRows[mo + x] = L2 ? gx * gx + gy * gy : Math.abs(gx) + Math.abs(gy);
      }
    } else if (cn === 3 && !L2) {
      for (let x = 0, j = 0; x < w; x++, j += 3) {
        // The first channel with the largest magnitude, as OpenCV's strict comparison.
        let bx = gxs[j], by = gys[j], best = Math.abs(bx) + Math.abs(by);
        const x1 = gxs[j + 1], y1 = gys[j + 1], m1 = Math.abs(x1) + Math.abs(y1);
        if (m1 > best) { best = m1; bx = x1; by = y1; }
        const x2 = gxs[j + 2], y2 = gys[j + 2], m2 = Math.abs(x2) + Math.abs(y2);
        if (m2 > best) { best = m2; bx = x2; by = y2; }
        dxRows[g + x] = bx; dyRows[g + x] = by;
        magRows[mo + x] = best;
      }
    } else {
      for (let x = 0; x < w; x++) {
        let best = -1, bx = 0, by = 0;
        for (let k = 0, j = x * cn; k < cn; k++, j++) {
          const gx = gxs[j], gy = gys[j];
          const m = L2 ? gx * gx + gy * gy : Math.abs(gx) + Math.abs(gy);
          if (m > best) { best = m; bx = gx; by = gy; }
        }
        dxRows[g + x] = bx; dyRows[g + x] = by;
        magRows[mo + x] = best;
      }
    }
    if (y > 0) suppress(y - 1);
  });
  magRows.fill(0, ((h + 1) % 3) * ms, ((h + 1) % 3) * ms + ms);
  suppress(h - 1);

  // Hysteresis: grow the seeds through 8-connected candidates.
  while (top > 0) {
    const p = stack[--top];
    if (map[p - 1] === 0) { map[p - 1] = 2; stack[top++] = p - 1; }
    if (map[p + 1] === 0) { map[p + 1] = 2; stack[top++] = p + 1; }
    if (map[p - ms - 1] === 0) { map[p - ms - 1] = 2; stack[top++] = p - ms - 1; }
    if (map[p - ms] === 0) { map[p - ms] = 2; stack[top++] = p - ms; }
    if (map[p - ms + 1] === 0) { map[p - ms + 1] = 2; stack[top++] = p - ms + 1; }
    if (map[p + ms - 1] === 0) { map[p + ms - 1] = 2; stack[top++] = p + ms - 1; }
    if (map[p + ms] === 0) { map[p + ms] = 2; stack[top++] = p + ms; }
    if (map[p + ms + 1] === 0) { map[p + ms + 1] = 2; stack[top++] = p + ms + 1; }
  }

  const dd = dst.data;
  for (let y = 0, o = dst.offset; y < h; y++) {
    for (let x = 0, p = (y + 1) * ms + 1; x < w; x++, p++, o++) dd[o] = map[p] === 2 ? 255 : 0;
  }
  return finishOutput(dst, out);
}
