// cv2.bitwise_and / or / xor / not, with OpenCV's optional mask.
import { checkMask, checkOptions, checkOut, checkSameShape, checkScalar, checkOptionKeys } from '../core/check.ts';
import { contiguous, copyInto, finishOutput, startOutput } from '../core/copy.ts';
import { typeError, tooManyArguments } from '../core/errors.ts';
import { forEachRun } from '../core/iterate.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { imageByteOp, scalarByteOp, type Operand } from './arithmetic.ts';
import { ByteOp, notBytes, zipBytes, zipScalar } from './swar.ts';

/** Options of the bitwise functions: an optional `mask` and `out`. */
export interface MaskOptions {
  /** `H×W×1`: only pixels where the mask is nonzero are written. Elsewhere the result is 0, or keeps `out`'s values. */
  mask?: PixelArray;
  /** Write the result here (same shape) instead of allocating; returned. */
  out?: PixelArray;
}

function bitwise(op: ByteOp, a: PixelArray, b: Operand, options: MaskOptions | undefined): PixelArray {
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['mask', 'out']);
  const out = checkOut(opts.out, a.shape);
  const mask = opts.mask === undefined ? undefined : checkMask(opts.mask, a);
  let image: PixelArray | undefined, values: number[] | undefined;
  if (b instanceof PixelArray) { checkSameShape(a, b, 'a', 'b'); image = b; }
  else if (typeof b === 'number' || Array.isArray(b)) values = checkScalar(b, a.shape[2], 'b', 0, 255);
  else throw typeError('b', 'a PixelArray, a number or an array of per-channel numbers', b);
  if (mask) return maskedByteOp(op, a, image, values, mask, out);
  return image ? imageByteOp(op, a, image, out) : scalarByteOp(op, a, values!, out);
}

/**
 * `op` only on the pixels the mask selects. Works run by run along the mask, calling the packed
 * kernels on each selected run, so typical masks (long runs) cost about as much as the plain op.
 * Unselected pixels are 0 in a fresh result — OpenCV clears a newly allocated destination — or
 * keep `out`'s values.
 */
function maskedByteOp(op: ByteOp, a: PixelArray, image: PixelArray | undefined, values: number[] | undefined,
  mask: PixelArray, out: PixelArray | undefined): PixelArray {
  const inputs = image ? [a, image] : [a];
  const dst = startOutput(a.shape, out, inputs, true);
  if (out && dst !== out) copyInto(out, dst); // unselected pixels keep out's values
  const c = a.shape[2];
  const ac = contiguous(a), bc = image && contiguous(image), m = contiguous(mask);
  const n = a.shape[0] * a.shape[1];
  const bytes = new Uint8Array(m.data.buffer), words = new Int32Array(m.data.buffer, 0, m.data.buffer.byteLength >> 2);
  const at = m.data.byteOffset + m.offset;
  for (let p = nextSelected(bytes, words, at, 0, n); p < n;) {
    const q = nextUnselected(bytes, words, at, p, n);
    const start = p * c, len = (q - p) * c;
    if (bc) zipBytes(op, ac.data, ac.offset + start, bc.data, bc.offset + start, dst.data, dst.offset + start, len);
    else zipScalar(op, ac.data, ac.offset + start, values!, dst.data, dst.offset + start, len);
    p = nextSelected(bytes, words, at, q, n);
  }
  return finishOutput(dst, out);
}

// Mask scanning: `at` is the mask's byte address in its buffer; where it is word-aligned, four
// mask bytes are tested at once through `words`, a word view of the whole buffer made once.
const ONES = 0x01010101, TOPS = 0x80808080 | 0;

/** First p ≥ from with mask[p] ≠ 0, or n. */
function nextSelected(bytes: Uint8Array, words: Int32Array, at: number, from: number, n: number): number {
  let p = from;
  while (p < n && ((at + p) & 3) !== 0) { if (bytes[at + p] !== 0) return p; p++; }
  while (p + 4 <= n && words[(at + p) >> 2] === 0) p += 4;
  while (p < n && bytes[at + p] === 0) p++;
  return p;
}

/** First p ≥ from with mask[p] = 0, or n. */
function nextUnselected(bytes: Uint8Array, words: Int32Array, at: number, from: number, n: number): number {
  let p = from;
  while (p < n && ((at + p) & 3) !== 0) { if (bytes[at + p] === 0) return p; p++; }
  // A word has no zero byte exactly when (w − 0x01…) & ~w & 0x80… is zero.
  for (let w; p + 4 <= n && (((w = words[(at + p) >> 2]) - ONES) & ~w & TOPS) === 0;) p += 4;
  while (p < n && bytes[at + p] !== 0) p++;
  return p;
}

/** `cv2.bitwise_and`. `b` is an image of the same shape, a byte, or one byte per channel. */
export function bitwiseAnd(a: PixelArray, b: Operand, options?: MaskOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('bitwiseAnd', ['a', 'b', 'options'], arguments.length);
  return bitwise(ByteOp.And, a, b, options);
}

/** `cv2.bitwise_or`. */
export function bitwiseOr(a: PixelArray, b: Operand, options?: MaskOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('bitwiseOr', ['a', 'b', 'options'], arguments.length);
  return bitwise(ByteOp.Or, a, b, options);
}

/** `cv2.bitwise_xor`. */
export function bitwiseXor(a: PixelArray, b: Operand, options?: MaskOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('bitwiseXor', ['a', 'b', 'options'], arguments.length);
  return bitwise(ByteOp.Xor, a, b, options);
}

/** `cv2.bitwise_not`: `255 − a`, i.e. every bit flipped. */
export function bitwiseNot(a: PixelArray, options?: MaskOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('bitwiseNot', ['a', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['mask', 'out']);
  if (opts.mask !== undefined) return bitwise(ByteOp.Xor, a, 255, options);
  const out = checkOut(opts.out, a.shape);
  const dst = startOutput(a.shape, out, [a], true);
  forEachRun(a, dst, notBytes);
  return finishOutput(dst, out);
}
