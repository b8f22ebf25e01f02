// cv2.resize on uint8 images, bit for bit with OpenCV 4.6 (INTER_LINEAR, INTER_NEAREST, INTER_AREA).
//
// OpenCV's arithmetic, reproduced here (see docs/resampling.md for the full rules):
// - nearest: source index `min(floor(d · (1 / (dsize / ssize))), ssize − 1)` in float64.
// - bilinear: coordinates `(d + 0.5) · scale − 0.5` rounded to float32, weights `1 − f` and `f` in
//   float32 scaled by 2048 and rounded half to even (11-bit fixed point), clamped at the edges.
//   The horizontal pass gives `S0·a0 + S1·a1`; the vertical pass is OpenCV's SIMD formula, which its
//   scalar tail reproduces too: `((b0·(h0 >> 4)) >> 16) + ((b1·(h1 >> 4)) >> 16) + 2) >> 2`.
//   An exact 2× downscale on both axes runs the area code instead.
// - area, integer factors: box sums; 2×2 with 1, 3 or 4 channels rounds `(sum + 2) >> 2`, other
//   boxes `cvRound(float32(sum) · float32(1 / area))`.
// - area, other downscales: float32 weights per overlapped source pixel, accumulated in float32
//   row by row, then rounded half to even.
// - area, upscales (either axis): the bilinear code with the weights `(d + 1) − (s + 1) / scale`.
// - cubic / lanczos4: the same float32 coordinates, OpenCV's float32 kernels (interpolateCubic,
//   interpolateLanczos4) turned into 11-bit weights by `saturate_cast<short>(w · 2048)` (no sum
//   fix), taps clamped to the edge pixels on both axes; the horizontal pass sums in int32, the
//   vertical pass gives `(Σ h·b + (1 << 21)) >> 22`, saturated — except for the first
//   8·⌊width·c / 8⌋ elements of each row with cubic, where OpenCV's SIMD code (VResizeCubicVec_32s8u)
//   computes in float32 `round(h0·b0' + (h1·b1' + (h2·b2' + h3·b3')))` with `b' = b / 2^22`.
import { checkInt, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { copyInto, finishOutput, startOutput, withContiguousRows } from '../core/copy.ts';
import { rangeError, tooManyArguments } from '../core/errors.ts';
import { roundHalfEven, saturateUint8 } from '../core/numeric.ts';
import { LITTLE_ENDIAN } from '../core/packed.ts';
import { assertPixelArray, MAX_ELEMENTS, PixelArray, type Shape } from '../core/pixelarray.ts';

/**
 * How `resize` samples: `cv2.INTER_LINEAR`, `cv2.INTER_NEAREST`, `cv2.INTER_AREA`,
 * `cv2.INTER_CUBIC` or `cv2.INTER_LANCZOS4`.
 */
export type ResizeInterpolation = 'bilinear' | 'nearest' | 'area' | 'cubic' | 'lanczos4';

export const RESIZE_INTERPOLATIONS: readonly ResizeInterpolation[] = ['bilinear', 'nearest', 'area', 'cubic', 'lanczos4'];

/** Options of `resize`. */
export interface ResizeOptions {
  /**
   * `'bilinear'` (default, `cv2.INTER_LINEAR`), `'nearest'` (`INTER_NEAREST`), `'area'` (`INTER_AREA`),
   * `'cubic'` (`INTER_CUBIC`, 4×4 taps) or `'lanczos4'` (`INTER_LANCZOS4`, 8×8 taps).
   */
  interpolation?: ResizeInterpolation;
  /** Write the result here (shape `[height, width, channels]`) instead of allocating; returned. */
  out?: PixelArray;
}

const fround = Math.fround;
const DBL_EPSILON = 2.220446049250313e-16;
const COEF_SCALE = 2048; // INTER_RESIZE_COEF_SCALE = 1 << 11

/** Source pixels: row `y` starts at `base + y * step`, its pixels packed (`c` bytes each). */
export interface Source {
  data: Uint8Array;
  base: number;
  step: number;
  h: number;
  w: number;
  c: number;
}

/**
 * Destination: contiguous rows of `w * c` bytes from `base` (row 0 of the whole result). Only rows
 * `[y0, y1)` are written (the whole result: 0 and `h`; a row band for pixelarray/parallel).
 */
export interface Dest {
  data: Uint8Array;
  base: number;
  h: number;
  w: number;
  y0: number;
  y1: number;
}

/** Validates an interpolation option (default `bilinear`). */
function checkInterpolation(v: unknown): ResizeInterpolation {
  if (v === undefined) return 'bilinear';
  if (typeof v !== 'string' || !(RESIZE_INTERPOLATIONS as readonly string[]).includes(v)) {
    throw rangeError('options.interpolation', `one of ${RESIZE_INTERPOLATIONS.map((m) => `'${m}'`).join(', ')}`, v);
  }
  return v as ResizeInterpolation;
}

/**
 * `cv2.resize(a, (width, height), interpolation=…)` on uint8 images, bit-exact with OpenCV 4.6:
 * `'bilinear'` (default, `INTER_LINEAR`), `'nearest'` (`INTER_NEAREST`: the top-left source pixel
 * `floor(x · scale)`) or `'area'` (`INTER_AREA`: box averages when shrinking, bilinear-like when
 * enlarging), `'cubic'` (`INTER_CUBIC`, A = −0.75) or `'lanczos4'` (`INTER_LANCZOS4`); the last two
 * replicate the edge pixels for taps outside the source, as cv::resize does. Any channel count.
 * Resizing to the same size returns a copy.
 */
export function resize(a: PixelArray, width: number, height: number, options?: ResizeOptions): PixelArray {
  if (arguments.length > 4) throw tooManyArguments('resize', ['a', 'width', 'height', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const dw = checkInt(width, 'width', 1);
  const dh = checkInt(height, 'height', 1);
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['interpolation', 'out']);
  const interpolation = checkInterpolation(opts.interpolation);
  const [sh, sw, c] = a.shape;
  if (sh === 0 || sw === 0) throw rangeError('a', 'a non-empty image', a);
  if (dw * dh * c > MAX_ELEMENTS) {
    throw rangeError('width, height', `a result of at most ${MAX_ELEMENTS} elements`, `${width}×${height}×${c}`);
  }
  const shape: Shape = [dh, dw, c];
  const out = checkOut(opts.out, shape);
  const dst = startOutput(shape, out, [a]);
  resizeRows(a, dw, dh, interpolation, dst, 0, dh);
  return finishOutput(dst, out);
}

/**
 * Rows `[y0, y1)` of `resize(a, dw, dh, { interpolation })`, written into those rows of `dst`, the
 * contiguous `[dh, dw, c]` result (its other rows are not touched). Arguments must be valid.
 * Internal, for the row bands of pixelarray/parallel: each output row is computed exactly as in the
 * whole-image call, from the same per-row coefficients.
 */
export function resizeRows(a: PixelArray, dw: number, dh: number, interpolation: ResizeInterpolation, dst: PixelArray,
  y0: number, y1: number): void {
  const [sh, sw, c] = a.shape;
  if (dw === sw && dh === sh) {
    // cv::resize copies when the size does not change, whatever the interpolation.
    if (y0 === 0 && y1 === dh) copyInto(a, dst);
    else copyInto(rowBand(a, y0, y1), rowBand(dst, y0, y1));
    return;
  }
  const s = withContiguousRows(a);
  const src: Source = { data: s.data, base: s.offset, step: s.stride[0], h: sh, w: sw, c };
  const d: Dest = { data: dst.data, base: dst.offset, h: dh, w: dw, y0, y1 };
  const path = resizePath(sw, sh, dw, dh, interpolation);
  const { scaleX, scaleY, invX, invY } = path;
  if (path.kind === 'nearest') resizeNearest(src, d);
  else if (path.kind === 'kernel') resizeKernel(src, d, scaleX, scaleY, interpolation === 'cubic' ? 4 : 8);
  else if (path.kind === 'areaFast') resizeAreaFast(src, d, roundHalfEven(scaleX), roundHalfEven(scaleY));
  else if (path.kind === 'area') resizeArea(src, d, scaleX, scaleY);
  else resizeLinear(src, d, scaleX, scaleY, invX, invY, path.kind === 'linearArea');
}

/** Which cv::resize code a resize (other than to the same size) runs, with its float64 scales. */
export interface ResizePath {
  /**
   * `'areaFast'`: integer area factors (the exact ½ of bilinear too); `'area'`: fractional area
   * downscale; `'linear'`: bilinear; `'linearArea'`: the bilinear code with area weights (an
   * area upscale on either axis); `'kernel'`: cubic or Lanczos-4; `'nearest'`.
   */
  kind: 'nearest' | 'kernel' | 'areaFast' | 'area' | 'linear' | 'linearArea';
  /** cv::resize's `inv_scale = dsize / ssize` and `scale = 1 / inv_scale` per axis. */
  invX: number;
  invY: number;
  scaleX: number;
  scaleY: number;
}

/** The path of cv::resize from `sw × sh` to `dw × dh` (shared with pixelarray/simd). */
export function resizePath(sw: number, sh: number, dw: number, dh: number, interpolation: ResizeInterpolation): ResizePath {
  const invX = dw / sw, invY = dh / sh;
  const scaleX = 1 / invX, scaleY = 1 / invY;
  const scales = { invX, invY, scaleX, scaleY };
  if (interpolation === 'nearest') return { kind: 'nearest', ...scales };
  if (interpolation === 'cubic' || interpolation === 'lanczos4') return { kind: 'kernel', ...scales };
  const iscaleX = roundHalfEven(scaleX), iscaleY = roundHalfEven(scaleY);
  const areaFast = Math.abs(scaleX - iscaleX) < DBL_EPSILON && Math.abs(scaleY - iscaleY) < DBL_EPSILON;
  let mode = interpolation;
  if (mode === 'bilinear' && areaFast && iscaleX === 2 && iscaleY === 2) mode = 'area';
  if (mode === 'area' && scaleX >= 1 && scaleY >= 1) return { kind: areaFast ? 'areaFast' : 'area', ...scales };
  return { kind: mode === 'area' ? 'linearArea' : 'linear', ...scales };
}

/** Rows `[y0, y1)` of `a` as a view. */
function rowBand(a: PixelArray, y0: number, y1: number): PixelArray {
  return new PixelArray(a.data, [y1 - y0, a.shape[1], a.shape[2]], a.stride, a.offset + y0 * a.stride[0]);
}

// ---------------------------------------------------------------------------------------------
// INTER_NEAREST

/** resizeNN's source index per destination index: `min(cvFloor(d · (1 / (dsize / ssize))), ssize − 1)`. */
export function nearestIndices(ssize: number, dsize: number): Int32Array {
  const inv = 1 / (dsize / ssize);
  const idx = new Int32Array(dsize);
  for (let d = 0; d < dsize; d++) idx[d] = Math.min(Math.floor(d * inv), ssize - 1);
  return idx;
}

function resizeNearest(src: Source, dst: Dest): void {
  const { data: S, base, step, h: sh, w: sw, c } = src;
  const { data: D, h: dh, w: dw } = dst;
  const xofs = nearestIndices(sw, dw);
  for (let x = 0; x < dw; x++) xofs[x] *= c;
  const ys = nearestIndices(sh, dh);
  const rowLen = dw * c;
  const g = makeGather(S, D, c, null);
  let prevSy = -1;
  for (let y = dst.y0; y < dst.y1; y++) {
    const sy = ys[y];
    const o = dst.base + y * rowLen;
    if (sy === prevSy) { // the same source row as the previous output row: copy that row
      D.copyWithin(o, o - rowLen, o);
      continue;
    }
    prevSy = sy;
    gatherPixels(g, base + sy * step, xofs, dw, o, true);
  }
}

/** Word-level access to a source and a destination buffer, made once per call. */
export interface Gather {
  S: Uint8Array;
  view: DataView;
  D: Uint8Array;
  DW: Uint32Array | null;
  c: number;
  /** The border value as a packed little-endian pixel (c = 3 or 4). */
  cvWord: number;
  cval: Uint8Array | null;
}

export function makeGather(S: Uint8Array, D: Uint8Array, c: number, cval: Uint8Array | null): Gather {
  return {
    S, D, c, cval,
    view: new DataView(S.buffer, S.byteOffset, S.byteLength),
    DW: LITTLE_ENDIAN ? new Uint32Array(D.buffer, 0, D.buffer.byteLength >> 2) : null,
    cvWord: cval && c >= 3 ? (cval[0] | (cval[1] << 8) | (cval[2] << 16) | (c === 4 ? cval[3] << 24 : 0)) : 0,
  };
}

/**
 * Writes `n` pixels to `D[o…]`: pixel i is the one at `S[base + offs[i]]`, or the border value
 * where that is negative (only when `cval` is given). RGB and RGBA move whole pixels as words:
 * RGB reads an unaligned word per pixel (its 4th byte dropped) and stores 4 pixels as 3 words.
 * `sorted`: the offsets never decrease (and none is negative), so two checks cover every read.
 */
export function gatherPixels(g: Gather, base: number, offs: Int32Array, n: number, o: number, sorted: boolean): void {
  const { S, D, DW, c, cval } = g;
  let i = 0;
  if (DW !== null && ((D.byteOffset + o) & 3) === 0) {
    if (c === 3) i = gather3(g, base, offs, n, (D.byteOffset + o) >> 2, sorted);
    else if (c === 4) i = gather4(g, base, offs, n, (D.byteOffset + o) >> 2);
  }
  for (let k = o + i * c; i < n; i++) {
    const p = base + offs[i];
    if (p < 0 && cval) {
      for (let ch = 0; ch < c; ch++, k++) D[k] = cval[ch];
    } else {
      for (let ch = 0; ch < c; ch++, k++) D[k] = S[p + ch];
    }
  }
}

function gather3(g: Gather, base: number, offs: Int32Array, n: number, j: number, sorted: boolean): number {
  const { S, view, cvWord: cv } = g;
  const DW = g.DW as Uint32Array;
  const limit = S.length - 4; // a word read from p needs p + 4 ≤ length
  let i = 0;
  if (sorted && n > 0 && base + offs[0] >= 0 && base + offs[n - 1] <= limit) {
    // Every read inside the buffer: no checks.
    for (; i + 4 <= n; i += 4, j += 3) {
      const v0 = view.getUint32(base + offs[i], true), v1 = view.getUint32(base + offs[i + 1], true);
      const v2 = view.getUint32(base + offs[i + 2], true), v3 = view.getUint32(base + offs[i + 3], true);
      DW[j] = (v0 & 0xffffff) | (v1 << 24);
      DW[j + 1] = ((v1 >>> 8) & 0xffff) | (v2 << 16);
      DW[j + 2] = ((v2 >>> 16) & 0xff) | (v3 << 8);
    }
    return i;
  }
  for (; i + 4 <= n; i += 4, j += 3) {
    let p = base + offs[i];
    const v0 = p < 0 ? cv : p <= limit ? view.getUint32(p, true) : S[p] | (S[p + 1] << 8) | (S[p + 2] << 16);
    p = base + offs[i + 1];
    const v1 = p < 0 ? cv : p <= limit ? view.getUint32(p, true) : S[p] | (S[p + 1] << 8) | (S[p + 2] << 16);
    p = base + offs[i + 2];
    const v2 = p < 0 ? cv : p <= limit ? view.getUint32(p, true) : S[p] | (S[p + 1] << 8) | (S[p + 2] << 16);
    p = base + offs[i + 3];
    const v3 = p < 0 ? cv : p <= limit ? view.getUint32(p, true) : S[p] | (S[p + 1] << 8) | (S[p + 2] << 16);
    DW[j] = (v0 & 0xffffff) | (v1 << 24);
    DW[j + 1] = ((v1 >>> 8) & 0xffff) | (v2 << 16);
    DW[j + 2] = ((v2 >>> 16) & 0xff) | (v3 << 8);
  }
  return i;
}

function gather4(g: Gather, base: number, offs: Int32Array, n: number, j: number): number {
  const { view, cvWord: cv } = g;
  const DW = g.DW as Uint32Array;
  for (let i = 0; i < n; i++) {
    const p = base + offs[i];
    DW[j + i] = p < 0 ? cv : view.getUint32(p, true);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// INTER_LINEAR (and INTER_AREA when enlarging): 11-bit fixed point, two passes.

/**
 * Source index and the two 11-bit weights for each destination index along one axis, as
 * cv::resize computes them (float32 coordinate, weights `1 − f` and `f` rounded half to even).
 * With `clampEdges` (the horizontal axis) indices left of 0 or at/after the last pixel take the
 * edge pixel with weights (2048, 0), as OpenCV does; vertically the weights stay as computed and
 * only the row indices are clamped.
 */
export function linearCoefficients(ssize: number, dsize: number, scale: number, inv: number, areaMode: boolean,
  clampEdges: boolean, idx: Int32Array, w0: Int32Array, w1: Int32Array): void {
  for (let d = 0; d < dsize; d++) {
    let s: number, f: number;
    if (!areaMode) {
      f = fround((d + 0.5) * scale - 0.5);
      s = Math.floor(f);
      f = fround(f - s);
    } else {
      s = Math.floor(d * scale);
      f = fround((d + 1) - (s + 1) * inv);
      f = f <= 0 ? 0 : fround(f - Math.floor(f));
    }
    if (clampEdges) {
      if (s < 0) { f = 0; s = 0; }
      if (s >= ssize - 1) { f = 0; s = ssize - 1; }
    }
    idx[d] = s;
    w0[d] = roundHalfEven(fround(1 - f) * COEF_SCALE);
    w1[d] = roundHalfEven(f * COEF_SCALE);
  }
}

function resizeLinear(src: Source, dst: Dest, scaleX: number, scaleY: number, invX: number, invY: number, areaMode: boolean): void {
  const { data: S, base, step, h: sh, w: sw, c } = src;
  const { data: D, h: dh, w: dw } = dst;

  const xs = new Int32Array(dw), ax0 = new Int32Array(dw), ax1 = new Int32Array(dw);
  linearCoefficients(sw, dw, scaleX, invX, areaMode, true, xs, ax0, ax1);
  // Columns [xmin, xmax) blend pixels sx and sx + 1 (both inside); the others have the weights
  // (2048, 0) and take one pixel: h = S·2048, i.e. h >> 4 = S << 7.
  let xmax = 0;
  while (xmax < dw && xs[xmax] < sw - 1) xmax++;
  let xmin = 0;
  while (xmin < xmax && xs[xmin] === 0 && ax1[xmin] === 0) xmin++;
  // Per column, interleaved (one table walked in order): source offset xs·c, weights a0 | a1 << 16.
  const tab = new Int32Array(2 * dw);
  for (let x = 0; x < dw; x++) {
    tab[2 * x] = xs[x] * c;
    tab[2 * x + 1] = ax0[x] | (ax1[x] << 16);
  }
  const ys = new Int32Array(dh), by0 = new Int32Array(dh), by1 = new Int32Array(dh);
  linearCoefficients(sh, dh, scaleY, invY, areaMode, false, ys, by0, by1);

  const rowLen = dw * c;
  // Two horizontally resized source rows, already shifted right by 4 as the vertical pass wants
  // them (OpenCV's SIMD packs `h >> 4` to int16); each remembers which source row it holds.
  // Even length, so that the vertical pass can read them two lanes per 32-bit word.
  const len = rowLen + (rowLen & 1);
  const rows = [new Int16Array(len), new Int16Array(len)];
  const rows32 = rows.map((t) => new Uint32Array(t.buffer, t.byteOffset, len >> 1));
  const tags = [-1, -1];
  const fetch = (r: number, keep: number): number => {
    if (tags[0] === r) return 0;
    if (tags[1] === r) return 1;
    const slot = tags[0] === keep ? 1 : tags[1] === keep ? 0 : tags[0] < tags[1] ? 0 : 1;
    horizontalPass(S, base + r * step, c, dw, xmin, xmax, tab, rows[slot]);
    tags[slot] = r;
    return slot;
  };
  const words = LITTLE_ENDIAN ? new Uint32Array(D.buffer, 0, D.buffer.byteLength >> 2) : null;
  const aligned = (o: number): boolean => words !== null && ((D.byteOffset + o) & 3) === 0;

  const y1 = dst.y1;
  for (let y = dst.y0; y < y1;) {
    const sy = ys[y];
    const r0 = sy < 0 ? 0 : sy >= sh ? sh - 1 : sy;
    const r1 = sy + 1 < 0 ? 0 : sy + 1 >= sh ? sh - 1 : sy + 1;
    const o = dst.base + y * rowLen;
    if (by1[y] === 0) {
      // The second row has weight 0 (a whole source row lands on this one): it is not even read.
      const i0 = fetch(r0, r0);
      const t0 = rows[i0];
      if (words !== null && aligned(o)) verticalPassOne(t0, rows32[i0], by0[y], words, D, o, rowLen);
      else verticalPass(t0, t0, by0[y], 0, D, o, 0, rowLen);
      y++;
      continue;
    }
    const i0 = fetch(r0, r1), i1 = fetch(r1, r0);
    const t0 = rows[i0], t1 = rows[i1], p0 = rows32[i0], p1 = rows32[i1];
    if (words !== null && aligned(o)) {
      // When enlarging, the next output row often blends the same two source rows: one pass
      // writes both and reads the rows once.
      const sy2 = y + 1 < y1 ? ys[y + 1] : -2;
      if (sy2 === sy && by1[y + 1] !== 0 && aligned(o + rowLen)) {
        verticalPass2(t0, t1, p0, p1, by0[y], by1[y], by0[y + 1], by1[y + 1], words, D, o, rowLen);
        y += 2;
        continue;
      }
      const b0 = by0[y], b1 = by1[y];
      if (b0 > 0 && (b0 & (b0 - 1)) === 0 && (b1 & (b1 - 1)) === 0) {
        verticalPassShifts(t0, t1, p0, p1, 16 - Math.log2(b0), 16 - Math.log2(b1), words, D, o, rowLen);
      } else {
        verticalPassWords(t0, t1, p0, p1, b0, b1, words, D, o, rowLen);
      }
    } else {
      verticalPass(t0, t1, by0[y], by1[y], D, o, 0, rowLen);
    }
    y++;
  }
}

/**
 * One source row resized horizontally: `(S[x0]·a0 + S[x0 + c]·a1) >> 4` per element for the
 * columns in [xmin, xmax), `S[x0] << 7` (weights (2048, 0)) for the others.
 */
function horizontalPass(S: Uint8Array, r: number, c: number, dw: number, xmin: number, xmax: number,
  tab: Int32Array, T: Int16Array): void {
  const imul = Math.imul;
  for (let x = 0, k = 0; x < xmin; x++) {
    const p = r + tab[2 * x];
    for (let ch = 0; ch < c; ch++, k++) T[k] = S[p + ch] << 7;
  }
  const j0 = 2 * xmin, j1 = 2 * xmax;
  if (c === 1) {
    for (let j = j0, k = xmin; j < j1; j += 2, k++) {
      const p = r + tab[j], wt = tab[j + 1];
      T[k] = (imul(S[p], wt & 0xffff) + imul(S[p + 1], wt >>> 16)) >> 4;
    }
  } else if (c === 3) {
    for (let j = j0, k = xmin * 3; j < j1; j += 2, k += 3) {
      const p = r + tab[j], wt = tab[j + 1];
      const u = wt & 0xffff, v = wt >>> 16;
      T[k] = (imul(S[p], u) + imul(S[p + 3], v)) >> 4;
      T[k + 1] = (imul(S[p + 1], u) + imul(S[p + 4], v)) >> 4;
      T[k + 2] = (imul(S[p + 2], u) + imul(S[p + 5], v)) >> 4;
    }
  } else if (c === 4) {
    for (let j = j0, k = xmin * 4; j < j1; j += 2, k += 4) {
      const p = r + tab[j], wt = tab[j + 1];
      const u = wt & 0xffff, v = wt >>> 16;
      T[k] = (imul(S[p], u) + imul(S[p + 4], v)) >> 4;
      T[k + 1] = (imul(S[p + 1], u) + imul(S[p + 5], v)) >> 4;
      T[k + 2] = (imul(S[p + 2], u) + imul(S[p + 6], v)) >> 4;
      T[k + 3] = (imul(S[p + 3], u) + imul(S[p + 7], v)) >> 4;
    }
  } else {
    for (let j = j0, k = xmin * c; j < j1; j += 2) {
      const p = r + tab[j], wt = tab[j + 1];
      const u = wt & 0xffff, v = wt >>> 16;
      for (let ch = 0; ch < c; ch++, k++) T[k] = (imul(S[p + ch], u) + imul(S[p + c + ch], v)) >> 4;
    }
  }
  for (let x = xmax, k = xmax * c; x < dw; x++) {
    const p = r + tab[2 * x];
    for (let ch = 0; ch < c; ch++, k++) T[k] = S[p + ch] << 7;
  }
}

// The vertical pass is OpenCV's VResizeLinearVec_32s8u, whose scalar tail computes the same:
// `(((b0·t0) >> 16) + ((b1·t1) >> 16) + 2) >> 2` with t = h >> 4 (never above 255).

/** Elements [from, n) of one output row, one at a time. */
function verticalPass(T0: Int16Array, T1: Int16Array, b0: number, b1: number, D: Uint8Array, o: number, from: number, n: number): void {
  const imul = Math.imul;
  for (let x = from; x < n; x++) D[o + x] = ((imul(b0, T0[x]) >> 16) + (imul(b1, T1[x]) >> 16) + 2) >> 2;
}

/**
 * Both taps of two adjacent elements (16-bit lanes of `p` and `q`), their products floored and
 * summed lane by lane, plus the rounding 2: `[s0 + 2, s1 + 2]` in 16-bit lanes (each ≤ 1023).
 */
function lanes2(p: number, q: number, b0: number, b1: number): number {
  const imul = Math.imul;
  return ((imul(b0, p & 0xffff) >>> 16) | (imul(b0, p >>> 16) & 0xffff0000)) +
    ((imul(b1, q & 0xffff) >>> 16) | (imul(b1, q >>> 16) & 0xffff0000)) + 0x00020002;
}

/** Four output bytes from two `lanes2` results: each lane `>> 2`, in order. */
function pack4(s: number, t: number): number {
  return ((s >>> 2) & 0xff) | ((s >>> 10) & 0xff00) | ((t << 14) & 0xff0000) | ((t << 6) & 0xff000000);
}

/** One output row starting on a word boundary: two lanes per load, four bytes per store. */
function verticalPassWords(T0: Int16Array, T1: Int16Array, P: Uint32Array, Q: Uint32Array, b0: number, b1: number, W: Uint32Array, D: Uint8Array, o: number, n: number): void {
  const nw = n >> 2;
  for (let k = 0, j = (D.byteOffset + o) >> 2, end = 2 * nw; k < end; k += 2, j++) {
    W[j] = pack4(lanes2(P[k], Q[k], b0, b1), lanes2(P[k + 1], Q[k + 1], b0, b1));
  }
  verticalPass(T0, T1, b0, b1, D, o, 4 * nw, n);
}

/**
 * Weights that are both powers of two (1024 and 1024 for a half-way row): `(b·t) >> 16` is a
 * shift, done on both 16-bit lanes of a word at once.
 */
function verticalPassShifts(T0: Int16Array, T1: Int16Array, P: Uint32Array, Q: Uint32Array, k0: number, k1: number, W: Uint32Array, D: Uint8Array, o: number, n: number): void {
  const nw = n >> 2;
  // t < 2^15: after a shift by k ≥ 5, each lane holds at most 10 bits.
  const m0 = (0xffff >>> k0) * 0x10001, m1 = (0xffff >>> k1) * 0x10001;
  for (let k = 0, j = (D.byteOffset + o) >> 2, end = 2 * nw; k < end; k += 2, j++) {
    const s = ((P[k] >>> k0) & m0) + ((Q[k] >>> k1) & m1) + 0x00020002;
    const t = ((P[k + 1] >>> k0) & m0) + ((Q[k + 1] >>> k1) & m1) + 0x00020002;
    W[j] = pack4(s, t);
  }
  verticalPass(T0, T1, 1 << (16 - k0), 1 << (16 - k1), D, o, 4 * nw, n);
}

/** One output row from a single source row (weights (b0, 0)), starting on a word boundary. */
function verticalPassOne(T0: Int16Array, P: Uint32Array, b0: number, W: Uint32Array, D: Uint8Array, o: number, n: number): void {
  const imul = Math.imul;
  const nw = n >> 2;
  const j0 = (D.byteOffset + o) >> 2;
  if (b0 === COEF_SCALE) {
    // (2048·t) >> 16 = t >> 5, two lanes at a time.
    for (let k = 0, i = 0; i < nw; k += 2, i++) {
      const x = ((((P[k] >>> 5) & 0x07ff07ff) + 0x00020002) >>> 2) & 0x00ff00ff;
      const y = ((((P[k + 1] >>> 5) & 0x07ff07ff) + 0x00020002) >>> 2) & 0x00ff00ff;
      W[j0 + i] = (x & 0xff) | ((x >>> 8) & 0xff00) | ((y & 0xff) << 16) | ((y & 0xff0000) << 8);
    }
  } else {
    for (let k = 0, i = 0; i < nw; k += 2, i++) {
      const p = P[k], p2 = P[k + 1];
      W[j0 + i] = (((imul(b0, p & 0xffff) >> 16) + 2) >> 2) |
        ((((imul(b0, p >>> 16) >> 16) + 2) >> 2) << 8) |
        ((((imul(b0, p2 & 0xffff) >> 16) + 2) >> 2) << 16) |
        ((((imul(b0, p2 >>> 16) >> 16) + 2) >> 2) << 24);
    }
  }
  verticalPass(T0, T0, b0, 0, D, o, 4 * nw, n);
}

/** Two output rows that blend the same source rows (weights b and c), both starting on a word. */
function verticalPass2(T0: Int16Array, T1: Int16Array, P: Uint32Array, Q: Uint32Array, b0: number, b1: number, c0: number, c1: number,
  W: Uint32Array, D: Uint8Array, o: number, n: number): void {
  const nw = n >> 2;
  const j0 = (D.byteOffset + o) >> 2, j1 = (D.byteOffset + o + n) >> 2;
  for (let k = 0, i = 0; i < nw; k += 2, i++) {
    const p = P[k], q = Q[k], p2 = P[k + 1], q2 = Q[k + 1];
    W[j0 + i] = pack4(lanes2(p, q, b0, b1), lanes2(p2, q2, b0, b1));
    W[j1 + i] = pack4(lanes2(p, q, c0, c1), lanes2(p2, q2, c0, c1));
  }
  verticalPass(T0, T1, b0, b1, D, o, 4 * nw, n);
  verticalPass(T0, T1, c0, c1, D, o + n, 4 * nw, n);
}

// ---------------------------------------------------------------------------------------------
// INTER_AREA, integer factors (resizeAreaFast): box sums.

function resizeAreaFast(src: Source, dst: Dest, kx: number, ky: number): void {
  const c = src.c;
  if (kx === 2 && ky === 2 && (c === 1 || c === 3 || c === 4)) {
    areaHalf(src, dst);
    return;
  }
  const { data: S, base, step } = src;
  const { data: D, w: dw } = dst;
  const area = kx * ky;
  // 2×2 boxes of other channel counts round the same sum half to even in float32.
  const scale = fround(1 / area);
  const maxSum = 255 * area;
  const lut = maxSum < (1 << 22) ? new Uint8Array(maxSum + 1) : null;
  if (lut) for (let s = 0; s <= maxSum; s++) lut[s] = saturateByte(roundHalfEven(fround(fround(s) * scale)));
  const n = dw * kx * c; // = sw * c: the blocks tile the source exactly
  const col = new Int32Array(n);
  const rowLen = dw * c;
  for (let y = dst.y0; y < dst.y1; y++) {
    // Vertical sums over the ky rows of this block row, then kx of them per output element.
    let r = base + y * ky * step;
    for (let i = 0; i < n; i++) col[i] = S[r + i];
    for (let j = 1; j < ky; j++) {
      r += step;
      for (let i = 0; i < n; i++) col[i] += S[r + i];
    }
    const o = dst.base + y * rowLen;
    for (let x = 0, k = 0; x < dw; x++) {
      const p = x * kx * c;
      for (let ch = 0; ch < c; ch++, k++) {
        let sum = 0;
        for (let i = 0, q = p + ch; i < kx; i++, q += c) sum += col[q];
        D[o + k] = lut ? lut[sum] : saturateByte(roundHalfEven(fround(fround(sum) * scale)));
      }
    }
  }
}

/** 2×2 boxes, 1, 3 or 4 channels: OpenCV's SIMD and scalar code both give `(sum + 2) >> 2`. */
function areaHalf(src: Source, dst: Dest): void {
  const { data: S, base, step, c } = src;
  const { data: D, w: dw } = dst;
  const rowLen = dw * c;
  // Gray and RGBA: whole words at a time when every source row starts on a word (the usual
  // contiguous image); RGB: unaligned words through a DataView, any layout.
  const srcWords = c !== 3 && LITTLE_ENDIAN && ((S.byteOffset + base) & 3) === 0 && (step & 3) === 0;
  const SW = srcWords ? new Uint32Array(S.buffer, 0, S.buffer.byteLength >> 2) : null;
  const DW = srcWords ? new Uint32Array(D.buffer, 0, D.buffer.byteLength >> 2) : null;
  if (c === 3 && LITTLE_ENDIAN) {
    areaHalfRgb(S, base, step, D, dst.base, dst.y0, dst.y1, dw);
    return;
  }
  for (let y = dst.y0; y < dst.y1; y++) {
    const r0 = base + 2 * y * step, r1 = r0 + step;
    const o = dst.base + y * rowLen;
    const at = D.byteOffset + o;
    let x = 0; // output pixels done
    if (SW !== null && DW !== null && (at & 3) === 0) {
      const i0 = (S.byteOffset + r0) >> 2, i1 = (S.byteOffset + r1) >> 2;
      x = c === 1 ? areaHalfWords1(SW, i0, i1, DW, at >> 2, dw) : areaHalfWords4(SW, i0, i1, DW, at >> 2, dw);
    }
    if (c === 1) {
      for (let p = r0 + 2 * x, q = r1 + 2 * x; x < dw; x++, p += 2, q += 2) {
        D[o + x] = (S[p] + S[p + 1] + S[q] + S[q + 1] + 2) >> 2;
      }
    } else if (c === 3) {
      for (let k = o + 3 * x, end = o + rowLen, p = r0 + 6 * x, q = r1 + 6 * x; k < end; k += 3, p += 6, q += 6) {
        D[k] = (S[p] + S[p + 3] + S[q] + S[q + 3] + 2) >> 2;
        D[k + 1] = (S[p + 1] + S[p + 4] + S[q + 1] + S[q + 4] + 2) >> 2;
        D[k + 2] = (S[p + 2] + S[p + 5] + S[q + 2] + S[q + 5] + 2) >> 2;
      }
    } else {
      for (let k = o + 4 * x, end = o + rowLen, p = r0 + 8 * x, q = r1 + 8 * x; k < end; k += 4, p += 8, q += 8) {
        D[k] = (S[p] + S[p + 4] + S[q] + S[q + 4] + 2) >> 2;
        D[k + 1] = (S[p + 1] + S[p + 5] + S[q + 1] + S[q + 5] + 2) >> 2;
        D[k + 2] = (S[p + 2] + S[p + 6] + S[q + 2] + S[q + 6] + 2) >> 2;
        D[k + 3] = (S[p + 3] + S[p + 7] + S[q + 3] + S[q + 7] + 2) >> 2;
      }
    }
  }
}

// Packed 2×2 averages: bytes are spread into 16-bit lanes (even bytes `w & M`, odd bytes
// `(w >>> 8) & M`), where sums of four bytes and the rounding 2 cannot carry into the next lane.
const M8 = 0x00ff00ff;
const ROUND2 = 0x00020002;

/** Gray: 4 output bytes (one word) from 2 words of each source row. Returns the pixels done. */
function areaHalfWords1(SW: Uint32Array, i0: number, i1: number, DW: Uint32Array, j: number, dw: number): number {
  const n = dw >> 2;
  for (let g = 0; g < n; g++, i0 += 2, i1 += 2) {
    const t0 = SW[i0], t1 = SW[i0 + 1], b0 = SW[i1], b1 = SW[i1 + 1];
    const s0 = (t0 & M8) + ((t0 >>> 8) & M8) + (b0 & M8) + ((b0 >>> 8) & M8) + ROUND2; // [o0, o1]
    const s1 = (t1 & M8) + ((t1 >>> 8) & M8) + (b1 & M8) + ((b1 >>> 8) & M8) + ROUND2; // [o2, o3]
    const a = (s0 >>> 2) & M8, b = (s1 >>> 2) & M8;
    DW[j + g] = (a & 0xff) | ((a >>> 8) & 0xff00) | ((b & 0xff) << 16) | ((b & 0xff0000) << 8);
  }
  return n << 2;
}

/**
 * RGB, any alignment. For output pixel x, the little-endian words at bytes 6x and 6x + 3 of the two
 * source rows line up the pairs (R, R'), (G, G'), (B, B') lane for lane, and the rounded average of
 * four bytes is computed in place, four byte lanes per word, from two truncated pair averages:
 * with P = ⌊(a + c)/2⌋, Q = ⌊(b + d)/2⌋ and their lost low bits p, q,
 * `(a + b + c + d + 2) >> 2 = ⌈(P + Q + (p & q)) / 2⌉` (never above 255, so no lane carries).
 * Four pixels (12 bytes) are stored as three words; a row's last pixel, whose reads would pass the
 * row's end, is done byte by byte.
 */
function areaHalfRgb(S: Uint8Array, base: number, step: number, D: Uint8Array, base0: number, y0: number, y1: number, dw: number): void {
  const view = new DataView(S.buffer, S.byteOffset, S.byteLength);
  const out = new DataView(D.buffer, D.byteOffset, D.byteLength);
  const n = dw - 1; // pixels that may use word reads
  for (let y = y0, o = base0 + y0 * 3 * dw; y < y1; y++, o += 3 * dw) {
    let p = base + 2 * y * step, q = p + step, k = o, x = 0;
    for (; x + 4 <= n; x += 4, p += 24, q += 24, k += 12) {
      const r0 = avg4(view, p, q), r1 = avg4(view, p + 6, q + 6);
      const r2 = avg4(view, p + 12, q + 12), r3 = avg4(view, p + 18, q + 18);
      out.setUint32(k, (r0 & 0xffffff) | (r1 << 24), true);
      out.setUint32(k + 4, ((r1 >>> 8) & 0xffff) | (r2 << 16), true);
      out.setUint32(k + 8, ((r2 >>> 16) & 0xff) | (r3 << 8), true);
    }
    for (; x < n; x++, p += 6, q += 6, k += 3) out.setUint32(k, avg4(view, p, q), true); // 4th byte: the next pixel's
    D[k] = (S[p] + S[p + 3] + S[q] + S[q + 3] + 2) >> 2;
    D[k + 1] = (S[p + 1] + S[p + 4] + S[q + 1] + S[q + 4] + 2) >> 2;
    D[k + 2] = (S[p + 2] + S[p + 5] + S[q + 2] + S[q + 5] + 2) >> 2;
  }
}

const LOW7 = 0x7f7f7f7f;
const BIT0 = 0x01010101;

/** The 2×2 rounded averages of the pixel pair at p (top row) and q (bottom row), bytes 0–2. */
function avg4(view: DataView, p: number, q: number): number {
  const a = view.getUint32(p, true), b = view.getUint32(p + 3, true);
  const c = view.getUint32(q, true), d = view.getUint32(q + 3, true);
  const ac = a ^ c, bd = b ^ d;
  const P = (a & c) + ((ac >>> 1) & LOW7);
  const Q = (b & d) + ((bd >>> 1) & LOW7) + (ac & bd & BIT0);
  return (P | Q) - (((P ^ Q) >>> 1) & LOW7);
}

/** RGBA: one output pixel (one word) from 2 words of each source row, by the `avg4` identity. */
function areaHalfWords4(SW: Uint32Array, i0: number, i1: number, DW: Uint32Array, j: number, dw: number): number {
  for (let x = 0; x < dw; x++, i0 += 2, i1 += 2) {
    const a = SW[i0], b = SW[i0 + 1], c = SW[i1], d = SW[i1 + 1];
    const ac = a ^ c, bd = b ^ d;
    const P = (a & c) + ((ac >>> 1) & LOW7);
    const Q = (b & d) + ((bd >>> 1) & LOW7) + (ac & bd & BIT0);
    DW[j + x] = (P | Q) - (((P ^ Q) >>> 1) & LOW7);
  }
  return dw;
}

const saturateByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

// ---------------------------------------------------------------------------------------------
// INTER_AREA, fractional downscale (ResizeArea_Invoker): float32 weights.

interface AreaTable {
  di: Int32Array; // destination index (× cn)
  si: Int32Array; // source index (× cn)
  alpha: Float32Array;
  n: number;
}

/** computeResizeAreaTab: each destination cell's overlap with each source pixel, in float32. */
function areaTable(ssize: number, dsize: number, cn: number, scale: number): AreaTable {
  const cap = ssize + 2 * dsize + 2;
  const di = new Int32Array(cap), si = new Int32Array(cap), alpha = new Float32Array(cap);
  let k = 0;
  for (let dx = 0; dx < dsize; dx++) {
    const fsx1 = dx * scale;
    const fsx2 = fsx1 + scale;
    const cellWidth = Math.min(scale, ssize - fsx1);
    let sx1 = Math.ceil(fsx1), sx2 = Math.floor(fsx2);
    sx2 = Math.min(sx2, ssize - 1);
    sx1 = Math.min(sx1, sx2);
    if (sx1 - fsx1 > 1e-3) {
      di[k] = dx * cn; si[k] = (sx1 - 1) * cn; alpha[k++] = (sx1 - fsx1) / cellWidth;
    }
    for (let sx = sx1; sx < sx2; sx++) {
      di[k] = dx * cn; si[k] = sx * cn; alpha[k++] = 1 / cellWidth;
    }
    if (fsx2 - sx2 > 1e-3) {
      di[k] = dx * cn; si[k] = sx2 * cn; alpha[k++] = Math.min(Math.min(fsx2 - sx2, 1), cellWidth) / cellWidth;
    }
  }
  return { di, si, alpha, n: k };
}

function resizeArea(src: Source, dst: Dest, scaleX: number, scaleY: number): void {
  const { data: S, base, step, h: sh, w: sw, c } = src;
  const { data: D, h: dh, w: dw } = dst;
  const xt = areaTable(sw, dw, c, scaleX);
  const yt = areaTable(sh, dh, 1, scaleY);
  const n = dw * c;
  // The table lists each output column's source pixels together and in order: [xs[dx], xs[dx+1]).
  const xs = new Int32Array(dw + 1);
  for (let k = 0, dx = 0; k <= xt.n; k++) {
    const d = k < xt.n ? xt.di[k] / c : dw;
    while (dx <= d && dx <= dw) xs[dx++] = k;
  }
  // Float32Array stores round every step to float32, as OpenCV's float accumulators do; each
  // column's row sum is accumulated in a local, rounded with fround at each step (the same order).
  const sum = new Float32Array(n);
  const xsi = xt.si, xa = xt.alpha;
  const { y0, y1 } = dst;
  let prevDy = -1; // the output row being summed (none yet)
  const flush = (dy: number): void => {
    const o = dst.base + dy * n;
    for (let i = 0; i < n; i++) D[o + i] = saturateByte(roundHalfEven(sum[i]));
  };
  // The table lists each output row's source rows together, in order of output rows.
  for (let j = 0; j < yt.n; j++) {
    const beta = yt.alpha[j], dy = yt.di[j], r = base + yt.si[j] * step;
    if (dy < y0 || dy >= y1) continue;
    // A new output row starts with beta·row; later source rows add theirs.
    const assign = dy !== prevDy;
    if (assign) {
      if (prevDy >= 0) flush(prevDy);
      prevDy = dy;
    }
    if (c === 1) {
      for (let dx = 0; dx < dw; dx++) {
        let a = 0;
        for (let k = xs[dx], e = xs[dx + 1]; k < e; k++) a = fround(a + fround(S[r + xsi[k]] * xa[k]));
        sum[dx] = assign ? beta * a : sum[dx] + fround(beta * a);
      }
    } else if (c === 3) {
      for (let dx = 0, i = 0; dx < dw; dx++, i += 3) {
        let a0 = 0, a1 = 0, a2 = 0;
        for (let k = xs[dx], e = xs[dx + 1]; k < e; k++) {
          const p = r + xsi[k], al = xa[k];
          a0 = fround(a0 + fround(S[p] * al));
          a1 = fround(a1 + fround(S[p + 1] * al));
          a2 = fround(a2 + fround(S[p + 2] * al));
        }
        if (assign) {
          sum[i] = beta * a0; sum[i + 1] = beta * a1; sum[i + 2] = beta * a2;
        } else {
          sum[i] += fround(beta * a0); sum[i + 1] += fround(beta * a1); sum[i + 2] += fround(beta * a2);
        }
      }
    } else {
      for (let dx = 0, i = 0; dx < dw; dx++, i += c) {
        for (let ch = 0; ch < c; ch++) {
          let a = 0;
          for (let k = xs[dx], e = xs[dx + 1]; k < e; k++) a = fround(a + fround(S[r + xsi[k] + ch] * xa[k]));
          sum[i + ch] = assign ? beta * a : sum[i + ch] + fround(beta * a);
        }
      }
    }
  }
  if (prevDy >= 0) flush(prevDy);
}

// ---------------------------------------------------------------------------------------------
// Interpolation kernels shared with warp.ts (OpenCV's interpolateCubic, interpolateLanczos4).

// π/2 · 2^300, rounded: enough bits to reduce any |x| < 2^30 exactly to within 2^-260.
const FIX = 300n;
const PIO2 = 0x1921fb54442d18469898cc51701b839a252049c1114cf98e804177d4c76273644a29410f31c7n;

/**
 * Correctly rounded `[sin x, cos x]`. glibc's libm (what OpenCV's std::sin/std::cos call on Linux)
 * is correctly rounded for all but a handful of arguments, where V8's Math.sin/Math.cos are off by
 * one ulp for a few percent of them (cos(−63°) among them), which would show in the matrix. The
 * reduction by π/2 and the Taylor series run in 300-bit fixed point on BigInts; Number(BigInt)
 * rounds to nearest even.
 */
export function sinCos(x: number): [number, number] {
  const ax = Math.abs(x);
  if (ax < 2 ** -30) return [x, 1]; // sin x rounds to x, cos x to 1
  if (!(ax < 2 ** 30)) return [Math.sin(x), Math.cos(x)];
  // x · 2^82 is an integer for |x| ≥ 2^-30: the exact value of x in fixed point.
  const X = BigInt(x * 2 ** 82) << (FIX - 82n);
  let k = (2n * X + (X < 0n ? -PIO2 : PIO2)) / (2n * PIO2); // round(X / (π/2)), halves away from 0
  const r = X - k * PIO2; // |r| ≤ π/4 (+ rounding)
  const one = 1n << FIX;
  const r2 = (r * r) >> FIX;
  let sin = r, cos = one, term = r;
  for (let n = 1n; term !== 0n; n++) {
    term = -((term * r2) >> FIX) / ((2n * n) * (2n * n + 1n));
    sin += term;
  }
  term = one;
  for (let n = 1n; term !== 0n; n++) {
    term = -((term * r2) >> FIX) / ((2n * n - 1n) * (2n * n));
    cos += term;
  }
  k = ((k % 4n) + 4n) % 4n;
  const [fs, fc] = k === 0n ? [sin, cos] : k === 1n ? [cos, -sin] : k === 2n ? [-sin, -cos] : [-cos, sin];
  const scale = 2 ** -300;
  return [Number(fs) * scale, Number(fc) * scale];
}

const S45 = 0.7071067811865476; // Math.SQRT1_2, OpenCV's 0.70710678118654752440084436210485 as a double
const LANCZOS_CS = [1, 0, -S45, -S45, 0, 1, S45, -S45, -1, 0, S45, S45, 0, -1, -S45, S45];
const F32_1E30 = /* @__PURE__ */ fround(1e30);
const F32_1EM6 = /* @__PURE__ */ fround(1e-6);

/**
 * OpenCV's `interpolateCubic(x, coeffs)` (A = −0.75), every operation in float32 as OpenCV's
 * float code does: the four weights of the taps at −1, 0, 1, 2 for a fraction `x` in [0, 1).
 */
export function cubicCoefficients(x: number, out: Float32Array, o = 0): void {
  const x1 = fround(x + 1);
  // ((A(x+1) − 5A)(x+1) + 8A)(x+1) − 4A with 5A = −3.75, 8A = −6, 4A = −3.
  out[o] = fround(fround(fround(fround(fround(fround(-0.75 * x1) + 3.75) * x1) - 6) * x1) + 3);
  // ((A+2)x − (A+3))·x·x + 1 with A + 2 = 1.25, A + 3 = 2.25.
  out[o + 1] = fround(fround(fround(fround(fround(1.25 * x) - 2.25) * x) * x) + 1);
  const y = fround(1 - x);
  out[o + 2] = fround(fround(fround(fround(fround(1.25 * y) - 2.25) * y) * y) + 1);
  out[o + 3] = fround(fround(fround(1 - out[o]) - out[o + 1]) - out[o + 2]);
}

/**
 * OpenCV's `interpolateLanczos4(x, coeffs)`: the eight weights of the taps at −3 … 4, from the
 * sine and cosine of `−(x + 3)·π/4` (float64, correctly rounded as glibc's are), each weight
 * rounded to float32, normalized by the float32 reciprocal of their float32 sum; a tap at
 * distance < 1e-6 gets 1e30 before normalizing (so `x = 0` gives the one-hot (0, 0, 0, 1, 0, …)).
 */
export function lanczos4Coefficients(x: number, out: Float32Array, o = 0): void {
  const x3 = fround(x + 3);
  const [s0, c0] = sinCos(-x3 * Math.PI * 0.25);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const t = fround(x3 - i);
    let v: number;
    if (Math.abs(t) >= F32_1EM6) {
      const y = -t * Math.PI * 0.25;
      v = fround((LANCZOS_CS[2 * i] * s0 + LANCZOS_CS[2 * i + 1] * c0) / (y * y));
    } else {
      v = F32_1E30;
    }
    out[o + i] = v;
    sum = fround(sum + v);
  }
  sum = fround(1 / sum);
  for (let i = 0; i < 8; i++) out[o + i] = fround(out[o + i] * sum);
}


// ---------------------------------------------------------------------------------------------
// INTER_CUBIC and INTER_LANCZOS4 (resizeGeneric_ with HResizeCubic/VResizeCubic,
// HResizeLanczos4/VResizeLanczos4 on 8u).

/** Elements per row OpenCV's VResizeCubicVec_32s8u does in float32 (by 8, found against cv2 4.6). */
const CUBIC_VEC_LANES = 8;

const saturateShort = (v: number): number => (v < -32768 ? -32768 : v > 32767 ? 32767 : v);

/** Per destination index: the ksize clamped source indices and 11-bit weights along one axis. */
function kernelCoefficients(ssize: number, dsize: number, scale: number, ksize: 4 | 8, idx: Int32Array, wts: Int32Array): void {
  const cbuf = new Float32Array(ksize);
  const half = ksize / 2 - 1;
  for (let d = 0; d < dsize; d++) {
    let f = fround((d + 0.5) * scale - 0.5);
    const s = Math.floor(f);
    f = fround(f - s);
    if (ksize === 4) cubicCoefficients(f, cbuf);
    else lanczos4Coefficients(f, cbuf);
    for (let k = 0; k < ksize; k++) {
      const p = s - half + k;
      idx[d * ksize + k] = p < 0 ? 0 : p >= ssize ? ssize - 1 : p;
      wts[d * ksize + k] = saturateShort(roundHalfEven(fround(cbuf[k] * COEF_SCALE)));
    }
  }
}

function resizeKernel(src: Source, dst: Dest, scaleX: number, scaleY: number, ksize: 4 | 8): void {
  const { data: S, base, step, h: sh, w: sw, c } = src;
  const { data: D, h: dh, w: dw } = dst;
  const imul = Math.imul;
  const xi = new Int32Array(dw * ksize), xw = new Int32Array(dw * ksize);
  kernelCoefficients(sw, dw, scaleX, ksize, xi, xw);
  for (let i = 0; i < xi.length; i++) xi[i] *= c;
  const yi = new Int32Array(dh * ksize), yw = new Int32Array(dh * ksize);
  kernelCoefficients(sh, dh, scaleY, ksize, yi, yw);
  const n = dw * c;
  // Horizontally resized source rows, each slot tagged with the source row it holds.
  const rows: Int32Array[] = [];
  for (let k = 0; k < ksize; k++) rows.push(new Int32Array(n));
  const tags = new Int32Array(ksize).fill(-1);
  const hpass = (r: number, T: Int32Array): void => {
    const row = base + r * step;
    if (ksize === 4) horizontalCubic(S, row, c, dw, xi, xw, T);
    else horizontalLanczos(S, row, c, dw, xi, xw, T);
  };
  const use: Int32Array[] = new Array<Int32Array>(ksize);
  const vecEnd = ksize === 4 ? n - (n % CUBIC_VEC_LANES) : 0;
  const fscale = 2 ** -22;
  for (let y = dst.y0; y < dst.y1; y++) {
    const j = y * ksize;
    const lo = yi[j], hi = yi[j + ksize - 1];
    for (let k = 0; k < ksize; k++) {
      const r = yi[j + k];
      let slot = tags.indexOf(r);
      if (slot < 0) {
        slot = 0;
        while (tags[slot] >= lo && tags[slot] <= hi) slot++; // a slot no tap of this row needs
        hpass(r, rows[slot]);
        tags[slot] = r;
      }
      use[k] = rows[slot];
    }
    const o = dst.base + y * n;
    if (ksize === 4) {
      const T0 = use[0], T1 = use[1], T2 = use[2], T3 = use[3];
      const b0 = yw[j], b1 = yw[j + 1], b2 = yw[j + 2], b3 = yw[j + 3];
      const f0 = b0 * fscale, f1 = b1 * fscale, f2 = b2 * fscale, f3 = b3 * fscale;
      let x = 0;
      for (; x < vecEnd; x++) {
        const v = fround(fround(T0[x] * f0) + fround(fround(T1[x] * f1) + fround(fround(T2[x] * f2) + fround(T3[x] * f3))));
        D[o + x] = saturateUint8(v);
      }
      for (; x < n; x++) {
        const v = (((imul(T0[x], b0) + imul(T1[x], b1)) | 0) + ((imul(T2[x], b2) + imul(T3[x], b3)) | 0) + (1 << 21)) >> 22;
        D[o + x] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    } else {
      const T0 = use[0], T1 = use[1], T2 = use[2], T3 = use[3], T4 = use[4], T5 = use[5], T6 = use[6], T7 = use[7];
      const b0 = yw[j], b1 = yw[j + 1], b2 = yw[j + 2], b3 = yw[j + 3], b4 = yw[j + 4], b5 = yw[j + 5], b6 = yw[j + 6], b7 = yw[j + 7];
      for (let x = 0; x < n; x++) {
        // int32 wrap-around after every tap, in tap order, as OpenCV's int accumulator.
        let sum = ((1 << 21) + imul(T0[x], b0)) | 0;
        sum = (sum + imul(T1[x], b1)) | 0; sum = (sum + imul(T2[x], b2)) | 0; sum = (sum + imul(T3[x], b3)) | 0;
        sum = (sum + imul(T4[x], b4)) | 0; sum = (sum + imul(T5[x], b5)) | 0; sum = (sum + imul(T6[x], b6)) | 0;
        sum = (sum + imul(T7[x], b7)) | 0;
        const v = sum >> 22;
        D[o + x] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
}

// The horizontal passes: per destination pixel its taps' source offsets and weights are read once
// for all channels (integer sums, exact in any order); RGB unrolled (a loop over an unknown channel
// count measured 2× slower in the bilinear warp).

function horizontalCubic(S: Uint8Array, row: number, c: number, dw: number, xi: Int32Array, xw: Int32Array, T: Int32Array): void {
  if (c === 3) {
    for (let dx = 0, j = 0, o = 0; dx < dw; dx++, j += 4, o += 3) {
      const p0 = row + xi[j], p1 = row + xi[j + 1], p2 = row + xi[j + 2], p3 = row + xi[j + 3];
      const w0 = xw[j], w1 = xw[j + 1], w2 = xw[j + 2], w3 = xw[j + 3];
      T[o] = S[p0] * w0 + S[p1] * w1 + S[p2] * w2 + S[p3] * w3;
      T[o + 1] = S[p0 + 1] * w0 + S[p1 + 1] * w1 + S[p2 + 1] * w2 + S[p3 + 1] * w3;
      T[o + 2] = S[p0 + 2] * w0 + S[p1 + 2] * w1 + S[p2 + 2] * w2 + S[p3 + 2] * w3;
    }
    return;
  }
  for (let dx = 0, j = 0, o = 0; dx < dw; dx++, j += 4) {
    const p0 = row + xi[j], p1 = row + xi[j + 1], p2 = row + xi[j + 2], p3 = row + xi[j + 3];
    const w0 = xw[j], w1 = xw[j + 1], w2 = xw[j + 2], w3 = xw[j + 3];
    for (let ch = 0; ch < c; ch++, o++) T[o] = S[p0 + ch] * w0 + S[p1 + ch] * w1 + S[p2 + ch] * w2 + S[p3 + ch] * w3;
  }
}

function horizontalLanczos(S: Uint8Array, row: number, c: number, dw: number, xi: Int32Array, xw: Int32Array, T: Int32Array): void {
  for (let dx = 0, j = 0, o = 0; dx < dw; dx++, j += 8) {
    const p0 = row + xi[j], p1 = row + xi[j + 1], p2 = row + xi[j + 2], p3 = row + xi[j + 3];
    const p4 = row + xi[j + 4], p5 = row + xi[j + 5], p6 = row + xi[j + 6], p7 = row + xi[j + 7];
    const w0 = xw[j], w1 = xw[j + 1], w2 = xw[j + 2], w3 = xw[j + 3], w4 = xw[j + 4], w5 = xw[j + 5], w6 = xw[j + 6], w7 = xw[j + 7];
    if (c === 3) {
      for (let ch = 0; ch < 3; ch++, o++) {
        T[o] = S[p0 + ch] * w0 + S[p1 + ch] * w1 + S[p2 + ch] * w2 + S[p3 + ch] * w3 +
          S[p4 + ch] * w4 + S[p5 + ch] * w5 + S[p6 + ch] * w6 + S[p7 + ch] * w7;
      }
      continue;
    }
    for (let ch = 0; ch < c; ch++, o++) {
      T[o] = S[p0 + ch] * w0 + S[p1 + ch] * w1 + S[p2 + ch] * w2 + S[p3 + ch] * w3 +
        S[p4 + ch] * w4 + S[p5 + ch] * w5 + S[p6 + ch] * w6 + S[p7 + ch] * w7;
    }
  }
}
