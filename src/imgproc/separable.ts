// Exact separable filtering of uint8 images with small non-negative integer kernels, the engine
// behind the bit-exact Gaussian blur: out = (Σ_t wy[t] · Σ_s wx[s] · p + 2^(b−1)) >> b, where
// the kernels sum to 2^bx and 2^by and b = bx + by ≤ 16.
//
// The vertical pass works on four bytes at a time: each 32-bit word of a row splits into two
// 16-bit lanes (bytes 0 and 2, bytes 1 and 3), and a column sum of up to 255 · 256 fits a lane,
// so one multiply serves two values. The horizontal pass runs on the 16-bit column sums, per
// element (channels interleaved, neighbours C apart), with add chains for binomial kernels.
import { PixelArray } from '../core/pixelarray.ts';
import { type BorderMode } from './border.ts';
import { borderTable, rowStart } from './filter-common.ts';

const M = 0x00ff00ff;

/** A kernel reduced by its largest power-of-two factor: weights summing to 2^bits. */
export interface ReducedKernel {
  w: Int32Array;
  bits: number;
  /** 1, 3 or 5 when the weights are the binomial row [1], [1, 2, 1] or [1, 4, 6, 4, 1]. */
  binomial: number;
}

/** Divides a kernel summing to 256 by the largest power of two that divides every weight. */
export function reduceKernel(k: Int32Array): ReducedKernel {
  let g = 256;
  for (const v of k) while (g > 1 && v % g !== 0) g >>= 1;
  const w = k.map((v) => v / g);
  const bits = 8 - Math.log2(g);
  const key = Array.from(w).join(',');
  const binomial = key === '1' ? 1 : key === '1,2,1' ? 3 : key === '1,4,6,4,1' ? 5 : 0;
  return { w, bits, binomial };
}

/**
 * Filters the row-readable `src` into the contiguous `dst`. `kx`, `ky`: symmetric odd-length
 * integer kernels summing to 256 (OpenCV's fixed-point Gaussian kernels).
 */
export function separableExact(src: PixelArray, dst: PixelArray, kx: Int32Array, ky: Int32Array, border: BorderMode): void {
  const [h, w, c] = src.shape;
  const len = w * c;
  const sd = src.data, dd = dst.data;
  const rx = kx.length >> 1, ry = ky.length >> 1, kh = ky.length;
  const X = reduceKernel(kx), Y = reduceKernel(ky);
  const shift = X.bits + Y.bits;
  if (shift === 0) {
    for (let y = 0; y < h; y++) dd.set(sd.subarray(rowStart(src, y), rowStart(src, y) + len), dst.offset + y * len);
    return;
  }
  const half = 1 << (shift - 1);
  if ((c === 1 || c === 3 || c === 4) && X.binomial === Y.binomial && (X.binomial === 3 || X.binomial === 5)) {
    binomialFused(src, dst, X.binomial, border);
    return;
  }

  // Ring of source rows (border-mapped), each copied to a word-aligned slot.
  const words = (len + 3) >> 2;
  const lp = words << 2;
  const ring = new Uint8Array(kh * lp);
  const ring32 = new Uint32Array(ring.buffer);
  const held = new Int32Array(kh).fill(-0x40000000);
  const rows = borderTable(h, ry, ry, border);
  const cols = borderTable(w, rx, rx, border);

  // Column sums, 16-bit, with rx pixels of border on each side (pad rounded up to even so that
  // the word stores of the vertical pass are aligned).
  const pad = (rx * c + 1) & ~1;
  const v16 = new Uint16Array(pad + lp + rx * c + 2);
  const v32 = new Uint32Array(v16.buffer, 0, v16.length >> 1);
  const even = new Int32Array(words), odd = new Int32Array(words);
  const slots = new Int32Array(kh);
  const wy = Y.w;

  for (let y = 0; y < h; y++) {
    for (let t = 0; t < kh; t++) {
      const p = y - ry + t;
      const slot = (p + ry) % kh;
      if (held[slot] !== p) {
        held[slot] = p;
        const r = rows[p + ry];
        if (r < 0) ring.fill(0, slot * lp, slot * lp + lp);
        else ring.set(sd.subarray(rowStart(src, r), rowStart(src, r) + len), slot * lp);
      }
      slots[t] = slot * words;
    }
    // Vertical pass.
    if (kh === 1) vertical1(ring32, slots[0], wy[0], v32, pad >> 1, words);
    else if (kh === 3) vertical3(ring32, slots[0], slots[1], slots[2], wy[0], wy[1], v32, pad >> 1, words);
    else if (kh === 5) vertical5(ring32, slots[0], slots[1], slots[2], slots[3], slots[4], wy[0], wy[1], wy[2], v32, pad >> 1, words);
    else verticalN(ring32, slots, wy, ry, even, odd, v32, pad >> 1, words);
    // Horizontal border: whole pixels copied from the mapped columns (zeros for constant).
    for (let p = -rx; p < 0; p++) fillPixel(v16, pad + p * c, cols[p + rx], pad, c);
    for (let p = w; p < w + rx; p++) fillPixel(v16, pad + p * c, cols[p + rx], pad, c);
    // Horizontal pass and rounding.
    const o = dst.offset + y * len;
    if (X.binomial === 1) final1(v16, pad, X.w[0], half, shift, dd, o, len);
    else if (X.binomial === 3) binomial3(v16, pad, c, half, shift, dd, o, w);
    else if (X.binomial === 5) binomial5(v16, pad, c, half, shift, dd, o, w);
    else if (kx.length === 3) horizontal3(v16, pad, c, X.w[0], X.w[1], half, shift, dd, o, len);
    else if (kx.length === 5) horizontal5(v16, pad, c, X.w[0], X.w[1], X.w[2], half, shift, dd, o, len);
    else horizontalN(v16, pad, c, X.w, rx, half, shift, dd, o, len);
  }
}

