// The reduced-size inverse DCTs libjpeg-turbo 2.1 uses when decoding at 1/2, 1/4 and 1/8 scale
// (jidctred.c: jpeg_idct_4x4, jpeg_idct_2x2, jpeg_idct_1x1), with jidctint.c's range limiting.
import { RANGE_LIMIT } from './jidctint.ts';

const CONST_BITS = 13;
const PASS1_BITS = 2;
const FIX_0_211164243 = 1730;
const FIX_0_509795579 = 4176;
const FIX_0_601344887 = 4926;
const FIX_0_720959822 = 5906;
const FIX_0_765366865 = 6270;
const FIX_0_850430095 = 6967;
const FIX_0_899976223 = 7373;
const FIX_1_061594337 = 8697;
const FIX_1_272758580 = 10426;
const FIX_1_451774981 = 11893;
const FIX_1_847759065 = 15137;
const FIX_2_172734803 = 17799;
const FIX_2_562915447 = 20995;
const FIX_3_624509785 = 29692;

/** jpeg_idct_4x4: a 4×4 tile from the block's low frequencies (column and row 4 unused). */
export function idct4x4(coefs: Int16Array, at: number, q: Int32Array, out: Uint8Array, outAt: number, stride: number, ws: Int32Array): void {
  const rl = RANGE_LIMIT;
  for (let c = 0; c < 8; c++) {
    if (c === 4) continue;
    const i = at + c;
    if (coefs[i + 8] === 0 && coefs[i + 16] === 0 && coefs[i + 24] === 0 &&
      coefs[i + 40] === 0 && coefs[i + 48] === 0 && coefs[i + 56] === 0) {
      const dc = (coefs[i] * q[c]) << PASS1_BITS;
      ws[c] = dc; ws[c + 8] = dc; ws[c + 16] = dc; ws[c + 24] = dc;
      continue;
    }
    let tmp0 = (coefs[i] * q[c]) << (CONST_BITS + 1);
    let tmp2 = coefs[i + 16] * q[c + 16] * FIX_1_847759065 - coefs[i + 48] * q[c + 48] * FIX_0_765366865;
    const tmp10 = tmp0 + tmp2, tmp12 = tmp0 - tmp2;
    const z1 = coefs[i + 56] * q[c + 56], z2 = coefs[i + 40] * q[c + 40];
    const z3 = coefs[i + 24] * q[c + 24], z4 = coefs[i + 8] * q[c + 8];
    tmp0 = -z1 * FIX_0_211164243 + z2 * FIX_1_451774981 - z3 * FIX_2_172734803 + z4 * FIX_1_061594337;
    tmp2 = -z1 * FIX_0_509795579 - z2 * FIX_0_601344887 + z3 * FIX_0_899976223 + z4 * FIX_2_562915447;
    const sh = CONST_BITS - PASS1_BITS + 1, r = 1 << (sh - 1);
    ws[c] = (tmp10 + tmp2 + r) >> sh;
    ws[c + 24] = (tmp10 - tmp2 + r) >> sh;
    ws[c + 8] = (tmp12 + tmp0 + r) >> sh;
    ws[c + 16] = (tmp12 - tmp0 + r) >> sh;
  }
  const sh2 = CONST_BITS + PASS1_BITS + 3 + 1, r2 = 1 << (sh2 - 1);
  for (let row = 0, w = 0, o = outAt; row < 4; row++, w += 8, o += stride) {
    if (ws[w + 1] === 0 && ws[w + 2] === 0 && ws[w + 3] === 0 && ws[w + 5] === 0 && ws[w + 6] === 0 && ws[w + 7] === 0) {
      const v = rl[((ws[w] + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
      out[o] = v; out[o + 1] = v; out[o + 2] = v; out[o + 3] = v;
      continue;
    }
    let tmp0 = ws[w] << (CONST_BITS + 1);
    let tmp2 = ws[w + 2] * FIX_1_847759065 - ws[w + 6] * FIX_0_765366865;
    const tmp10 = tmp0 + tmp2, tmp12 = tmp0 - tmp2;
    const z1 = ws[w + 7], z2 = ws[w + 5], z3 = ws[w + 3], z4 = ws[w + 1];
    tmp0 = -z1 * FIX_0_211164243 + z2 * FIX_1_451774981 - z3 * FIX_2_172734803 + z4 * FIX_1_061594337;
    tmp2 = -z1 * FIX_0_509795579 - z2 * FIX_0_601344887 + z3 * FIX_0_899976223 + z4 * FIX_2_562915447;
    out[o] = rl[((tmp10 + tmp2 + r2) >> sh2) & 1023];
    out[o + 3] = rl[((tmp10 - tmp2 + r2) >> sh2) & 1023];
    out[o + 1] = rl[((tmp12 + tmp0 + r2) >> sh2) & 1023];
    out[o + 2] = rl[((tmp12 - tmp0 + r2) >> sh2) & 1023];
  }
}

/** jpeg_idct_2x2: a 2×2 tile (only coefficients 0, 1, 3, 5, 7 of each row and column matter). */
export function idct2x2(coefs: Int16Array, at: number, q: Int32Array, out: Uint8Array, outAt: number, stride: number, ws: Int32Array): void {
  const rl = RANGE_LIMIT;
  for (let c = 0; c < 8; c++) {
    if (c === 2 || c === 4 || c === 6) continue;
    const i = at + c;
    if (coefs[i + 8] === 0 && coefs[i + 24] === 0 && coefs[i + 40] === 0 && coefs[i + 56] === 0) {
      const dc = (coefs[i] * q[c]) << PASS1_BITS;
      ws[c] = dc; ws[c + 8] = dc;
      continue;
    }
    const tmp10 = (coefs[i] * q[c]) << (CONST_BITS + 2);
    const tmp0 = -(coefs[i + 56] * q[c + 56]) * FIX_0_720959822 + coefs[i + 40] * q[c + 40] * FIX_0_850430095 -
      coefs[i + 24] * q[c + 24] * FIX_1_272758580 + coefs[i + 8] * q[c + 8] * FIX_3_624509785;
    const sh = CONST_BITS - PASS1_BITS + 2, r = 1 << (sh - 1);
    ws[c] = (tmp10 + tmp0 + r) >> sh;
    ws[c + 8] = (tmp10 - tmp0 + r) >> sh;
  }
  const sh2 = CONST_BITS + PASS1_BITS + 3 + 2, r2 = 1 << (sh2 - 1);
  for (let row = 0, w = 0, o = outAt; row < 2; row++, w += 8, o += stride) {
    if (ws[w + 1] === 0 && ws[w + 3] === 0 && ws[w + 5] === 0 && ws[w + 7] === 0) {
      const v = rl[((ws[w] + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
      out[o] = v; out[o + 1] = v;
      continue;
    }
    const tmp10 = ws[w] << (CONST_BITS + 2);
    const tmp0 = -ws[w + 7] * FIX_0_720959822 + ws[w + 5] * FIX_0_850430095 - ws[w + 3] * FIX_1_272758580 + ws[w + 1] * FIX_3_624509785;
    out[o] = rl[((tmp10 + tmp0 + r2) >> sh2) & 1023];
    out[o + 1] = rl[((tmp10 - tmp0 + r2) >> sh2) & 1023];
  }
}

/** jpeg_idct_1x1: the DC coefficient's average, (DC·q + 4) >> 3, range-limited. */
export function idct1x1(coefs: Int16Array, at: number, q: Int32Array, out: Uint8Array, outAt: number): void {
  out[outAt] = RANGE_LIMIT[((coefs[at] * q[0] + 4) >> 3) & 1023];
}

/** The zigzag index up to which, of the coefficients jpeg_idct_2x2 reads, only 0, 1, 8, 9, 3, 24, 25 (natural order) can be nonzero. */
export const LOW2_LAST = 12;

/**
 * jpeg_idct_2x2 of a block whose last coefficient is at zigzag index ≤ LOW2_LAST (most chroma
 * blocks): of pass 1 only columns 0 and 1 can have AC terms (rows 1 and 3), column 3 only its DC,
 * columns 5 and 7 none, so pass 2 has only the terms of columns 1 and 3. The same tests and sums
 * as idct2x2 with the zero terms left out, so the same samples.
 */
export function idct2x2Low(coefs: Int16Array, at: number, q: Int32Array, out: Uint8Array, outAt: number, stride: number): void {
  const sh = CONST_BITS - PASS1_BITS + 2, r = 1 << (sh - 1);
  // Pass 1: workspace rows 0 and 1 of columns 0, 1 (w0 w1 / w8 w9) and 3 (w3 = w11).
  let w0: number, w8: number, w1: number, w9: number;
  let a8 = coefs[at + 8], a24 = coefs[at + 24];
  if (a8 === 0 && a24 === 0) {
    w0 = w8 = (coefs[at] * q[0]) << PASS1_BITS;
  } else {
    const tmp10 = (coefs[at] * q[0]) << (CONST_BITS + 2);
    const tmp0 = 0 - a24 * q[24] * FIX_1_272758580 + a8 * q[8] * FIX_3_624509785;
    w0 = (tmp10 + tmp0 + r) >> sh;
    w8 = (tmp10 - tmp0 + r) >> sh;
  }
  a8 = coefs[at + 9]; a24 = coefs[at + 25];
  if (a8 === 0 && a24 === 0) {
    w1 = w9 = (coefs[at + 1] * q[1]) << PASS1_BITS;
  } else {
    const tmp10 = (coefs[at + 1] * q[1]) << (CONST_BITS + 2);
    const tmp0 = 0 - a24 * q[25] * FIX_1_272758580 + a8 * q[9] * FIX_3_624509785;
    w1 = (tmp10 + tmp0 + r) >> sh;
    w9 = (tmp10 - tmp0 + r) >> sh;
  }
  const w3 = (coefs[at + 3] * q[3]) << PASS1_BITS;
  // Pass 2, rows 0 and 1.
  twoSamples(w0, w1, w3, out, outAt);
  twoSamples(w8, w9, w3, out, outAt + stride);
}

/** idct2x2's pass 2 for a workspace row whose entries 5 and 7 are zero: entries 0, 1, 3. */
function twoSamples(w0: number, w1: number, w3: number, out: Uint8Array, o: number): void {
  const rl = RANGE_LIMIT;
  if (w1 === 0 && w3 === 0) {
    const v = rl[((w0 + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
    out[o] = v; out[o + 1] = v;
    return;
  }
  const sh2 = CONST_BITS + PASS1_BITS + 3 + 2, r2 = 1 << (sh2 - 1);
  const tmp10 = w0 << (CONST_BITS + 2), tmp0 = 0 - w3 * FIX_1_272758580 + w1 * FIX_3_624509785;
  out[o] = rl[((tmp10 + tmp0 + r2) >> sh2) & 1023];
  out[o + 1] = rl[((tmp10 - tmp0 + r2) >> sh2) & 1023];
}
