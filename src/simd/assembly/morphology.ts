// Morphology (erode / dilate: the minimum / maximum over a structuring element) and the Sobel
// derivative, both as separable passes over rows whose addresses come from the JS side
// (../morphology.ts, ../edges.ts), with the border rows and columns mapped there by the core's own
// border tables. Loads may read up to 15 bytes past a row (the JS side leaves that slack); the last
// vector of a row is stored through a scratch line so that exactly the row's bytes are written.

const PARTIAL = memory.data(16, 16);

/** Stores the first min(n, 16) bytes of v at d. */
@inline function storeUpTo(d: usize, v: v128, n: usize): void {
  if (n >= 16) { v128.store(d, v); return; }
  v128.store(PARTIAL, v);
  memory.copy(d, PARTIAL, n);
}

@inline function pick(a: v128, b: v128, isMax: bool): v128 {
  return isMax ? i8x16.max_u(a, b) : i8x16.min_u(a, b);
}

/**
 * Border pixels of a row buffer whose image part starts at pixel `before`: pixel p (of ncols) is
 * image pixel cols[p], or the c bytes at `value` where cols[p] is −1. Whole pixels, as the core's
 * border makes them.
 */
@inline function fillBorderColumns(buf: usize, c: usize, before: usize, w: usize, cols: usize, ncols: usize, value: usize): void {
  const image = buf + before * c;
  for (let p: usize = 0; p < ncols; p++) {
    if (p == before) { p += w - 1; continue; }
    const q = load<i32>(cols + (p << 2));
    memory.copy(buf + p * c, q < 0 ? value : image + <usize>q * c, c);
  }
}

/** The address of the group's row t (clamped to its last row) for output row y. */
@inline function rowAt(rowAddr: usize, y: usize, rows: usize, nrows: usize, t: usize): usize {
  return <usize>load<i32>(rowAddr + ((y + <usize>load<i32>(rows + (min(t, nrows - 1) << 2))) << 2));
}

/** The address in vbuf of the group's column s (clamped to its last column). */
@inline function colAt(vbuf: usize, xs: usize, ncols: usize, c: usize, s: usize): usize {
  return vbuf + <usize>load<i32>(xs + (min(s, ncols - 1) << 2)) * c;
}

/**
 * The min (erode) or max (dilate) filter over a structuring element given as groups of kernel
 * rows that share their columns: `groups` (int32) is [count, then per group: nrows, row offsets…,
 * ncols, column offsets…]. Output row y is the min over the groups of the min over the group's
 * columns x of (the min over its rows t of row rowAddr[y + t]) at pixel x − before: the vertical
 * minimum first into vbuf (ncols·c + 16 bytes, its border pixels mapped by `cols`, −1 giving the
 * c bytes at `value`), then the horizontal one. Exact: min and max are order-free.
 */
