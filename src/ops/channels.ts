// cv2.split / cv2.merge, np.split / np.concatenate.
import { checkAxis, checkInt, checkOptions, checkOut } from '../core/check.ts';
import { copyInto, finishOutput, startOutput } from '../core/copy.ts';
import { typeError } from '../core/errors.ts';
import { isWordAligned, LITTLE_ENDIAN } from '../core/packed.ts';
import { assertPixelArray, isContiguous, PixelArray, type Shape } from '../core/pixelarray.ts';
import type { OutOptions } from './arithmetic.ts';


/** The sub-view of `a` from `start` (inclusive) to `end` (exclusive) along `axis`. */
export function sliceAxis(a: PixelArray, axis: 0 | 1 | 2, start: number, end: number): PixelArray {
  const shape = [...a.shape] as Shape;
  shape[axis] = end - start;
  return new PixelArray(a.data, shape, a.stride, a.offset + start * a.stride[axis]);
}

/**
 * `cv2.split(a)`: one contiguous `H×W×1` copy per channel.
 * `split(a, sections, axis = 0)`: `np.split` — `sections` equal parts, or the parts between the
 * given indices (Python slice rules: negative counts from the end, out-of-range clamps). These
 * parts are views sharing `a`'s memory, as in NumPy.
 */
export function split(a: PixelArray, sections?: number | readonly number[], axis: number = 0): PixelArray[] {
  assertPixelArray(a, 'a');
  if (sections === undefined) return splitChannels(a);
  const ax = checkAxis(axis);
  const n = a.shape[ax];
  let bounds: number[];
  if (typeof sections === 'number') {
    const parts = checkInt(sections, 'sections', 1);
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
  } else throw typeError('sections', 'a number of parts or an array of indices', sections);
  const parts: PixelArray[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i], end = Math.max(bounds[i], bounds[i + 1]);
    if (ax === 2 && end === start) throw new RangeError(`sections: part ${i} along the channel axis would have no channels`);
    parts.push(sliceAxis(a, ax, start, end));
  }
  return parts;
}

function splitChannels(a: PixelArray): PixelArray[] {
  const [h, w, c] = a.shape;
  const planes = Array.from({ length: c }, () => new PixelArray(new Uint8Array(h * w), [h, w, 1]));
  if (c === 3 && LITTLE_ENDIAN && isContiguous(a) && isWordAligned(a.data, a.offset) && h * w >= 4) {
    splitPacked3(a.data, a.offset, planes[0].data, planes[1].data, planes[2].data, h * w);
  } else {
    for (let k = 0; k < c; k++) copyInto(sliceAxis(a, 2, k, k + 1), planes[k]);
  }
  return planes;
}

// Four RGB pixels are three words [r0 g0 b0 r1][g1 b1 r2 g2][b2 r3 g3 b3] (little-endian);
// shifting and masking yields one word per plane: 3 loads and 3 stores for 12 bytes.
function splitPacked3(src: Uint8Array, start: number, r: Uint8Array, g: Uint8Array, b: Uint8Array, pixels: number): void {
  const groups = pixels >> 2;
  const sw = new Int32Array(src.buffer, src.byteOffset + start, groups * 3);
  const rw = new Int32Array(r.buffer, r.byteOffset, groups);
  const gw = new Int32Array(g.buffer, g.byteOffset, groups);
  const bw = new Int32Array(b.buffer, b.byteOffset, groups);
  for (let i = 0, j = 0; i < groups; i++, j += 3) {
    const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
    rw[i] = (w0 & 0xff) | ((w0 >>> 16) & 0xff00) | (w1 & 0xff0000) | ((w2 << 16) & 0xff000000);
    gw[i] = ((w0 >>> 8) & 0xff) | ((w1 << 8) & 0xff00) | ((w1 >>> 8) & 0xff0000) | ((w2 << 8) & 0xff000000);
    bw[i] = ((w0 >>> 16) & 0xff) | (w1 & 0xff00) | ((w2 << 16) & 0xff0000) | (w2 & 0xff000000);
  }
  for (let p = groups << 2; p < pixels; p++) {
    r[p] = src[start + 3 * p]; g[p] = src[start + 3 * p + 1]; b[p] = src[start + 3 * p + 2];
  }
}

function mergePacked3(r: Uint8Array, ro: number, g: Uint8Array, go: number, b: Uint8Array, bo: number, dst: Uint8Array, pixels: number): void {
  const groups = pixels >> 2;
  const rw = new Int32Array(r.buffer, r.byteOffset + ro, groups);
  const gw = new Int32Array(g.buffer, g.byteOffset + go, groups);
  const bw = new Int32Array(b.buffer, b.byteOffset + bo, groups);
  const dw = new Int32Array(dst.buffer, dst.byteOffset, groups * 3);
  for (let i = 0, j = 0; i < groups; i++, j += 3) {
    const R = rw[i], G = gw[i], B = bw[i];
    // Pair up red and green first: [r0 g0 r2 g2] and [r1 g1 r3 g3] (fewer operations).
    const rgEven = (R & 0x00ff00ff) | ((G & 0x00ff00ff) << 8), rgOdd = ((R >>> 8) & 0x00ff00ff) | (G & 0xff00ff00);
    dw[j] = (rgEven & 0xffff) | ((B & 0xff) << 16) | (rgOdd << 24);
    dw[j + 1] = ((rgOdd >>> 8) & 0xff) | (B & 0xff00) | ((rgEven >>> 16) << 16);
    dw[j + 2] = ((B >>> 16) & 0xff) | ((rgOdd >>> 16) << 8) | (B & 0xff000000);
  }
  for (let p = groups << 2; p < pixels; p++) {
    dst[3 * p] = r[ro + p]; dst[3 * p + 1] = g[go + p]; dst[3 * p + 2] = b[bo + p];
  }
}

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
  const list = checkArrayList(channels, 'channels');
  const [h, w] = list[0].shape;
  list.forEach((p, i) => {
    if (p.shape[0] !== h || p.shape[1] !== w) {
      throw new RangeError(`channels[${i}]: expected height ${h} and width ${w} like channels[0], got [${p.shape.join(', ')}]`);
    }
  });
  const c = list.reduce((sum, p) => sum + p.shape[2], 0);
  const out = checkOut(checkOptions(options).out, [h, w, c]);
  const dst = startOutput([h, w, c], out, list);
  const packed = c === 3 && list.length === 3 && LITTLE_ENDIAN && h * w >= 4 &&
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
  const out = checkOut(checkOptions(options).out, shape);
  const dst = startOutput(shape, out, list);
  stack(list, ax, dst);
  return finishOutput(dst, out);
}
