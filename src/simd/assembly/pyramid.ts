// cv2.pyrDown / cv2.pyrUp on packed uint8 images (see src/imgproc/pyramid.ts). The 5-tap filters
// are separable and linear in exact integers, so the vertical pass runs first, on whole source
// rows (no shuffles), and the horizontal pass then works on 16-bit sums at element offsets of
// ±c, ±2c: the result sums are the core's, whichever pass comes first. The borders are tables of
// mapped rows and columns computed by the JS side with the core's borderIndex. Only the last
// step — keeping every second pixel (down) or interleaving two rows of pixels (up) — depends on
// the channel count: byte shuffles for 1–4 channels, scalar for more.
import { pick2, zipHigh32, zipLow32 } from './shuffles';

const X: u8 = 0x80;

/**
 * pyrDown's decimation: 16 output bytes from 32 bytes of the full-resolution row (loads at +0 and
 * +16), for 1, 2 and 4 channels (masks 2c − 2, 2c − 1 → c = 1: 0, 1; 2: 2, 3; 4: 4, 5); for 3
 * channels 48 output bytes from 96, vector q from loads at +31q and +31q + 16 (masks 6 + 2q, 7 + 2q).
 */
const DOWN = memory.data<u8>([
  0, 2, 4, 6, 8, 10, 12, 14, X, X, X, X, X, X, X, X,
  X, X, X, X, X, X, X, X, 0, 2, 4, 6, 8, 10, 12, 14,
  0, 1, 4, 5, 8, 9, 12, 13, X, X, X, X, X, X, X, X,
  X, X, X, X, X, X, X, X, 0, 1, 4, 5, 8, 9, 12, 13,
  0, 1, 2, 3, 8, 9, 10, 11, X, X, X, X, X, X, X, X,
  X, X, X, X, X, X, X, X, 0, 1, 2, 3, 8, 9, 10, 11,
  0, 1, 2, 6, 7, 8, 12, 13, 14, X, X, X, X, X, X, X,
  X, X, X, X, X, X, X, X, X, 2, 3, 4, 8, 9, 10, 14,
  0, 1, 5, 6, 7, 11, 12, 13, X, X, X, X, X, X, X, X,
  X, X, X, X, X, X, X, X, 1, 2, 3, 7, 8, 9, 13, 14,
  0, 4, 5, 6, 10, 11, 12, X, X, X, X, X, X, X, X, X,
  X, X, X, X, X, X, X, 0, 1, 2, 6, 7, 8, 12, 13, 14,
], 16);

/**
 * pyrUp's interleave of 3-channel rows: 48 output bytes (16 pixels, even ones from E, odd from O)
 * from 8 pixels of each; vector q picks from loads at E + UP3_AT[q] (mask 2q) and O + UP3_AT[q]
 * (mask 2q + 1).
 */
const UP3 = memory.data<u8>([
  0, 1, 2, X, X, X, 3, 4, 5, X, X, X, 6, 7, 8, X,
  X, X, X, 0, 1, 2, X, X, X, 3, 4, 5, X, X, X, 6,
  X, X, 3, 4, 5, X, X, X, 6, 7, 8, X, X, X, 9, 10,
  1, 2, X, X, X, 3, 4, 5, X, X, X, 6, 7, 8, X, X,
  9, X, X, X, 10, 11, 12, X, X, X, 13, 14, 15, X, X, X,
  X, 7, 8, 9, X, X, X, 10, 11, 12, X, X, X, 13, 14, 15,
], 16);

@inline function mask(table: usize, k: i32): v128 {
  return v128.load(table + (<usize>k << 4));
}

/**
 * pyrDown of the packed w-pixel, c-channel image at s into dw × dh at d. rows: the mapped source
 * row (int32) of each position −2 … 2·dh; cols: the mapped source column of each position
 * −2 … 2·dw + 1. vbuf: (2·dw + 4)·c + 16 uint16 (the vertical sums, position p at element
 * (p + 2)·c); rbuf: 2·dw·c + 32 bytes (the row filtered at full resolution).
 */