@inline function morph(rowAddr: usize, dst: usize, h: usize, w: usize, c: usize, groups: usize, before: usize, cols: usize,
  ncols: usize, value: usize, vbuf: usize, isMax: bool): void {
  const len = w * c;
  const vImage = vbuf + before * c;
  const ngroups = <usize>load<i32>(groups);
  for (let y: usize = 0; y < h; y++) {
    const o = dst + y * len;
    let g = groups + 4;
    for (let gi: usize = 0; gi < ngroups; gi++) {
      const nrows = <usize>load<i32>(g);
      const rows = g + 4;
      const ncolsG = <usize>load<i32>(rows + (nrows << 2));
      const xs = rows + ((nrows + 1) << 2);
      g = xs + (ncolsG << 2);
      const later = gi > 0;
      if (ncolsG == 1 && <usize>load<i32>(xs) == before) {
        // Only the anchor's column (a cross's or an ellipse's end rows): the vertical min is the result.
        const a0 = rowAt(rowAddr, y, rows, nrows, 0), a1 = rowAt(rowAddr, y, rows, nrows, 1);
        for (let j: usize = 0; j < len; j += 16) {
          let m = pick(v128.load(a0 + j), v128.load(a1 + j), isMax);
          for (let t: usize = 2; t < nrows; t++) m = pick(m, v128.load(rowAt(rowAddr, y, rows, nrows, t) + j), isMax);
          if (later) m = pick(m, v128.load(o + j), isMax);
          storeUpTo(o + j, m, len - j);
        }
        continue;
      }
      // Vertical: the group's rows, 16 bytes at a time.
      if (nrows == 1) memory.copy(vImage, rowAt(rowAddr, y, rows, nrows, 0), len);
      else if (nrows <= 8) {
        // Up to 8 rows held in locals (a row repeated to fill the tier: min and max ignore repeats).
        const a0 = rowAt(rowAddr, y, rows, nrows, 0), a1 = rowAt(rowAddr, y, rows, nrows, 1), a2 = rowAt(rowAddr, y, rows, nrows, 2), a3 = rowAt(rowAddr, y, rows, nrows, 3), a4 = rowAt(rowAddr, y, rows, nrows, 4), a5 = rowAt(rowAddr, y, rows, nrows, 5), a6 = rowAt(rowAddr, y, rows, nrows, 6), a7 = rowAt(rowAddr, y, rows, nrows, 7);
        if (nrows <= 3) {
          for (let j: usize = 0; j < len; j += 16) {
            v128.store(vImage + j, pick(pick(v128.load(a0 + j), v128.load(a1 + j), isMax), v128.load(a2 + j), isMax));
          }
        } else if (nrows <= 5) {
          for (let j: usize = 0; j < len; j += 16) {
            const p = pick(pick(v128.load(a0 + j), v128.load(a1 + j), isMax), pick(v128.load(a2 + j), v128.load(a3 + j), isMax), isMax);
            v128.store(vImage + j, pick(p, v128.load(a4 + j), isMax));
          }
        } else {
          for (let j: usize = 0; j < len; j += 16) {
            const p = pick(pick(v128.load(a0 + j), v128.load(a1 + j), isMax), pick(v128.load(a2 + j), v128.load(a3 + j), isMax), isMax);
            const q = pick(pick(v128.load(a4 + j), v128.load(a5 + j), isMax), pick(v128.load(a6 + j), v128.load(a7 + j), isMax), isMax);
            v128.store(vImage + j, pick(p, q, isMax));
          }
        }
      } else {
        // Many rows: a running min over the row buffer, one source row at a time.
        memory.copy(vImage, rowAt(rowAddr, y, rows, nrows, 0), len);
        for (let t: usize = 1; t < nrows; t++) {
          const r = rowAt(rowAddr, y, rows, nrows, t);
          for (let j: usize = 0; j < len; j += 16) v128.store(vImage + j, pick(v128.load(vImage + j), v128.load(r + j), isMax));
        }
      }
      fillBorderColumns(vbuf, c, before, w, cols, ncols, value);
      // Horizontal: the group's columns (up to 8 held in locals, as the rows).
      if (ncolsG <= 8) {
        const b0 = colAt(vbuf, xs, ncolsG, c, 0), b1 = colAt(vbuf, xs, ncolsG, c, 1), b2 = colAt(vbuf, xs, ncolsG, c, 2), b3 = colAt(vbuf, xs, ncolsG, c, 3), b4 = colAt(vbuf, xs, ncolsG, c, 4), b5 = colAt(vbuf, xs, ncolsG, c, 5), b6 = colAt(vbuf, xs, ncolsG, c, 6), b7 = colAt(vbuf, xs, ncolsG, c, 7);
        if (ncolsG <= 3) {
          for (let i: usize = 0; i < len; i += 16) {
            let m = pick(pick(v128.load(b0 + i), v128.load(b1 + i), isMax), v128.load(b2 + i), isMax);
            if (later) m = pick(m, v128.load(o + i), isMax);
            storeUpTo(o + i, m, len - i);
          }
        } else if (ncolsG <= 5) {
          for (let i: usize = 0; i < len; i += 16) {
            const p = pick(pick(v128.load(b0 + i), v128.load(b1 + i), isMax), pick(v128.load(b2 + i), v128.load(b3 + i), isMax), isMax);
            let m = pick(p, v128.load(b4 + i), isMax);
            if (later) m = pick(m, v128.load(o + i), isMax);
            storeUpTo(o + i, m, len - i);
          }
        } else {
          for (let i: usize = 0; i < len; i += 16) {
            const p = pick(pick(v128.load(b0 + i), v128.load(b1 + i), isMax), pick(v128.load(b2 + i), v128.load(b3 + i), isMax), isMax);
            const q = pick(pick(v128.load(b4 + i), v128.load(b5 + i), isMax), pick(v128.load(b6 + i), v128.load(b7 + i), isMax), isMax);
            let m = pick(p, q, isMax);
            if (later) m = pick(m, v128.load(o + i), isMax);
            storeUpTo(o + i, m, len - i);
          }
        }
      } else {
        for (let i: usize = 0; i < len; i += 16) {
          let m = v128.load(colAt(vbuf, xs, ncolsG, c, 0) + i);
          for (let s: usize = 1; s < ncolsG; s++) m = pick(m, v128.load(colAt(vbuf, xs, ncolsG, c, s) + i), isMax);
          if (later) m = pick(m, v128.load(o + i), isMax);
          storeUpTo(o + i, m, len - i);
        }
      }
    }
  }
}

