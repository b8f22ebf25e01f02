// uint8 images to float32 tensors for ML frameworks and back, bit for bit with NumPy's float32
// arithmetic (docs/ml.md).
//
// Every value goes through float32 operations only: `Math.fround(a op b)` on float32 operands is
// the correctly rounded float32 result for +, −, ×, ÷ (a double holds 53 ≥ 2·24 + 2 bits, so
// rounding twice never differs from rounding once), which is what NumPy computes on float32
// arrays. Each of the 256 byte values per channel is computed once into a table.
import { checkFinite, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { clone, withContiguousRows } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { headToAlign, isWordAligned, LITTLE_ENDIAN } from '../core/packed.ts';
import { assertPixelArray, checkShape, isContiguous, PixelArray, type Shape } from '../core/pixelarray.ts';

/** A float32 tensor in row-major (C) order: what `tf.tensor(data, shape)` takes. */
export interface Float32Tensor<S extends readonly number[] = number[]> {
  data: Float32Array;
  shape: S;
}
/** One image as float32, shape `[height, width, channels]` (HWC). */
export type Tensor3D = Float32Tensor<[number, number, number]>;
/** A batch of images as float32, shape `[count, height, width, channels]` (NHWC). */
export type Tensor4D = Float32Tensor<[number, number, number, number]>;

/** Options of `toFloat32`. */
export interface ToFloat32Options {
  /**
   * Multiply each value by `scale` in float32: `img.astype(np.float32) * np.float32(scale)`, what
   * Keras' `rescale=1/255` and `tf.keras.layers.Rescaling(1/255)` compute. Exclusive with `divisor`.
   */
  scale?: number;
  /**
   * Divide each value by `divisor` in float32: `img.astype(np.float32) / np.float32(divisor)`.
   * The default, when neither option is given, is 255: exactly `img.astype(np.float32) / 255`
   * (torchvision's `ToTensor`). Note `x / 255` and `x * (1 / 255)` differ by one ulp for 126 of
   * the 256 byte values.
   */
  divisor?: number;
  /** Per-channel mean subtracted after scaling, in float32 (a number for every channel). Default 0. */
  mean?: number | readonly number[];
  /** Per-channel standard deviation divided by after the mean, in float32. Default 1. */
  std?: number | readonly number[];
  /** Write into this Float32Array (exactly `height·width·channels` long) instead of allocating. */
  out?: Float32Array;
}

/** Options of `fromFloat32`. */
export interface FromFloat32Options {
  /** Multiplier back to the byte range (float32), default 255. */
  scale?: number;
  /** Undo a normalisation: `x · std + mean` (float32, per channel) before scaling. Default 1. */
  std?: number | readonly number[];
  /** Default 0. */
  mean?: number | readonly number[];
  /** Write the result here (a PixelArray of the tensor's shape, any layout); returned. */
  out?: PixelArray;
}

const fround = Math.fround;

/** A float32 number from a finite option (one that float32 can hold, so no silent ±Infinity). */
function checkFloat32(v: unknown, name: string): number {
  const f = fround(checkFinite(v, name));
  if (!Number.isFinite(f)) throw rangeError(name, 'a number within float32 range (|x| < 3.4e38)', v);
  return f;
}

/** One float32 value per channel from a number or a per-channel array. */
function perChannel(v: unknown, c: number, name: string, fallback: number, nonZero = false): Float64Array {
  const out = new Float64Array(c).fill(fallback);
  if (v === undefined) return out;
  const one = (x: unknown, label: string): number => {
    const f = checkFloat32(x, label);
    if (nonZero && f === 0) throw rangeError(label, 'a non-zero number', x);
    return f;
  };
  if (typeof v === 'number') return out.fill(one(v, name));
  if (Array.isArray(v)) {
    if (v.length !== c && v.length !== 1) {
      throw new RangeError(`${name}: expected 1 or ${c} values (one per channel), got ${v.length}`);
    }
    for (let k = 0; k < c; k++) out[k] = one(v[v.length === 1 ? 0 : k], `${name}[${v.length === 1 ? 0 : k}]`);
    return out;
  }
  throw typeError(name, 'a number or an array of one number per channel', v);
}

/** The 256 float32 results per channel of `toFloat32` (one table when every channel agrees). */
interface FloatTable {
  lut: Float32Array;
  /** 1 when a single 256-entry table serves every channel. */
  tables: number;
}

function floatTable(opts: Partial<ToFloat32Options>, c: number): FloatTable {
  if (opts.scale !== undefined && opts.divisor !== undefined) {
    throw new TypeError('options.scale, options.divisor: give one of them, not both');
  }
  const multiply = opts.scale !== undefined;
  const k = multiply ? checkFloat32(opts.scale, 'options.scale') : opts.divisor === undefined ? 255 : checkFloat32(opts.divisor, 'options.divisor');
  if (!multiply && k === 0) throw rangeError('options.divisor', 'a non-zero number', opts.divisor);
  const normalise = opts.mean !== undefined || opts.std !== undefined;
  const mean = perChannel(opts.mean, c, 'options.mean', 0);
  const std = perChannel(opts.std, c, 'options.std', 1, true);
  let tables = 1;
  for (let ch = 1; ch < c; ch++) if (mean[ch] !== mean[0] || std[ch] !== std[0]) tables = c;
  const lut = new Float32Array(tables * 256);
  for (let ch = 0; ch < tables; ch++) {
    for (let v = 0; v < 256; v++) {
      let f = multiply ? fround(v * k) : fround(v / k);
      if (normalise) f = fround(fround(f - mean[ch]) / std[ch]);
      lut[ch * 256 + v] = f;
    }
  }
  return { lut, tables };
}

/** Writes `a` through the table into `out` from `at` (row-major HWC). */
function writeFloats(a: PixelArray, t: FloatTable, out: Float32Array, at: number): void {
  const [h, w, c] = a.shape;
  const s = withContiguousRows(a);
  const rowLen = w * c;
  // Contiguous input: the whole image is one run; otherwise one run per row.
  const whole = s.stride[0] === rowLen || h <= 1;
  const runs = whole ? 1 : h, runLen = whole ? h * rowLen : rowLen;
  // The table and the output as raw 32-bit words: copying float bits as integers is ~1.5× faster
  // than float loads and stores, and reading the bytes four at a time once more.
  // Int32 views: float bits with the sign set (negative values after mean/std) stay small integers.
  let lut = new Int32Array(t.lut.buffer, t.lut.byteOffset, t.lut.length);
  // RGB through lookup3 even with one table (12 values per iteration beat lookup1's 4: 1.25×).
  const rgb = c === 3 && (t.tables === 3 || runLen >= 4096);
  if (rgb && t.tables === 1) {
    const one = lut;
    lut = new Int32Array(768);
    for (let k = 0; k < 3; k++) lut.set(one, k * 256);
  }
  const dst = new Int32Array(out.buffer, out.byteOffset, out.length);
  for (let r = 0; r < runs; r++) {
    const si = s.offset + r * s.stride[0], di = at + r * runLen;
    if (rgb) lookup3(lut, s.data, si, dst, di, runLen);
    else if (t.tables === 1) lookup1(lut, s.data, si, dst, di, runLen);
    else lookupN(lut, c, s.data, si, dst, di, runLen);
  }
}

// One small monomorphic loop per case: V8 optimises these far better than one loop with branches.
function lookup1(lut: Int32Array, src: Uint8Array, si: number, out: Int32Array, di: number, n: number): void {
  let i = LITTLE_ENDIAN ? headToAlign(src, si, n) : n;
  for (let j = 0; j < i; j++) out[di + j] = lut[src[si + j]];
  const words = (n - i) >> 2;
  if (words > 0) {
    const sw = new Int32Array(src.buffer, src.byteOffset + si + i, words);
    for (let k = 0, o = di + i; k < words; k++, o += 4) {
      const x = sw[k];
      out[o] = lut[x & 255];
      out[o + 1] = lut[(x >>> 8) & 255];
      out[o + 2] = lut[(x >>> 16) & 255];
      out[o + 3] = lut[x >>> 24];
    }
    i += words << 2;
  }
  for (; i < n; i++) out[di + i] = lut[src[si + i]];
}

function lookup3(lut: Int32Array, src: Uint8Array, si: number, out: Int32Array, di: number, n: number): void {
  let i = 0;
  // Three words are four RGB pixels: channel of each byte 0120 1201 2012.
  const groups = LITTLE_ENDIAN && isWordAligned(src, si) ? Math.floor(n / 12) : 0;
  if (groups > 0) {
    const sw = new Int32Array(src.buffer, src.byteOffset + si, groups * 3);
    for (let k = 0, o = di; k < groups * 3; k += 3, o += 12) {
      const x = sw[k], y = sw[k + 1], z = sw[k + 2];
      out[o] = lut[x & 255];
      out[o + 1] = lut[256 + ((x >>> 8) & 255)];
      out[o + 2] = lut[512 + ((x >>> 16) & 255)];
      out[o + 3] = lut[x >>> 24];
      out[o + 4] = lut[256 + (y & 255)];
      out[o + 5] = lut[512 + ((y >>> 8) & 255)];
      out[o + 6] = lut[(y >>> 16) & 255];
      out[o + 7] = lut[256 + (y >>> 24)];
      out[o + 8] = lut[512 + (z & 255)];
      out[o + 9] = lut[(z >>> 8) & 255];
      out[o + 10] = lut[256 + ((z >>> 16) & 255)];
      out[o + 11] = lut[512 + (z >>> 24)];
    }
    i = groups * 12;
  }
  for (; i < n; i += 3) {
    out[di + i] = lut[src[si + i]];
    out[di + i + 1] = lut[256 + src[si + i + 1]];
    out[di + i + 2] = lut[512 + src[si + i + 2]];
  }
}

function lookupN(lut: Int32Array, c: number, src: Uint8Array, si: number, out: Int32Array, di: number, n: number): void {
  for (let i = 0, ch = 0; i < n; i++) {
    out[di + i] = lut[(ch << 8) + src[si + i]];
    if (++ch === c) ch = 0;
  }
}

function checkFloatOut(out: unknown, n: number): Float32Array | undefined {
  if (out === undefined) return undefined;
  if (!(out instanceof Float32Array)) throw typeError('options.out', 'a Float32Array', out);
  if (out.length !== n) throw rangeError('options.out', `a Float32Array of length ${n}`, out);
  return out;
}

/**
 * A uint8 image as float32 values in `[height, width, channels]` order. By default exactly
 * `img.astype(np.float32) / 255`; `scale` multiplies instead (Keras' `rescale`), `divisor` divides
 * by another number, and `mean`/`std` normalise per channel afterwards
 * (`(x / 255 − mean) / std` in float32, torchvision's `Normalize`). Feed it to TensorFlow.js with
 * `tf.tensor3d(t.data, t.shape)`.
 */
export function toFloat32(img: PixelArray, options?: ToFloat32Options): Tensor3D {
  if (arguments.length > 2) throw tooManyArguments('toFloat32', ['img', 'options'], arguments.length);
  assertPixelArray(img, 'img');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['scale', 'divisor', 'mean', 'std', 'out']);
  const [h, w, c] = img.shape;
  const n = h * w * c;
  const out = checkFloatOut(opts.out, n) ?? new Float32Array(n);
  writeFloats(img, floatTable(opts, c), out, 0);
  return { data: out, shape: [h, w, c] };
}