export function pyrDownRows(s: usize, w: i32, c: i32, d: usize, dw: i32, dh: i32, rows: usize, cols: usize, vbuf: usize, rbuf: usize): void {
  const wc = <usize>(w * c), ec = <usize>c, full = <usize>(2 * dw * c), dlen = <usize>(dw * c);
  const six = i16x8.splat(6), round = i16x8.splat(128);
  const v0 = vbuf + (ec << 2); // element 2c: source column 0
  // Decimation masks (unused ones are harmless loads).
  const small = c === 3 ? 6 : c === 4 ? 4 : 2 * c - 2;
  const ma = mask(DOWN, small), mb = mask(DOWN, small + 1);
  const m2 = mask(DOWN, 8), m3 = mask(DOWN, 9), m4 = mask(DOWN, 10), m5 = mask(DOWN, 11);
  for (let y = 0; y < dh; y++) {
    const at = rows + (<usize>(2 * y) << 2);
    const r0 = s + <usize>load<i32>(at) * wc, r1 = s + <usize>load<i32>(at, 4) * wc, r2 = s + <usize>load<i32>(at, 8) * wc;
    const r3 = s + <usize>load<i32>(at, 12) * wc, r4 = s + <usize>load<i32>(at, 16) * wc;
    // Vertical: r0 + r4 + 6 r2 + 4 (r1 + r3) ≤ 16 · 255.
    let j: usize = 0;
    for (; j + 16 <= wc; j += 16) {
      const a = v128.load(r0 + j), b = v128.load(r1 + j), e = v128.load(r2 + j), f = v128.load(r3 + j), g = v128.load(r4 + j);
      const lo = i16x8.add(i16x8.add(i16x8.extend_low_i8x16_u(a), i16x8.extend_low_i8x16_u(g)),
        i16x8.add(i16x8.mul(i16x8.extend_low_i8x16_u(e), six), i16x8.shl(i16x8.add(i16x8.extend_low_i8x16_u(b), i16x8.extend_low_i8x16_u(f)), 2)));
      const hi = i16x8.add(i16x8.add(i16x8.extend_high_i8x16_u(a), i16x8.extend_high_i8x16_u(g)),
        i16x8.add(i16x8.mul(i16x8.extend_high_i8x16_u(e), six), i16x8.shl(i16x8.add(i16x8.extend_high_i8x16_u(b), i16x8.extend_high_i8x16_u(f)), 2)));
      v128.store(v0 + (j << 1), lo);
      v128.store(v0 + (j << 1), hi, 16);
    }
    for (; j < wc; j++) {
      const v = <u32>load<u8>(r0 + j) + <u32>load<u8>(r4 + j) + 6 * <u32>load<u8>(r2 + j) + 4 * (<u32>load<u8>(r1 + j) + <u32>load<u8>(r3 + j));
      store<u16>(v0 + (j << 1), <u16>v);
    }
    // The border positions −2, −1 and w … 2·dw + 1: copies of their mapped columns.
    for (let p = -2; p <= 2 * dw + 1; p++) {
      if (p === 0) p = w;
      const from = vbuf + ((<usize>(load<i32>(cols + (<usize>(p + 2) << 2)) + 2) * ec) << 1), to = vbuf + ((<usize>(p + 2) * ec) << 1);
      for (let k: usize = 0; k < ec; k++) store<u16>(to + (k << 1), load<u16>(from + (k << 1)));
    }
    // Horizontal at full resolution (odd positions too), ≤ 256 · 255 + 128: (s + 128) >> 8 as bytes.
    const c1 = ec << 1, c2 = ec << 2, c3 = c1 + c2, c4 = ec << 3;
    for (let e: usize = 0; e < full; e += 16) {
      const p = vbuf + (e << 1);
      const lo = i16x8.add(i16x8.add(i16x8.add(v128.load(p), v128.load(p + c4)), round),
        i16x8.add(i16x8.mul(v128.load(p + c2), six), i16x8.shl(i16x8.add(v128.load(p + c1), v128.load(p + c3)), 2)));
      const q = p + 16;
      const hi = i16x8.add(i16x8.add(i16x8.add(v128.load(q), v128.load(q + c4)), round),
        i16x8.add(i16x8.mul(v128.load(q + c2), six), i16x8.shl(i16x8.add(v128.load(q + c1), v128.load(q + c3)), 2)));
      v128.store(rbuf + e, i8x16.narrow_i16x8_u(i16x8.shr_u(lo, 8), i16x8.shr_u(hi, 8)));
    }
    // Every second pixel: output byte j is byte 2j − (j mod c) of the full row.
    const out = d + <usize>y * dlen;
    let o: usize = 0;
    if (c === 3) {
      for (; o + 48 <= dlen; o += 48) {
        const r = rbuf + (o << 1);
        v128.store(out + o, pick2(v128.load(r), v128.load(r, 16), ma, mb));
        v128.store(out + o, pick2(v128.load(r, 31), v128.load(r, 47), m2, m3), 16);
        v128.store(out + o, pick2(v128.load(r, 62), v128.load(r, 78), m4, m5), 32);
      }
    } else if (c <= 4) {
      for (; o + 16 <= dlen; o += 16) {
        const r = rbuf + (o << 1);
        v128.store(out + o, pick2(v128.load(r), v128.load(r, 16), ma, mb));
      }
    }
    for (; o < dlen; o++) store<u8>(out + o, load<u8>(rbuf + (o << 1) - o % ec));
  }
}