/** `morph` with the minimum (erode). */
export function erodeRows(rowAddr: usize, dst: usize, h: usize, w: usize, c: usize, groups: usize, before: usize, cols: usize,
  ncols: usize, value: usize, vbuf: usize): void {
  morph(rowAddr, dst, h, w, c, groups, before, cols, ncols, value, vbuf, false);
}

/** `morph` with the maximum (dilate). */
export function dilateRows(rowAddr: usize, dst: usize, h: usize, w: usize, c: usize, groups: usize, before: usize, cols: usize,
  ncols: usize, value: usize, vbuf: usize): void {
  morph(rowAddr, dst, h, w, c, groups, before, cols, ncols, value, vbuf, true);
}

/**
 * The Sobel sums S = Σ_s kx[s] · Σ_t ky[t] · row_t[x + s − before] with small integer taps (int32
 * tables of (offset, weight) pairs, zero weights left out: `ntapsY` vertical ones, offsets into
 * rowAddr from y; `ntapsX` horizontal ones, pixel offsets), exact in 16 bits (the JS side checks
 * 255 · Σ|ky| · Σ|kx| < 2^15), then S + delta: saturated to bytes at dst (`int16Out` 0; delta
 * saturated to 16 bits first, which gives the same bytes) or stored as int16 (`int16Out` 1, the
 * JS side checks that it cannot overflow). At most 5 nonzero taps a side (apertures up to 5). The vertical sums go to vbuf (ncols·c + 16 int16),
 * its border pixels mapped by `cols` (−1: zeros).
 */
