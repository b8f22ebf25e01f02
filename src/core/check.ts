// Shared argument checks. Each throws a TypeError (wrong kind) or RangeError (bad value) whose
// message names the argument, the expectation and what was given.
import { rangeError, typeError } from './errors.ts';
import { assertPixelArray, PixelArray } from './pixelarray.ts';

/** An integer, optionally bounded (inclusive). Rejects NaN, ±Infinity and fractions. */
export function checkInt(v: unknown, name: string, min = -Infinity, max = Infinity): number {
  if (typeof v !== 'number') throw typeError(name, 'an integer', v);
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    const range = min === -Infinity ? (max === Infinity ? '' : ` ≤ ${max}`)
      : max === Infinity ? ` ≥ ${min}` : ` in ${min}..${max}`;
    throw rangeError(name, `an integer${range}`, v);
  }
  return v;
}

/** A finite number. */
export function checkFinite(v: unknown, name: string): number {
  if (typeof v !== 'number') throw typeError(name, 'a finite number', v);
  if (!Number.isFinite(v)) throw rangeError(name, 'a finite number', v);
  return v;
}

/** An options bag: undefined becomes `{}`; anything but a plain object is refused. */
export function checkOptions<T extends object>(options: T | undefined, name = 'options'): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw typeError(name, 'an options object', options);
  return options;
}

/** Throws unless `a` and `b` have the same shape. */
export function checkSameShape(a: PixelArray, b: PixelArray, nameA: string, nameB: string): void {
  const [h, w, c] = a.shape;
  if (b.shape[0] !== h || b.shape[1] !== w || b.shape[2] !== c) {
    throw new RangeError(`${nameB}: expected the shape of ${nameA}, [${h}, ${w}, ${c}], got [${b.shape.join(', ')}]`);
  }
}

/**
 * A per-channel operand (OpenCV `Scalar`): a number means every channel, an array gives one value
 * per channel (or one value for all). Values must be integers in `min..max`. Returns one value per
 * channel.
 */
export function checkScalar(b: unknown, channels: number, name: string, min = -Infinity, max = Infinity): number[] {
  return perChannel(b, channels, name, (v, label) => checkInt(v, label, min, max));
}

/** Like `checkScalar`, for any finite numbers (scales, float bounds). */
export function checkRealScalar(b: unknown, channels: number, name: string): number[] {
  return perChannel(b, channels, name, checkFinite);
}

function perChannel(b: unknown, channels: number, name: string, one: (v: unknown, label: string) => number): number[] {
  if (typeof b === 'number') return new Array<number>(channels).fill(one(b, name));
  if (Array.isArray(b)) {
    if (b.length !== channels && b.length !== 1) {
      throw new RangeError(`${name}: expected 1 or ${channels} values (one per channel), got ${b.length}`);
    }
    const vals = b.map((v, i) => one(v, `${name}[${i}]`));
    return b.length === 1 ? new Array<number>(channels).fill(vals[0]) : vals;
  }
  throw typeError(name, 'a PixelArray, a number or an array of per-channel numbers', b);
}

/** A `H×W×1` mask the size of `a` (nonzero = selected). */
export function checkMask(mask: unknown, a: PixelArray, name = 'options.mask'): PixelArray {
  assertPixelArray(mask, name);
  if (mask.shape[0] !== a.shape[0] || mask.shape[1] !== a.shape[1] || mask.shape[2] !== 1) {
    throw new RangeError(`${name}: expected a mask of shape [${a.shape[0]}, ${a.shape[1]}, 1], got [${mask.shape.join(', ')}]`);
  }
  return mask;
}

/** `options.out`, when given, must be a PixelArray of exactly `shape`. */
export function checkOut(out: unknown, shape: readonly number[], name = 'options.out'): PixelArray | undefined {
  if (out === undefined) return undefined;
  assertPixelArray(out, name);
  if (out.shape[0] !== shape[0] || out.shape[1] !== shape[1] || out.shape[2] !== shape[2]) {
    throw new RangeError(`${name}: expected shape [${shape.join(', ')}], got [${out.shape.join(', ')}]`);
  }
  return out;
}

/** The options of a function whose only option is `out`: an options object with no other key, then `checkOut`. */
export function checkOutOption(options: { out?: PixelArray } | undefined, shape: readonly number[]): PixelArray | undefined {
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['out']);
  return checkOut(opts.out, shape);
}

/** An axis 0, 1 or 2 (negative counts from the end, as in NumPy). */
export function checkAxis(axis: unknown, name = 'axis'): 0 | 1 | 2 {
  const v = checkInt(axis, name, -3, 2);
  return (v < 0 ? v + 3 : v) as 0 | 1 | 2;
}

/**
 * Refuses option keys a function does not take, so that a misspelt `clipLimt` is an error instead
 * of a silently ignored default: a TypeError naming the key and the keys `allowed`.
 */
export function checkOptionKeys(opts: object, allowed: readonly string[] | ReadonlySet<string>, name = 'options'): void {
  for (const key of Object.keys(opts)) {
    if (Array.isArray(allowed) ? !allowed.includes(key) : !(allowed as ReadonlySet<string>).has(key)) {
      throw new TypeError(`${name}: unknown option '${key}' (expected one of ${[...allowed].map((k) => `'${k}'`).join(', ')})`);
    }
  }
}
