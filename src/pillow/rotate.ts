// Pillow Image.rotate (PIL/Image.py: the inverse matrix, its fast paths and `expand`; Image.transform
// and libImaging/Geometry.c's ImagingTransformAffine: nearest by ImagingScaleAffine, 16.16 fixed
// point or float stepping, bilinear and bicubic by ImagingGenericTransform), bit for bit Pillow 9.4
// on 8-bit images.
import { checkFinite, checkOptionKeys, checkOptions, checkOut } from '../core/check.ts';
import { clone, finishOutput, startOutput } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { PixelArray, type Shape } from '../core/pixelarray.ts';
import { premultiply, unpremultiplyInPlace } from './convert.ts';
import { glibcCos, glibcSin } from './libm.ts';
import { checkPillowImage, hasAlpha, pillowColor } from './modes.ts';
import { transpose } from './transpose.ts';

/** The filters Image.rotate takes: a name (lower or upper case) or Pillow's number 0, 2 or 3. */
export type RotateResample = 'nearest' | 'bilinear' | 'bicubic' | 'NEAREST' | 'BILINEAR' | 'BICUBIC' | 0 | 2 | 3;

/** The keyword arguments of Image.rotate, in camelCase, and `out`. */
export interface RotateOptions {
  /** `'nearest'` (default), `'bilinear'` or `'bicubic'`. */
  resample?: RotateResample;
  /** Make the output large enough for the whole rotated image (default `false`). */
  expand?: boolean;
  /** The centre of rotation `[x, y]`, origin at the top-left corner (default: `[width / 2, height / 2]`). */
  center?: readonly [number, number] | null;
  /** A translation `[x, y]` applied after the rotation (default none). */
  translate?: readonly [number, number] | null;
  /**
   * The colour outside the rotated image (default 0 in every channel, alpha included): an array of
   * per-channel values (RGBA also takes 3, alpha 255), or a number with Pillow's meaning (clipped for
   * L; for LA, RGB and RGBA the packed ink `r | g << 8 | b << 16 | a << 24`, so `255` is red on RGB).
   */
  fillcolor?: number | readonly number[] | null;
  /** Write the result here (its shape) instead of allocating; returned. */
  out?: PixelArray;
}

const OPTION_KEYS = ['resample', 'expand', 'center', 'translate', 'fillcolor', 'out'] as const;

// --------------------------------------------------------------------------------------------
// Arguments

const FILTER_NAMES = ['nearest', 'lanczos', 'bilinear', 'bicubic', 'box', 'hamming'] as const;
const USE = "Use Image.Resampling.NEAREST (0), Image.Resampling.BILINEAR (2) or Image.Resampling.BICUBIC (3): 'nearest', 'bilinear' or 'bicubic'";

/** Pillow's number (0 nearest, 2 bilinear, 3 bicubic) of `options.resample`; Image.transform's refusals otherwise. */
function checkResample(v: unknown): 0 | 2 | 3 {
  const name = 'options.resample';
  if (v === undefined) return 0;
  let n = -1;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 0 && v <= 5) n = v;
  } else if (typeof v === 'string') {
    if (v === v.toLowerCase() || v === v.toUpperCase()) n = (FILTER_NAMES as readonly string[]).indexOf(v.toLowerCase());
  } else {
    throw typeError(name, "'nearest', 'bilinear', 'bicubic' or a Resampling number 0, 2, 3", v);
  }
  if (n === 0 || n === 2 || n === 3) return n;
  if (n >= 0) {
    throw new RangeError(`${name}: Image.Resampling.${FILTER_NAMES[n].toUpperCase()} (${n}) cannot be used. ${USE}; got ${JSON.stringify(v)}`);
  }
  throw rangeError(name, `a filter Image.transform takes (Unknown resampling filter). ${USE}`, v);
}

function checkExpand(v: unknown): boolean {
  if (v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (v === 0 || v === 1) return v === 1;
  throw typeError('options.expand', 'a boolean', v);
}

function checkPoint(v: unknown, name: string): [number, number] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || v.length !== 2) throw typeError(name, 'an array [x, y] (or null)', v);
  return [checkFinite(v[0], `${name}[0]`), checkFinite(v[1], `${name}[1]`)];
}

// --------------------------------------------------------------------------------------------
// The matrix (Image.rotate, in Python floats)

/** Python's `x % 360.0` (the result takes the sign of 360: 0 ≤ r ≤ 360, where 360 comes from rounding). */
function pyMod360(x: number): number {
  const r = x % 360;
  if (r === 0) return 0;
  return r < 0 ? r + 360 : r;
}

