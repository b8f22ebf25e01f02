// Keras' ImageDataGenerator (keras_preprocessing 1.1.0, image_data_generator.py and
// affine_transformations.py), reproduced draw for draw: the same random parameters from the same
// seed (NumPy's legacy MT19937, random-state.ts), the same transform matrix and centre offset, the
// same scipy.ndimage interpolation (ndimage.ts), channel shift, flips, brightness and
// standardisation, on float32 `{ data, shape }` images (HWC, channels_last).
import { checkFinite, checkOptions } from '../../core/check.ts';
import { rangeError, typeError, tooManyArguments } from '../../core/errors.ts';
import type { Tensor3D } from '../tensor.ts';
import { checkTensor3D, globalRandom, seedRandom } from './common.ts';
import { ArrayIterator, type FlowImages, type FlowOptions, type Labels } from './iterator.ts';
import { affineTransformChannel, type NdimageMode } from './ndimage.ts';
import type { RandomState } from './random-state.ts';

/** A shift range as Keras takes it: a fraction (< 1) or pixels, an integer, or a list to pick from. */
export type KerasShiftRange = number | readonly number[];

/** `ImageDataGenerator`'s options, Keras' keyword arguments in camelCase. */
export interface ImageDataGeneratorOptions {
  /** Degrees: θ is drawn from uniform(−r, r). */
  rotationRange?: number;
  /**
   * Horizontal shift: a float < 1 is a fraction of the width, ≥ 1 pixels (uniform(−r, r)); an
   * integer n picks from 0..n−1 with a random sign; a list picks one of its values with a random sign.
   * JavaScript cannot tell 2 from 2.0: integral numbers take Keras' integer form.
   */
  widthShiftRange?: KerasShiftRange;
  /** Vertical shift, as `widthShiftRange`. */
  heightShiftRange?: KerasShiftRange;
  /** `[lo, hi]`: the brightness factor is drawn from uniform(lo, hi) and applied as Keras does (Pillow on the rescaled image). */
  brightnessRange?: readonly [number, number];
  /** Shear angle in degrees, drawn from uniform(−s, s). */
  shearRange?: number;
  /** A number z means `[1 − z, 1 + z]`; or `[lo, hi]`. zx and zy are drawn independently. */
  zoomRange?: number | readonly [number, number];
  /** The intensity added to every channel is drawn from uniform(−r, r); the result is clipped to the image's range. */
  channelShiftRange?: number;
  /** Points outside the input: 'nearest' (default), 'constant' (cval), 'reflect' or 'wrap' (scipy.ndimage's modes). */
  fillMode?: NdimageMode;
  /** Value outside the image for fillMode 'constant'; default 0. */
  cval?: number;
  /** Flip left-right with probability 1/2. */
  horizontalFlip?: boolean;
  /** Flip top-bottom with probability 1/2. */
  verticalFlip?: boolean;
  /** Multiply every value by this (float32) after the transforms, as `standardize` does. */
  rescale?: number | null;
  /** Called on each transformed image before rescaling (`preprocessing_function`). */
  preprocessingFunction?: ((x: Tensor3D) => Tensor3D) | null;
  /** Subtract each image's mean (`samplewise_center`). */
  samplewiseCenter?: boolean;
  /** Divide each image by its standard deviation + 1e-6 (`samplewise_std_normalization`). */
  samplewiseStdNormalization?: boolean;
  /** Spline order of the interpolation: 1 (default, bilinear) or 0 (nearest). */
  interpolationOrder?: 0 | 1;
  /** Fraction of each class kept for `subset: 'validation'` by `flowFromDirectory` (0 ≤ v < 1). */
  validationSplit?: number;
}

/** What `getRandomTransform` returns: Keras' `transform_parameters` in camelCase. */
export interface KerasTransformParams {
  theta: number;
  /** Shift along the rows (Keras calls the vertical shift tx). */
  tx: number;
  /** Shift along the columns. */
  ty: number;
  shear: number;
  zx: number;
  zy: number;
  flipHorizontal: boolean;
  flipVertical: boolean;
  channelShiftIntensity: number | null;
  brightness: number | null;
}

const OPTION_KEYS = new Set(['rotationRange', 'widthShiftRange', 'heightShiftRange', 'brightnessRange', 'shearRange',
  'zoomRange', 'channelShiftRange', 'fillMode', 'cval', 'horizontalFlip', 'verticalFlip', 'rescale',
  'preprocessingFunction', 'samplewiseCenter', 'samplewiseStdNormalization', 'interpolationOrder', 'validationSplit']);
