// cv2.bitwise_and / or / xor / not, with OpenCV's optional mask.
import { checkMask, checkOptions, checkOut, checkScalar } from '../core/check.ts';
import { clone, contiguous, copyInto } from '../core/copy.ts';
import { typeError } from '../core/errors.ts';
import { assertPixelArray, isContiguous, PixelArray } from '../core/pixelarray.ts';
import { imageByteOp, scalarByteOp, type Operand } from './arithmetic.ts';
import { ByteOp } from './swar.ts';

export interface MaskOptions {
  /** `H×W×1`: only pixels where the mask is nonzero are written. Elsewhere the result is 0, or keeps `out`'s values. */
  mask?: PixelArray;
  /** Write the result here (same shape) instead of allocating; returned. */
  out?: PixelArray;
}

function bitwise(op: ByteOp, a: PixelArray, b: Operand, options: MaskOptions | undefined): PixelArray {
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  const out = checkOut(opts.out, a.shape);
  const mask = opts.mask === undefined ? undefined : checkMask(opts.mask, a);
  // With a mask, compute everything into a scratch array, then copy the selected pixels.
  const target = mask ? undefined : out;
  let result: PixelArray;
  if (b instanceof PixelArray) result = imageByteOp(op, a, b, target);
  else if (typeof b === 'number' || Array.isArray(b)) result = scalarByteOp(op, a, checkScalar(b, a.shape[2], 'b', 0, 255), target);
  else throw typeError('b', 'a PixelArray, a number or an array of per-channel numbers', b);
  return mask ? applyMask(result, mask, out) : result;
}

/**
 * Copies the pixels of contiguous `result` selected by `mask` into `out` (other pixels untouched)
 * or, without `out`, into zeros — OpenCV's rule for a masked op with a fresh destination.
 */
export function applyMask(result: PixelArray, mask: PixelArray, out: PixelArray | undefined): PixelArray {
  const [h, w, c] = result.shape;
  // `result` is always a fresh array, so writing into a contiguous `out` directly is safe.
  const dst = out ? (isContiguous(out) ? out : clone(out)) : new PixelArray(new Uint8Array(h * w * c), result.shape);
  const m = contiguous(mask);
  const md = m.data, mo = m.offset, rd = result.data, ro = result.offset, dd = dst.data, dOff = dst.offset;
  for (let p = 0, n = h * w; p < n; p++) {
    if (md[mo + p] !== 0) for (let k = 0; k < c; k++) dd[dOff + p * c + k] = rd[ro + p * c + k];
  }
  if (out && dst !== out) copyInto(dst, out);
  return out ?? dst;
}

/** `cv2.bitwise_and`. `b` is an image of the same shape, a byte, or one byte per channel. */
export function bitwiseAnd(a: PixelArray, b: Operand, options?: MaskOptions): PixelArray {
  return bitwise(ByteOp.And, a, b, options);
}

/** `cv2.bitwise_or`. */
export function bitwiseOr(a: PixelArray, b: Operand, options?: MaskOptions): PixelArray {
  return bitwise(ByteOp.Or, a, b, options);
}

/** `cv2.bitwise_xor`. */
export function bitwiseXor(a: PixelArray, b: Operand, options?: MaskOptions): PixelArray {
  return bitwise(ByteOp.Xor, a, b, options);
}

/** `cv2.bitwise_not`: `255 − a`, i.e. every bit flipped. */
export function bitwiseNot(a: PixelArray, options?: MaskOptions): PixelArray {
  return bitwise(ByteOp.Xor, a, 255, options);
}