const P15 = 10n ** 15n;
let roundView: DataView | null = null;

/**
 * Python's `round(x, 15)`: x·10¹⁵ rounded half to even from the exact binary value (CPython's
 * dtoa mode 3), then read back correctly rounded, with the sign (−0.0 stays −0.0).
 */
export function pyRound15(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const view = roundView ??= new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0), lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = -1074;
  if (biased !== 0) { m |= 1n << 52n; e = biased - 1075; }
  if (e >= 0) return x; // an integer: nothing after the decimal point
  const n = m * P15, shift = BigInt(-e);
  let q = n >> shift;
  const rest = n - (q << shift), half = 1n << (shift - 1n);
  if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  return Number.parseFloat(`${hi >>> 31 ? '-' : ''}${q}e-15`);
}

/** Python's `math.radians`: `x * (π / 180)`. */
const DEG_TO_RAD = Math.PI / 180;

interface Plan { m: number[]; width: number; height: number }

/**
 * Image.rotate's affine matrix from output to input pixel coordinates (`[a, b, c, d, e, f]`:
 * `x_in = a·x + b·y + c`, `y_in = d·x + e·y + f`) and the output size.
 */
function plan(w: number, h: number, turn: number, center: [number, number] | null, translate: [number, number] | null,
  expand: boolean): Plan {
  const [tx, ty] = translate ?? [0, 0];
  const [cx, cy] = center ?? [w / 2, h / 2];
  const rad = -(turn * DEG_TO_RAD);
  const cos = pyRound15(glibcCos(rad)), sin = glibcSin(rad);
  const m = [cos, pyRound15(sin), 0, pyRound15(-sin), cos, 0];
  const apply = (x: number, y: number): [number, number] => [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
  [m[2], m[5]] = apply(-cx - tx, -cy - ty);
  m[2] += cx;
  m[5] += cy;
  if (!expand) return { m, width: w, height: h };
  const xs: number[] = [], ys: number[] = [];
  for (const [x, y] of [[0, 0], [w, 0], [w, h], [0, h]]) {
    const [px, py] = apply(x, y);
    xs.push(px);
    ys.push(py);
  }
  const nw = Math.ceil(Math.max(...xs)) - Math.floor(Math.min(...xs));
  const nh = Math.ceil(Math.max(...ys)) - Math.floor(Math.min(...ys));
  [m[2], m[5]] = apply((w - nw) / 2, (h - nh) / 2);
  return { m, width: nw, height: nh };
}

// --------------------------------------------------------------------------------------------
// Sampling (Geometry.c). `dst` is contiguous and already holds the fill colour; pixels whose
// source point falls outside the image are left alone.

/** Element offsets of source pixels (Int32Array while the source buffer allows). */
type Offsets = Int32Array | Float64Array;
function offsets(n: number, src: PixelArray): Offsets {
  return src.data.length < 2 ** 31 ? new Int32Array(n) : new Float64Array(n);
}

/**
 * Copies the source pixels `idx[x]` (element offsets into `sd`; −1: none, the pixel keeps its fill)
 * to output row `d…` of `c` channels, the source's channels `s2` apart.
 */
function copyRow(sd: Uint8Array, idx: Offsets, dd: Uint8Array, d: number, W: number, c: number, s2: number): void {
  if (c === 1) {
    for (let x = 0; x < W; x++, d++) { const s = idx[x]; if (s >= 0) dd[d] = sd[s]; }
  } else if (c === 3 && s2 === 1) {
    for (let x = 0; x < W; x++, d += 3) {
      const s = idx[x];
      if (s >= 0) { dd[d] = sd[s]; dd[d + 1] = sd[s + 1]; dd[d + 2] = sd[s + 2]; }
    }
  } else if (c === 4 && s2 === 1) {
    for (let x = 0; x < W; x++, d += 4) {
      const s = idx[x];
      if (s >= 0) { dd[d] = sd[s]; dd[d + 1] = sd[s + 1]; dd[d + 2] = sd[s + 2]; dd[d + 3] = sd[s + 3]; }
    }
  } else {
    for (let x = 0; x < W; x++, d += c) {
      const s = idx[x];
      if (s >= 0) for (let k = 0; k < c; k++) dd[d + k] = sd[s + k * s2];
    }
  }
}

/** ImagingScaleAffine: no rotation left (b = d = 0): per-column source indexes, float stepping. */
function nearestScale(src: PixelArray, m: readonly number[], dst: PixelArray): void {
  const [h, w, c] = src.shape;
  const [H, W] = dst.shape;
  const [s0, s1, s2] = src.stride;
  const cols = offsets(W, src); // entries left 0 inside [xmin, xmax) read column 0, as calloc'd there
  let xmin = W, xmax = 0;
  let xo = m[2] + m[0] * 0.5;
  for (let x = 0; x < W; x++) {
    if (xo >= 0 && xo < w) {
      xmax = x + 1;
      if (x < xmin) xmin = x;
      cols[x] = Math.trunc(xo) * s1;
    }
    xo += m[0];
  }
  if (xmax <= xmin) return;
  const idx = offsets(xmax - xmin, src);
  let yo = m[5] + m[4] * 0.5;
  for (let y = 0; y < H; y++) {
    if (yo >= 0 && yo < h) {
      const row = src.offset + Math.trunc(yo) * s0;
      for (let x = xmin; x < xmax; x++) idx[x - xmin] = row + cols[x];
      copyRow(src.data, idx, dst.data, dst.offset + (y * W + xmin) * c, xmax - xmin, c, s2);
    }
    yo += m[4];
  }
}

/** `check_fixed`: the point maps inside ±32768 in both coordinates. */
function fitsFixed(m: readonly number[], x: number, y: number): boolean {
  return Math.abs(x * m[0] + y * m[1] + m[2]) < 32768 && Math.abs(x * m[3] + y * m[4] + m[5]) < 32768;
}

/** `affine_fixed`: nearest neighbour in 16.16 fixed point (int32 wrap-around as in C). */
function nearestFixed(src: PixelArray, m: readonly number[], dst: PixelArray): void {
  const [h, w, c] = src.shape;
  const [H, W] = dst.shape;
  const [s0, s1, s2] = src.stride, so = src.offset;
  const fix = (v: number): number => Math.floor(v * 65536 + 0.5) | 0;
  const a0 = fix(m[0]), a1 = fix(m[1]), a3 = fix(m[3]), a4 = fix(m[4]);
  let a2 = fix(m[2] + m[0] * 0.5 + m[1] * 0.5);
  let a5 = fix(m[5] + m[3] * 0.5 + m[4] * 0.5);
  const idx = offsets(W, src);
  for (let y = 0; y < H; y++) {
    let xx = a2, yy = a5;
    for (let x = 0; x < W; x++) {
      const xi = xx >> 16, yi = yy >> 16;
      idx[x] = xi >= 0 && xi < w && yi >= 0 && yi < h ? so + yi * s0 + xi * s1 : -1;
      xx = (xx + a0) | 0;
      yy = (yy + a3) | 0;
    }
    copyRow(src.data, idx, dst.data, dst.offset + y * W * c, W, c, s2);
    a2 = (a2 + a1) | 0;
    a5 = (a5 + a4) | 0;
  }
}

/** ImagingTransformAffine's float loop (corners beyond the fixed-point range): stepping in doubles. */
function nearestFloat(src: PixelArray, m: readonly number[], dst: PixelArray): void {
  const [h, w, c] = src.shape;
  const [H, W] = dst.shape;
  const [s0, s1, s2] = src.stride, so = src.offset;
  let xo = m[2] + m[1] * 0.5 + m[0] * 0.5;
  let yo = m[5] + m[4] * 0.5 + m[3] * 0.5;
  const idx = offsets(W, src);
  for (let y = 0; y < H; y++) {
    let xx = xo, yy = yo;
    for (let x = 0; x < W; x++) {
      idx[x] = xx >= 0 && xx < w && yy >= 0 && yy < h ? so + Math.trunc(yy) * s0 + Math.trunc(xx) * s1 : -1;
      xx += m[0];
      yy += m[3];
    }
    copyRow(src.data, idx, dst.data, dst.offset + y * W * c, W, c, s2);
    xo += m[1];
    yo += m[4];
  }
}

/**
 * ImagingGenericTransform with `bilinear_filter*`: each output pixel centre mapped by
 * `affine_transform` (no stepping), a point outside `[0, w) × [0, h)` left as fill; otherwise the
 * 2×2 neighbours around `point − 0.5` (edge indexes clamped), interpolated in doubles and truncated.
 */
function bilinear(src: PixelArray, m: readonly number[], dst: PixelArray): void {
  const [h, w, c] = src.shape;
  const [H, W] = dst.shape;
  const sd = src.data, [s0, s1, s2] = src.stride, so = src.offset, dd = dst.data;
  const [a0, a1, a2, a3, a4, a5] = m;
  let d = dst.offset;
  for (let y = 0; y < H; y++) {
    const yin = y + 0.5;
    const bx = a1 * yin, by = a4 * yin;
    for (let x = 0; x < W; x++, d += c) {
      const xin = x + 0.5;
      let xs = a0 * xin + bx + a2, ys = a3 * xin + by + a5;
      if (!(xs >= 0 && xs < w && ys >= 0 && ys < h)) continue;
      xs -= 0.5;
      ys -= 0.5;
      const ix = Math.floor(xs), iy = Math.floor(ys);
      const dx = xs - ix, dy = ys - iy;
      const c0 = (ix < 0 ? 0 : ix) * s1, c1 = (ix + 1 >= w ? w - 1 : ix + 1) * s1;
      const r0 = so + (iy < 0 ? 0 : iy) * s0, r1 = so + (iy + 1 >= h ? h - 1 : iy + 1) * s0;
      for (let k = 0, ko = 0; k < c; k++, ko += s2) {
        const p00 = sd[r0 + c0 + ko], p01 = sd[r0 + c1 + ko];
        const p10 = sd[r1 + c0 + ko], p11 = sd[r1 + c1 + ko];
        const v1 = p00 + (p01 - p00) * dx;
        const v2 = p10 + (p11 - p10) * dx;
        dd[d + k] = v1 + (v2 - v1) * dy; // in [0, 255]: the store truncates, as (UINT8)
      }
    }
  }
}

/** Geometry.c's `BICUBIC` (the a = −1 cubic convolution through v2 and v3 at offset `t`). */
function cubic(v1: number, v2: number, v3: number, v4: number, t: number): number {
  const p2 = -v1 + v3;
  const p3 = 2 * (v1 - v2) + v3 - v4;
  const p4 = -v1 + v2 - v3 + v4;
  return v2 + t * (p2 + t * (p3 + t * p4));
}

/** ImagingGenericTransform with `bicubic_filter*`: 4×4 neighbours (clamped), clipped to 0..255 and truncated. */
function bicubic(src: PixelArray, m: readonly number[], dst: PixelArray): void {
  const [h, w, c] = src.shape;
  const [H, W] = dst.shape;
  const sd = src.data, [s0, s1, s2] = src.stride, so = src.offset, dd = dst.data;
  const [a0, a1, a2, a3, a4, a5] = m;
  const wm = w - 1, hm = h - 1;
  let d = dst.offset;
  for (let y = 0; y < H; y++) {
    const yin = y + 0.5;
    const bx = a1 * yin, by = a4 * yin;
    for (let x = 0; x < W; x++, d += c) {
      const xin = x + 0.5;
      let xs = a0 * xin + bx + a2, ys = a3 * xin + by + a5;
      if (!(xs >= 0 && xs < w && ys >= 0 && ys < h)) continue;
      xs -= 0.5;
      ys -= 0.5;
      const fx = Math.floor(xs), fy = Math.floor(ys);
      const dx = xs - fx, dy = ys - fy;
      // Columns fx − 1 … fx + 2 and rows fy − 1 … fy + 2, clamped to the image (fx, fy ≥ −1).
      const c0 = (fx < 1 ? 0 : fx - 1) * s1, c1 = (fx < 0 ? 0 : fx) * s1;
      const c2 = (fx + 1 > wm ? wm : fx + 1) * s1, c3 = (fx + 2 > wm ? wm : fx + 2) * s1;
      const r0 = so + (fy < 1 ? 0 : fy - 1) * s0, r1 = so + (fy < 0 ? 0 : fy) * s0;
      const r2 = so + (fy + 1 > hm ? hm : fy + 1) * s0, r3 = so + (fy + 2 > hm ? hm : fy + 2) * s0;
      for (let k = 0, ko = 0; k < c; k++, ko += s2) {
        const q0 = r0 + ko, q1 = r1 + ko, q2 = r2 + ko, q3 = r3 + ko;
        const v1 = cubic(sd[q0 + c0], sd[q0 + c1], sd[q0 + c2], sd[q0 + c3], dx);
        const v2 = cubic(sd[q1 + c0], sd[q1 + c1], sd[q1 + c2], sd[q1 + c3], dx);
        const v3 = cubic(sd[q2 + c0], sd[q2 + c1], sd[q2 + c2], sd[q2 + c3], dx);
        const v4 = cubic(sd[q3 + c0], sd[q3 + c1], sd[q3 + c2], sd[q3 + c3], dx);
        const v = cubic(v1, v2, v3, v4, dy);
        dd[d + k] = v <= 0 ? 0 : v >= 255 ? 255 : v; // the store truncates, as (UINT8)
      }
    }
  }
}

/** Fills contiguous `dst` with one pixel value per channel. */
function fillPixels(dst: PixelArray, color: readonly number[]): void {
  const dd = dst.data, c = color.length, start = dst.offset, end = start + dst.size;
  if (end === start) return;
  if (color.every((v) => v === color[0])) { dd.fill(color[0], start, end); return; }
  for (let k = 0; k < c; k++) dd[start + k] = color[k];
  for (let n = c; start + n < end; n *= 2) dd.copyWithin(start + n, start, Math.min(start + 2 * n, end) - n);
}

// --------------------------------------------------------------------------------------------

/**
 * Pillow `Image.rotate(angle, resample, expand, center, translate, fillcolor)` for 8-bit images
 * (1 channel 'L', 2 'LA', 3 'RGB', 4 'RGBA'), bit for bit Pillow 9.4: `angle` in degrees, counter-
 * clockwise, around `center` (default the image centre `[w / 2, h / 2]`), then shifted by `translate`.
 *
 * - With no `center` and no `translate`, `angle % 360` of 0 gives a copy, 180 a `ROTATE_180`
 *   transpose, and 90 or 270 a `ROTATE_90` / `ROTATE_270` transpose when `expand` is set or the
 *   image is square, as Pillow's fast paths do (`fillcolor` then plays no part).
 * - Otherwise Image.rotate's inverse matrix, computed in doubles as Python does (the angle reduced
 *   with Python's `%`, the cosine and sine of glibc 2.36, each rounded by `round(…, 15)`), maps
 *   every output pixel centre into the input. `expand` sizes the output to the rotated corners
 *   (`ceil(max) − floor(min)`).
 * - `'nearest'`: Geometry.c's ImagingScaleAffine when no rotation is left, else 16.16 fixed point
 *   (float stepping when a corner maps beyond ±32768). `'bilinear'`, `'bicubic'`: the sampler of
 *   ImagingGenericTransform (clamped edges, doubles, truncated; bicubic clipped first). LA and RGBA
 *   are premultiplied for these two and unpremultiplied after (the fill colour too), as
 *   Image.transform does.
 * - Output pixels whose source point lies outside the input get `fillcolor` (default 0).
 *
 * Unlike Pillow, which checks `resample` only once it transforms, a filter rotate cannot use
 * (`'box'`, `'hamming'`, `'lanczos'` or others) is refused for every angle.
 */
export function rotate(a: PixelArray, angle: number, options?: RotateOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('rotate', ['a', 'angle', 'options'], arguments.length);
  checkPillowImage(a, 'a');
  const deg = checkFinite(angle, 'angle');
  const o = checkOptions(options);
  checkOptionKeys(o, OPTION_KEYS);
  const filter = checkResample(o.resample);
  const expand = checkExpand(o.expand);
  const center = checkPoint(o.center, 'options.center');
  const translate = checkPoint(o.translate, 'options.translate');
  const [h, w, c] = a.shape;
  const fill = o.fillcolor === undefined || o.fillcolor === null ? null : pillowColor(o.fillcolor, c, 'options.fillcolor');
  const turn = pyMod360(deg);
  if (center === null && translate === null) {
    if (turn === 0) return clone(a, { out: checkOut(o.out, a.shape) });
    if (turn === 180) return transpose(a, 'ROTATE_180', { out: o.out });
    if ((turn === 90 || turn === 270) && (expand || w === h)) return transpose(a, turn === 90 ? 'ROTATE_90' : 'ROTATE_270', { out: o.out });
  }
  const { m, width, height } = plan(w, h, turn, center, translate, expand);
  const shape: Shape = [height, width, c];
  const out = checkOut(o.out, shape);
  const dst = startOutput(shape, out, [a]);
  if (fill !== null) fillPixels(dst, fill);
  else if (dst === out) dst.data.fill(0, dst.offset, dst.offset + dst.size);
  if (filter === 0) {
    if (m[1] === 0 && m[3] === 0) nearestScale(a, m, dst);
    else if (fitsFixed(m, 0, 0) && fitsFixed(m, width, height) && fitsFixed(m, 0, height) && fitsFixed(m, width, 0)) nearestFixed(a, m, dst);
    else nearestFloat(a, m, dst);
  } else {
    const premultiplied = hasAlpha(a);
    const src = premultiplied ? premultiply(a) : a;
    if (filter === 2) bilinear(src, m, dst);
    else bicubic(src, m, dst);
    if (premultiplied) unpremultiplyInPlace(dst);
  }
  return finishOutput(dst, out);
}
