// warpAffine and getRotationMatrix2D: a naive per-pixel model of cv2.warpAffine's fixed-point rules
// (docs/resampling.md, with OpenCV's 15-bit weight table) against the fast paths, on every layout
// and border mode; properties; options and errors. Bit-exactness against OpenCV itself is checked
// by the golden fixtures (test/golden/fixtures/resampling).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PixelArray, clone, full, fromData, zeros } from '../../src/index.ts';
import { borderIndex, type BorderMode } from '../../src/imgproc/border.ts';
import { getRotationMatrix2D, warpAffine, type WarpAffineOptions, type WarpInterpolation } from '../../src/imgproc/warp.ts';
import { layouts, pixels, randomImage, SHAPES } from '../helpers.ts';

const rhe = (x: number): number => {
  const r = Math.round(x);
  return r - x === 0.5 && (r & 1) !== 0 ? r - 1 : r;
};
const short = (v: number): number => Math.max(-32768, Math.min(32767, v));
const BORDERS: BorderMode[] = ['constant', 'replicate', 'reflect', 'reflect101', 'wrap'];

/** OpenCV's bilinear weights: (32 − ay, ay) × (32 − ax, ax) × 32, entry (0, 0) = (32767, 0, 0, 1). */
function weights(ax: number, ay: number): number[] {
  if (ax === 0 && ay === 0) return [32767, 0, 0, 1];
  return [(32 - ay) * (32 - ax) * 32, (32 - ay) * ax * 32, ay * (32 - ax) * 32, ay * ax * 32];
}

function naiveWarp(a: PixelArray, M: number[], dw: number, dh: number, interpolation: WarpInterpolation,
  border: BorderMode, cval: number[], inverse = false): number[] {
  const [sh, sw, c] = a.shape;
  let m = M;
  if (!inverse) {
    let D = m[0] * m[4] - m[1] * m[3];
    D = D !== 0 ? 1 / D : 0;
    const m0 = m[4] * D, m1 = m[1] * -D, m3 = m[3] * -D, m4 = m[0] * D;
    m = [m0, m1, -m0 * m[2] - m1 * m[5], m3, m4, -m3 * m[2] - m4 * m[5]];
  }
  const out: number[] = [];
  const pix = (y: number, x: number, k: number): number => {
    const yy = border === 'replicate' ? Math.min(Math.max(y, 0), sh - 1) : borderIndex(y, sh, border);
    const xx = border === 'replicate' ? Math.min(Math.max(x, 0), sw - 1) : borderIndex(x, sw, border);
    return yy < 0 || xx < 0 ? cval[k] : a.get(yy, xx, k);
  };
  const nearest = interpolation === 'nearest';
  const rd = nearest ? 512 : 16;
  for (let y = 0; y < dh; y++) {
    const X0 = rhe((m[1] * y + m[2]) * 1024) + rd, Y0 = rhe((m[4] * y + m[5]) * 1024) + rd;
    for (let x = 0; x < dw; x++) {
      const X = X0 + rhe(m[0] * x * 1024), Y = Y0 + rhe(m[3] * x * 1024);
      for (let k = 0; k < c; k++) {
        if (nearest) {
          out.push(pix(short(Y >> 10), short(X >> 10), k));
          continue;
        }
        const sx = short(X >> 10), sy = short(Y >> 10);
        const w = weights((X >> 5) & 31, (Y >> 5) & 31);
        const v = pix(sy, sx, k) * w[0] + pix(sy, sx + 1, k) * w[1] + pix(sy + 1, sx, k) * w[2] + pix(sy + 1, sx + 1, k) * w[3];
        out.push((v + 16384) >> 15);
      }
    }
  }
  return out;
}