function fillPixel(v: Uint16Array, at: number, col: number, pad: number, c: number): void {
  for (let k = 0; k < c; k++) v[at + k] = col < 0 ? 0 : v[pad + col * c + k];
}

// The vertical sums come as two lane words per source word: e = (b0, b2), o = (b1, b3). They are
// stored in element order through a 32-bit view: (b0, b1) and (b2, b3).

function vertical1(s: Uint32Array, a: number, k0: number, v: Uint32Array, vo: number, n: number): void {
  for (let q = 0; q < n; q++) {
    const wa = s[a + q];
    const e = Math.imul(k0, wa & M), o = Math.imul(k0, (wa >>> 8) & M);
    v[vo + 2 * q] = (e & 0xffff) | (o << 16);
    v[vo + 2 * q + 1] = (e >>> 16) | (o & 0xffff0000);
  }
}

function vertical3(s: Uint32Array, a: number, b: number, c: number, k0: number, k1: number,
  v: Uint32Array, vo: number, n: number): void {
  for (let q = 0; q < n; q++) {
    const wa = s[a + q], wb = s[b + q], wc = s[c + q];
    const e = Math.imul(k0, (wa & M) + (wc & M)) + Math.imul(k1, wb & M);
    const o = Math.imul(k0, ((wa >>> 8) & M) + ((wc >>> 8) & M)) + Math.imul(k1, (wb >>> 8) & M);
    v[vo + 2 * q] = (e & 0xffff) | (o << 16);
    v[vo + 2 * q + 1] = (e >>> 16) | (o & 0xffff0000);
  }
}

function vertical5(s: Uint32Array, a: number, b: number, c: number, d: number, f: number, k0: number, k1: number, k2: number,
  v: Uint32Array, vo: number, n: number): void {
  for (let q = 0; q < n; q++) {
    const wa = s[a + q], wb = s[b + q], wc = s[c + q], wd = s[d + q], wf = s[f + q];
    const e = Math.imul(k0, (wa & M) + (wf & M)) + Math.imul(k1, (wb & M) + (wd & M)) + Math.imul(k2, wc & M);
    const o = Math.imul(k0, ((wa >>> 8) & M) + ((wf >>> 8) & M)) + Math.imul(k1, ((wb >>> 8) & M) + ((wd >>> 8) & M)) +
      Math.imul(k2, (wc >>> 8) & M);
    v[vo + 2 * q] = (e & 0xffff) | (o << 16);
    v[vo + 2 * q + 1] = (e >>> 16) | (o & 0xffff0000);
  }
}