export function sobelRows(rowAddr: usize, dst: usize, h: usize, w: usize, c: usize, tapsY: usize, ntapsY: usize,
  tapsX: usize, ntapsX: usize, before: usize, cols: usize, ncols: usize, delta: i32, int16Out: i32, vbuf: usize): void {
  const len = w * c;
  const vImage = vbuf + ((before * c) << 1);
  const d0 = i16x8.splat(<i16>delta);
  // Up to 5 taps a side held in locals; missing ones weigh 0 (at the first tap's offset).
  const wy0 = tapWeight(tapsY, ntapsY, 0), wy1 = tapWeight(tapsY, ntapsY, 1), wy2 = tapWeight(tapsY, ntapsY, 2);
  const wy3 = tapWeight(tapsY, ntapsY, 3), wy4 = tapWeight(tapsY, ntapsY, 4);
  const wx0 = tapWeight(tapsX, ntapsX, 0), wx1 = tapWeight(tapsX, ntapsX, 1), wx2 = tapWeight(tapsX, ntapsX, 2);
  const wx3 = tapWeight(tapsX, ntapsX, 3), wx4 = tapWeight(tapsX, ntapsX, 4);
  const step = c << 1;
  const x0 = vbuf + tapOffset(tapsX, ntapsX, 0) * step, x1 = vbuf + tapOffset(tapsX, ntapsX, 1) * step;
  const x2 = vbuf + tapOffset(tapsX, ntapsX, 2) * step, x3 = vbuf + tapOffset(tapsX, ntapsX, 3) * step;
  const x4 = vbuf + tapOffset(tapsX, ntapsX, 4) * step;
  for (let y: usize = 0; y < h; y++) {
    // Vertical: bytes widened to 16 bits, times each weight.
    const r0 = rowOfTap(rowAddr, y, tapsY, ntapsY, 0), r1 = rowOfTap(rowAddr, y, tapsY, ntapsY, 1);
    const r2 = rowOfTap(rowAddr, y, tapsY, ntapsY, 2), r3 = rowOfTap(rowAddr, y, tapsY, ntapsY, 3);
    const r4 = rowOfTap(rowAddr, y, tapsY, ntapsY, 4);
    if (ntapsY <= 3) {
      for (let j: usize = 0; j < len; j += 16) {
        const a = v128.load(r0 + j), b = v128.load(r1 + j), e = v128.load(r2 + j);
        v128.store(vImage + (j << 1), i16x8.add(i16x8.add(i16x8.mul(i16x8.extend_low_i8x16_u(a), wy0),
          i16x8.mul(i16x8.extend_low_i8x16_u(b), wy1)), i16x8.mul(i16x8.extend_low_i8x16_u(e), wy2)));
        v128.store(vImage + (j << 1), i16x8.add(i16x8.add(i16x8.mul(i16x8.extend_high_i8x16_u(a), wy0),
          i16x8.mul(i16x8.extend_high_i8x16_u(b), wy1)), i16x8.mul(i16x8.extend_high_i8x16_u(e), wy2)), 16);
      }
    } else {
      for (let j: usize = 0; j < len; j += 16) {
        const a = v128.load(r0 + j), b = v128.load(r1 + j), e = v128.load(r2 + j), f = v128.load(r3 + j), g = v128.load(r4 + j);
        const lo = i16x8.add(i16x8.add(i16x8.add(i16x8.mul(i16x8.extend_low_i8x16_u(a), wy0), i16x8.mul(i16x8.extend_low_i8x16_u(b), wy1)),
          i16x8.add(i16x8.mul(i16x8.extend_low_i8x16_u(e), wy2), i16x8.mul(i16x8.extend_low_i8x16_u(f), wy3))),
        i16x8.mul(i16x8.extend_low_i8x16_u(g), wy4));
        const hi = i16x8.add(i16x8.add(i16x8.add(i16x8.mul(i16x8.extend_high_i8x16_u(a), wy0), i16x8.mul(i16x8.extend_high_i8x16_u(b), wy1)),
          i16x8.add(i16x8.mul(i16x8.extend_high_i8x16_u(e), wy2), i16x8.mul(i16x8.extend_high_i8x16_u(f), wy3))),
        i16x8.mul(i16x8.extend_high_i8x16_u(g), wy4));
        v128.store(vImage + (j << 1), lo);
        v128.store(vImage + (j << 1), hi, 16);
      }
    }
    // Border pixels of the sums: the sums of the columns they stand for, zeros for a constant border.
    for (let p: usize = 0; p < ncols; p++) {
      if (p == before) { p += w - 1; continue; }
      const q = load<i32>(cols + (p << 2));
      const d = vbuf + p * step;
      if (q < 0) memory.fill(d, 0, step);
      else memory.copy(d, vImage + <usize>q * step, step);
    }
    // Horizontal: 8 sums at a time (offset k in elements is 2k bytes).
    if (int16Out) {
      const o = dst + ((y * len) << 1);
      for (let i: usize = 0; i < len; i += 8) {
        const s = horizontal8(x0, x1, x2, x3, x4, i << 1, wx0, wx1, wx2, wx3, wx4, ntapsX, d0);
        if (i + 8 <= len) v128.store(o + (i << 1), s);
        else { v128.store(PARTIAL, s); memory.copy(o + (i << 1), PARTIAL, (len - i) << 1); }
      }
      continue;
    }
    const o = dst + y * len;
    for (let i: usize = 0; i < len; i += 16) {
      const lo = horizontal8(x0, x1, x2, x3, x4, i << 1, wx0, wx1, wx2, wx3, wx4, ntapsX, d0);
      const hi = horizontal8(x0, x1, x2, x3, x4, (i << 1) + 16, wx0, wx1, wx2, wx3, wx4, ntapsX, d0);
      storeUpTo(o + i, i8x16.narrow_i16x8_u(lo, hi), len - i);
    }
  }
}

/** delta (saturated) plus the horizontal sum of up to 5 taps at byte offset j of each tap's start. */
@inline function horizontal8(x0: usize, x1: usize, x2: usize, x3: usize, x4: usize, j: usize,
  w0: v128, w1: v128, w2: v128, w3: v128, w4: v128, ntaps: usize, d0: v128): v128 {
  let s = i16x8.add(i16x8.add(i16x8.mul(v128.load(x0 + j), w0), i16x8.mul(v128.load(x1 + j), w1)), i16x8.mul(v128.load(x2 + j), w2));
  if (ntaps > 3) s = i16x8.add(s, i16x8.add(i16x8.mul(v128.load(x3 + j), w3), i16x8.mul(v128.load(x4 + j), w4)));
  return i16x8.add_sat_s(s, d0);
}

/** Tap k's weight as 8 lanes (0 past the last tap). */
@inline function tapWeight(taps: usize, ntaps: usize, k: usize): v128 {
  return i16x8.splat(k < ntaps ? <i16>load<i32>(taps + (k << 3), 4) : 0);
}

/** Tap k's offset (the first tap's past the last tap). */
@inline function tapOffset(taps: usize, ntaps: usize, k: usize): usize {
  return <usize>load<i32>(taps + ((k < ntaps ? k : 0) << 3));
}

/** The row address of vertical tap k for output row y. */
@inline function rowOfTap(rowAddr: usize, y: usize, taps: usize, ntaps: usize, k: usize): usize {
  return <usize>load<i32>(rowAddr + ((y + tapOffset(taps, ntaps, k)) << 2));
}
