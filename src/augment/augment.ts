// Random image augmentation after Keras' ImageDataGenerator (get_random_transform, then
// apply_transform), seeded and reproducible, on pixelarray's exact warpAffine, flip and Pillow's
// brightness. What matches Keras and what does not: docs/ml.md.
//
// The geometry is Keras' matrix, which maps output pixels to input pixels in (x, y):
//   M = C · R(θ) · T(tx, ty) · Sh(shear) · Z(zx, zy) · C⁻¹
// with C the translation to the image centre ((w − 1)/2, (h − 1)/2); factors at their neutral value
// are left out, as Keras does. It is applied by warpAffine with `inverseMap` (no inversion), then
// the flips, then the brightness: Keras' order.
import { checkFinite, checkInt, checkOptions, checkOut } from '../core/check.ts';
import { clone } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import type { BorderMode } from '../imgproc/border.ts';
import { getRotationMatrix2D, warpAffine, WARP_INTERPOLATIONS, type WarpInterpolation } from '../imgproc/warp.ts';
import { flip } from '../ops/geometry.ts';
import { enhanceBrightness } from './brightness.ts';
import { randomSeed, seededRandom, type RandomSource } from './random.ts';

/** Keras' `fill_mode`: how points outside the input are filled. */
export type FillMode = 'nearest' | 'constant' | 'reflect' | 'wrap';

/** The fill modes of `augment` and `applyTransform`, as Keras names them. */
export const FILL_MODES: readonly FillMode[] = ['nearest', 'constant', 'reflect', 'wrap'];

/** Keras' fill modes as OpenCV borders: `aaaa|abcd|dddd`, `kkkk|abcd|kkkk`, `dcba|abcd|dcba`, `abcd|abcd|abcd`. */
const BORDER_OF: Record<FillMode, BorderMode> = { nearest: 'replicate', constant: 'constant', reflect: 'reflect', wrap: 'wrap' };

/**
 * A shift range: a number `r` draws uniformly in `[−r, r)`, a fraction of the size when `r < 1`
 * and pixels otherwise; an array draws one of its elements and a random sign (a fraction of the
 * size when every element is < 1).
 */
export type ShiftRange = number | readonly number[];

/** How `applyTransform` (and `augment`) resample. */
export interface TransformOptions {
  /** Default `'nearest'` (Keras' default): the edge pixel is repeated. */
  fillMode?: FillMode;
  /** With `fillMode: 'constant'`: a number or one per channel, rounded half to even and clamped to 0..255. Default 0. */
  cval?: number | readonly number[];
  /** `'bilinear'` (default, Keras' `interpolation_order=1`) or `'nearest'` (order 0). */
  interpolation?: WarpInterpolation;
  /** Write the result here (the input's shape, any layout) instead of allocating; returned. */
  out?: PixelArray;
}

/** Keras `ImageDataGenerator` arguments, in camelCase, plus the seed. */
export interface AugmentOptions extends TransformOptions {
  /** Degrees: θ uniform in `[−r, r)`; positive turns the content counter-clockwise. Default 0. */
  rotationRange?: number;
  /** Horizontal shift (see `ShiftRange`). Default 0. */
  widthShiftRange?: ShiftRange;
  /** Vertical shift (see `ShiftRange`). Default 0. */
  heightShiftRange?: ShiftRange;
  /** Degrees: shear angle uniform in `[−r, r)`. Default 0. */
  shearRange?: number;
  /** `z` in [0, 1) for `[1 − z, 1 + z]`, or `[lower, upper]` (both > 0); zx and zy drawn apart. Above 1 shrinks the content. Default 0. */
  zoomRange?: number | readonly [number, number];
  /** `[lower, upper]`, both ≥ 0: a Pillow brightness factor uniform in the range. Default none. */
  brightnessRange?: readonly [number, number];
  /** Flip left-right with probability ½. */
  horizontalFlip?: boolean;
  /** Flip top-bottom with probability ½. */
  verticalFlip?: boolean;
  /** Integer 0..2³²−1: the same seed gives the same result everywhere. Without it (or `random`), unreproducible. */
  seed?: number;
  /** Draw from this source of uniform numbers in [0, 1) instead of a seed (e.g. one `seededRandom` shared by several calls). */
  random?: RandomSource;
}