test('getRotationMatrix2D is OpenCV\'s formula in float64, center through float32', () => {
  assert.deepEqual(getRotationMatrix2D([100, 80], 15, 1), [
    [0.9659258262890683, 0.25881904510252074, -17.29810623710849],
    [-0.25881904510252074, 0.9659258262890683, 28.607838407126607]]);
  assert.deepEqual(getRotationMatrix2D([100, 80], 90, 1), [
    [6.123233995736766e-17, 1, 19.999999999999986], [-1, 6.123233995736766e-17, 180]]);
  assert.deepEqual(getRotationMatrix2D([0, 0], 0), [[1, 0, 0], [-0, 1, 0]]);
  // cos(−63°) correctly rounded (as glibc gives it); a plain Math.cos is one ulp off here
  assert.equal(getRotationMatrix2D([0, 0], -63, 1)[0][0], 0.4539904997395468);
  const m = getRotationMatrix2D([0.1, 0.2], 30, 2);
  const cx = Math.fround(0.1), cy = Math.fround(0.2);
  assert.equal(m[0][2], (1 - m[0][0]) * cx - m[0][1] * cy);
  assert.equal(m[1][2], m[0][1] * cx + (1 - m[0][0]) * cy);
  assert.throws(() => getRotationMatrix2D([1] as unknown as [number, number], 0, 1), { name: 'TypeError', message: /^center: / });
  assert.throws(() => getRotationMatrix2D([1, NaN], 0, 1), { name: 'RangeError', message: /^center\[1\]: expected a finite number/ });
  assert.throws(() => getRotationMatrix2D([1, 2], Infinity, 1), { name: 'RangeError', message: /^angle: / });
  assert.throws(() => getRotationMatrix2D([1, 2], 0, '2' as unknown as number), { name: 'TypeError', message: /^scale: / });
});

test('matches the naive model for every border, interpolation and layout', () => {
  const mats: number[][] = [
    getRotationMatrix2D([4.5, 3], 15, 1).flat(), getRotationMatrix2D([2, 6], -130, 0.7).flat(),
    [1, 0, 1.25, 0, 1, -0.75], [1.7, 0.2, -2, -0.3, 1.4, 1], [0.5, 0, 0, 0, 0.5, 0],
  ];
  const shapes = SHAPES.filter(([h, w]) => h * w <= 300);
  for (const [h, w, c] of shapes) {
    const a = randomImage(h, w, c, 11 * h + w);
    const cval = Array.from({ length: c }, (_, k) => 20 + 40 * k);
    for (const M of mats) {
      for (const interpolation of ['bilinear', 'nearest'] as WarpInterpolation[]) {
        for (const border of BORDERS) {
          const [dw, dh] = [w + 3, h + 2];
          const want = naiveWarp(a, M, dw, dh, interpolation, border, cval);
          for (const [layout, view] of Object.entries(layouts(a))) {
            const got = warpAffine(view, M, dw, dh, { interpolation, border, borderValue: cval });
            assert.deepEqual(pixels(got), want, `${interpolation} ${border} ${layout} ${h}x${w}x${c} M=${M}`);
          }
        }
      }
    }
  }
});

test('the RGB/RGBA fast paths agree with the model on larger images', () => {
  for (const c of [1, 3, 4]) {
    const a = randomImage(30, 41, c, 3 + c);
    for (const M of [getRotationMatrix2D([20, 15], 33, 1.1).flat(), getRotationMatrix2D([0, 0], 200, 0.6).flat(), [1, 0, -0.5, 0, 1, 0.5]]) {
      for (const border of ['constant', 'reflect101', 'replicate'] as BorderMode[]) {
        for (const interpolation of ['bilinear', 'nearest'] as WarpInterpolation[]) {
          const want = naiveWarp(a, M, 45, 33, interpolation, border, [9, 99, 199, 255].slice(0, c));
          for (const [layout, view] of Object.entries(layouts(a))) {
            const got = warpAffine(view, M, 45, 33, { interpolation, border, borderValue: [9, 99, 199, 255].slice(0, c) });
            assert.deepEqual(pixels(got), want, `${interpolation} ${border} ${layout} c=${c}`);
          }
        }
      }
    }
  }
});

test('rows that share memory (a zero row stride) and rows ending the buffer read safely', () => {
  const row = Uint8Array.from({ length: 15 }, (_, i) => (i * 37) & 255);
  const a = new PixelArray(row, [6, 5, 3], [0, 3, 1], 0); // every row is the same 15 bytes
  const M = getRotationMatrix2D([2, 3], 20, 1.1);
  for (const interpolation of ['bilinear', 'nearest'] as WarpInterpolation[]) {
    for (const border of BORDERS) {
      assert.deepEqual(pixels(warpAffine(a, M, 5, 6, { interpolation, border })), pixels(warpAffine(clone(a), M, 5, 6, { interpolation, border })));
    }
  }
  // the source's last byte is the buffer's last byte: the bottom-right pixels are still exact
  const b = randomImage(4, 4, 3, 1);
  const shift = [1, 0, -0.5, 0, 1, -0.5]; // every output pixel blends four source pixels
  assert.deepEqual(pixels(warpAffine(b, shift, 4, 4)), naiveWarp(b, shift, 4, 4, 'bilinear', 'constant', [0, 0, 0]));
});