const FILL_MODES: readonly NdimageMode[] = ['nearest', 'constant', 'reflect', 'wrap'];

function checkBool(v: unknown, name: string): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw typeError(name, 'a boolean', v);
  return v;
}

function checkRange(v: unknown, name: string): number {
  if (v === undefined) return 0;
  const x = checkFinite(v, name);
  if (x < 0) throw rangeError(name, 'a number ≥ 0', v);
  return x;
}

function checkShift(v: unknown, name: string): KerasShiftRange {
  if (v === undefined) return 0;
  if (Array.isArray(v)) {
    if (v.length === 0) throw rangeError(name, 'a non-empty list of numbers', v);
    return v.map((x, i) => checkFinite(x, `${name}[${i}]`));
  }
  return checkRange(v, name);
}

function checkPair(v: unknown, name: string): [number, number] {
  if (!Array.isArray(v) || v.length !== 2) throw typeError(name, 'a pair [low, high] of numbers', v);
  return [checkFinite(v[0], `${name}[0]`), checkFinite(v[1], `${name}[1]`)];
}

/** 3×3 matrix product in the order NumPy's `np.dot` sums (k = 0, 1, 2). */
function dot(a: number[][], b: number[][]): number[][] {
  const out = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) out[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
  return out;
}

/**
 * Keras' `ImageDataGenerator`: `getRandomTransform`, `applyTransform`, `randomTransform`,
 * `standardize` and `flow` (and, in Node, `flowFromDirectory` in `pixelarray/node`), reproducing
 * keras_preprocessing 1.1.0 seed for seed. Images are float32 `{ data, shape: [h, w, c] }`.
 */
export class ImageDataGenerator {
  readonly rotationRange: number;
  readonly widthShiftRange: KerasShiftRange;
  readonly heightShiftRange: KerasShiftRange;
  readonly brightnessRange: [number, number] | null;
  readonly shearRange: number;
  readonly zoomRange: [number, number];
  readonly channelShiftRange: number;
  readonly fillMode: NdimageMode;
  readonly cval: number;
  readonly horizontalFlip: boolean;
  readonly verticalFlip: boolean;
  readonly rescale: number | null;
  readonly preprocessingFunction: ((x: Tensor3D) => Tensor3D) | null;
  readonly samplewiseCenter: boolean;
  readonly samplewiseStdNormalization: boolean;
  readonly interpolationOrder: 0 | 1;
  readonly validationSplit: number;

  constructor(options?: ImageDataGeneratorOptions) {
    if (arguments.length > 1) throw tooManyArguments('ImageDataGenerator', ['options'], arguments.length);
    const o = checkOptions(options);
    for (const key of Object.keys(o)) {
      if (!OPTION_KEYS.has(key)) {
        throw new RangeError(`options: unknown or unsupported option ${JSON.stringify(key)}; expected one of ${[...OPTION_KEYS].join(', ')}`);
      }
    }
    this.rotationRange = checkRange(o.rotationRange, 'options.rotationRange');
    this.widthShiftRange = checkShift(o.widthShiftRange, 'options.widthShiftRange');
    this.heightShiftRange = checkShift(o.heightShiftRange, 'options.heightShiftRange');
    this.brightnessRange = o.brightnessRange === undefined || o.brightnessRange === null ? null : checkPair(o.brightnessRange, 'options.brightnessRange');
    this.shearRange = checkRange(o.shearRange, 'options.shearRange');
    if (o.zoomRange === undefined || typeof o.zoomRange === 'number') {
      const z = checkRange(o.zoomRange, 'options.zoomRange');
      this.zoomRange = [1 - z, 1 + z];
    } else {
      this.zoomRange = checkPair(o.zoomRange, 'options.zoomRange');
    }
    this.channelShiftRange = checkRange(o.channelShiftRange, 'options.channelShiftRange');
    if (o.fillMode !== undefined && !FILL_MODES.includes(o.fillMode)) {
      throw rangeError('options.fillMode', `one of ${FILL_MODES.map((m) => `'${m}'`).join(', ')}`, o.fillMode);
    }
    this.fillMode = o.fillMode ?? 'nearest';
    this.cval = o.cval === undefined ? 0 : checkFinite(o.cval, 'options.cval');
    this.horizontalFlip = checkBool(o.horizontalFlip, 'options.horizontalFlip');
    this.verticalFlip = checkBool(o.verticalFlip, 'options.verticalFlip');
    this.rescale = o.rescale === undefined || o.rescale === null ? null : checkFinite(o.rescale, 'options.rescale');
    if (o.preprocessingFunction !== undefined && o.preprocessingFunction !== null && typeof o.preprocessingFunction !== 'function') {
      throw typeError('options.preprocessingFunction', 'a function (x) => x', o.preprocessingFunction);
    }
    this.preprocessingFunction = o.preprocessingFunction ?? null;
    this.samplewiseCenter = checkBool(o.samplewiseCenter, 'options.samplewiseCenter');
    this.samplewiseStdNormalization = checkBool(o.samplewiseStdNormalization, 'options.samplewiseStdNormalization');
    if (o.interpolationOrder !== undefined && o.interpolationOrder !== 0 && o.interpolationOrder !== 1) {
      throw rangeError('options.interpolationOrder', '0 or 1', o.interpolationOrder);
    }
    this.interpolationOrder = o.interpolationOrder ?? 1;
    this.validationSplit = o.validationSplit === undefined ? 0 : checkRange(o.validationSplit, 'options.validationSplit');
    if (this.validationSplit >= 1) throw rangeError('options.validationSplit', 'a number in 0..1 (exclusive)', o.validationSplit);
  }