/** Any odd number of taps: pairs folded, accumulated tap by tap into the lane planes. */
function verticalN(s: Uint32Array, slots: Int32Array, k: Int32Array, r: number, even: Int32Array, odd: Int32Array,
  v: Uint32Array, vo: number, n: number): void {
  {
    const c = slots[r], kc = k[r];
    for (let q = 0; q < n; q++) {
      const w = s[c + q];
      even[q] = Math.imul(kc, w & M);
      odd[q] = Math.imul(kc, (w >>> 8) & M);
    }
  }
  for (let t = 0; t < r; t++) {
    const a = slots[t], b = slots[2 * r - t], kt = k[t];
    if (kt === 0) continue;
    for (let q = 0; q < n; q++) {
      const wa = s[a + q], wb = s[b + q];
      even[q] += Math.imul(kt, (wa & M) + (wb & M));
      odd[q] += Math.imul(kt, ((wa >>> 8) & M) + ((wb >>> 8) & M));
    }
  }
  for (let q = 0; q < n; q++) {
    const e = even[q], o = odd[q];
    v[vo + 2 * q] = (e & 0xffff) | (o << 16);
    v[vo + 2 * q + 1] = (e >>> 16) | (o & 0xffff0000);
  }
}

function final1(v: Uint16Array, base: number, k0: number, half: number, shift: number, d: Uint8Array, o: number, n: number): void {
  for (let i = 0; i < n; i++) d[o + i] = (k0 * v[base + i] + half) >> shift;
}

/** [1, 2, 1] along the row, as an add chain kept in registers, one channel at a time. */
function binomial3(v: Uint16Array, base: number, c: number, half: number, shift: number, d: Uint8Array, o: number, w: number): void {
  for (let ch = 0; ch < c; ch++) {
    let j = base - c + ch;
    let p1 = v[j + c];
    let a0 = v[j] + p1;
    j += 2 * c;
    for (let x = 0, oo = o + ch; x < w; x++, j += c, oo += c) {
      const p2 = v[j];
      const a1 = p1 + p2;
      d[oo] = (a0 + a1 + half) >> shift;
      p1 = p2; a0 = a1;
    }
  }
}

/** [1, 4, 6, 4, 1] along the row: four levels of pairwise sums in registers. */
function binomial5(v: Uint16Array, base: number, c: number, half: number, shift: number, d: Uint8Array, o: number, w: number): void {
  for (let ch = 0; ch < c; ch++) {
    let j = base - 2 * c + ch;
    const p0 = v[j], p1 = v[j + c], p2 = v[j + 2 * c];
    let p3 = v[j + 3 * c];
    const a1 = p0 + p1, a2 = p1 + p2;
    let a3 = p2 + p3;
    let b2 = a2 + a3;
    let c1 = a1 + a2 + b2;
    j += 4 * c;
    for (let x = 0, oo = o + ch; x < w; x++, j += c, oo += c) {
      const p4 = v[j];
      const a4 = p3 + p4, b3 = a3 + a4, c2 = b2 + b3;
      d[oo] = (c1 + c2 + half) >> shift;
      p3 = p4; a3 = a4; b2 = b3; c1 = c2;
    }
  }
}

function horizontal3(v: Uint16Array, base: number, c: number, k0: number, k1: number, half: number, shift: number,
  d: Uint8Array, o: number, n: number): void {
  for (let i = 0, j = base; i < n; i++, j++) d[o + i] = (k0 * (v[j - c] + v[j + c]) + k1 * v[j] + half) >> shift;
}

function horizontal5(v: Uint16Array, base: number, c: number, k0: number, k1: number, k2: number, half: number, shift: number,
  d: Uint8Array, o: number, n: number): void {
  const c2 = 2 * c;
  for (let i = 0, j = base; i < n; i++, j++) {
    d[o + i] = (k0 * (v[j - c2] + v[j + c2]) + k1 * (v[j - c] + v[j + c]) + k2 * v[j] + half) >> shift;
  }
}

function horizontalN(v: Uint16Array, base: number, c: number, k: Int32Array, r: number, half: number, shift: number,
  d: Uint8Array, o: number, n: number): void {
  const kc = k[r];
  for (let i = 0, j = base; i < n; i++, j++) {
    let s = kc * v[j] + half;
    for (let t = 0, dist = r * c; t < r; t++, dist -= c) s += k[t] * (v[j - dist] + v[j + dist]);
    d[o + i] = s >> shift;
  }
}