/** One drawn transformation (Keras' `transform_parameters`, with x = horizontal). */
export interface TransformParams {
  /** Rotation in degrees, counter-clockwise. */
  theta: number;
  /** Horizontal shift in pixels, as Keras' matrix takes it: positive moves the content left. */
  tx: number;
  /** Vertical shift in pixels: positive moves the content up. */
  ty: number;
  /** Shear angle in degrees. */
  shear: number;
  /** Horizontal zoom: the output samples `zx` input pixels per pixel (above 1 shrinks the content). */
  zx: number;
  /** Vertical zoom. */
  zy: number;
  flipHorizontal: boolean;
  flipVertical: boolean;
  /** Pillow brightness factor, or null for none. */
  brightness: number | null;
}

/** `randomTransform`'s result: the parameters and the 2×3 matrix (output → input pixels) they give. */
export interface RandomTransform extends TransformParams {
  matrix: number[][];
}

const APPLY_KEYS = ['fillMode', 'cval', 'interpolation', 'out'];
const RANDOM_KEYS = ['rotationRange', 'widthShiftRange', 'heightShiftRange', 'shearRange', 'zoomRange',
  'brightnessRange', 'horizontalFlip', 'verticalFlip', 'seed', 'random'];
const ALL_KEYS: ReadonlySet<string> = /* @__PURE__ */ new Set([...APPLY_KEYS, ...RANDOM_KEYS]);

