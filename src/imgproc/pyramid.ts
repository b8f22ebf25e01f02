// cv2.pyrDown / cv2.pyrUp on uint8, bit for bit: OpenCV's 5-tap [1 4 6 4 1] Gaussian in integers,
// rounded by (s + 128) >> 8 (down) and (s + 32) >> 6 (up), with its own border handling.
import { checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { finishOutput, startOutput, withContiguousRows } from '../core/copy.ts';
import { rangeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, PixelArray, type Shape } from '../core/pixelarray.ts';
import { borderIndex, checkBorder, type BorderMode } from './border.ts';
import { rowStart } from './filter-common.ts';

const PYRAMID_KEYS = ['border', 'out'];

/** Options of `pyrDown`. */
export interface PyrDownOptions {
  /**
   * How pixels outside the image are made up (default `'reflect101'`); `'constant'` is refused, as
   * cv2.pyrDown refuses BORDER_CONSTANT.
   */
  border?: Exclude<BorderMode, 'constant'>;
  /** Write the result here (shape `[(h + 1) >> 1, (w + 1) >> 1, c]`) instead of allocating; returned. */
  out?: PixelArray;
}

/** Options of `pyrUp`. */
export interface PyrUpOptions {
  /** Only `'reflect101'` (the default): cv2.pyrUp accepts BORDER_DEFAULT alone. */
  border?: 'reflect101';
  /** Write the result here (shape `[2h, 2w, c]`) instead of allocating; returned. */
  out?: PixelArray;
}

/**
 * `cv2.pyrDown(a, borderType=border)`: blurs with the 5×5 kernel `[1 4 6 4 1]ᵀ[1 4 6 4 1] / 256`
 * and keeps every second row and column (the even ones), giving `((h + 1) >> 1) × ((w + 1) >> 1)`.
 * Integer sums rounded by `(s + 128) >> 8`, exactly as OpenCV's fixed point; any channel count.
 * Odd sizes: the last output column/row centres on the last even source index, its taps beyond
 * the edge made up by `border` (`'reflect101'` default, `'replicate'`, `'reflect'`, `'wrap'`).
 */
export function pyrDown(a: PixelArray, options?: PyrDownOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('pyrDown', ['a', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  checkOptionKeys(opts, PYRAMID_KEYS);
  const border = checkBorder(opts.border);
  if (border === 'constant') {
    throw rangeError('options.border', "'reflect101', 'replicate', 'reflect' or 'wrap' (cv2.pyrDown refuses BORDER_CONSTANT)", border);
  }
  const [h, w, c] = a.shape;
  if (h === 0 || w === 0) throw rangeError('a', 'a non-empty image (cv2.pyrDown refuses empty inputs)', a);
  const shape: Shape = [(h + 1) >> 1, (w + 1) >> 1, c];
  const out = checkOut(opts.out, shape);
  const dst = startOutput(shape, out, [a]);
  down(withContiguousRows(a), dst, border);
  return finishOutput(dst, out);
}

function down(src: PixelArray, dst: PixelArray, border: BorderMode): void {
  const [h, w, c] = src.shape;
  const [dh, dw] = dst.shape;
  const sd = src.data, dd = dst.data;
  const dlen = dw * c;
  // A source row with its horizontal border: positions −2 .. 2·dw (so every output column has its
  // five taps), position p at element (p + 2) · c.
  const span = 2 * dw + 3;
  const padded = new Uint8Array(span * c);
  const inner = Math.min(w, 2 * dw + 1); // source columns 0 .. inner − 1 are copied as they are
  const cols = new Int32Array(span);
  for (let p = -2; p <= 2 * dw; p++) cols[p + 2] = borderIndex(p, w, border);
  // Five horizontally filtered rows (ring buffer keyed by source row position), max 16·255.
  const words = (dlen + 1) >> 1;
  const ring = [0, 1, 2, 3, 4].map(() => new Uint16Array(2 * words));
  const ring32 = ring.map((r) => new Int32Array(r.buffer));
  const outRow = new Uint16Array(words);
  const held = new Int32Array(5).fill(-0x40000000);
  /** The ring row holding the horizontal pass of source row sy (border-mapped), made if needed. */
  const row = (sy: number): Int32Array => {
    const k = ((sy % 5) + 5) % 5;
    const r = ring[k];
    if (held[k] === sy) return ring32[k];
    held[k] = sy;
    const si = rowStart(src, borderIndex(sy, h, border));
    padded.set(sd.subarray(si, si + inner * c), 2 * c);
    for (let p = -2; p < 0; p++) copyPixel(sd, si + cols[p + 2] * c, padded, (p + 2) * c, c);
    for (let p = inner; p <= 2 * dw; p++) copyPixel(sd, si + cols[p + 2] * c, padded, (p + 2) * c, c);
    horizontalDown(padded, r, dw, c);
    return ring32[k];
  };
  const outBytes = new Uint8Array(outRow.buffer);
  for (let y = 0; y < dh; y++) {
    const r0 = row(2 * y - 2), r1 = row(2 * y - 1), r2 = row(2 * y), r3 = row(2 * y + 1), r4 = row(2 * y + 2);
    // Two 16-bit lanes per word: a lane's sum (s + 128 ≤ 255 · 256 + 128) never carries into the next.
    for (let q = 0; q < words; q++) {
      const v = (r0[q] + r4[q] + Math.imul(6, r2[q]) + ((r1[q] + r3[q]) << 2) + 0x00800080) | 0;
      outRow[q] = ((v >>> 8) & 0xff) | ((v >>> 16) & 0xff00);
    }
    dd.set(outBytes.subarray(0, dlen), dst.offset + y * dlen);
  }
}

/** out[x] = p[2x] + 4 p[2x+1] + 6 p[2x+2] + 4 p[2x+3] + p[2x+4] (in pixels of c channels). */
function horizontalDown(p: Uint8Array, out: Uint16Array, dw: number, c: number): void {
  if (c === 1) {
    for (let x = 0, j = 0; x < dw; x++, j += 2) out[x] = p[j] + p[j + 4] + 6 * p[j + 2] + 4 * (p[j + 1] + p[j + 3]);
    return;
  }
  if (c === 3) {
    for (let x = 0, j = 0, i = 0; x < dw; x++, j += 6, i += 3) {
      out[i] = p[j] + p[j + 12] + 6 * p[j + 6] + 4 * (p[j + 3] + p[j + 9]);
      out[i + 1] = p[j + 1] + p[j + 13] + 6 * p[j + 7] + 4 * (p[j + 4] + p[j + 10]);
      out[i + 2] = p[j + 2] + p[j + 14] + 6 * p[j + 8] + 4 * (p[j + 5] + p[j + 11]);
    }
    return;
  }
  const c2 = 2 * c, c3 = 3 * c, c4 = 4 * c;
  for (let x = 0, j = 0, i = 0; x < dw; x++, j += c2 - c, i += c) {
    for (let k = 0; k < c; k++, j++) out[i + k] = p[j] + p[j + c4] + 6 * p[j + c2] + 4 * (p[j + c] + p[j + c3]);
  }
}

/**
 * `cv2.pyrUp(a)`: doubles each side (`2h × 2w`), inserting zeros and blurring with the 5×5 kernel
 * `[1 4 6 4 1]ᵀ[1 4 6 4 1] / 64`: each output pixel is `(s + 32) >> 6` of an integer sum, exactly as
 * OpenCV. The border is reflect101 on the zero-inserted `2h × 2w` grid (source pixels at even
 * positions): at the top and left this is the image's reflect101, past the bottom and right edges
 * the last row/column counts twice (the last two values of a row before the vertical pass are
 * `s[w−2] + 7·s[w−1]` and `8·s[w−1]`, as in OpenCV's pyrUp_). Only `border: 'reflect101'` is
 * accepted, as cv2.pyrUp accepts BORDER_DEFAULT alone. Any channel count.
 */
export function pyrUp(a: PixelArray, options?: PyrUpOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('pyrUp', ['a', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  checkOptionKeys(opts, PYRAMID_KEYS);
  const border = checkBorder(opts.border);
  if (border !== 'reflect101') {
    throw rangeError('options.border', "'reflect101' (cv2.pyrUp accepts BORDER_DEFAULT only)", border);
  }
  const [h, w, c] = a.shape;
  if (h === 0 || w === 0) throw rangeError('a', 'a non-empty image (cv2.pyrUp refuses empty inputs)', a);
  const shape: Shape = [2 * h, 2 * w, c];
  const out = checkOut(opts.out, shape);
  const dst = startOutput(shape, out, [a]);
  up(withContiguousRows(a), dst);
  return finishOutput(dst, out);
}

function up(src: PixelArray, dst: PixelArray): void {
  const [h, w, c] = src.shape;
  const sd = src.data, dd = dst.data;
  const dlen = 2 * w * c;
  // Three horizontally upsampled rows (max 8·255), keyed by source row position.
  const words = dlen >> 1; // dlen = 2·w·c is even
  const ring = [0, 1, 2].map(() => new Uint16Array(dlen));
  const ring32 = ring.map((r) => new Int32Array(r.buffer));
  const even = new Uint16Array(words), odd = new Uint16Array(words);
  const evenBytes = new Uint8Array(even.buffer), oddBytes = new Uint8Array(odd.buffer);
  const held = new Int32Array(3).fill(-0x40000000);
  /** The ring row holding the horizontal pass of source row sy (border-mapped), made if needed. */
  const row = (sy: number): Int32Array => {
    const k = ((sy % 3) + 3) % 3;
    if (held[k] !== sy) {
      held[k] = sy;
      horizontalUp(sd, rowStart(src, borderIndex(2 * sy, 2 * h, 'reflect101') >> 1), ring[k], w, c);
    }
    return ring32[k];
  };
  for (let y = 0; y < h; y++) {
    const r0 = row(y - 1), r1 = row(y), r2 = row(y + 1);
    const o0 = dst.offset + 2 * y * dlen;
    // Two 16-bit lanes per word (sums + 32 ≤ 8 · 8 · 255 + 32, no carry between lanes); a lane's
    // (s + 32) >> 6 is bits 6..13 of the word, the other's bits 22..29.
    for (let q = 0; q < words; q++) {
      const b = r1[q], d = r2[q];
      const u = (r0[q] + Math.imul(6, b) + d + 0x00200020) | 0, v = (((b + d) << 2) + 0x00200020) | 0;
      even[q] = ((u >>> 6) & 0xff) | ((u >>> 14) & 0xff00);
      odd[q] = ((v >>> 6) & 0xff) | ((v >>> 14) & 0xff00);
    }
    dd.set(evenBytes.subarray(0, dlen), o0);
    dd.set(oddBytes.subarray(0, dlen), o0 + dlen);
  }
}

/** One source row doubled: even outputs s[x−1] + 6 s[x] + s[x+1], odd 4 (s[x] + s[x+1]), OpenCV's edges. */
function horizontalUp(s: Uint8Array, si: number, out: Uint16Array, w: number, c: number): void {
  if (w === 1) {
    for (let k = 0; k < c; k++) out[k] = out[c + k] = 8 * s[si + k];
    return;
  }
  const last = (w - 1) * c;
  for (let k = 0; k < c; k++) {
    const a0 = s[si + k], a1 = s[si + c + k];
    out[k] = 6 * a0 + 2 * a1;
    out[c + k] = 4 * (a0 + a1);
    const z = s[si + last + k];
    out[2 * last + k] = s[si + last - c + k] + 7 * z;
    out[2 * last + c + k] = 8 * z;
  }
  for (let i = c, j = si + c; i < last; i++, j++) {
    const x = s[j], n = s[j + c];
    const e = 2 * i - (i % c);
    out[e] = s[j - c] + 6 * x + n;
    out[e + c] = 4 * (x + n);
  }
}

function copyPixel(s: Uint8Array, si: number, d: Uint8Array, di: number, c: number): void {
  for (let k = 0; k < c; k++) d[di + k] = s[si + k];
}
