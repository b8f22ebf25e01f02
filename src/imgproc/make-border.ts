// cv2.copyMakeBorder on uint8: the image framed by made-up pixels (every border of border.ts).
import { checkInt, checkOptions, checkOut, checkRealScalar, checkOptionKeys } from '../core/check.ts';
import { finishOutput, startOutput, withContiguousRows } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { roundHalfEven } from '../core/numeric.ts';
import { assertPixelArray, checkShape, PixelArray } from '../core/pixelarray.ts';
import { BORDER_MODES, borderIndex, checkBorder, type BorderMode } from './border.ts';
import { rowStart } from './filter-common.ts';

/** Options of `copyMakeBorder`. */
export interface CopyMakeBorderOptions {
  /** Write the result here (shape `[h + top + bottom, w + left + right, c]`) instead of allocating; returned. */
  out?: PixelArray;
}

/**
 * OpenCV's `saturate_cast<uchar>(double)` of a border value: rounded half to even, clamped to
 * 0..255 (what `cv2` does with a `Scalar` component).
 */
export function saturateByte(v: number): number {
  const r = roundHalfEven(v);
  return r < 0 ? 0 : r > 255 ? 255 : r;
}

/**
 * A border value (`number` = every channel, or one number per channel) as `channels` bytes, each
 * rounded and saturated as OpenCV's `saturate_cast<uchar>` does.
 */
export function borderValueBytes(value: unknown, channels: number, name: string): number[] {
  return checkRealScalar(value, channels, name).map(saturateByte);
}

/**
 * `cv2.copyMakeBorder(a, top, bottom, left, right, borderType, value=value)`: `a` framed by `top`
 * rows above, `bottom` below, `left` columns on the left and `right` on the right, made up by
 * `border` (`'reflect101'`, `'replicate'`, `'reflect'`, `'wrap'`, or `'constant'` with `value`:
 * a number for every channel or one number per channel, default 0; rounded half to even and
 * saturated to 0..255 as OpenCV's `saturate_cast` does). Borders wider than the image bounce
 * (reflections) or repeat (wrap) as `cv::borderInterpolate` does.
 *
 * Deviation: a Python number `value=5` is `Scalar(5, 0, 0, 0)` in cv2 (channel 0 only); here a
 * number means every channel, as everywhere in pixelarray. An empty image can only be framed
 * with `'constant'` (OpenCV refuses empty inputs altogether).
 */
export function copyMakeBorder(a: PixelArray, top: number, bottom: number, left: number, right: number,
  border: BorderMode, value?: number | readonly number[], options?: CopyMakeBorderOptions): PixelArray {
  if (arguments.length > 8) throw tooManyArguments('copyMakeBorder', ['a', 'top', 'bottom', 'left', 'right', 'border', 'value', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  checkInt(top, 'top', 0); checkInt(bottom, 'bottom', 0); checkInt(left, 'left', 0); checkInt(right, 'right', 0);
  if (border === undefined) throw typeError('border', `one of ${BORDER_MODES.map((m) => `'${m}'`).join(', ')}`, border);
  const mode = checkBorder(border, 'border');
  const [h, w, c] = a.shape;
  const values = borderValueBytes(value === undefined ? 0 : value, c, 'value');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['out']);
  const shape = checkShape([h + top + bottom, w + left + right, c], 'result shape');
  if ((h === 0 || w === 0) && mode !== 'constant' && (top + bottom > 0 || left + right > 0)) {
    throw rangeError('a', `a non-empty image for border '${mode}'`, a);
  }
  const out = checkOut(opts.out, shape);
  const dst = startOutput(shape, out, [a]);
  makeBorderInto(a, top, left, mode, values, dst);
  return finishOutput(dst, out);
}

/**
 * Writes `a` framed by `top` rows and `left` columns (and whatever remains of `dst` below and on
 * the right) into the contiguous `dst`, made up by `mode` (`values`: one byte per channel for
 * `constant`). Shared by morphology, which pads its input this way.
 */
export function makeBorderInto(a: PixelArray, top: number, left: number, mode: BorderMode, values: readonly number[],
  dst: PixelArray): void {
  const [h, w, c] = a.shape;
  const [dh, dw] = dst.shape;
  const dd = dst.data, o = dst.offset;
  const dlen = dw * c, len = w * c;
  if (dh === 0 || dlen === 0) return;
  const right = dw - w - left;
  if (h === 0 || w === 0) {
    fillPattern(dd, o, dh * dlen, values);
    return;
  }
  const src = withContiguousRows(a);
  const sd = src.data;
  // One output row per source row (its middle copied, its sides made up), then the rows above and
  // below copied from those (or the constant pattern).
  const cols = new Int32Array(left + right);
  for (let p = 0; p < left; p++) cols[p] = borderIndex(p - left, w, mode);
  for (let p = 0; p < right; p++) cols[left + p] = borderIndex(w + p, w, mode);
  const constRow = mode === 'constant' ? new Uint8Array(Math.max(left, right) * c) : null;
  if (constRow) fillPattern(constRow, 0, constRow.length, values);
  for (let y = 0; y < h; y++) {
    const si = rowStart(src, y), di = o + (top + y) * dlen;
    dd.set(sd.subarray(si, si + len), di + left * c);
    if (constRow) {
      if (left > 0) dd.set(constRow.subarray(0, left * c), di);
      if (right > 0) dd.set(constRow.subarray(0, right * c), di + (left + w) * c);
      continue;
    }
    for (let p = 0; p < left; p++) copyPixel(sd, si + cols[p] * c, dd, di + p * c, c);
    for (let p = 0; p < right; p++) copyPixel(sd, si + cols[left + p] * c, dd, di + (left + w + p) * c, c);
  }
  const bottom = dh - h - top;
  if (mode === 'constant') {
    if (top > 0) fillPattern(dd, o, top * dlen, values);
    if (bottom > 0) fillPattern(dd, o + (top + h) * dlen, bottom * dlen, values);
    return;
  }
  for (let p = 0; p < top; p++) {
    const r = borderIndex(p - top, h, mode);
    dd.copyWithin(o + p * dlen, o + (top + r) * dlen, o + (top + r + 1) * dlen);
  }
  for (let p = 0; p < bottom; p++) {
    const r = borderIndex(h + p, h, mode);
    dd.copyWithin(o + (top + h + p) * dlen, o + (top + r) * dlen, o + (top + r + 1) * dlen);
  }
}

function copyPixel(s: Uint8Array, si: number, d: Uint8Array, di: number, c: number): void {
  for (let k = 0; k < c; k++) d[di + k] = s[si + k];
}

/** `n` elements from `at` filled with the repeating per-channel `values` (n a multiple of their count). */
function fillPattern(d: Uint8Array, at: number, n: number, values: readonly number[]): void {
  const c = values.length;
  if (n <= 0) return;
  if (values.every((v) => v === values[0])) { d.fill(values[0], at, at + n); return; }
  for (let k = 0; k < c && k < n; k++) d[at + k] = values[k];
  for (let filled = c; filled < n; filled *= 2) d.copyWithin(at + filled, at, at + Math.min(filled, n - filled));
}