/**
 * 1, 3 or 4 channels with OpenCV's fixed 3×3 or 5×5 kernel (sigma ≤ 0): the binomial rows
 * [1, 2, 1] and [1, 4, 6, 4, 1], whose sums of up to 255 · 256 fit 16-bit lanes in both passes.
 * Two output rows are made per loop over the words of a row, both passes fused: a word holds
 * elements 4q .. 4q + 3; its even lanes (4q, 4q + 2) and odd lanes (4q + 1, 4q + 3) hold vertical
 * sums, kept in registers for the neighbouring words; the horizontal neighbours (c and 2c elements
 * away) are those lane pairs or pairs shifted by half a word. Weights are shifts and adds.
 */
function binomialFused(src: PixelArray, dst: PixelArray, n: 3 | 5, border: BorderMode): void {
  const [h, w, c] = src.shape;
  const len = w * c;
  const r = n >> 1;
  const sd = src.data, dd = dst.data;
  const words = (len + 3) >> 2;
  // Ring rows (n + 1 of them, for two output rows): 8 elements of left margin whose last 3r hold
  // the border pixels, the row, r border pixels and slack for the look-ahead; word aligned.
  const left = 8;
  const lp = left + 4 * words + 16;
  const lw = lp >> 2;
  const size = n + 1;
  const ring = new Uint8Array(size * lp);
  const ring32 = new Uint32Array(ring.buffer);
  const held = new Int32Array(size).fill(-0x40000000);
  const rows = borderTable(h, r, r + 1, border);
  const cols = borderTable(w, r, r, border);
  const out = new Uint8Array(8 * words);
  const out32 = new Uint32Array(out.buffer);
  const slots = new Int32Array(size);
  const half = n === 5 ? 128 * 0x10001 : 8 * 0x10001;
  for (let y = 0; y < h; y += 2) {
    for (let t = 0; t < size; t++) {
      const p = y - r + t;
      const slot = (p + r) % size;
      if (held[slot] !== p) {
        held[slot] = p;
        const row = rows[p + r], at = slot * lp;
        if (row < 0) ring.fill(0, at, at + lp);
        else {
          const s = rowStart(src, row);
          ring.set(sd.subarray(s, s + len), at + left);
          for (let q = -r; q < 0; q++) borderPixel(ring, at + left + q * c, sd, s, cols[q + r], c);
          for (let q = w; q < w + r; q++) borderPixel(ring, at + left + q * c, sd, s, cols[q + r], c);
        }
      }
      slots[t] = slot * lw + (left >> 2);
    }
    if (n === 5) {
      const f = c === 3 ? binomial5Rows : c === 4 ? binomial5RowsC4 : binomial5RowsC1;
      f(ring32, slots[0], slots[1], slots[2], slots[3], slots[4], slots[5], half, out32, words);
    } else {
      const f = c === 3 ? binomial3Rows : c === 4 ? binomial3RowsC4 : binomial3RowsC1;
      f(ring32, slots[0], slots[1], slots[2], slots[3], half, out32, words);
    }
    dd.set(out.subarray(0, len), dst.offset + y * len);
    if (y + 1 < h) dd.set(out.subarray(4 * words, 4 * words + len), dst.offset + (y + 1) * len);
  }
}

function borderPixel(ring: Uint8Array, at: number, sd: Uint8Array, s: number, col: number, c: number): void {
  for (let k = 0; k < c; k++) ring[at + k] = col < 0 ? 0 : sd[s + c * col + k];
}

// In the RGB functions: e*/o* are the even/odd lane sums of the first output row for words q − 1,
// q, …; x*/y* those of the second row; sE*/sO* (sX*/sY*) the lane pairs shifted by half a word
// (lane 2 of a word with lane 0 of the next). Rounding is done on both lanes at once: a lane sum plus half is
// below 2^16, and the shifted result (≤ 255) lands in the lane's low byte.

