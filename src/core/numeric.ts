/**
 * Round half to even: what `cvRound` (the FPU's default rounding mode) and Python's `round` do,
 * where `Math.round` would round halves up.
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && (r & 1) !== 0 ? r - 1 : r;
}

/**
 * Adding and subtracting 1.5 · 2^52 rounds a double of magnitude below 2^51 to an integer, ties
 * to even (the float64 addition leaves no fraction bits): {@link roundHalfEven} without branches.
 */
export const ROUNDING_MAGIC = 6755399441055744;

/**
 * OpenCV's `saturate_cast<uchar>` of a float or double: rounded half to even, clamped to 0..255
 * (NaN stays NaN, which a Uint8Array stores as 0, as cv2's INT_MIN does). Exact for every input:
 * beyond 2^51 the rounding is off but the clamp gives the same byte.
 */
export function saturateUint8(v: number): number {
  const r = (v + ROUNDING_MAGIC) - ROUNDING_MAGIC;
  return r < 0 ? 0 : r > 255 ? 255 : r;
}
