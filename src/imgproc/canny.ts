// cv2.Canny on uint8 images, bit for bit with OpenCV 4.6 (modules/imgproc/src/canny.cpp).
import { checkFinite, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { finishOutput, startOutput } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { sobel } from './edges.ts';

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

  // int16 derivatives (cv::Sobel CV_16S, BORDER_REPLICATE); aperture 7 takes scale 1/16.
  const so = { ksize: aperture, scale: aperture === 7 ? 1 / 16 : 1, border: 'replicate' as const, ddepth: 'int16' as const };
  const sx = sobel(a, 1, 0, so).data, sy = sobel(a, 0, 1, so).data;
  const n = h * w;
  const dx = new Int32Array(n), dy = new Int32Array(n), mag = new Int32Array((h + 2) * (w + 2));
  const ms = w + 2;
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i++) {
      let best = -1, bx = 0, by = 0;
      for (let k = 0, j = i * cn; k < cn; k++, j++) {
        const gx = sx[j], gy = sy[j];
        const m = L2 ? gx * gx + gy * gy : Math.abs(gx) + Math.abs(gy);
        if (m > best) { best = m; bx = gx; by = gy; }
      }
      dx[i] = bx; dy[i] = by;
      mag[(y + 1) * ms + x + 1] = best;
    }
  }

  // Non-maximum suppression into the map: 0 candidate, 1 not an edge, 2 edge (seed); one pixel of
  // border all round (1), as OpenCV's map.
  const map = new Uint8Array((h + 2) * ms).fill(1);
  const stack = new Int32Array((h + 2) * ms);
  let top = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x, p = (y + 1) * ms + x + 1;
      const m = mag[p];
      if (m <= low) continue;
      const xs = dx[i], ys = dy[i];
      const ax = Math.abs(xs), ay = Math.abs(ys) << 15;
      const tg22x = Math.imul(ax, TG22);
      let keep: boolean;
      if (ay < tg22x) keep = m > mag[p - 1] && m >= mag[p + 1];
      else {
        const tg67x = (tg22x + (ax << 16)) | 0;
        if (ay > tg67x) keep = m > mag[p - ms] && m >= mag[p + ms];
        else {
          const s = (xs ^ ys) < 0 ? -1 : 1;
          keep = m > mag[p - ms - s] && m > mag[p + ms + s];
        }
      }
      if (!keep) continue;
      if (m > high) { map[p] = 2; stack[top++] = p; } else map[p] = 0;
    }
  }

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
