// Pillow 9.4's ImageOps, bit for bit: the histogram-based lookup tables are built with Python's
// integer and float arithmetic exactly as ImageOps.py builds them; geometry goes through the
// pillow entry point's resize and transpose.
import { checkFinite, checkInt, checkMask, checkOut } from '../core/check.ts';
import { clone, finishOutput, startOutput } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { forEachRun, lutKernel } from '../core/iterate.ts';
import { assertPixelArray, PixelArray, type Shape } from '../core/pixelarray.ts';
import { paste } from '../ops/geometry.ts';
import { checkMode, toL } from './enhance.ts';
import { bytesOf, optionsOf, result } from './filter.ts';
import { resize, type Resample } from './resample.ts';
import { pillowColor } from './modes.ts';
import { transpose } from './transpose.ts';

/** Options shared by the `ImageOps` functions. */
export interface ImageOpsOptions {
  /** Write the result here (the result's shape) instead of allocating; returned. */
  out?: PixelArray;
}

/**
 * ImageOps' `_lut`: Pillow 9.4 applies its tables to L and RGB images only and raises
 * "not supported for this image mode" for LA and RGBA; so does this (a RangeError).
 */
function lutImage(a: PixelArray, name: string): 1 | 3 {
  assertPixelArray(a, 'a');
  const c = a.shape[2];
  if (c !== 1 && c !== 3) {
    throw new RangeError(`a: expected 1 or 3 channels (Pillow's ImageOps.${name} supports modes L and RGB only), got ${c}`);
  }
  return c;
}

/** Applies one 256-entry table per channel (`lut.length === 256 · channels`). */
function applyLut(a: PixelArray, lut: Uint8Array, out: PixelArray | undefined): PixelArray {
  const dst = startOutput(a.shape, out, [a], true);
  if (a.size > 0) forEachRun(a, dst, lutKernel(lut, a.shape[2]));
  return finishOutput(dst, out);
}

function uniformLut(c: number, f: (v: number) => number): Uint8Array {
  const lut = new Uint8Array(256 * c);
  for (let v = 0; v < 256; v++) lut[v] = f(v);
  for (let k = 1; k < c; k++) lut.copyWithin(k * 256, 0, 256);
  return lut;
}

/** `Image.histogram(mask)`: 256 counts per channel of the pixels where `mask` (1 channel) is nonzero. */
function histogram(bytes: Uint8Array, c: number, mask: Uint8Array | null): Float64Array {
  const h = new Float64Array(256 * c);
  for (let p = 0, i = 0; i < bytes.length; p++) {
    if (mask && mask[p] === 0) { i += c; continue; }
    for (let k = 0; k < c; k++, i++) h[(k << 8) + bytes[i]]++;
  }
  return h;
}

function maskBytes(mask: unknown, a: PixelArray): Uint8Array | null {
  if (mask === undefined || mask === null) return null;
  return bytesOf(checkMask(mask, a));
}

/** Python's float floor division `x // y` (Objects/floatobject.c), for the cutoff arithmetic. */
function pyFloorDiv(vx: number, wx: number): number {
  // Python also corrects mod; only the quotient is needed here.
  const mod = vx % wx;
  let div = (vx - mod) / wx;
  if (mod && (wx < 0) !== (mod < 0)) div -= 1.0;
  if (div) {
    let fd = Math.floor(div);
    if (div - fd > 0.5) fd += 1.0;
    return fd;
  }
  return vx / wx < 0 || Object.is(vx / wx, -0) ? -0 : 0;
}

/** Options of `autocontrast` (Pillow). */
export interface AutocontrastOptions extends ImageOpsOptions {
  /** Percent cut from the dark and light ends of the histogram: a number or `[low, high]` (default 0). */
  cutoff?: number | readonly [number, number];
  /** A background value (or values) left out of the histogram; negative indexes count from 255 as in Python. */
  ignore?: number | readonly number[] | null;
  /** One table from the L histogram for every channel (Photoshop-like), default false. */
  preserveTone?: boolean;
  /** Only pixels where this `H×W×1` mask is nonzero make the histogram. */
  mask?: PixelArray | null;
}

/**
 * `ImageOps.autocontrast(image, cutoff, ignore, mask, preserve_tone)` (Pillow 9.4): per channel (or
 * from the L histogram with `preserveTone`), the histogram minus `ignore`, with `cutoff`% of the
 * pixels removed from each end (`cut = n · cutoff // 100`, Python floor division), gives `lo` and
 * `hi`; the table is `clip(int(v · 255/(hi − lo) − lo · 255/(hi − lo)))` in double, or the
 * identity when `hi ≤ lo`. L and RGB only (as Pillow).
 */
