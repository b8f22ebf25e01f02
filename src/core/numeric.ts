/**
 * Round half to even: what `cvRound` (the FPU's default rounding mode) and Python's `round` do,
 * where `Math.round` would round halves up.
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && (r & 1) !== 0 ? r - 1 : r;
}