  /**
   * `get_random_transform(img_shape, seed)`: Keras' draws in Keras' order. With a seed, NumPy's
   * generator is reseeded first (`np.random.seed(seed)`), as Keras does; without one the draws
   * continue the shared stream (see `seedRandom`).
   */
  getRandomTransform(shape: readonly number[], seed?: number): KerasTransformParams {
    if (arguments.length > 2) throw tooManyArguments('ImageDataGenerator.getRandomTransform', ['shape', 'seed'], arguments.length);
    if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((s) => Number.isSafeInteger(s) && s >= 0)) {
      throw typeError('shape', 'an image shape [height, width, channels]', shape);
    }
    if (seed !== undefined) seedRandom(seed);
    return this.drawTransform(shape, globalRandom());
  }

  /** The draws of `get_random_transform` from a given stream. */
  drawTransform(shape: readonly number[], rs: RandomState): KerasTransformParams {
    if (arguments.length > 2) throw tooManyArguments('ImageDataGenerator.drawTransform', ['shape', 'rs'], arguments.length);
    const theta = this.rotationRange ? rs.uniform(-this.rotationRange, this.rotationRange) : 0;
    const tx = drawShift(this.heightShiftRange, shape[0], rs);
    const ty = drawShift(this.widthShiftRange, shape[1], rs);
    const shear = this.shearRange ? rs.uniform(-this.shearRange, this.shearRange) : 0;
    let zx = 1, zy = 1;
    if (!(this.zoomRange[0] === 1 && this.zoomRange[1] === 1)) {
      zx = rs.uniform(this.zoomRange[0], this.zoomRange[1]);
      zy = rs.uniform(this.zoomRange[0], this.zoomRange[1]);
    }
    // Both flips draw whether enabled or not (the draw is multiplied by the flag).
    const flipHorizontal = rs.random() < 0.5 && this.horizontalFlip;
    const flipVertical = rs.random() < 0.5 && this.verticalFlip;
    const channelShiftIntensity = this.channelShiftRange !== 0 ? rs.uniform(-this.channelShiftRange, this.channelShiftRange) : null;
    const brightness = this.brightnessRange !== null ? rs.uniform(this.brightnessRange[0], this.brightnessRange[1]) : null;
    return { theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical, channelShiftIntensity, brightness };
  }

  /**
   * `apply_transform(x, transform_parameters)`: the affine transform (rotation, shift, shear, zoom
   * about the centre, scipy.ndimage order-1 interpolation with `fillMode`), then the channel shift,
   * the flips and the brightness. Missing parameters mean none. Returns a new image.
   */
  applyTransform(x: Tensor3D, params: Partial<KerasTransformParams>): Tensor3D {
    if (arguments.length > 2) throw tooManyArguments('ImageDataGenerator.applyTransform', ['x', 'params'], arguments.length);
    checkTensor3D(x);
    if (params === null || typeof params !== 'object') throw typeError('params', 'a transform-parameters object', params);
    const [h, w, c] = x.shape;
    let data = x.data;
    const m = kerasMatrix(params, h, w);
    if (m !== null) {
      const out = new Float32Array(data.length);
      for (let k = 0; k < c; k++) {
        affineTransformChannel(data, out, h, w, c, k, [m[0][0], m[0][1], m[1][0], m[1][1]], [m[0][2], m[1][2]],
          this.interpolationOrder, this.fillMode, this.cval);
      }
      data = out;
    }
    if (params.channelShiftIntensity !== undefined && params.channelShiftIntensity !== null) {
      data = channelShift(data, checkFinite(params.channelShiftIntensity, 'params.channelShiftIntensity'));
    }
    if (params.flipHorizontal) data = flipAxis(data, h, w, c, 1);
    if (params.flipVertical) data = flipAxis(data, h, w, c, 0);
    if (params.brightness !== undefined && params.brightness !== null) {
      data = brightnessShift(data, h, w, c, checkFinite(params.brightness, 'params.brightness'));
    }
    return { data: data === x.data ? data.slice() : data, shape: [h, w, c] };
  }

  /**
   * `flow(x, y, batch_size=…, shuffle=…, seed=…)`: an endless iterator of batches `[x, y]` (`x`
   * alone when `y` is null), each image transformed and standardised, the same batches as Keras
   * for the same seed.
   */
  flow(x: FlowImages, y?: Labels | null, options?: FlowOptions): ArrayIterator {
    if (arguments.length > 3) throw tooManyArguments('ImageDataGenerator.flow', ['x', 'y', 'options'], arguments.length);
    return new ArrayIterator(x, y, this, options);
  }

  /** `random_transform(x, seed)`: `applyTransform(x, getRandomTransform(x.shape, seed))`. */
  randomTransform(x: Tensor3D, seed?: number): Tensor3D {
    if (arguments.length > 2) throw tooManyArguments('ImageDataGenerator.randomTransform', ['x', 'seed'], arguments.length);
    checkTensor3D(x);
    return this.applyTransform(x, this.getRandomTransform(x.shape, seed));
  }

  /**
   * `standardize(x)`: `preprocessingFunction`, then `x *= rescale` (float32), then the samplewise
   * centring and normalisation, in place on `x.data` as Keras does; returns `x`.
   */
  standardize(x: Tensor3D): Tensor3D {
    if (arguments.length > 1) throw tooManyArguments('ImageDataGenerator.standardize', ['x'], arguments.length);
    checkTensor3D(x);
    let t = x;
    if (this.preprocessingFunction) t = checkTensor3D(this.preprocessingFunction(t), 'preprocessingFunction(x)');
    const d = t.data;
    if (this.rescale) {
      const s = Math.fround(this.rescale);
      for (let i = 0; i < d.length; i++) d[i] = d[i] * s;
    }
    if (this.samplewiseCenter) {
      const mean = Math.fround(pairwiseMean(d));
      for (let i = 0; i < d.length; i++) d[i] -= mean;
    }
    if (this.samplewiseStdNormalization) {
      const mean = pairwiseMean(d);
      let acc = 0;
      for (let i = 0; i < d.length; i++) acc += (d[i] - mean) ** 2;
      const std = Math.fround(Math.fround(Math.sqrt(acc / d.length)) + 1e-6);
      for (let i = 0; i < d.length; i++) d[i] /= std;
    }
    return t;
  }
}

