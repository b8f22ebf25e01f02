// cv2.split / cv2.merge, np.split / np.concatenate.
import { checkAxis, checkInt, checkOptions, checkOut, checkOutOption } from '../core/check.ts';
import { copyInto, finishOutput, startOutput } from '../core/copy.ts';
import { typeError, tooManyArguments } from '../core/errors.ts';
import { isWordAligned, LITTLE_ENDIAN } from '../core/packed.ts';
import { assertPixelArray, isContiguous, PixelArray, type Shape } from '../core/pixelarray.ts';
import type { OutOptions } from './arithmetic.ts';


/** The sub-view of `a` from `start` (inclusive) to `end` (exclusive) along `axis`. */
export function sliceAxis(a: PixelArray, axis: 0 | 1 | 2, start: number, end: number): PixelArray {
  const shape = [...a.shape] as Shape;
  shape[axis] = end - start;
  return new PixelArray(a.data, shape, a.stride, a.offset + start * a.stride[axis]);
}

/** Options of `split(a, { out })`: one `H×W×1` array per channel to write the planes into. */
export interface SplitOptions {
  out?: readonly PixelArray[];
}

/** Most parts `split(a, n)` makes of an axis shorter than that (all of them empty). */
const MAX_EMPTY_PARTS = 65536;

/**
 * `cv2.split(a)`: one contiguous `H×W×1` copy per channel; `split(a, { out })` writes the planes
 * into the given `H×W×1` arrays instead (like `cv2.split(m, mv)`) and returns them.
 * `split(a, sections, axis = 0)`: `np.split` — `sections` equal parts, or the parts between the
 * given indices (Python slice rules: negative counts from the end, out-of-range clamps). These
 * parts are views sharing `a`'s memory, as in NumPy.
 */
export function split(a: PixelArray, options?: SplitOptions): PixelArray[];
export function split(a: PixelArray, sections: number | readonly number[], axis?: number): PixelArray[];
export function split(a: PixelArray, sections?: number | readonly number[] | SplitOptions, axis: number = 0): PixelArray[] {
  if (arguments.length > 3) throw tooManyArguments('split', ['a', 'sections', 'axis'], arguments.length);
  assertPixelArray(a, 'a');
  if (sections === undefined) return splitChannels(a, undefined);
  if (typeof sections === 'object' && sections !== null && !Array.isArray(sections)) {
    return splitChannels(a, checkPlanes(checkOptions(sections as SplitOptions).out, a));
  }
  const ax = checkAxis(axis);
  const n = a.shape[ax];
  let bounds: number[];
  if (typeof sections === 'number') {
    // Every part is an object: past an axis's length only empty parts are added, so a bound keeps a
    // typo (1e9) from building a billion views.
    const parts = checkInt(sections, 'sections', 1, Math.max(n, MAX_EMPTY_PARTS));
    if (n % parts !== 0) {
      throw new RangeError(`sections: ${parts} parts do not divide axis ${ax} of length ${n} equally`);
    }
    bounds = Array.from({ length: parts + 1 }, (_, i) => (i * n) / parts);
  } else if (Array.isArray(sections)) {
    const cut = sections.map((v, i) => {
      const k = checkInt(v, `sections[${i}]`);
      return Math.min(n, Math.max(0, k < 0 ? k + n : k));
    });
    bounds = [0, ...cut, n];
  } else throw typeError('sections', 'a number of parts, an array of indices or { out }', sections);
  const parts: PixelArray[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i], end = Math.max(bounds[i], bounds[i + 1]);
    if (ax === 2 && end === start) throw new RangeError(`sections: part ${i} along the channel axis would have no channels`);
    parts.push(sliceAxis(a, ax, start, end));
  }
  return parts;
}

/** `options.out` of split: one `H×W×1` PixelArray per channel of `a`. */
function checkPlanes(out: unknown, a: PixelArray): PixelArray[] | undefined {
  if (out === undefined) return undefined;
  const [h, w, c] = a.shape;
  if (!Array.isArray(out) || out.length !== c) throw typeError('options.out', `an array of ${c} PixelArrays (one per channel)`, out);
  return out.map((p, k) => checkOut(p, [h, w, 1], `options.out[${k}]`) as PixelArray);
}

function splitChannels(a: PixelArray, out: PixelArray[] | undefined): PixelArray[] {
  const [h, w, c] = a.shape;
  const planes = Array.from({ length: c }, (_, k) => startOutput([h, w, 1], out?.[k], [a]));
  if (c === 3 && LITTLE_ENDIAN && isContiguous(a) && isWordAligned(a.data, a.offset) &&
    planes.every((p) => isWordAligned(p.data, p.offset))) {
    const [r, g, b] = planes;
    splitPacked3(a.data, a.offset, r.data, r.offset, g.data, g.offset, b.data, b.offset, h * w);
  } else {
    for (let k = 0; k < c; k++) copyInto(sliceAxis(a, 2, k, k + 1), planes[k]);
  }
  return planes.map((p, k) => finishOutput(p, out?.[k]));
}