/**
 * Stacks images of one shape into a `[count, height, width, channels]` float32 batch (NumPy's
 * `np.stack([x.astype(np.float32) / 255 for x in images])`), ready for
 * `tf.tensor4d(batch.data, batch.shape)`. Options as `toFloat32`; `out` must hold the whole batch.
 */
export function toBatch(images: readonly PixelArray[], options?: ToFloat32Options): Tensor4D {
  if (arguments.length > 2) throw tooManyArguments('toBatch', ['images', 'options'], arguments.length);
  if (!Array.isArray(images)) throw typeError('images', 'an array of PixelArrays', images);
  if (images.length === 0) throw rangeError('images', 'at least one image', images);
  images.forEach((im, i) => assertPixelArray(im, `images[${i}]`));
  const [h, w, c] = images[0].shape;
  images.forEach((im, i) => {
    const s = im.shape;
    if (s[0] !== h || s[1] !== w || s[2] !== c) {
      throw new RangeError(`images[${i}]: expected the shape of images[0], [${h}, ${w}, ${c}], got [${s.join(', ')}]`);
    }
  });
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['scale', 'divisor', 'mean', 'std', 'out']);
  const size = h * w * c;
  const n = images.length * size;
  const out = checkFloatOut(opts.out, n) ?? new Float32Array(n);
  const table = floatTable(opts, c);
  images.forEach((im, i) => writeFloats(im, table, out, i * size));
  return { data: out, shape: [images.length, h, w, c] };
}