export function autocontrast(a: PixelArray, options?: AutocontrastOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('autocontrast', ['a', 'options'], arguments.length);
  const c = lutImage(a, 'autocontrast');
  const o = optionsOf(options, ['cutoff', 'ignore', 'preserveTone', 'mask', 'out']);
  const out = checkOut(o.out, a.shape);
  let cutoff: [number, number] | null = null;
  if (o.cutoff !== undefined && o.cutoff !== 0) {
    if (typeof o.cutoff === 'number') cutoff = [checkFinite(o.cutoff, 'options.cutoff'), checkFinite(o.cutoff, 'options.cutoff')];
    else if (Array.isArray(o.cutoff) && o.cutoff.length === 2) {
      cutoff = [checkFinite(o.cutoff[0], 'options.cutoff[0]'), checkFinite(o.cutoff[1], 'options.cutoff[1]')];
    } else throw typeError('options.cutoff', 'a number or [low, high]', o.cutoff);
  }
  let ignore: number[] = [];
  if (o.ignore !== undefined && o.ignore !== null) {
    const list = typeof o.ignore === 'number' ? [o.ignore] : o.ignore;
    if (!Array.isArray(list)) throw typeError('options.ignore', 'an integer or an array of integers', o.ignore);
    ignore = list.map((v, i) => {
      const n = checkInt(v, typeof o.ignore === 'number' ? 'options.ignore' : `options.ignore[${i}]`, -256, 255);
      return n < 0 ? n + 256 : n;
    });
  }
  const preserve = o.preserveTone ?? false;
  if (typeof preserve !== 'boolean') throw typeError('options.preserveTone', 'a boolean', preserve);
  const mask = maskBytes(o.mask, a);
  const bytes = bytesOf(a);
  const hist = preserve ? histogram(toL(bytes, c), 1, mask) : histogram(bytes, c, mask);
  const layers = hist.length / 256;
  const lut = new Uint8Array(256 * c);
  for (let layer = 0; layer < layers; layer++) {
    const h = Array.from(hist.subarray(layer * 256, layer * 256 + 256));
    for (const ix of ignore) h[ix] = 0;
    if (cutoff) {
      let n = 0;
      for (let ix = 0; ix < 256; ix++) n += h[ix];
      let cut = pyFloorDiv(n * cutoff[0], 100);
      for (let lo = 0; lo < 256; lo++) {
        if (cut > h[lo]) { cut -= h[lo]; h[lo] = 0; } else { h[lo] -= cut; cut = 0; }
        if (cut <= 0) break;
      }
      cut = pyFloorDiv(n * cutoff[1], 100);
      for (let hi = 255; hi >= 0; hi--) {
        if (cut > h[hi]) { cut -= h[hi]; h[hi] = 0; } else { h[hi] -= cut; cut = 0; }
        if (cut <= 0) break;
      }
    }
    let lo: number, hi: number;
    for (lo = 0; lo < 255 && !h[lo]; lo++);
    for (hi = 255; hi > 0 && !h[hi]; hi--);
    const t = lut.subarray(layer * 256, layer * 256 + 256);
    if (hi <= lo) {
      for (let ix = 0; ix < 256; ix++) t[ix] = ix;
    } else {
      const scale = 255.0 / (hi - lo);
      const offset = -lo * scale;
      for (let ix = 0; ix < 256; ix++) {
        const v = Math.trunc(ix * scale + offset);
        t[ix] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  if (layers === 1) for (let k = 1; k < c; k++) lut.copyWithin(k * 256, 0, 256);
  return applyLut(a, lut, out);
}

/** Options of `equalize` (Pillow). */
export interface EqualizeOptions extends ImageOpsOptions {
  /** Only pixels where this `H×W×1` mask is nonzero make the histogram. */
  mask?: PixelArray | null;
}

/**
 * `ImageOps.equalize(image, mask)`: per channel, `step = (Σh − last nonzero h) // 255` and the
 * table `n // step` with `n` starting at `step // 2` and growing by `h[i]` (Python integers,
 * values above 255 clipped as `Image.point` does); the identity when a channel has at most one
 * value or `step` is 0. L and RGB only (as Pillow).
 */
export function equalize(a: PixelArray, options?: EqualizeOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('equalize', ['a', 'options'], arguments.length);
  const c = lutImage(a, 'equalize');
  const o = optionsOf(options, ['mask', 'out']);
  const out = checkOut(o.out, a.shape);
  const hist = histogram(bytesOf(a), c, maskBytes(o.mask, a));
  const lut = new Uint8Array(256 * c);
  for (let b = 0; b < c; b++) {
    const h = hist.subarray(b * 256, b * 256 + 256);
    let total = 0, last = 0, count = 0;
    for (let i = 0; i < 256; i++) if (h[i]) { total += h[i]; last = h[i]; count++; }
    const step = count <= 1 ? 0 : Math.floor((total - last) / 255);
    const t = lut.subarray(b * 256, b * 256 + 256);
    if (!step) { for (let i = 0; i < 256; i++) t[i] = i; continue; }
    let n = Math.floor(step / 2);
    for (let i = 0; i < 256; i++) {
      const v = Math.floor(n / step);
      t[i] = v > 255 ? 255 : v;
      n += h[i];
    }
  }
  return applyLut(a, lut, out);
}

/** `ImageOps.posterize(image, bits)`: keeps the top `bits` (0–8) bits of every value. L and RGB only. */
export function posterize(a: PixelArray, bits: number, options?: ImageOpsOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('posterize', ['a', 'bits', 'options'], arguments.length);
  const c = lutImage(a, 'posterize');
  const mask = ~(2 ** (8 - checkInt(bits, 'bits', 0, 8)) - 1);
  const out = checkOut(optionsOf(options, ['out']).out, a.shape);
  return applyLut(a, uniformLut(c, (v) => v & mask), out);
}

/** `ImageOps.solarize(image, threshold = 128)`: values `≥ threshold` become `255 − v`. L and RGB only. */
export function solarize(a: PixelArray, threshold = 128, options?: ImageOpsOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('solarize', ['a', 'threshold', 'options'], arguments.length);
  const c = lutImage(a, 'solarize');
  const t = checkFinite(threshold, 'threshold');
  const out = checkOut(optionsOf(options, ['out']).out, a.shape);
  return applyLut(a, uniformLut(c, (v) => (v < t ? v : 255 - v)), out);
}

/** `ImageOps.invert(image)`: `255 − v`. L and RGB only (Pillow 9.4 refuses LA and RGBA). */
export function invert(a: PixelArray, options?: ImageOpsOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('invert', ['a', 'options'], arguments.length);
  const c = lutImage(a, 'invert');
  const out = checkOut(optionsOf(options, ['out']).out, a.shape);
  return applyLut(a, uniformLut(c, (v) => 255 - v), out);
}

/**
 * `ImageOps.grayscale(image)` = `convert('L')`: `H×W×1`; RGB and RGBA give
 * `(19595 R + 38470 G + 7471 B + 0x8000) >> 16`, L and LA their L channel.
 */
export function grayscale(a: PixelArray, options?: ImageOpsOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('grayscale', ['a', 'options'], arguments.length);
  const c = checkMode(a);
  const shape: Shape = [a.shape[0], a.shape[1], 1];
  const out = checkOut(optionsOf(options, ['out']).out, shape);
  return result(toL(bytesOf(a), c), shape, out);
}

/** `ImageOps.mirror(image)`: left–right flip (`FLIP_LEFT_RIGHT`), a new image. */
export function mirror(a: PixelArray, options?: ImageOpsOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('mirror', ['a', 'options'], arguments.length);
  checkMode(a);
  return transpose(a, 'FLIP_LEFT_RIGHT', optionsOf(options, ['out']));
}

/** `ImageOps.flip(image)`: top–bottom flip (`FLIP_TOP_BOTTOM`), a new image. Pillow's, not the core `flip`. */
export function flip(a: PixelArray, options?: ImageOpsOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('flip', ['a', 'options'], arguments.length);
  checkMode(a);
  return transpose(a, 'FLIP_TOP_BOTTOM', optionsOf(options, ['out']));
}

/** Options of `exifTranspose` (Pillow). */
export interface ExifTransposeOptions extends ImageOpsOptions {
  /** The EXIF Orientation (tag 0x0112) value 1–8 (default 1: a copy), since a PixelArray carries no EXIF. */
  orientation?: number;
}

const EXIF_METHODS = [null, null, 'FLIP_LEFT_RIGHT', 'ROTATE_180', 'FLIP_TOP_BOTTOM', 'TRANSPOSE', 'ROTATE_270', 'TRANSVERSE', 'ROTATE_90'] as const;

/**
 * `ImageOps.exif_transpose(image)` with the orientation given as `options.orientation`: 2 mirror,
 * 3 rotate 180°, 4 flip, 5 transpose, 6 rotate 270° (clockwise), 7 transverse, 8 rotate 90°; 1 (the
 * default) a copy. A new image always.
 */
export function exifTranspose(a: PixelArray, options?: ExifTransposeOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('exifTranspose', ['a', 'options'], arguments.length);
  checkMode(a);
  const o = optionsOf(options, ['orientation', 'out']);
  const orientation = o.orientation === undefined ? 1 : checkInt(o.orientation, 'options.orientation', 1, 8);
  const method = EXIF_METHODS[orientation];
  if (method === null) return clone(a, { out: checkOut(o.out, a.shape) });
  return transpose(a, method, { out: o.out });
}

function filled(h: number, w: number, values: readonly number[]): PixelArray {
  const c = values.length;
  const data = new Uint8Array(h * w * c);
  for (let i = 0; i < data.length; i += c) for (let k = 0; k < c; k++) data[i + k] = values[k];
  return new PixelArray(data, [h, w, c]);
}

/**
 * `ImageOps.expand(image, border = 0, fill = 0)`: a frame of `fill` (see below) around the image.
 * `border` is a number, `[leftRight, topBottom]` or `[left, top, right, bottom]`. `fill`: an
 * array of per-channel values, or a number with Pillow's meaning (clipped for L; a packed
 * `r | g << 8 | b << 16 | a << 24` ink for LA, RGB and RGBA, so `fill = 255` is red on RGB).
 */
export function expand(a: PixelArray, border: number | readonly number[] = 0, fill: number | readonly number[] = 0,
  options?: ImageOpsOptions): PixelArray {
  if (arguments.length > 4) throw tooManyArguments('expand', ['a', 'border', 'fill', 'options'], arguments.length);
  const c = checkMode(a);
  let l: number, t: number, r: number, b: number;
  if (typeof border === 'number') l = t = r = b = checkInt(border, 'border', -(1 << 20), 1 << 20);
  else if (Array.isArray(border) && border.length === 2) {
    l = r = checkInt(border[0], 'border[0]', -(1 << 20), 1 << 20);
    t = b = checkInt(border[1], 'border[1]', -(1 << 20), 1 << 20);
  } else if (Array.isArray(border) && border.length === 4) {
    [l, t, r, b] = border.map((v, i) => checkInt(v, `border[${i}]`));
  } else throw typeError('border', 'an integer, [x, y] or [left, top, right, bottom]', border);
  const [h, w] = a.shape;
  const nw = l + w + r, nh = t + h + b;
  if (nw < 0 || nh < 0) throw rangeError('border', `a frame leaving a size ≥ 0 (got ${nw}×${nh})`, border);
  const color = pillowColor(fill, c, 'fill');
  const out = checkOut(optionsOf(options, ['out']).out, [nh, nw, c]);
  const dst = filled(nh, nw, color);
  paste(dst, a, [l, t]);
  return finishOutput(dst, out);
}

/** Options of `contain` (Pillow). */
export interface ContainOptions extends ImageOpsOptions {
  /** The resampling filter (default `'bicubic'`). */
  method?: Resample;
}

function checkSizePair(size: unknown): [number, number] {
  if (!Array.isArray(size) || size.length !== 2) throw typeError('size', 'an array [width, height]', size);
  return [checkInt(size[0], 'size[0]', 1, 1 << 20), checkInt(size[1], 'size[1]', 1, 1 << 20)];
}

function containSize(w: number, h: number, size: [number, number]): [number, number] {
  const imRatio = w / h, destRatio = size[0] / size[1];
  let s = size;
  if (imRatio !== destRatio) {
    if (imRatio > destRatio) {
      const nh = pyRound((h / w) * size[0]);
      if (nh !== s[1]) s = [s[0], nh];
    } else {
      const nw = pyRound((w / h) * size[1]);
      if (nw !== s[0]) s = [nw, s[1]];
    }
  }
  return s;
}

/** Python 3's `round(x)` of a float: to the nearest integer, halves to even. */
function pyRound(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && (r & 1) !== 0 ? r - 1 : r;
}

/**
 * `ImageOps.contain(image, size, method = BICUBIC)`: resized to the largest size inside
 * `[width, height]` keeping the aspect ratio (the other side `round(h / w · width)` or
 * `round(w / h · height)`, Python's half-to-even round), with Pillow's `resize`.
 */
export function contain(a: PixelArray, size: readonly [number, number], options?: ContainOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('contain', ['a', 'size', 'options'], arguments.length);
  checkMode(a);
  const s = checkSizePair(size);
  const o = optionsOf(options, ['method', 'out']);
  const [w, h] = containSize(a.shape[1], a.shape[0], s);
  return resize(a, [w, h], { resample: o.method ?? 'bicubic', out: o.out });
}

/** Options of `pad` (Pillow). */
export interface PadOptions extends ContainOptions {
  /** The background: per-channel values or a Pillow number (see `expand`); default 0 (black, alpha 0). */
  color?: number | readonly number[] | null;
  /** Where the image sits: `[x, y]` fractions, each clamped to 0..1 (default `[0.5, 0.5]`). */
  centering?: readonly [number, number];
}

/**
 * `ImageOps.pad(image, size, method = BICUBIC, color = None, centering = (0.5, 0.5))`: `contain`,
 * then pasted on a `size` background of `color` at `round((size − resized) · clamp(centering))`.
 */
export function pad(a: PixelArray, size: readonly [number, number], options?: PadOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('pad', ['a', 'size', 'options'], arguments.length);
  const c = checkMode(a);
  const s = checkSizePair(size);
  const o = optionsOf(options, ['method', 'color', 'centering', 'out']);
  const centering = checkCentering(o.centering);
  const color = o.color === undefined || o.color === null ? new Array<number>(c).fill(0) : pillowColor(o.color, c, 'options.color');
  const out = checkOut(o.out, [s[1], s[0], c]);
  const [w, h] = containSize(a.shape[1], a.shape[0], s);
  const resized = resize(a, [w, h], { resample: o.method ?? 'bicubic' });
  if (w === s[0] && h === s[1]) return finishOutput(resized, out);
  const dst = filled(s[1], s[0], color);
  if (w !== s[0]) paste(dst, resized, [pyRound((s[0] - w) * Math.max(0, Math.min(centering[0], 1))), 0]);
  else paste(dst, resized, [0, pyRound((s[1] - h) * Math.max(0, Math.min(centering[1], 1)))]);
  return finishOutput(dst, out);
}

function checkCentering(v: unknown): [number, number] {
  if (v === undefined) return [0.5, 0.5];
  if (!Array.isArray(v) || v.length !== 2) throw typeError('options.centering', 'an array [x, y]', v);
  return [checkFinite(v[0], 'options.centering[0]'), checkFinite(v[1], 'options.centering[1]')];
}

/** Options of `fit` (Pillow). */
export interface FitOptions extends ContainOptions {
  /** The fraction trimmed from every edge first (default 0; values outside 0 ≤ bleed < 0.5 mean 0, as in Pillow). */
  bleed?: number;
  /** Where the crop is taken: `[x, y]` fractions (default `[0.5, 0.5]`; values outside 0..1 mean 0.5, as in Pillow). */
  centering?: readonly [number, number];
}

/**
 * `ImageOps.fit(image, size, method = BICUBIC, bleed = 0, centering = (0.5, 0.5))`: the largest
 * region of the requested aspect ratio (after trimming `bleed`), placed by `centering`, resized
 * to `size` with Pillow's `resize(…, box)` (float box, computed in double as ImageOps does).
 */
export function fit(a: PixelArray, size: readonly [number, number], options?: FitOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('fit', ['a', 'size', 'options'], arguments.length);
  checkMode(a);
  const s = checkSizePair(size);
  const o = optionsOf(options, ['method', 'bleed', 'centering', 'out']);
  const centering = checkCentering(o.centering);
  if (!(centering[0] >= 0 && centering[0] <= 1)) centering[0] = 0.5;
  if (!(centering[1] >= 0 && centering[1] <= 1)) centering[1] = 0.5;
  let bleed = o.bleed === undefined ? 0 : checkFinite(o.bleed, 'options.bleed');
  if (!(bleed >= 0 && bleed < 0.5)) bleed = 0;
  const [h, w] = a.shape;
  const bx = bleed * w, by = bleed * h;
  const lw = w - bx * 2, lh = h - by * 2;
  const liveRatio = lw / lh, outRatio = s[0] / s[1];
  let cw: number, ch: number;
  if (liveRatio === outRatio) { cw = lw; ch = lh; } else if (liveRatio >= outRatio) { cw = outRatio * lh; ch = lh; } else {
    cw = lw; ch = lw / outRatio;
  }
  const left = bx + (lw - cw) * centering[0];
  const top = by + (lh - ch) * centering[1];
  return resize(a, s, { resample: o.method ?? 'bicubic', box: [left, top, left + cw, top + ch], out: o.out });
}