test('far-away coordinates saturate to int16 as in OpenCV, and reflect far out', () => {
  const a = randomImage(5, 6, 3, 8);
  for (const border of BORDERS) {
    for (const M of [[1, 0, 70000.5, 0, 1, -3], [1, 0, -1e6, 0, 1, 1e6], [0, 0, 2, 0, 0, 1]]) {
      for (const interpolation of ['bilinear', 'nearest'] as WarpInterpolation[]) {
        const want = naiveWarp(a, M, 7, 4, interpolation, border, [1, 2, 3]);
        assert.deepEqual(pixels(warpAffine(a, M, 7, 4, { interpolation, border, borderValue: [1, 2, 3] })), want, `${border} ${M}`);
      }
    }
  }
});

test('identity and integer shifts; inverseMap skips the inversion', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, 4);
    for (const interpolation of ['bilinear', 'nearest'] as WarpInterpolation[]) {
      for (const border of BORDERS) {
        assert.deepEqual(pixels(warpAffine(a, [[1, 0, 0], [0, 1, 0]], w, h, { interpolation, border })), pixels(a));
      }
      // shift right by 2, down by 1: uncovered pixels take the border value
      const s = warpAffine(a, [[1, 0, 2], [0, 1, 1]], w, h, { interpolation, borderValue: 200 });
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) {
        assert.equal(s.get(y, x, k), y >= 1 && x >= 2 ? a.get(y - 1, x - 2, k) : 200);
      }
    }
  }
  const a = randomImage(12, 15, 3, 6);
  const M = [[2, 0, 4], [0, 0.5, 1]], inv = [[0.5, 0, -2], [0, 2, -2]];
  for (const interpolation of ['bilinear', 'nearest'] as WarpInterpolation[]) {
    assert.deepEqual(pixels(warpAffine(a, M, 20, 9, { interpolation })),
      pixels(warpAffine(a, inv, 20, 9, { interpolation, inverseMap: true })));
  }
});

test('a constant image stays constant inside; the border value fills the outside', () => {
  for (const c of [1, 2, 3, 4, 5]) {
    const a = full(10, 12, c, 77);
    const r = warpAffine(a, getRotationMatrix2D([6, 5], 37, 1.2), 12, 10, { borderValue: 77 });
    assert.ok(r.data.every((v) => v === 77), `c=${c}`);
    const far = warpAffine(a, [1, 0, 100, 0, 1, 0], 4, 3, { borderValue: 300 });
    assert.ok(far.data.every((v) => v === 255), 'border values saturate');
    const half = warpAffine(a, [1, 0, 100, 0, 1, 0], 4, 3, { borderValue: 2.5 });
    assert.ok(half.data.every((v) => v === 2), 'border values round half to even');
    for (const border of ['replicate', 'reflect', 'reflect101', 'wrap'] as BorderMode[]) {
      const b = warpAffine(a, getRotationMatrix2D([6, 5], -71, 0.6), 15, 11, { border });
      assert.ok(b.data.every((v) => v === 77), `${border} c=${c}`);
    }
  }
});

test('inputs are never modified and { out } is honoured', () => {
  const a = randomImage(9, 11, 3, 12);
  const before = pixels(a);
  const M = getRotationMatrix2D([5, 4], 20, 1);
  const want = pixels(warpAffine(a, M, 8, 6));
  assert.deepEqual(pixels(a), before);
  const out = zeros(6, 8, 3);
  assert.equal(warpAffine(a, M, 8, 6, { out }), out);
  assert.deepEqual(pixels(out), want);
  const host = zeros(10, 10, 3);
  const view = new PixelArray(host.data, [6, 8, 3], [30, 3, 1], 31);
  warpAffine(a, M, 8, 6, { out: view });
  assert.deepEqual(pixels(view), want);
  // out over the input itself: the result is as if the input had been read first
  const b = clone(a);
  const inPlace = warpAffine(b, M, 11, 9, { out: b });
  assert.equal(inPlace, b);
  assert.deepEqual(pixels(b), pixels(warpAffine(a, M, 11, 9)));
  assert.throws(() => warpAffine(a, M, 8, 6, { out: zeros(6, 8, 4) }), { name: 'RangeError', message: /^options\.out: / });
  // typed-array and flat matrices are the same matrix
  assert.deepEqual(pixels(warpAffine(a, Float64Array.from(M.flat()), 8, 6)), want);
  assert.deepEqual(pixels(warpAffine(a, M.flat(), 8, 6)), want);
});