/** Refuses keys it does not know, so that `rotation_range` or `fill_mode` fail loudly instead of doing nothing. */
function checkAugmentKeys(opts: object, allowed: ReadonlySet<string>): void {
  for (const key of Object.keys(opts)) {
    if (!allowed.has(key)) {
      const camel = key.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
      const hint = camel !== key && allowed.has(camel) ? ` (did you mean '${camel}'?)` : '';
      throw new TypeError(`options.${key}: unknown option${hint}; known: ${[...allowed].join(', ')}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Options

interface RandomConfig {
  rotation: number;
  widthShift: number | number[];
  heightShift: number | number[];
  shear: number;
  zoom: [number, number];
  brightness: [number, number] | null;
  horizontalFlip: boolean;
  verticalFlip: boolean;
  seed: number | undefined;
  random: RandomSource | undefined;
}

function nonNegative(v: unknown, name: string): number {
  const x = checkFinite(v, name);
  if (x < 0) throw rangeError(name, 'a finite number ≥ 0', v);
  return x;
}

function shiftRange(v: unknown, name: string): number | number[] {
  if (v === undefined) return 0;
  if (typeof v === 'number') return nonNegative(v, name);
  if (Array.isArray(v)) {
    if (v.length === 0) throw rangeError(name, 'a number or a non-empty array of numbers', v);
    return v.map((x, i) => checkFinite(x, `${name}[${i}]`));
  }
  throw typeError(name, 'a number or an array of numbers', v);
}

function pair(v: unknown, name: string): [number, number] {
  if (!Array.isArray(v) || v.length !== 2) throw typeError(name, 'an array [lower, upper]', v);
  const lo = nonNegative(v[0], `${name}[0]`), hi = nonNegative(v[1], `${name}[1]`);
  if (lo > hi) throw rangeError(name, 'lower ≤ upper', v);
  return [lo, hi];
}

function zoomRange(v: unknown): [number, number] {
  const name = 'options.zoomRange';
  if (v === undefined) return [1, 1];
  if (typeof v === 'number') {
    const z = nonNegative(v, name);
    if (z >= 1) throw rangeError(name, 'a number in [0, 1) (a zoom of 1 − z must stay > 0) or [lower, upper]', v);
    return [1 - z, 1 + z];
  }
  const [lo, hi] = pair(v, name);
  if (lo === 0) throw rangeError(`${name}[0]`, 'a zoom > 0', lo);
  return [lo, hi];
}

function bool(v: unknown, name: string): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw typeError(name, 'a boolean', v);
  return v;
}

function readRandomConfig(opts: Partial<AugmentOptions>): RandomConfig {
  if (opts.seed !== undefined && opts.random !== undefined) throw new TypeError('options.seed, options.random: give one of them, not both');
  if (opts.random !== undefined && typeof opts.random !== 'function') {
    throw typeError('options.random', 'a function returning numbers in [0, 1)', opts.random);
  }
  return {
    rotation: opts.rotationRange === undefined ? 0 : nonNegative(opts.rotationRange, 'options.rotationRange'),
    widthShift: shiftRange(opts.widthShiftRange, 'options.widthShiftRange'),
    heightShift: shiftRange(opts.heightShiftRange, 'options.heightShiftRange'),
    shear: opts.shearRange === undefined ? 0 : nonNegative(opts.shearRange, 'options.shearRange'),
    zoom: zoomRange(opts.zoomRange),
    brightness: opts.brightnessRange === undefined ? null : pair(opts.brightnessRange, 'options.brightnessRange'),
    horizontalFlip: bool(opts.horizontalFlip, 'options.horizontalFlip'),
    verticalFlip: bool(opts.verticalFlip, 'options.verticalFlip'),
    seed: opts.seed === undefined ? undefined : checkInt(opts.seed, 'options.seed', 0, 0xffffffff),
    random: opts.random,
  };
}

interface ApplyConfig {
  border: BorderMode;
  cval: number | number[];
  interpolation: WarpInterpolation;
  out: PixelArray | undefined;
}

function readApplyConfig(opts: Partial<TransformOptions>, channels: number): ApplyConfig {
  const fill = opts.fillMode ?? 'nearest';
  if (typeof fill !== 'string' || !(FILL_MODES as readonly string[]).includes(fill)) {
    throw rangeError('options.fillMode', `one of ${FILL_MODES.map((m) => `'${m}'`).join(', ')}`, fill);
  }
  const interpolation = opts.interpolation ?? 'bilinear';
  if (typeof interpolation !== 'string' || !(WARP_INTERPOLATIONS as readonly string[]).includes(interpolation)) {
    throw rangeError('options.interpolation', `one of ${WARP_INTERPOLATIONS.map((m) => `'${m}'`).join(', ')}`, interpolation);
  }
  let cval: number | number[] = 0;
  if (typeof opts.cval === 'number') cval = checkFinite(opts.cval, 'options.cval');
  else if (Array.isArray(opts.cval)) {
    if (opts.cval.length !== channels && opts.cval.length !== 1) {
      throw new RangeError(`options.cval: expected 1 or ${channels} values (one per channel), got ${opts.cval.length}`);
    }
    cval = opts.cval.map((v, i) => checkFinite(v, `options.cval[${i}]`));
  } else if (opts.cval !== undefined) throw typeError('options.cval', 'a number or an array of one number per channel', opts.cval);
  if (opts.out !== undefined) assertPixelArray(opts.out, 'options.out');
  return { border: BORDER_OF[fill as FillMode], cval, interpolation: interpolation as WarpInterpolation, out: opts.out };
}

// ---------------------------------------------------------------------------------------------
// Drawing the parameters

const uniform = (random: RandomSource, lo: number, hi: number): number => lo + (hi - lo) * random();

/** Keras' shift draw for one axis of `size` pixels. */
function drawShift(range: number | number[], size: number, random: RandomSource): number {
  if (typeof range === 'number') {
    if (range === 0) return 0;
    const t = uniform(random, -range, range);
    return range < 1 ? t * size : t;
  }
  // np.random.choice(range) * np.random.choice([-1, 1])
  const picked = range[Math.min(range.length - 1, Math.floor(random() * range.length))];
  const t = picked * (random() < 0.5 ? -1 : 1);
  return Math.max(...range) < 1 ? t * size : t;
}

function checkImageShape(shape: unknown): [number, number] {
  if (shape instanceof PixelArray) return [shape.shape[0], shape.shape[1]];
  if (!Array.isArray(shape) || shape.length < 2 || shape.length > 3) {
    throw typeError('shape', 'an image shape [height, width] or [height, width, channels]', shape);
  }
  return [checkInt(shape[0], 'shape[0]', 0), checkInt(shape[1], 'shape[1]', 0)];
}

function draw([h, w]: [number, number], cfg: RandomConfig, random: RandomSource): TransformParams {
  // Keras' order of draws: rotation, height shift, width shift, shear, zoom x then y, the two
  // flips (always drawn, even when off), brightness.
  const theta = cfg.rotation ? uniform(random, -cfg.rotation, cfg.rotation) : 0;
  const ty = drawShift(cfg.heightShift, h, random);
  const tx = drawShift(cfg.widthShift, w, random);
  const shear = cfg.shear ? uniform(random, -cfg.shear, cfg.shear) : 0;
  const [zlo, zhi] = cfg.zoom;
  let zx = 1, zy = 1;
  if (!(zlo === 1 && zhi === 1)) {
    zx = uniform(random, zlo, zhi);
    zy = uniform(random, zlo, zhi);
  }
  const flipHorizontal = random() < 0.5 && cfg.horizontalFlip;
  const flipVertical = random() < 0.5 && cfg.verticalFlip;
  const brightness = cfg.brightness ? uniform(random, cfg.brightness[0], cfg.brightness[1]) : null;
  return { theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical, brightness };
}

function sourceOf(cfg: RandomConfig): RandomSource {
  return cfg.random ?? seededRandom(cfg.seed ?? randomSeed());
}

/**
 * Draws one random transformation for an image of `shape` (`[height, width, channels]`, or the
 * image itself), as Keras' `ImageDataGenerator.get_random_transform` does, and returns it with its
 * matrix. `random` (default: from `options.seed` / `options.random`) is advanced by the draws.
 */
export function randomTransform(shape: readonly number[] | PixelArray, options?: AugmentOptions, random?: RandomSource): RandomTransform {
  if (arguments.length > 3) throw tooManyArguments('randomTransform', ['shape', 'options', 'random'], arguments.length);
  const hw = checkImageShape(shape);
  const opts = checkOptions(options);
  checkAugmentKeys(opts, ALL_KEYS);
  const cfg = readRandomConfig(opts);
  if (random !== undefined && typeof random !== 'function') throw typeError('random', 'a function returning numbers in [0, 1)', random);
  const params = draw(hw, cfg, random ?? sourceOf(cfg));
  return { ...params, matrix: matrixFor(params, hw) };
}

// ---------------------------------------------------------------------------------------------
// The matrix

type M3 = number[][];

function mul(a: M3, b: M3): M3 {
  const c: M3 = [[0, 0, 0], [0, 0, 0], [0, 0, 1]];
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 3; j++) c[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
  }
  return c;
}

/** `[cos, sin]` of `deg` degrees, correctly rounded (through getRotationMatrix2D's sin/cos). */
function cosSin(deg: number): [number, number] {
  const r = getRotationMatrix2D([0, 0], deg, 1);
  return [r[0][0], r[0][1]];
}

function isGeometric(p: TransformParams): boolean {
  return p.theta !== 0 || p.tx !== 0 || p.ty !== 0 || p.shear !== 0 || p.zx !== 1 || p.zy !== 1;
}

function matrixFor(p: TransformParams, [h, w]: [number, number]): number[][] {
  const factors: M3[] = [];
  if (p.theta !== 0) {
    const [cos, sin] = cosSin(p.theta);
    factors.push([[cos, -sin, 0], [sin, cos, 0], [0, 0, 1]]);
  }
  if (p.tx !== 0 || p.ty !== 0) factors.push([[1, 0, p.tx], [0, 1, p.ty], [0, 0, 1]]);
  if (p.shear !== 0) {
    const [cos, sin] = cosSin(p.shear);
    factors.push([[1, -sin, 0], [0, cos, 0], [0, 0, 1]]);
  }
  if (p.zx !== 1 || p.zy !== 1) factors.push([[p.zx, 0, 0], [0, p.zy, 0], [0, 0, 1]]);
  if (factors.length === 0) return [[1, 0, 0], [0, 1, 0]];
  const m = factors.reduce((acc, f) => mul(acc, f));
  const ox = w / 2 - 0.5, oy = h / 2 - 0.5;
  const c = mul(mul([[1, 0, ox], [0, 1, oy], [0, 0, 1]], m), [[1, 0, -ox], [0, 1, -oy], [0, 0, 1]]);
  return [c[0], c[1]];
}

function checkParams(p: unknown): TransformParams {
  if (p === null || typeof p !== 'object') throw typeError('params', 'transform parameters (from randomTransform)', p);
  const o = p as Record<string, unknown>;
  const num = (k: string, fallback: number): number => (o[k] === undefined ? fallback : checkFinite(o[k], `params.${k}`));
  const flag = (k: string): boolean => bool(o[k], `params.${k}`);
  let brightness: number | null = null;
  if (o.brightness !== undefined && o.brightness !== null) brightness = checkFinite(o.brightness, 'params.brightness');
  return {
    theta: num('theta', 0), tx: num('tx', 0), ty: num('ty', 0), shear: num('shear', 0), zx: num('zx', 1), zy: num('zy', 1),
    flipHorizontal: flag('flipHorizontal'), flipVertical: flag('flipVertical'), brightness,
  };
}

/**
 * The 2×3 matrix of `params` for an image of `shape`: it maps output pixel (x, y) to the input
 * point sampled there (`warpAffine(img, m, w, h, { inverseMap: true })`), built as Keras'
 * `apply_affine_transform` does about the image centre. Missing parameters are neutral.
 */
export function transformMatrix(params: Partial<TransformParams>, shape: readonly number[] | PixelArray): number[][] {
  if (arguments.length > 2) throw tooManyArguments('transformMatrix', ['params', 'shape'], arguments.length);
  return matrixFor(checkParams(params), checkImageShape(shape));
}

// ---------------------------------------------------------------------------------------------
// Applying

function apply(img: PixelArray, p: TransformParams, cfg: ApplyConfig): PixelArray {
  const [h, w] = img.shape;
  const out = cfg.out;
  const flips = p.flipHorizontal || p.flipVertical;
  let x = img;
  let fresh = false;
  if (isGeometric(p) && h > 0 && w > 0) {
    const last = !flips && p.brightness === null;
    x = warpAffine(img, matrixFor(p, [h, w]), w, h, {
      interpolation: cfg.interpolation, border: cfg.border, borderValue: cfg.cval, inverseMap: true, out: last ? out : undefined,
    });
    if (last) return x;
    fresh = true;
  }
  if (p.flipHorizontal) x = flip(x, 1);
  if (p.flipVertical) x = flip(x, 0);
  if (p.brightness !== null) return enhanceBrightness(x, p.brightness, { out });
  if (out) return clone(x, { out });
  return fresh && !flips ? x : clone(x);
}

/**
 * Applies given parameters (`randomTransform`'s, or your own) as Keras' `apply_transform` does:
 * the affine warp (only when some geometric parameter is not neutral), then the horizontal and
 * vertical flips, then the brightness. The input is never modified; the result is a new array.
 */
export function applyTransform(img: PixelArray, params: Partial<TransformParams>, options?: TransformOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('applyTransform', ['img', 'params', 'options'], arguments.length);
  assertPixelArray(img, 'img');
  const p = checkParams(params);
  const opts = checkOptions(options);
  checkAugmentKeys(opts, ALL_KEYS);
  const cfg = readApplyConfig(opts, img.shape[2]);
  checkOut(cfg.out, img.shape);
  return apply(img, p, cfg);
}

/**
 * One random augmentation of `img`, like Keras' `ImageDataGenerator(...).random_transform(x)`:
 * draws the parameters (`randomTransform`) and applies them (`applyTransform`). With the same
 * `seed`, the same result on every platform.
 */
export function augment(img: PixelArray, options?: AugmentOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('augment', ['img', 'options'], arguments.length);
  assertPixelArray(img, 'img');
  const opts = checkOptions(options);
  checkAugmentKeys(opts, ALL_KEYS);
  const cfg = readRandomConfig(opts);
  const applyCfg = readApplyConfig(opts, img.shape[2]);
  checkOut(applyCfg.out, img.shape);
  return apply(img, draw([img.shape[0], img.shape[1]], cfg, sourceOf(cfg)), applyCfg);
}

/** Options of `augmentBatch`. */
export interface AugmentBatchOptions extends Omit<AugmentOptions, 'out'> {
  /** Yield arrays of this many images (the last may be shorter) instead of single images. */
  batchSize?: number;
}

const BATCH_KEYS: ReadonlySet<string> = /* @__PURE__ */ new Set([...APPLY_KEYS.filter((k) => k !== 'out'), ...RANDOM_KEYS, 'batchSize']);

/**
 * A generator of augmented copies of `images` (any iterable of PixelArrays, of any shapes), one per
 * input in order, all drawn from one seeded sequence: `augmentBatch(images, { seed })` gives the
 * same images on every run, and its first equals `augment(images[0], { seed })`. With `batchSize`,
 * yields arrays of that many. Options are checked at the call, not at the first `next()`.
 */
export function augmentBatch(images: Iterable<PixelArray>, options: AugmentBatchOptions & { batchSize: number }): Generator<PixelArray[], void, undefined>;
export function augmentBatch(images: Iterable<PixelArray>, options?: AugmentBatchOptions): Generator<PixelArray, void, undefined>;
export function augmentBatch(images: Iterable<PixelArray>, options?: AugmentBatchOptions): Generator<PixelArray | PixelArray[], void, undefined> {
  if (arguments.length > 2) throw tooManyArguments('augmentBatch', ['images', 'options'], arguments.length);
  if (images === null || typeof images !== 'object' || typeof (images as Iterable<PixelArray>)[Symbol.iterator] !== 'function') {
    throw typeError('images', 'an iterable of PixelArrays', images);
  }
  const opts = checkOptions(options);
  checkAugmentKeys(opts, BATCH_KEYS);
  const cfg = readRandomConfig(opts);
  const batchSize = opts.batchSize === undefined ? 0 : checkInt(opts.batchSize, 'options.batchSize', 1);
  // Check the resampling options once, on a channel count every cval length accepts.
  readApplyConfig({ ...opts, cval: Array.isArray(opts.cval) ? opts.cval[0] : opts.cval }, 1);
  const random = sourceOf(cfg);
  function* single(): Generator<PixelArray, void, undefined> {
    let i = 0;
    for (const img of images) {
      assertPixelArray(img, `images[${i++}]`);
      const applyCfg = readApplyConfig(opts, img.shape[2]);
      yield apply(img, draw([img.shape[0], img.shape[1]], cfg, random), applyCfg);
    }
  }
  if (batchSize === 0) return single();
  return (function* batched(): Generator<PixelArray[], void, undefined> {
    let batch: PixelArray[] = [];
    for (const a of single()) {
      batch.push(a);
      if (batch.length === batchSize) { yield batch; batch = []; }
    }
    if (batch.length > 0) yield batch;
  })();
}
