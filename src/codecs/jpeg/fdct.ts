// The accurate integer forward DCT (JDCT_ISLOW, after libjpeg-turbo's jfdctint.c jpeg_fdct_islow)
// and the quantiser of jcdctmgr.c: its reciprocal divisors (compute_reciprocal, 16-bit DCTELEM as in
// the SIMD builds Debian ships) and the rounding quantize().
//
// All arithmetic is int32 (JavaScript's `>>`): for 8-bit samples every intermediate of the C code
// fits (the first pass yields at most 13 bits + sign, the products at most 28 bits), so the results
// are those of the C and SIMD versions, which libjpeg-turbo keeps bit-identical.

const CONST_BITS = 13;
const PASS1_BITS = 2;
const FIX_0_298631336 = 2446;
const FIX_0_390180644 = 3196;
const FIX_0_541196100 = 4433;
const FIX_0_765366865 = 6270;
const FIX_0_899976223 = 7373;
const FIX_1_175875602 = 9633;
const FIX_1_501321110 = 12299;
const FIX_1_847759065 = 15137;
const FIX_1_961570560 = 16069;
const FIX_2_053119869 = 16819;
const FIX_2_562915447 = 20995;
const FIX_3_072711026 = 25172;

const P1_SHIFT = CONST_BITS - PASS1_BITS;
const P1_ROUND = 1 << (P1_SHIFT - 1);
const P2_SHIFT = CONST_BITS + PASS1_BITS;
const P2_ROUND = 1 << (P2_SHIFT - 1);
const DC_ROUND = 1 << (PASS1_BITS - 1);

/**
 * jpeg_fdct_islow of the 8×8 samples at `src[at + r * stride + c]`, less 128 (convsamp's
 * CENTERJSAMPLE), into `ws` (64 entries, natural order). The outputs are scaled up by 8 relative to
 * a true DCT, as libjpeg's are (the quantiser divides by 8 × the table entry).
 */
export function fdctIslow(src: Uint8Array, at: number, stride: number, ws: Int32Array): void {
  // Pass 1: rows, results scaled up by 2^PASS1_BITS.
  for (let r = 0, p = at, o = 0; r < 8; r++, p += stride, o += 8) {
    const d0 = src[p] - 128, d1 = src[p + 1] - 128, d2 = src[p + 2] - 128, d3 = src[p + 3] - 128;
    const d4 = src[p + 4] - 128, d5 = src[p + 5] - 128, d6 = src[p + 6] - 128, d7 = src[p + 7] - 128;
    const tmp0 = d0 + d7, tmp7 = d0 - d7;
    const tmp1 = d1 + d6, tmp6 = d1 - d6;
    const tmp2 = d2 + d5, tmp5 = d2 - d5;
    const tmp3 = d3 + d4, tmp4 = d3 - d4;

    const tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3;
    const tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
    ws[o] = (tmp10 + tmp11) << PASS1_BITS;
    ws[o + 4] = (tmp10 - tmp11) << PASS1_BITS;
    const e1 = (tmp12 + tmp13) * FIX_0_541196100;
    ws[o + 2] = (e1 + tmp13 * FIX_0_765366865 + P1_ROUND) >> P1_SHIFT;
    ws[o + 6] = (e1 - tmp12 * FIX_1_847759065 + P1_ROUND) >> P1_SHIFT;

    const z5 = (tmp4 + tmp6 + tmp5 + tmp7) * FIX_1_175875602;
    const z1 = (tmp4 + tmp7) * -FIX_0_899976223;
    const z2 = (tmp5 + tmp6) * -FIX_2_562915447;
    const z3 = (tmp4 + tmp6) * -FIX_1_961570560 + z5;
    const z4 = (tmp5 + tmp7) * -FIX_0_390180644 + z5;
    ws[o + 7] = (tmp4 * FIX_0_298631336 + z1 + z3 + P1_ROUND) >> P1_SHIFT;
    ws[o + 5] = (tmp5 * FIX_2_053119869 + z2 + z4 + P1_ROUND) >> P1_SHIFT;
    ws[o + 3] = (tmp6 * FIX_3_072711026 + z2 + z3 + P1_ROUND) >> P1_SHIFT;
    ws[o + 1] = (tmp7 * FIX_1_501321110 + z1 + z4 + P1_ROUND) >> P1_SHIFT;
  }
  // Pass 2: columns; removes the PASS1_BITS scaling, leaves the overall factor of 8.
  for (let c = 0; c < 8; c++) {
    const d0 = ws[c], d1 = ws[c + 8], d2 = ws[c + 16], d3 = ws[c + 24];
    const d4 = ws[c + 32], d5 = ws[c + 40], d6 = ws[c + 48], d7 = ws[c + 56];
    const tmp0 = d0 + d7, tmp7 = d0 - d7;
    const tmp1 = d1 + d6, tmp6 = d1 - d6;
    const tmp2 = d2 + d5, tmp5 = d2 - d5;
    const tmp3 = d3 + d4, tmp4 = d3 - d4;

    const tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3;
    const tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
    ws[c] = (tmp10 + tmp11 + DC_ROUND) >> PASS1_BITS;
    ws[c + 32] = (tmp10 - tmp11 + DC_ROUND) >> PASS1_BITS;
    const e1 = (tmp12 + tmp13) * FIX_0_541196100;
    ws[c + 16] = (e1 + tmp13 * FIX_0_765366865 + P2_ROUND) >> P2_SHIFT;
    ws[c + 48] = (e1 - tmp12 * FIX_1_847759065 + P2_ROUND) >> P2_SHIFT;

    const z5 = (tmp4 + tmp6 + tmp5 + tmp7) * FIX_1_175875602;
    const z1 = (tmp4 + tmp7) * -FIX_0_899976223;
    const z2 = (tmp5 + tmp6) * -FIX_2_562915447;
    const z3 = (tmp4 + tmp6) * -FIX_1_961570560 + z5;
    const z4 = (tmp5 + tmp7) * -FIX_0_390180644 + z5;
    ws[c + 56] = (tmp4 * FIX_0_298631336 + z1 + z3 + P2_ROUND) >> P2_SHIFT;
    ws[c + 40] = (tmp5 * FIX_2_053119869 + z2 + z4 + P2_ROUND) >> P2_SHIFT;
    ws[c + 24] = (tmp6 * FIX_3_072711026 + z2 + z3 + P2_ROUND) >> P2_SHIFT;
    ws[c + 8] = (tmp7 * FIX_1_501321110 + z1 + z4 + P2_ROUND) >> P2_SHIFT;
  }
}

