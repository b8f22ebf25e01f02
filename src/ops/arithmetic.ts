// uint8 arithmetic with OpenCV's saturating and NumPy's wrapping semantics, bit for bit.
import { checkFinite, checkRealScalar, checkSameShape, checkScalar, checkOutOption } from '../core/check.ts';
import { clone, finishOutput, startOutput } from '../core/copy.ts';
import { typeError, tooManyArguments } from '../core/errors.ts';
import { buildLut, forEachRun, forEachRun2, lutIsUniform, lutKernel } from '../core/iterate.ts';
import { headToAlign, isWordAligned } from '../core/packed.ts';
import { assertPixelArray, isContiguous, PixelArray } from '../core/pixelarray.ts';
import { roundHalfEven } from '../core/numeric.ts';
import { ByteOp, zipBytes, zipScalar } from './swar.ts';

/** A second operand: an image of the same shape, a number (every channel) or one number per channel. */
export type Operand = PixelArray | number | readonly number[];

/** Options of the functions whose only option is `out`, the array to write the result into. */
export interface OutOptions {
  /** Write the result here (same shape) instead of allocating; returned. */
  out?: PixelArray;
}

/** Runs a bytewise op on `a` and an image `b`. Shared by the arithmetic and bitwise families. */
export function imageByteOp(op: ByteOp, a: PixelArray, b: PixelArray, out: PixelArray | undefined): PixelArray {
  checkSameShape(a, b, 'a', 'b');
  const dst = startOutput(a.shape, out, [a, b], true);
  forEachRun2(a, b, dst, (ad, ai, bd, bi, od, oi, n) => zipBytes(op, ad, ai, bd, bi, od, oi, n));
  return finishOutput(dst, out);
}

/** Runs a bytewise op on `a` and per-channel values (already valid bytes for `op`). */
export function scalarByteOp(op: ByteOp, a: PixelArray, values: readonly number[], out: PixelArray | undefined): PixelArray {
  const dst = startOutput(a.shape, out, [a], true);
  forEachRun(a, dst, (ad, ai, od, oi, n) => zipScalar(op, ad, ai, values, od, oi, n));
  return finishOutput(dst, out);
}

/** Applies `f(value, channel)` to every element through per-channel lookup tables. */
export function mapBytes(a: PixelArray, f: (value: number, channel: number) => number, out: PixelArray | undefined): PixelArray {
  const c = a.shape[2];
  let lut = buildLut(c, f);
  const dst = startOutput(a.shape, out, [a], true);
  const uniform = lutIsUniform(lut, c);
  if (uniform) lut = lut.subarray(0, 256);
  forEachRun(a, dst, lutKernel(lut, uniform ? 1 : c));
  return finishOutput(dst, out);
}

function begin(a: PixelArray, b: unknown, options: OutOptions | undefined): PixelArray | undefined {
  assertPixelArray(a, 'a');
  if (!(b instanceof PixelArray) && typeof b !== 'number' && !Array.isArray(b)) {
    throw typeError('b', 'a PixelArray, a number or an array of per-channel numbers', b);
  }
  return checkOutOption(options, a.shape);
}

const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

/** Saturating `a + sign·values` per channel, as one SWAR pass when every channel goes one way. */
function saturateScalar(a: PixelArray, values: number[], sign: 1 | -1, out: PixelArray | undefined): PixelArray {
  const signed = values.map((v) => sign * v);
  if (signed.every((v) => v >= 0)) return scalarByteOp(ByteOp.AddSaturate, a, signed.map((v) => Math.min(v, 255)), out);
  if (signed.every((v) => v <= 0)) return scalarByteOp(ByteOp.SubtractSaturate, a, signed.map((v) => Math.min(-v, 255)), out);
  return mapBytes(a, (v, ch) => clampByte(v + signed[ch]), out);
}

/**
 * `cv2.add`: `a + b` clamped to 0..255. `b` is an image of the same shape, a number added to every
 * channel (unlike `cv2.add(img, 5)`, which only touches channel 0) or one integer per channel;
 * negative numbers subtract.
 */
export function addSaturate(a: PixelArray, b: Operand, options?: OutOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('addSaturate', ['a', 'b', 'options'], arguments.length);
  const out = begin(a, b, options);
  if (b instanceof PixelArray) return imageByteOp(ByteOp.AddSaturate, a, b, out);
  return saturateScalar(a, checkScalar(b, a.shape[2], 'b'), 1, out);
}

/** `cv2.subtract`: `a − b` clamped to 0..255 (operands as in `addSaturate`). */
export function subtractSaturate(a: PixelArray, b: Operand, options?: OutOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('subtractSaturate', ['a', 'b', 'options'], arguments.length);
  const out = begin(a, b, options);
  if (b instanceof PixelArray) return imageByteOp(ByteOp.SubtractSaturate, a, b, out);
  return saturateScalar(a, checkScalar(b, a.shape[2], 'b'), -1, out);
}

const mod256 = (v: number): number => ((v % 256) + 256) % 256;