function checkData(data: unknown): Float32Array {
  if (!(data instanceof Float32Array)) throw typeError('data', 'a Float32Array', data);
  return data;
}

function checkTensorShape(shape: unknown, rank: 3 | 4): number[] {
  const expected = rank === 3 ? '[height, width, channels]' : '[count, height, width, channels]';
  if (!Array.isArray(shape) || shape.length !== rank) throw typeError('shape', `an array ${expected}`, shape);
  return shape as number[];
}

/** Float values → bytes for one channel: `clip(rint(f32(f32(x·std + mean)·scale)), 0, 255)`. */
interface ByteRule { scale: number; mean: Float64Array; std: Float64Array; normalised: boolean }

function byteRule(opts: Partial<FromFloat32Options>, c: number): ByteRule {
  const scale = opts.scale === undefined ? 255 : checkFloat32(opts.scale, 'options.scale');
  return {
    scale,
    mean: perChannel(opts.mean, c, 'options.mean', 0),
    std: perChannel(opts.std, c, 'options.std', 1),
    normalised: opts.mean !== undefined || opts.std !== undefined,
  };
}

function writeBytes(data: Float32Array, at: number, dst: PixelArray, rule: ByteRule): void {
  const [h, w, c] = dst.shape;
  const n = h * w * c;
  // A Uint8ClampedArray store is exactly np.clip(np.rint(y), 0, 255) with NaN → 0: ToUint8Clamp
  // rounds half to even and saturates. `y` itself is the float32 product (fround).
  const out = new Uint8ClampedArray(dst.data.buffer, dst.data.byteOffset + dst.offset, n);
  const { scale, mean, std } = rule;
  if (!rule.normalised) {
    for (let i = 0; i < n; i++) out[i] = fround(data[at + i] * scale);
    return;
  }
  for (let i = 0, ch = 0; i < n; i++) {
    out[i] = fround(fround(fround(data[at + i] * std[ch]) + mean[ch]) * scale);
    if (++ch === c) ch = 0;
  }
}