/**
 * The divisors of one quantisation table (jcdctmgr.c start_pass_fdctmgr for JDCT_ISLOW, 8-bit
 * samples): for each coefficient, in natural order, the reciprocal, the rounding correction and the
 * total right shift of compute_reciprocal applied to 8 × the table entry.
 */
export interface Divisors {
  recip: Int32Array;
  corr: Int32Array;
  shift: Int32Array;
}

/** Highest set bit, 1-based (jcdctmgr.c flss); 0 for 0. */
function flss(v: number): number {
  return v === 0 ? 0 : 32 - Math.clz32(v);
}

/** compute_reciprocal for each entry of `quantval` (natural order, 1..255 or up to 32767) × 8, with a 16-bit DCTELEM. */
export function makeDivisors(quantval: ArrayLike<number>): Divisors {
  const recip = new Int32Array(64), corr = new Int32Array(64), shift = new Int32Array(64);
  for (let i = 0; i < 64; i++) {
    const divisor = (quantval[i] << 3) & 0xffff; // UINT16 argument, as in the C call
    if (divisor <= 1) {
      // Unquantised: identity (cannot happen for tables of jpeg_add_quant_table).
      recip[i] = 1; corr[i] = 0; shift[i] = 0;
      continue;
    }
    const b = flss(divisor) - 1;
    let r = 16 + b;
    let fq = Math.floor(2 ** r / divisor);
    const fr = 2 ** r - fq * divisor;
    let c = divisor >> 1;
    if (fr === 0) {
      fq >>= 1;
      r--;
    } else if (fr <= divisor >> 1) {
      c++;
    } else {
      fq++;
    }
    recip[i] = fq & 0xffff;
    corr[i] = c & 0xffff;
    shift[i] = r;
  }
  return { recip, corr, shift };
}

/**
 * jcdctmgr.c quantize(): rounds `ws[k] / (8 q[k])` half away from zero via the reciprocal, writing
 * the result for zigzag position k to `out[k]` (`order[k]` = natural index of zigzag position k).
 */
export function quantizeZigzag(ws: Int32Array, d: Divisors, order: Int32Array, out: Int32Array): void {
  const recip = d.recip, corr = d.corr, shift = d.shift;
  for (let k = 0; k < 64; k++) {
    const i = order[k];
    const t = ws[i];
    // (|temp| + corr) * recip as an unsigned 32-bit product (both factors < 2^16), shifted right,
    // and the sign put back (branch-free: s is 0 or -1).
    const s = t >> 31;
    const q = ((((t ^ s) - s) + corr[i]) * recip[i]) >>> shift[i];
    out[k] = (q ^ s) - s;
  }
}