/** NumPy `a + b` on uint8: wraps around modulo 256 (`200 + 100 → 44`). Integer scalars of any size. */
export function addModulo(a: PixelArray, b: Operand, options?: OutOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('addModulo', ['a', 'b', 'options'], arguments.length);
  const out = begin(a, b, options);
  if (b instanceof PixelArray) return imageByteOp(ByteOp.AddModulo, a, b, out);
  const values = checkScalar(b, a.shape[2], 'b');
  return scalarByteOp(ByteOp.AddModulo, a, values.map(mod256), out);
}

/** NumPy `a - b` on uint8: wraps around modulo 256 (`10 − 20 → 246`). */
export function subtractModulo(a: PixelArray, b: Operand, options?: OutOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('subtractModulo', ['a', 'b', 'options'], arguments.length);
  const out = begin(a, b, options);
  if (b instanceof PixelArray) return imageByteOp(ByteOp.SubtractModulo, a, b, out);
  const values = checkScalar(b, a.shape[2], 'b');
  return scalarByteOp(ByteOp.AddModulo, a, values.map((v) => mod256(-v)), out);
}

/** `cv2.absdiff`: `|a − b|` per element. */
export function absdiff(a: PixelArray, b: Operand, options?: OutOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('absdiff', ['a', 'b', 'options'], arguments.length);
  const out = begin(a, b, options);
  if (b instanceof PixelArray) return imageByteOp(ByteOp.Absdiff, a, b, out);
  const values = checkScalar(b, a.shape[2], 'b');
  return mapBytes(a, (v, ch) => clampByte(Math.abs(v - values[ch])), out);
}

const fround = Math.fround;

// Above this many elements, a 64K-entry table of every (a, b) pair beats computing each product.
const PAIR_TABLE_MIN = 1 << 17;

/** Fills `table[(x << 8) | y] = f(x, y)` for all bytes. */
function pairTable(f: (x: number, y: number) => number): Uint8Array {
  const table = new Uint8Array(65536);
  for (let x = 0; x < 256; x++) for (let y = 0; y < 256; y++) table[(x << 8) | y] = f(x, y);
  return table;
}

/** `o[oi + k] = table[(a[ai + k] << 8) | b[bi + k]]`, a word (four lookups) at a time where aligned. */
function lookupPairs(table: Uint8Array, a: Uint8Array, ai: number, b: Uint8Array, bi: number,
  o: Uint8Array, oi: number, n: number): void {
  let k = headToAlign(o, oi, n);
  for (let j = 0; j < k; j++) o[oi + j] = table[(a[ai + j] << 8) | b[bi + j]];
  const words = isWordAligned(a, ai + k) && isWordAligned(b, bi + k) ? (n - k) >> 2 : 0;
  if (words > 0) {
    const aw = new Int32Array(a.buffer, a.byteOffset + ai + k, words);
    const bw = new Int32Array(b.buffer, b.byteOffset + bi + k, words);
    const ow = new Int32Array(o.buffer, o.byteOffset + oi + k, words);
    for (let i = 0; i < words; i++) {
      const x = aw[i], y = bw[i];
      ow[i] = table[((x & 255) << 8) | (y & 255)] | (table[(x & 0xff00) | ((y >>> 8) & 255)] << 8) |
        (table[((x >>> 8) & 0xff00) | ((y >>> 16) & 255)] << 16) | (table[((x >>> 16) & 0xff00) | (y >>> 24)] << 24);
    }
    k += words << 2;
  }
  for (; k < n; k++) o[oi + k] = table[(a[ai + k] << 8) | b[bi + k]];
}

/** Runs `f(a, b)` over two images, through a pair table when the image is large. */
function zipWith(a: PixelArray, b: PixelArray, out: PixelArray | undefined, f: (x: number, y: number) => number): PixelArray {
  checkSameShape(a, b, 'a', 'b');
  const dst = startOutput(a.shape, out, [a, b], true);
  if (a.size >= PAIR_TABLE_MIN) {
    const table = pairTable(f);
    forEachRun2(a, b, dst, (ad, ai, bd, bi, od, oi, n) => lookupPairs(table, ad, ai, bd, bi, od, oi, n));
  } else {
    forEachRun2(a, b, dst, (ad, ai, bd, bi, od, oi, n) => {
      for (let k = 0; k < n; k++) od[oi + k] = f(ad[ai + k], bd[bi + k]);
    });
  }
  return finishOutput(dst, out);
}

/**
 * `cv2.multiply(a, b, scale)`: `a · b · scale`, rounded half to even and clamped. Like OpenCV it
 * computes image × image in float32, step by step: `round(f32(f32(a · f32(scale)) · b))`; with a
 * number or one number per channel as `b`, in float64: `round(a · scale · b)`.
 */