// Four RGB pixels are three words [r0 g0 b0 r1][g1 b1 r2 g2][b2 r3 g3 b3] (little-endian);
// shifting and masking yields one word per plane: 3 loads and 3 stores for 12 bytes. The loop
// does four such groups per iteration, written out: V8 re-checks every typed array's map and
// reloads its length and data pointer on each iteration, and unrolling shares that cost. The
// byte shuffles are small functions of numbers only, so V8 inlines all of them (a helper taking
// the arrays is too big to inline four times, and one call left in the loop costs 30%).
function splitPacked3(src: Uint8Array, start: number, r: Uint8Array, ro: number, g: Uint8Array, go: number,
  b: Uint8Array, bo: number, pixels: number): void {
  const groups = (pixels >> 4) << 2; // whole iterations of four groups; the rest byte by byte
  const sw = new Int32Array(src.buffer, src.byteOffset + start, groups * 3);
  const rw = new Int32Array(r.buffer, r.byteOffset + ro, groups);
  const gw = new Int32Array(g.buffer, g.byteOffset + go, groups);
  const bw = new Int32Array(b.buffer, b.byteOffset + bo, groups);
  for (let i = 0, j = 0; i < groups; i += 4, j += 12) {
    const a0 = sw[j], a1 = sw[j + 1], a2 = sw[j + 2], b0 = sw[j + 3], b1 = sw[j + 4], b2 = sw[j + 5];
    const c0 = sw[j + 6], c1 = sw[j + 7], c2 = sw[j + 8], d0 = sw[j + 9], d1 = sw[j + 10], d2 = sw[j + 11];
    rw[i] = reds(a0, a1, a2); gw[i] = greens(a0, a1, a2); bw[i] = blues(a0, a1, a2);
    rw[i + 1] = reds(b0, b1, b2); gw[i + 1] = greens(b0, b1, b2); bw[i + 1] = blues(b0, b1, b2);
    rw[i + 2] = reds(c0, c1, c2); gw[i + 2] = greens(c0, c1, c2); bw[i + 2] = blues(c0, c1, c2);
    rw[i + 3] = reds(d0, d1, d2); gw[i + 3] = greens(d0, d1, d2); bw[i + 3] = blues(d0, d1, d2);
  }
  for (let p = groups << 2; p < pixels; p++) {
    r[ro + p] = src[start + 3 * p]; g[go + p] = src[start + 3 * p + 1]; b[bo + p] = src[start + 3 * p + 2];
  }
}

/** [r0 r1 r2 r3] from the three words of four RGB pixels. */
function reds(w0: number, w1: number, w2: number): number {
  return (w0 & 0xff) | ((w0 >>> 16) & 0xff00) | (w1 & 0xff0000) | ((w2 << 16) & 0xff000000);
}

function greens(w0: number, w1: number, w2: number): number {
  return ((w0 >>> 8) & 0xff) | ((w1 << 8) & 0xff00) | ((w1 >>> 8) & 0xff0000) | ((w2 << 8) & 0xff000000);
}

function blues(w0: number, w1: number, w2: number): number {
  return ((w0 >>> 16) & 0xff) | (w1 & 0xff00) | ((w2 << 16) & 0xff0000) | (w2 & 0xff000000);
}

// The inverse of splitPacked3, unrolled the same way. Red and green are paired up first,
// [r0 g0 r2 g2] and [r1 g1 r3 g3], which takes fewer operations than placing each byte.
function mergePacked3(r: Uint8Array, ro: number, g: Uint8Array, go: number, b: Uint8Array, bo: number, dst: Uint8Array, pixels: number): void {
  const groups = (pixels >> 4) << 2;
  const rw = new Int32Array(r.buffer, r.byteOffset + ro, groups);
  const gw = new Int32Array(g.buffer, g.byteOffset + go, groups);
  const bw = new Int32Array(b.buffer, b.byteOffset + bo, groups);
  const dw = new Int32Array(dst.buffer, dst.byteOffset, groups * 3);
  for (let i = 0, j = 0; i < groups; i += 4, j += 12) {
    const R0 = rw[i], R1 = rw[i + 1], R2 = rw[i + 2], R3 = rw[i + 3];
    const G0 = gw[i], G1 = gw[i + 1], G2 = gw[i + 2], G3 = gw[i + 3];
    const B0 = bw[i], B1 = bw[i + 1], B2 = bw[i + 2], B3 = bw[i + 3];
    let even = evenRG(R0, G0), odd = oddRG(R0, G0);
    dw[j] = rgb0(even, odd, B0); dw[j + 1] = rgb1(even, odd, B0); dw[j + 2] = rgb2(odd, B0);
    even = evenRG(R1, G1); odd = oddRG(R1, G1);
    dw[j + 3] = rgb0(even, odd, B1); dw[j + 4] = rgb1(even, odd, B1); dw[j + 5] = rgb2(odd, B1);
    even = evenRG(R2, G2); odd = oddRG(R2, G2);
    dw[j + 6] = rgb0(even, odd, B2); dw[j + 7] = rgb1(even, odd, B2); dw[j + 8] = rgb2(odd, B2);
    even = evenRG(R3, G3); odd = oddRG(R3, G3);
    dw[j + 9] = rgb0(even, odd, B3); dw[j + 10] = rgb1(even, odd, B3); dw[j + 11] = rgb2(odd, B3);
  }
  for (let p = groups << 2; p < pixels; p++) {
    dst[3 * p] = r[ro + p]; dst[3 * p + 1] = g[go + p]; dst[3 * p + 2] = b[bo + p];
  }
}