function binomial5Rows(s: Uint32Array, a: number, b: number, c: number, d: number, f: number, g: number, half: number,
  out: Uint32Array, n: number): void {
  let e0 = 0, eP1 = 0, oM1 = 0, o0 = 0, oP1 = 0, sEm2 = 0, sEm1 = 0, sE0 = 0, sOm2 = 0, sOm1 = 0, sO0 = 0;
  let x0 = 0, xP1 = 0, yM1 = 0, y0 = 0, yP1 = 0, sXm2 = 0, sXm1 = 0, sX0 = 0, sYm2 = 0, sYm1 = 0, sY0 = 0;
  for (let q = -4; q < n; q++) {
    const r = q + 2;
    const wa = s[a + r], wb = s[b + r], wc = s[c + r], wd = s[d + r], wf = s[f + r], wg = s[g + r];
    const ae = wa & M, be = wb & M, ce = wc & M, de = wd & M, fe = wf & M, ge = wg & M;
    const ao = (wa >>> 8) & M, bo = (wb >>> 8) & M, co = (wc >>> 8) & M, dO = (wd >>> 8) & M, fo = (wf >>> 8) & M, go = (wg >>> 8) & M;
    // Vertical [1, 4, 6, 4, 1] of word q + 2, rows y (a..f) and y + 1 (b..g).
    const eP2 = ae + fe + ((be + de) << 2) + ce * 6;
    const oP2 = ao + fo + ((bo + dO) << 2) + co * 6;
    const xP2 = be + ge + ((ce + fe) << 2) + de * 6;
    const yP2 = bo + go + ((co + fo) << 2) + dO * 6;
    const sEp1 = (eP1 >>> 16) | (eP2 << 16), sOp1 = (oP1 >>> 16) | (oP2 << 16);
    const sXp1 = (xP1 >>> 16) | (xP2 << 16), sYp1 = (yP1 >>> 16) | (yP2 << 16);
    if (q >= 0) {
      // Horizontal [1, 4, 6, 4, 1]: even lanes see −6, −3, 0, +3, +6; odd lanes −5, −2, +1, +4, +7.
      const se = sEm2 + sEp1 + ((oM1 + sO0) << 2) + e0 * 6;
      const so = sOm2 + sOp1 + ((sEm1 + eP1) << 2) + o0 * 6;
      out[q] = (((se + half) >>> 8) & M) | ((((so + half) >>> 8) & M) << 8);
      const te = sXm2 + sXp1 + ((yM1 + sY0) << 2) + x0 * 6;
      const to = sYm2 + sYp1 + ((sXm1 + xP1) << 2) + y0 * 6;
      out[n + q] = (((te + half) >>> 8) & M) | ((((to + half) >>> 8) & M) << 8);
    }
    e0 = eP1; eP1 = eP2; oM1 = o0; o0 = oP1; oP1 = oP2;
    sEm2 = sEm1; sEm1 = sE0; sE0 = sEp1; sOm2 = sOm1; sOm1 = sO0; sO0 = sOp1;
    x0 = xP1; xP1 = xP2; yM1 = y0; y0 = yP1; yP1 = yP2;
    sXm2 = sXm1; sXm1 = sX0; sX0 = sXp1; sYm2 = sYm1; sYm1 = sY0; sY0 = sYp1;
  }
}

function binomial3Rows(s: Uint32Array, a: number, b: number, c: number, d: number, half: number, out: Uint32Array, n: number): void {
  let e0 = 0, oM1 = 0, o0 = 0, sEm1 = 0, x0 = 0, yM1 = 0, y0 = 0, sXm1 = 0;
  for (let q = -2; q < n; q++) {
    const r = q + 1;
    const wa = s[a + r], wb = s[b + r], wc = s[c + r], wd = s[d + r];
    const ae = wa & M, be = wb & M, ce = wc & M, de = wd & M;
    const ao = (wa >>> 8) & M, bo = (wb >>> 8) & M, co = (wc >>> 8) & M, dO = (wd >>> 8) & M;
    // Vertical [1, 2, 1] of word q + 1, rows y (a..c) and y + 1 (b..d).
    const eP1 = ae + ce + (be << 1), oP1 = ao + co + (bo << 1);
    const xP1 = be + de + (ce << 1), yP1 = bo + dO + (co << 1);
    if (q >= 0) {
      // Horizontal [1, 2, 1]: even lanes see −3, 0, +3; odd lanes −2, +1, +4.
      const se = oM1 + ((o0 >>> 16) | (oP1 << 16)) + (e0 << 1);
      const so = sEm1 + eP1 + (o0 << 1);
      out[q] = (((se + half) >>> 4) & M) | ((((so + half) >>> 4) & M) << 8);
      const te = yM1 + ((y0 >>> 16) | (yP1 << 16)) + (x0 << 1);
      const to = sXm1 + xP1 + (y0 << 1);
      out[n + q] = (((te + half) >>> 4) & M) | ((((to + half) >>> 4) & M) << 8);
    }
    // Slide the window by one word (sEm1: lanes 2 and 4 of word q, for the next word's odd lanes).
    sEm1 = (e0 >>> 16) | (eP1 << 16); sXm1 = (x0 >>> 16) | (xP1 << 16);
    oM1 = o0; o0 = oP1; yM1 = y0; y0 = yP1;
    e0 = eP1; x0 = xP1;
  }
}