/** Mean of float32 values accumulated in double (NumPy uses pairwise float32 sums; close, not bit-exact). */
function pairwiseMean(d: Float32Array): number {
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i];
  return d.length ? s / d.length : NaN;
}

/** The height/width shift draw of `get_random_transform` (its try/except on `np.random.choice`). */
function drawShift(range: KerasShiftRange, size: number, rs: RandomState): number {
  if (Array.isArray(range) ? false : !range) return 0;
  let t: number;
  if (Array.isArray(range)) {
    t = rs.choice(range) * rs.choice([-1, 1]);
  } else if (Number.isInteger(range)) {
    // np.random.choice(n) picks from arange(n).
    t = rs.randint(0, range as number) * rs.choice([-1, 1]);
  } else {
    t = rs.uniform(-(range as number), range as number);
  }
  const max = Array.isArray(range) ? Math.max(...range) : (range as number);
  if (max < 1) t *= size;
  return t;
}

/**
 * The 3×3 matrix `apply_affine_transform` builds (rotation · shift · shear · zoom, each only when
 * not the identity), moved to the centre by `transform_matrix_offset_center`; null for none.
 */
export function kerasMatrix(p: Partial<KerasTransformParams>, h: number, w: number): number[][] | null {
  const num = (v: unknown, name: string, fallback: number): number => (v === undefined || v === null ? fallback : checkFinite(v, `params.${name}`));
  let theta = num(p.theta, 'theta', 0);
  const tx = num(p.tx, 'tx', 0), ty = num(p.ty, 'ty', 0);
  let shear = num(p.shear, 'shear', 0);
  const zx = num(p.zx, 'zx', 1), zy = num(p.zy, 'zy', 1);
  let m: number[][] | null = null;
  const then = (next: number[][]): void => { m = m === null ? next : dot(m, next); };
  if (theta !== 0) {
    theta = theta * (Math.PI / 180);
    then([[Math.cos(theta), -Math.sin(theta), 0], [Math.sin(theta), Math.cos(theta), 0], [0, 0, 1]]);
  }
  if (tx !== 0 || ty !== 0) then([[1, 0, tx], [0, 1, ty], [0, 0, 1]]);
  if (shear !== 0) {
    shear = shear * (Math.PI / 180);
    then([[1, -Math.sin(shear), 0], [0, Math.cos(shear), 0], [0, 0, 1]]);
  }
  if (zx !== 1 || zy !== 1) then([[zx, 0, 0], [0, zy, 0], [0, 0, 1]]);
  if (m === null) return null;
  const ox = h / 2 + 0.5, oy = w / 2 + 0.5;
  return dot(dot([[1, 0, ox], [0, 1, oy], [0, 0, 1]], m), [[1, 0, -ox], [0, 1, -oy], [0, 0, 1]]);
}