export function multiplySaturate(a: PixelArray, b: Operand, scale = 1, options?: OutOptions): PixelArray {
  if (arguments.length > 4) throw tooManyArguments('multiplySaturate', ['a', 'b', 'scale', 'options'], arguments.length);
  const out = begin(a, b, options);
  const s = fround(checkFinite(scale, 'scale'));
  const product = (x: number, y: number): number => clampByte(roundHalfEven(fround(fround(x * s) * y)));
  if (b instanceof PixelArray) return zipWith(a, b, out, product);
  // With a scalar operand OpenCV multiplies in float64 (its Scalar type), not float32.
  const values = checkRealScalar(b, a.shape[2], 'b');
  return mapBytes(a, (v, ch) => clampByte(roundHalfEven(v * scale * values[ch])), out);
}

/**
 * `cv2.addWeighted`: `a·alpha + b·beta + gamma` in float32 with fused multiply-adds, as OpenCV's
 * vectorised loop computes it (`fma(a, alpha, fma(b, beta, gamma))`), rounded half to even and
 * clamped. A uint8 times a float32 is exact in float64 and so is the sum that follows, so one
 * `fround` per step is exactly one float32 rounding, i.e. a true fma.
 */
export function addWeighted(a: PixelArray, alpha: number, b: PixelArray, beta: number, gamma = 0, options?: OutOptions): PixelArray {
  if (arguments.length > 6) throw tooManyArguments('addWeighted', ['a', 'alpha', 'b', 'beta', 'gamma', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  assertPixelArray(b, 'b');
  const out = checkOutOption(options, a.shape);
  const al = fround(checkFinite(alpha, 'alpha')), be = fround(checkFinite(beta, 'beta')), ga = fround(checkFinite(gamma, 'gamma'));
  return zipWith(a, b, out, (x, y) => clampByte(roundHalfEven(fround(x * al + fround(y * be + ga)))));
}

/**
 * A signed gradient array (`sobel`/`scharr`/`laplacian` with `ddepth: 'int16'` or `'float32'`):
 * contiguous `H×W×C` elements, as cv2's `CV_16S` / `CV_32F` results.
 */
export interface SignedArray {
  data: Int16Array | Float32Array;
  shape: readonly [number, number, number] | readonly number[];
}

/**
 * `cv2.convertScaleAbs`: `saturate_cast<uchar>(|a·alpha + beta|)`, in float32, rounded half to
 * even and clamped. On a uint8 PixelArray: a float32 product then a float32 sum. On an int16 or
 * float32 `{ data, shape }` (a `sobel`/`laplacian` result, cv2's CV_16S / CV_32F): one fused
 * float32 multiply-add, as cv2 4.6 computes it on an AVX2 machine for every array length (measured:
 * `|−629·0.3 + 0.2|` gives 188, where a product then a sum gives 189); NaN gives 0. Returns a uint8
 * PixelArray of that shape.
 */
export function convertScaleAbs(a: PixelArray | SignedArray, alpha = 1, beta = 0, options?: OutOptions): PixelArray {
  if (arguments.length > 4) throw tooManyArguments('convertScaleAbs', ['a', 'alpha', 'beta', 'options'], arguments.length);
  if (!(a instanceof PixelArray) && a !== null && typeof a === 'object' &&
    ((a as SignedArray).data instanceof Int16Array || (a as SignedArray).data instanceof Float32Array)) {
    return convertScaleAbsSigned(a as SignedArray, alpha, beta, options);
  }
  assertPixelArray(a, 'a');
  const out = checkOutOption(options, a.shape);
  const al = fround(checkFinite(alpha, 'alpha')), be = fround(checkFinite(beta, 'beta'));
  return mapBytes(a, (v) => clampByte(roundHalfEven(Math.abs(fround(fround(v * al) + be)))), out);
}

function convertScaleAbsSigned(a: SignedArray, alpha: number, beta: number, options: OutOptions | undefined): PixelArray {
  const { data, shape } = a;
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((v) => Number.isSafeInteger(v) && v >= 0) || shape[2] < 1) {
    throw typeError('a.shape', 'an array [height, width, channels] of non-negative integers', shape);
  }
  const [h, w, c] = shape as readonly number[];
  const n = h * w * c;
  if (data.length !== n) {
    throw new RangeError(`a.data: expected ${n} elements for shape [${h}, ${w}, ${c}], got ${data.length}`);
  }
  const out = checkOutOption(options, [h, w, c]);
  const al = fround(checkFinite(alpha, 'alpha')), be = fround(checkFinite(beta, 'beta'));
  const dst = out && isContiguous(out) ? out : new PixelArray(new Uint8Array(n), [h, w, c]);
  const dd = dst.data, o = dst.offset;
  // An int16 or float32 times a float32 is exact in float64, so `fround(x·al + be)` is one
  // float32 rounding of the exact sum: a fused multiply-add (up to a negligible double rounding).
  const identity = al === 1 && be === 0;
  for (let i = 0; i < n; i++) {
    const x = data[i];
    const v = identity ? x : fround(x * al + be);
    const r = roundHalfEven(Math.abs(v));
    dd[o + i] = r > 255 ? 255 : r >= 0 ? r : 0; // NaN → 0, as cvRound(NaN) saturates to 0
  }
  if (out && dst !== out) { clone(dst, { out }); return out; }
  return dst;
}