// Four channels: the horizontal neighbours are whole words (4 and 8 elements away), same lanes.

function binomial5RowsC4(s: Uint32Array, a: number, b: number, c: number, d: number, f: number, g: number, half: number,
  out: Uint32Array, n: number): void {
  let eM2 = 0, eM1 = 0, e0 = 0, eP1 = 0, oM2 = 0, oM1 = 0, o0 = 0, oP1 = 0;
  let xM2 = 0, xM1 = 0, x0 = 0, xP1 = 0, yM2 = 0, yM1 = 0, y0 = 0, yP1 = 0;
  for (let q = -4; q < n; q++) {
    const r = q + 2;
    const wa = s[a + r], wb = s[b + r], wc = s[c + r], wd = s[d + r], wf = s[f + r], wg = s[g + r];
    const ae = wa & M, be = wb & M, ce = wc & M, de = wd & M, fe = wf & M, ge = wg & M;
    const ao = (wa >>> 8) & M, bo = (wb >>> 8) & M, co = (wc >>> 8) & M, dO = (wd >>> 8) & M, fo = (wf >>> 8) & M, go = (wg >>> 8) & M;
    const eP2 = ae + fe + ((be + de) << 2) + ce * 6;
    const oP2 = ao + fo + ((bo + dO) << 2) + co * 6;
    const xP2 = be + ge + ((ce + fe) << 2) + de * 6;
    const yP2 = bo + go + ((co + fo) << 2) + dO * 6;
    if (q >= 0) {
      const se = eM2 + eP2 + ((eM1 + eP1) << 2) + e0 * 6;
      const so = oM2 + oP2 + ((oM1 + oP1) << 2) + o0 * 6;
      out[q] = (((se + half) >>> 8) & M) | ((((so + half) >>> 8) & M) << 8);
      const te = xM2 + xP2 + ((xM1 + xP1) << 2) + x0 * 6;
      const to = yM2 + yP2 + ((yM1 + yP1) << 2) + y0 * 6;
      out[n + q] = (((te + half) >>> 8) & M) | ((((to + half) >>> 8) & M) << 8);
    }
    eM2 = eM1; eM1 = e0; e0 = eP1; eP1 = eP2; oM2 = oM1; oM1 = o0; o0 = oP1; oP1 = oP2;
    xM2 = xM1; xM1 = x0; x0 = xP1; xP1 = xP2; yM2 = yM1; yM1 = y0; y0 = yP1; yP1 = yP2;
  }
}

function binomial3RowsC4(s: Uint32Array, a: number, b: number, c: number, d: number, half: number, out: Uint32Array, n: number): void {
  let eM1 = 0, e0 = 0, oM1 = 0, o0 = 0, xM1 = 0, x0 = 0, yM1 = 0, y0 = 0;
  for (let q = -2; q < n; q++) {
    const r = q + 1;
    const wa = s[a + r], wb = s[b + r], wc = s[c + r], wd = s[d + r];
    const ae = wa & M, be = wb & M, ce = wc & M, de = wd & M;
    const ao = (wa >>> 8) & M, bo = (wb >>> 8) & M, co = (wc >>> 8) & M, dO = (wd >>> 8) & M;
    const eP1 = ae + ce + (be << 1), oP1 = ao + co + (bo << 1);
    const xP1 = be + de + (ce << 1), yP1 = bo + dO + (co << 1);
    if (q >= 0) {
      const se = eM1 + eP1 + (e0 << 1), so = oM1 + oP1 + (o0 << 1);
      out[q] = (((se + half) >>> 4) & M) | ((((so + half) >>> 4) & M) << 8);
      const te = xM1 + xP1 + (x0 << 1), to = yM1 + yP1 + (y0 << 1);
      out[n + q] = (((te + half) >>> 4) & M) | ((((to + half) >>> 4) & M) << 8);
    }
    eM1 = e0; e0 = eP1; oM1 = o0; o0 = oP1; xM1 = x0; x0 = xP1; yM1 = y0; y0 = yP1;
  }
}