/** [r0 g0 r2 g2] from [r0 r1 r2 r3] and [g0 g1 g2 g3]. */
const evenRG = (R: number, G: number): number => (R & 0x00ff00ff) | ((G & 0x00ff00ff) << 8);
/** [r1 g1 r3 g3]. */
const oddRG = (R: number, G: number): number => ((R >>> 8) & 0x00ff00ff) | (G & 0xff00ff00);
/** [r0 g0 b0 r1], [g1 b1 r2 g2] and [b2 r3 g3 b3]: the three RGB words. */
const rgb0 = (even: number, odd: number, B: number): number => (even & 0xffff) | ((B & 0xff) << 16) | (odd << 24);
const rgb1 = (even: number, odd: number, B: number): number => ((odd >>> 8) & 0xff) | (B & 0xff00) | (even & 0xffff0000);
const rgb2 = (odd: number, B: number): number => ((B >>> 16) & 0xff) | ((odd >>> 8) & 0xffff00) | (B & 0xff000000);

function checkArrayList(arrays: unknown, name: string): PixelArray[] {
  if (!Array.isArray(arrays) || arrays.length === 0) throw typeError(name, 'a non-empty array of PixelArrays', arrays);
  arrays.forEach((a, i) => assertPixelArray(a, `${name}[${i}]`));
  return arrays as PixelArray[];
}

/**
 * `cv2.merge`: stacks images of the same height and width along the channel axis (usually
 * `H×W×1` planes; multi-channel inputs contribute all their channels, as in OpenCV).
 */
export function merge(channels: readonly PixelArray[], options?: OutOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('merge', ['channels', 'options'], arguments.length);
  const list = checkArrayList(channels, 'channels');
  const [h, w] = list[0].shape;
  list.forEach((p, i) => {
    if (p.shape[0] !== h || p.shape[1] !== w) {
      throw new RangeError(`channels[${i}]: expected height ${h} and width ${w} like channels[0], got [${p.shape.join(', ')}]`);
    }
  });
  const c = list.reduce((sum, p) => sum + p.shape[2], 0);
  const out = checkOutOption(options, [h, w, c]);
  const dst = startOutput([h, w, c], out, list);
  const packed = c === 3 && list.length === 3 && LITTLE_ENDIAN &&
    list.every((p) => isContiguous(p) && isWordAligned(p.data, p.offset)) && isWordAligned(dst.data, dst.offset);
  if (packed) {
    const [r, g, b] = list;
    mergePacked3(r.data, r.offset, g.data, g.offset, b.data, b.offset, dst.data.subarray(dst.offset), h * w);
  } else {
    stack(list, 2, dst);
  }
  return finishOutput(dst, out);
}

/** Copies each array into its slot of `dst` along `axis`. */
function stack(arrays: readonly PixelArray[], axis: 0 | 1 | 2, dst: PixelArray): void {
  let at = 0;
  for (const a of arrays) {
    const n = a.shape[axis];
    copyInto(a, sliceAxis(dst, axis, at, at + n));
    at += n;
  }
}

/** `np.concatenate(arrays, axis)`: joins arrays whose shapes agree except along `axis`. */
export function concat(arrays: readonly PixelArray[], axis: number = 0, options?: OutOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('concat', ['arrays', 'axis', 'options'], arguments.length);
  const list = checkArrayList(arrays, 'arrays');
  const ax = checkAxis(axis);
  const shape = [...list[0].shape] as Shape;
  list.forEach((a, i) => {
    for (let k = 0; k < 3; k++) {
      if (k !== ax && a.shape[k] !== shape[k]) {
        throw new RangeError(`arrays[${i}]: expected shape [${shape.map((v, j) => (j === ax ? '*' : v)).join(', ')}] ` +
          `(only axis ${ax} may differ), got [${a.shape.join(', ')}]`);
      }
    }
  });
  shape[ax] = list.reduce((sum, a) => sum + a.shape[ax], 0);
  const out = checkOutOption(options, shape);
  const dst = startOutput(shape, out, list);
  stack(list, ax, dst);
  return finishOutput(dst, out);
}