test('refuses bad matrices, sizes and options, naming the argument', () => {
  const a = zeros(4, 5, 3);
  const I = [[1, 0, 0], [0, 1, 0]];
  assert.throws(() => warpAffine(a, 'M' as never, 4, 4), { name: 'TypeError', message: /^matrix: expected a 2×3 matrix/ });
  assert.throws(() => warpAffine(a, [[1, 0, 0]] as never, 4, 4), { name: 'RangeError', message: /^matrix: / });
  assert.throws(() => warpAffine(a, [[1, 0], [0, 1]] as never, 4, 4), { name: 'RangeError', message: /^matrix\[0\]: expected a row of 3 numbers/ });
  assert.throws(() => warpAffine(a, [[1, 0, 0], 5] as never, 4, 4), { name: 'TypeError', message: /^matrix\[1\]: / });
  assert.throws(() => warpAffine(a, [[1, 0, NaN], [0, 1, 0]], 4, 4), { name: 'RangeError', message: /^matrix\[0\]\[2\]: expected a finite number, got NaN$/ });
  assert.throws(() => warpAffine(a, [[1, 0, 0], [0, '1', 0]] as never, 4, 4), { name: 'TypeError', message: /^matrix\[1\]\[1\]: / });
  assert.throws(() => warpAffine(a, [1, 0, 0, 0, 1], 4, 4), { name: 'RangeError', message: /^matrix: / });
  assert.throws(() => warpAffine(a, [1, 0, 0, 0, 1, Infinity], 4, 4), { name: 'RangeError', message: /^matrix\[5\]: / });
  assert.throws(() => warpAffine(a, I, 0, 4), { name: 'RangeError', message: /^width: expected an integer ≥ 1, got 0$/ });
  assert.throws(() => warpAffine(a, I, 4, 1.5), { name: 'RangeError', message: /^height: / });
  assert.throws(() => warpAffine(a, I, 4, 4, { interpolation: 'area' as WarpInterpolation }),
    { name: 'RangeError', message: /^options\.interpolation: expected one of 'bilinear', 'nearest', 'cubic', 'lanczos4', got "area"$/ });
  assert.throws(() => warpAffine(a, I, 4, 4, { border: 'mirror' as BorderMode }), { name: 'RangeError', message: /^options\.border: / });
  assert.throws(() => warpAffine(a, I, 4, 4, { borderValue: [1, 2] }), { name: 'RangeError', message: /^options\.borderValue: expected 1 or 3 values/ });
  assert.throws(() => warpAffine(a, I, 4, 4, { borderValue: [1, NaN, 3] }), { name: 'RangeError', message: /^options\.borderValue\[1\]: / });
  assert.throws(() => warpAffine(a, I, 4, 4, { borderValue: '0' as never }), { name: 'TypeError', message: /^options\.borderValue: / });
  assert.throws(() => warpAffine(a, I, 4, 4, { inverseMap: 1 as never }), { name: 'TypeError', message: /^options\.inverseMap: / });
  assert.throws(() => warpAffine(a, I, 4, 4, 5 as unknown as WarpAffineOptions), { name: 'TypeError', message: /^options: / });
  assert.throws(() => warpAffine(null as unknown as PixelArray, I, 4, 4), { name: 'TypeError', message: /^a: / });
  assert.throws(() => warpAffine(zeros(3, 0, 3), I, 4, 4), { name: 'RangeError', message: /^a: expected a non-empty image/ });
  assert.throws(() => warpAffine(fromData(new Uint8Array(3), 1, 1, 3), I, 60000, 60000), { name: 'RangeError', message: /^width, height: / });
});