/** `apply_channel_shift`: every channel + intensity (float32), clipped to the image's own min..max. */
function channelShift(d: Float32Array, intensity: number): Float32Array {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < d.length; i++) { const v = d[i]; if (v < lo) lo = v; if (v > hi) hi = v; }
  const out = new Float32Array(d.length);
  const s = Math.fround(intensity);
  for (let i = 0; i < d.length; i++) {
    const v = Math.fround(d[i] + s);
    out[i] = v < lo ? lo : v > hi ? hi : v;
  }
  return out;
}

/** `flip_axis`: reverse the rows (axis 0) or the columns (axis 1). */
function flipAxis(d: Float32Array, h: number, w: number, c: number, axis: 0 | 1): Float32Array {
  const out = new Float32Array(d.length);
  const row = w * c;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sy = axis === 0 ? h - 1 - y : y, sx = axis === 1 ? w - 1 - x : x;
      for (let k = 0; k < c; k++) out[y * row + x * c + k] = d[sy * row + sx * c + k];
    }
  }
  return out;
}

/**
 * `apply_brightness_shift`: `array_to_img` (x + max(−min, 0), / max, × 255 in float32, then truncated to
 * uint8), Pillow's `ImageEnhance.Brightness(img).enhance(f)` (a blend with black: the float32
 * `f · v` truncated, clipped to 0..255 when f > 1; alpha kept for 4 channels), back to float32.
 * The result is on the 0..255 scale whatever the input's scale, as in Keras.
 */
function brightnessShift(d: Float32Array, h: number, w: number, c: number, factor: number): Float32Array {
  if (c !== 1 && c !== 3 && c !== 4) throw new RangeError(`x: brightness needs 1, 3 or 4 channels (Pillow's L, RGB, RGBA), got ${c}`);
  let lo = Infinity;
  for (let i = 0; i < d.length; i++) if (d[i] < lo) lo = d[i];
  // x + max(−min(x), 0): lifted only when something is negative.
  const lift = Math.fround(Math.max(-lo, 0));
  const t = new Float32Array(d.length);
  let hi = -Infinity;
  for (let i = 0; i < d.length; i++) { t[i] = d[i] + lift; if (t[i] > hi) hi = t[i]; }
  if (hi !== 0) for (let i = 0; i < t.length; i++) t[i] = t[i] / hi;
  for (let i = 0; i < t.length; i++) t[i] = t[i] * 255;
  const f = Math.fround(factor);
  const out = new Float32Array(d.length);
  for (let i = 0; i < t.length; i++) {
    const v = Math.trunc(t[i]) & 255; // astype('uint8')
    if (c === 4 && i % 4 === 3) { out[i] = v; continue; }
    const b = Math.fround(f * v);
    out[i] = f >= 0 && f <= 1 ? Math.trunc(b) : b <= 0 ? 0 : b >= 255 ? 255 : Math.trunc(b);
  }
  return out;
}