// One channel: neighbours 1 and 2 elements away. For the even lanes (4q, 4q + 2): −2 is the pair
// (4q − 2, 4q) = sE(q − 1), −1 is sO(q − 1), +1 is O(q), +2 is sE(q); for the odd lanes
// (4q + 1, 4q + 3): −2 is sO(q − 1), −1 is E(q), +1 is sE(q), +2 is sO(q); sX(q) = (X(q) >>> 16) |
// (X(q + 1) << 16) pairs lanes 2 of word q and 0 of word q + 1.

function binomial5RowsC1(s: Uint32Array, a: number, b: number, c: number, d: number, f: number, g: number, half: number,
  out: Uint32Array, n: number): void {
  let e0 = 0, o0 = 0, sEm1 = 0, sOm1 = 0, x0 = 0, y0 = 0, sXm1 = 0, sYm1 = 0;
  for (let q = -2; q < n; q++) {
    const r = q + 1;
    const wa = s[a + r], wb = s[b + r], wc = s[c + r], wd = s[d + r], wf = s[f + r], wg = s[g + r];
    const ae = wa & M, be = wb & M, ce = wc & M, de = wd & M, fe = wf & M, ge = wg & M;
    const ao = (wa >>> 8) & M, bo = (wb >>> 8) & M, co = (wc >>> 8) & M, dO = (wd >>> 8) & M, fo = (wf >>> 8) & M, go = (wg >>> 8) & M;
    // vertical sums of word q + 1
    const eP1 = ae + fe + ((be + de) << 2) + ce * 6;
    const oP1 = ao + fo + ((bo + dO) << 2) + co * 6;
    const xP1 = be + ge + ((ce + fe) << 2) + de * 6;
    const yP1 = bo + go + ((co + fo) << 2) + dO * 6;
    const sE0 = (e0 >>> 16) | (eP1 << 16), sO0 = (o0 >>> 16) | (oP1 << 16);
    const sX0 = (x0 >>> 16) | (xP1 << 16), sY0 = (y0 >>> 16) | (yP1 << 16);
    if (q >= 0) {
      const se = sEm1 + sE0 + ((sOm1 + o0) << 2) + e0 * 6;
      const so = sOm1 + sO0 + ((e0 + sE0) << 2) + o0 * 6;
      out[q] = (((se + half) >>> 8) & M) | ((((so + half) >>> 8) & M) << 8);
      const te = sXm1 + sX0 + ((sYm1 + y0) << 2) + x0 * 6;
      const to = sYm1 + sY0 + ((x0 + sX0) << 2) + y0 * 6;
      out[n + q] = (((te + half) >>> 8) & M) | ((((to + half) >>> 8) & M) << 8);
    }
    sEm1 = sE0; sOm1 = sO0; e0 = eP1; o0 = oP1;
    sXm1 = sX0; sYm1 = sY0; x0 = xP1; y0 = yP1;
  }
}

function binomial3RowsC1(s: Uint32Array, a: number, b: number, c: number, d: number, half: number, out: Uint32Array, n: number): void {
  let e0 = 0, o0 = 0, sOm1 = 0, x0 = 0, y0 = 0, sYm1 = 0;
  for (let q = -2; q < n; q++) {
    const r = q + 1;
    const wa = s[a + r], wb = s[b + r], wc = s[c + r], wd = s[d + r];
    const ae = wa & M, be = wb & M, ce = wc & M, de = wd & M;
    const ao = (wa >>> 8) & M, bo = (wb >>> 8) & M, co = (wc >>> 8) & M, dO = (wd >>> 8) & M;
    const eP1 = ae + ce + (be << 1), oP1 = ao + co + (bo << 1);
    const xP1 = be + de + (ce << 1), yP1 = bo + dO + (co << 1);
    const sE0 = (e0 >>> 16) | (eP1 << 16), sO0 = (o0 >>> 16) | (oP1 << 16);
    const sX0 = (x0 >>> 16) | (xP1 << 16), sY0 = (y0 >>> 16) | (yP1 << 16);
    if (q >= 0) {
      const se = sOm1 + o0 + (e0 << 1), so = e0 + sE0 + (o0 << 1);
      out[q] = (((se + half) >>> 4) & M) | ((((so + half) >>> 4) & M) << 8);
      const te = sYm1 + y0 + (x0 << 1), to = x0 + sX0 + (y0 << 1);
      out[n + q] = (((te + half) >>> 4) & M) | ((((to + half) >>> 4) & M) << 8);
    }
    sOm1 = sO0; e0 = eP1; o0 = oP1; sYm1 = sY0; x0 = xP1; y0 = yP1;
  }
}