/**
 * One pyrUp output row from the vertical sums u (position x at element (x + 1)·c, positions −1
 * and w filled): even pixels u[x−1] + 6 u[x] + u[x+1], odd 4 (u[x] + u[x+1]), each (s + 32) >> 6
 * (≤ 8 · 2040 + 32: 16 bits), interleaved into 2·w pixels at out. eb, ob: w·c + 32 bytes.
 */
function upRow(u: usize, w: i32, c: i32, out: usize, eb: usize, ob: usize): void {
  const wc = <usize>(w * c), ec = <usize>c, cb = ec << 1;
  const six = i16x8.splat(6), round = i16x8.splat(32);
  for (let e: usize = 0; e < wc; e += 16) {
    const p = u + (e << 1) + cb; // position x
    const a0 = v128.load(p - cb), b0 = v128.load(p), n0 = v128.load(p + cb);
    const a1 = v128.load(p - cb, 16), b1 = v128.load(p, 16), n1 = v128.load(p + cb, 16);
    const even0 = i16x8.shr_u(i16x8.add(i16x8.add(a0, n0), i16x8.add(i16x8.mul(b0, six), round)), 6);
    const even1 = i16x8.shr_u(i16x8.add(i16x8.add(a1, n1), i16x8.add(i16x8.mul(b1, six), round)), 6);
    const odd0 = i16x8.shr_u(i16x8.add(i16x8.shl(i16x8.add(b0, n0), 2), round), 6);
    const odd1 = i16x8.shr_u(i16x8.add(i16x8.shl(i16x8.add(b1, n1), 2), round), 6);
    v128.store(eb + e, i8x16.narrow_i16x8_u(even0, even1));
    v128.store(ob + e, i8x16.narrow_i16x8_u(odd0, odd1));
  }
  let i: usize = 0; // bytes of eb/ob done
  if (c === 3) {
    const m0 = mask(UP3, 0), m1 = mask(UP3, 1), m2 = mask(UP3, 2), m3 = mask(UP3, 3), m4 = mask(UP3, 4), m5 = mask(UP3, 5);
    for (; i + 24 <= wc; i += 24) {
      const e = eb + i, o = ob + i, to = out + (i << 1);
      v128.store(to, pick2(v128.load(e), v128.load(o), m0, m1));
      v128.store(to, pick2(v128.load(e, 6), v128.load(o, 6), m2, m3), 16);
      v128.store(to, pick2(v128.load(e, 8), v128.load(o, 8), m4, m5), 32);
    }
  } else if (c === 1 || c === 2 || c === 4) {
    for (; i + 16 <= wc; i += 16) {
      const e = v128.load(eb + i), o = v128.load(ob + i), to = out + (i << 1);
      if (c === 1) {
        v128.store(to, i8x16.shuffle(e, o, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23));
        v128.store(to, i8x16.shuffle(e, o, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31), 16);
      } else if (c === 2) {
        v128.store(to, i16x8.shuffle(e, o, 0, 8, 1, 9, 2, 10, 3, 11));
        v128.store(to, i16x8.shuffle(e, o, 4, 12, 5, 13, 6, 14, 7, 15), 16);
      } else {
        v128.store(to, zipLow32(e, o));
        v128.store(to, zipHigh32(e, o), 16);
      }
    }
  }
  // The rest pixel by pixel (i is a whole number of pixels).
  for (; i < wc; i += ec) {
    const to = out + (i << 1);
    for (let k: usize = 0; k < ec; k++) {
      store<u8>(to + k, load<u8>(eb + i + k));
      store<u8>(to + ec + k, load<u8>(ob + i + k));
    }
  }
}

