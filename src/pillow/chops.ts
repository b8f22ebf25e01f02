// Pillow 9.4's ImageChops (libImaging/Chops.c), Image.blend (Blend.c) and Image.composite (the
// masked paste of Paste.c), bit for bit.
import { checkFinite, checkInt, checkOut } from '../core/check.ts';
import { rangeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { bytesOf, optionsOf, result } from './filter.ts';

/** Options of the `ImageChops` functions and of `blend` / `composite`. */
export interface ChopsOptions {
  /** Write the result here (the result's shape) instead of allocating; returned. */
  out?: PixelArray;
}

/** The top-left `h×w` part of `a` (a view). */
function topLeft(a: PixelArray, h: number, w: number): PixelArray {
  return h === a.shape[0] && w === a.shape[1] ? a : new PixelArray(a.data, [h, w, a.shape[2]], a.stride, a.offset);
}

/** Two same-band images cut to their common top-left size, as Chops.c's `create` does. */
function operands(a: PixelArray, b: PixelArray): [PixelArray, PixelArray] {
  assertPixelArray(a, 'a');
  assertPixelArray(b, 'b');
  if (a.shape[2] !== b.shape[2]) {
    throw new RangeError(`b: expected ${a.shape[2]} channels like a (Pillow: "images do not match"), got ${b.shape[2]}`);
  }
  const h = Math.min(a.shape[0], b.shape[0]), w = Math.min(a.shape[1], b.shape[1]);
  return [topLeft(a, h, w), topLeft(b, h, w)];
}

/** `out[i] = table[a[i] << 8 | b[i]]` over the common part of `a` and `b`. */
function applyTable(a: PixelArray, b: PixelArray, table: Uint8Array, options: ChopsOptions | undefined): PixelArray {
  const [x, y] = operands(a, b);
  const out = checkOut(optionsOf(options, ['out']).out, x.shape);
  const p = bytesOf(x), q = bytesOf(y);
  const d = new Uint8Array(p.length);
  for (let i = 0; i < d.length; i++) d[i] = table[(p[i] << 8) | q[i]];
  return result(d, x.shape, out);
}

function table(f: (a: number, b: number) => number): Uint8Array {
  const t = new Uint8Array(65536);
  for (let a = 0; a < 256; a++) for (let b = 0; b < 256; b++) t[(a << 8) | b] = f(a, b);
  return t;
}

const clip = (v: number): number => (v <= 0 ? 0 : v >= 255 ? 255 : v);
const cache = new Map<string, Uint8Array>();
function cached(name: string, f: (a: number, b: number) => number): Uint8Array {
  let t = cache.get(name);
  if (!t) { t = table(f); cache.set(name, t); }
  return t;
}

/**
 * `ImageChops.lighter(a, b)`: the larger value, per channel. Like every chop, the images must have
 * the same number of channels; images of different sizes give their common top-left part.
 */
export function lighter(a: PixelArray, b: PixelArray, options?: ChopsOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('lighter', ['a', 'b', 'options'], arguments.length);
  return applyTable(a, b, cached('lighter', (x, y) => (x > y ? x : y)), options);
}

/** `ImageChops.darker(a, b)`: the smaller value, per channel. */
export function darker(a: PixelArray, b: PixelArray, options?: ChopsOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('darker', ['a', 'b', 'options'], arguments.length);
  return applyTable(a, b, cached('darker', (x, y) => (x < y ? x : y)), options);
}

/** `ImageChops.difference(a, b)`: `|a − b|`. */
export function difference(a: PixelArray, b: PixelArray, options?: ChopsOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('difference', ['a', 'b', 'options'], arguments.length);
  return applyTable(a, b, cached('difference', (x, y) => Math.abs(x - y)), options);
}

/** `ImageChops.multiply(a, b)`: `⌊a·b / 255⌋` (C integer division). Pillow's, not the core `multiply`. */
export function multiply(a: PixelArray, b: PixelArray, options?: ChopsOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('multiply', ['a', 'b', 'options'], arguments.length);
  return applyTable(a, b, cached('multiply', (x, y) => Math.trunc((x * y) / 255)), options);
}

/** `ImageChops.screen(a, b)`: `255 − ⌊(255 − a)(255 − b) / 255⌋`. */
export function screen(a: PixelArray, b: PixelArray, options?: ChopsOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('screen', ['a', 'b', 'options'], arguments.length);
  return applyTable(a, b, cached('screen', (x, y) => 255 - Math.trunc(((255 - x) * (255 - y)) / 255)), options);
}

/** `ImageChops.add_modulo(a, b)`: `(a + b) mod 256`. */
export function addModulo(a: PixelArray, b: PixelArray, options?: ChopsOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('addModulo', ['a', 'b', 'options'], arguments.length);
  return applyTable(a, b, cached('addModulo', (x, y) => (x + y) & 255), options);
}

/** `ImageChops.subtract_modulo(a, b)`: `(a − b) mod 256`. */
export function subtractModulo(a: PixelArray, b: PixelArray, options?: ChopsOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('subtractModulo', ['a', 'b', 'options'], arguments.length);
  return applyTable(a, b, cached('subtractModulo', (x, y) => (x - y) & 255), options);
}

/** `ImageChops.soft_light(a, b)`: Chops.c's integer formula, its result kept mod 256 as C stores it. */
export function softLight(a: PixelArray, b: PixelArray, options?: ChopsOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('softLight', ['a', 'b', 'options'], arguments.length);
  return applyTable(a, b, cached('softLight', (x, y) =>
    (Math.trunc(((255 - x) * (x * y)) / 65536) + Math.trunc((x * (255 - Math.trunc(((255 - x) * (255 - y)) / 255))) / 255)) & 255), options);
}

/** `ImageChops.hard_light(a, b)`: `b < 128 ? a·b / 127 : 255 − (255 − b)(255 − a) / 127` (integer, mod 256). */
export function hardLight(a: PixelArray, b: PixelArray, options?: ChopsOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('hardLight', ['a', 'b', 'options'], arguments.length);
  return applyTable(a, b, cached('hardLight', (x, y) =>
    (y < 128 ? Math.trunc((x * y) / 127) : 255 - Math.trunc(((255 - y) * (255 - x)) / 127)) & 255), options);
}

/** `ImageChops.overlay(a, b)`: `a < 128 ? a·b / 127 : 255 − (255 − a)(255 − b) / 127` (integer, mod 256). */
export function overlay(a: PixelArray, b: PixelArray, options?: ChopsOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('overlay', ['a', 'b', 'options'], arguments.length);
  return applyTable(a, b, cached('overlay', (x, y) =>
    (x < 128 ? Math.trunc((x * y) / 127) : 255 - Math.trunc(((255 - x) * (255 - y)) / 127)) & 255), options);
}

function scaleOffset(scale: unknown, offset: unknown): [number, number] {
  const s = Math.fround(checkFinite(scale, 'scale'));
  if (s === 0) throw rangeError('scale', 'a nonzero number (Pillow divides by it)', scale);
  const o = checkInt(offset, 'offset', -(2 ** 31), 2 ** 31 - 1);
  return [s, Math.fround(o)];
}

/**
 * `ImageChops.add(a, b, scale = 1, offset = 0)`: `clip(trunc(f32(f32((a + b) / scale) + offset)))`
 * in C float arithmetic (offset an integer, as Pillow requires). Pillow's, not the core `add`.
 */
export function add(a: PixelArray, b: PixelArray, scale = 1, offset = 0, options?: ChopsOptions): PixelArray {
  if (arguments.length > 5) throw tooManyArguments('add', ['a', 'b', 'scale', 'offset', 'options'], arguments.length);
  const [s, o] = scaleOffset(scale, offset);
  const f = Math.fround;
  return applyTable(a, b, table((x, y) => clip(Math.trunc(f(f((x + y) / s) + o)))), options);
}

/** `ImageChops.subtract(a, b, scale = 1, offset = 0)`: `clip(trunc(f32(f32((a − b) / scale) + offset)))`. */
export function subtract(a: PixelArray, b: PixelArray, scale = 1, offset = 0, options?: ChopsOptions): PixelArray {
  if (arguments.length > 5) throw tooManyArguments('subtract', ['a', 'b', 'scale', 'offset', 'options'], arguments.length);
  const [s, o] = scaleOffset(scale, offset);
  const f = Math.fround;
  return applyTable(a, b, table((x, y) => clip(Math.trunc(f(f((x - y) / s) + o)))), options);
}

function sameSize(a: PixelArray, b: PixelArray): void {
  assertPixelArray(a, 'a');
  assertPixelArray(b, 'b');
  if (a.shape[0] !== b.shape[0] || a.shape[1] !== b.shape[1] || a.shape[2] !== b.shape[2]) {
    throw new RangeError(`b: expected the shape of a, [${a.shape.join(', ')}] (Pillow: "images do not match"), got [${b.shape.join(', ')}]`);
  }
}

/**
 * `Image.blend(a, b, alpha)` (= `ImageChops.blend`): `a + alpha·(b − a)` in C float (alpha is
 * float32), truncated; for alpha outside 0..1 clipped to 0..255 first. Alpha 0 gives a copy of
 * `a`, alpha 1 a copy of `b`. Every channel is blended, alpha included. Shapes must match.
 */
export function blend(a: PixelArray, b: PixelArray, alpha: number, options?: ChopsOptions): PixelArray {
  if (arguments.length > 4) throw tooManyArguments('blend', ['a', 'b', 'alpha', 'options'], arguments.length);
  sameSize(a, b);
  const al = Math.fround(checkFinite(alpha, 'alpha'));
  const out = checkOut(optionsOf(options, ['out']).out, a.shape);
  const p = bytesOf(a), q = bytesOf(b);
  if (al === 0) return result(p.slice(), a.shape, out);
  if (al === 1) return result(q.slice(), a.shape, out);
  return result(blendBytes(p, q, al), a.shape, out);
}

/** Blend.c's loop on two runs of bytes (`alpha` already float32, not 0 or 1). */
export function blendBytes(p: Uint8Array, q: Uint8Array, alpha: number): Uint8Array {
  const f = Math.fround;
  // The result depends on (a, b − a) only: a 256 × 511 table would cost more than it saves on
  // small images, so tabulate by pair only when the image is large.
  const d = new Uint8Array(p.length);
  const t = p.length > 65536 ? table((x, y) => blendOne(x, y, alpha)) : null;
  if (t) {
    for (let i = 0; i < d.length; i++) d[i] = t[(p[i] << 8) | q[i]];
  } else if (alpha >= 0 && alpha <= 1) {
    for (let i = 0; i < d.length; i++) d[i] = Math.trunc(f(p[i] + f(alpha * (q[i] - p[i]))));
  } else {
    for (let i = 0; i < d.length; i++) d[i] = blendOne(p[i], q[i], alpha);
  }
  return d;
}

function blendOne(x: number, y: number, alpha: number): number {
  const v = Math.fround(x + Math.fround(alpha * (y - x)));
  if (alpha >= 0 && alpha <= 1) return Math.trunc(v);
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.trunc(v);
}

/**
 * `Image.composite(a, b, mask)` (= `ImageChops.composite`): `b` with `a` pasted through `mask`,
 * per value `DIV255(b·(255 − m) + a·m)` where `DIV255(v) = ((v + 128) >> 8 + v + 128) >> 8`.
 * `mask` is 1 channel (Pillow mode L; mode 1 masks are L masks of 0/255), or 2 or 4 channels (LA,
 * RGBA), whose last channel is used; a 3-channel mask is refused ("bad transparency mask"). `a`,
 * `b` and `mask` must have the same height and width, `a` and `b` the same channels.
 */
export function composite(a: PixelArray, b: PixelArray, mask: PixelArray, options?: ChopsOptions): PixelArray {
  if (arguments.length > 4) throw tooManyArguments('composite', ['a', 'b', 'mask', 'options'], arguments.length);
  sameSize(a, b);
  assertPixelArray(mask, 'mask');
  const [h, w, c] = a.shape;
  const mc = mask.shape[2];
  if (mask.shape[0] !== h || mask.shape[1] !== w) {
    throw new RangeError(`mask: expected height and width [${h}, ${w}] like a, got [${mask.shape[0]}, ${mask.shape[1]}]`);
  }
  if (mc !== 1 && mc !== 2 && mc !== 4) {
    throw new RangeError(`mask: expected 1, 2 or 4 channels (Pillow modes L, LA, RGBA; "bad transparency mask"), got ${mc}`);
  }
  const out = checkOut(optionsOf(options, ['out']).out, a.shape);
  const p = bytesOf(a), q = bytesOf(b), m = bytesOf(mask);
  const d = new Uint8Array(p.length);
  for (let px = 0, i = 0, mi = mc - 1; px < h * w; px++, mi += mc) {
    const al = m[mi], inv = 255 - al;
    for (let k = 0; k < c; k++, i++) {
      const t = q[i] * inv + p[i] * al + 128;
      d[i] = ((t >> 8) + t) >> 8;
    }
  }
  return result(d, a.shape, out);
}