/**
 * float32 `[height, width, channels]` values back to a uint8 image, exactly NumPy's
 * `np.clip(np.rint(x * 255), 0, 255).astype(np.uint8)`: the product in float32, rounded half to
 * even, clamped. NaN becomes 0, ±Infinity 0 or 255. With `mean`/`std`, `x · std + mean` first
 * (each step in float32), which undoes `toFloat32`'s normalisation.
 */
export function fromFloat32(data: Float32Array, shape: readonly number[], options?: FromFloat32Options): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('fromFloat32', ['data', 'shape', 'options'], arguments.length);
  const values = checkData(data);
  const s: Shape = checkShape(checkTensorShape(shape, 3), 'shape');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['scale', 'std', 'mean', 'out']);
  const n = s[0] * s[1] * s[2];
  if (values.length !== n) throw new RangeError(`data: expected ${n} values for shape [${s.join(', ')}], got ${values.length}`);
  const rule = byteRule(opts, s[2]);
  const out = checkOut(opts.out, s);
  // A strided `out` gets a contiguous result copied in (a float input never overlaps it).
  const dst = out && isContiguous(out) ? out : new PixelArray(new Uint8Array(n), s);
  writeBytes(values, 0, dst, rule);
  return out && out !== dst ? clone(dst, { out }) : dst;
}

/**
 * A float32 `[count, height, width, channels]` batch back to `count` uint8 images (the inverse of
 * `toBatch`), each by `fromFloat32`'s rule.
 */
export function fromBatch(data: Float32Array, shape: readonly number[], options?: Omit<FromFloat32Options, 'out'>): PixelArray[] {
  if (arguments.length > 3) throw tooManyArguments('fromBatch', ['data', 'shape', 'options'], arguments.length);
  const values = checkData(data);
  const [count, ...rest] = checkTensorShape(shape, 4);
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) throw rangeError('shape[0]', 'a non-negative integer', count);
  const s: Shape = checkShape(rest, 'shape[1..3]');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['scale', 'std', 'mean']);
  if ((opts as FromFloat32Options).out !== undefined) throw new TypeError('options.out: not supported by fromBatch (it returns one new image per batch entry)');
  const size = s[0] * s[1] * s[2];
  if (values.length !== count * size) {
    throw new RangeError(`data: expected ${count * size} values for shape [${[count, ...s].join(', ')}], got ${values.length}`);
  }
  const rule = byteRule(opts, s[2]);
  const images: PixelArray[] = [];
  for (let i = 0; i < count; i++) {
    const dst = new PixelArray(new Uint8Array(size), s);
    writeBytes(values, i * size, dst, rule);
    images.push(dst);
  }
  return images;
}