/**
 * pyrUp of the packed w × h, c-channel image at s into 2w × 2h at d. rows: the mapped source row
 * (int32) of each position −1 … h; ebuf, obuf: (w + 2)·c + 16 uint16 each (the vertical sums
 * of the even and odd output rows); eb, ob: w·c + 32 bytes each.
 */
export function pyrUpRows(s: usize, w: i32, h: i32, c: i32, d: usize, rows: usize, ebuf: usize, obuf: usize, eb: usize, ob: usize): void {
  const wc = <usize>(w * c), ec = <usize>c, cb = ec << 1, dlen = wc << 1;
  const six = i16x8.splat(6);
  const e0 = ebuf + cb, o0 = obuf + cb; // position 0
  for (let y = 0; y < h; y++) {
    const at = rows + (<usize>y << 2);
    const r0 = s + <usize>load<i32>(at) * wc, r1 = s + <usize>load<i32>(at, 4) * wc, r2 = s + <usize>load<i32>(at, 8) * wc;
    // Vertical: even rows r0 + 6 r1 + r2, odd rows 4 (r1 + r2), ≤ 8 · 255.
    let j: usize = 0;
    for (; j + 16 <= wc; j += 16) {
      const a = v128.load(r0 + j), b = v128.load(r1 + j), n = v128.load(r2 + j);
      const al = i16x8.extend_low_i8x16_u(a), bl = i16x8.extend_low_i8x16_u(b), nl = i16x8.extend_low_i8x16_u(n);
      const ah = i16x8.extend_high_i8x16_u(a), bh = i16x8.extend_high_i8x16_u(b), nh = i16x8.extend_high_i8x16_u(n);
      v128.store(e0 + (j << 1), i16x8.add(i16x8.add(al, nl), i16x8.mul(bl, six)));
      v128.store(e0 + (j << 1), i16x8.add(i16x8.add(ah, nh), i16x8.mul(bh, six)), 16);
      v128.store(o0 + (j << 1), i16x8.shl(i16x8.add(bl, nl), 2));
      v128.store(o0 + (j << 1), i16x8.shl(i16x8.add(bh, nh), 2), 16);
    }
    for (; j < wc; j++) {
      const a = <u32>load<u8>(r0 + j), b = <u32>load<u8>(r1 + j), n = <u32>load<u8>(r2 + j);
      store<u16>(e0 + (j << 1), <u16>(a + 6 * b + n));
      store<u16>(o0 + (j << 1), <u16>(4 * (b + n)));
    }
    // Positions −1 (= 1, or 0 when w = 1: reflect101) and w (= w − 1: OpenCV's right edge).
    const left = w > 1 ? cb : 0, right = (wc << 1) - cb;
    for (let k: usize = 0; k < cb; k += 2) {
      store<u16>(ebuf + k, load<u16>(e0 + left + k));
      store<u16>(obuf + k, load<u16>(o0 + left + k));
      store<u16>(e0 + (wc << 1) + k, load<u16>(e0 + right + k));
      store<u16>(o0 + (wc << 1) + k, load<u16>(o0 + right + k));
    }
    const out = d + <usize>(2 * y) * dlen;
    upRow(ebuf, w, c, out, eb, ob);
    upRow(obuf, w, c, out + dlen, eb, ob);
  }
}
