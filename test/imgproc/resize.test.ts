// resize: a naive per-pixel model of cv2.resize's 8-bit rules (docs/resampling.md) against the
// fast paths, on every layout; properties; options and errors. The bit-exactness against OpenCV
// itself is checked by the golden fixtures (test/golden/fixtures/resampling).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PixelArray, clone, full, fromData, zeros } from '../../src/index.ts';
import { resize, type ResizeInterpolation } from '../../src/imgproc/resize.ts';
import { layouts, pixels, randomImage, SHAPES } from '../helpers.ts';

const f32 = Math.fround;
const rhe = (x: number): number => {
  const r = Math.round(x);
  return r - x === 0.5 && (r & 1) !== 0 ? r - 1 : r;
};
const sat = (v: number): number => Math.max(0, Math.min(255, v));

/** Straight from the documented rules, one output element at a time. */
function naiveResize(a: PixelArray, dw: number, dh: number, interpolation: ResizeInterpolation): number[] {
  const [sh, sw, c] = a.shape;
  const at = (y: number, x: number, k: number): number => a.get(y, x, k);
  const out: number[] = [];
  if (sw === dw && sh === dh) return pixels(a);
  if (interpolation === 'nearest') {
    const ifx = 1 / (dw / sw), ify = 1 / (dh / sh);
    for (let y = 0; y < dh; y++) for (let x = 0; x < dw; x++) for (let k = 0; k < c; k++) {
      out.push(at(Math.min(Math.floor(y * ify), sh - 1), Math.min(Math.floor(x * ifx), sw - 1), k));
    }
    return out;
  }
  const invX = dw / sw, invY = dh / sh, sx = 1 / invX, sy = 1 / invY;
  const isx = rhe(sx), isy = rhe(sy);
  const fast = Math.abs(sx - isx) < 2.220446049250313e-16 && Math.abs(sy - isy) < 2.220446049250313e-16;
  let mode = interpolation;
  if (mode === 'bilinear' && fast && isx === 2 && isy === 2) mode = 'area';
  if (mode === 'area' && sx >= 1 && sy >= 1) {
    if (fast) {
      const halfUp = isx === 2 && isy === 2 && (c === 1 || c === 3 || c === 4);
      const scale = f32(1 / (isx * isy));
      for (let y = 0; y < dh; y++) for (let x = 0; x < dw; x++) for (let k = 0; k < c; k++) {
        let s = 0;
        for (let j = 0; j < isy; j++) for (let i = 0; i < isx; i++) s += at(y * isy + j, x * isx + i, k);
        out.push(halfUp ? (s + 2) >> 2 : sat(rhe(f32(f32(s) * scale))));
      }
      return out;
    }
    const tab = (ssize: number, dsize: number, scale: number): [number, number, number][] => {
      const t: [number, number, number][] = [];
      for (let d = 0; d < dsize; d++) {
        const f1 = d * scale, f2 = f1 + scale, cell = Math.min(scale, ssize - f1);
        const s2 = Math.min(Math.floor(f2), ssize - 1);
        const s1 = Math.min(Math.ceil(f1), s2);
        if (s1 - f1 > 1e-3) t.push([d, s1 - 1, f32((s1 - f1) / cell)]);
        for (let s = s1; s < s2; s++) t.push([d, s, f32(1 / cell)]);
        if (f2 - s2 > 1e-3) t.push([d, s2, f32(Math.min(Math.min(f2 - s2, 1), cell) / cell)]);
      }
      return t;
    };
    const xt = tab(sw, dw, sx), yt = tab(sh, dh, sy);
    for (let y = 0; y < dh; y++) for (let x = 0; x < dw; x++) for (let k = 0; k < c; k++) {
      let sum = 0;
      for (const [dy, syy, beta] of yt) {
        if (dy !== y) continue;
        let row = 0;
        for (const [dx, sxx, alpha] of xt) if (dx === x) row = f32(row + f32(at(syy, sxx, k) * alpha));
        sum = f32(sum + f32(beta * row));
      }
      out.push(sat(rhe(sum)));
    }
    return out;
  }
  const areaMode = mode === 'area';
  const coef = (d: number, scale: number, inv: number): [number, number] => {
    if (!areaMode) {
      const f = f32((d + 0.5) * scale - 0.5), s = Math.floor(f);
      return [s, f32(f - s)];
    }
    const s = Math.floor(d * scale);
    const f = f32((d + 1) - (s + 1) * inv);
    return [s, f <= 0 ? 0 : f32(f - Math.floor(f))];
  };
  const w11 = (f: number): [number, number] => [rhe(f32(1 - f) * 2048), rhe(f * 2048)];
  for (let y = 0; y < dh; y++) {
    const [yy, fy] = coef(y, sy, invY);
    const [b0, b1] = w11(fy);
    const r0 = Math.min(Math.max(yy, 0), sh - 1), r1 = Math.min(Math.max(yy + 1, 0), sh - 1);
    for (let x = 0; x < dw; x++) {
      let [xx, fx] = coef(x, sx, invX);
      if (xx < 0) { xx = 0; fx = 0; }
      if (xx >= sw - 1) { xx = sw - 1; fx = 0; }
      const [a0, a1] = w11(fx);
      const x1 = Math.min(xx + 1, sw - 1);
      for (let k = 0; k < c; k++) {
        const t0 = (at(r0, xx, k) * a0 + at(r0, x1, k) * a1) >> 4;
        const t1 = (at(r1, xx, k) * a0 + at(r1, x1, k) * a1) >> 4;
        out.push((((b0 * t0) >> 16) + ((b1 * t1) >> 16) + 2) >> 2);
      }
    }
  }
  return out;
}

const INTERPOLATIONS: ResizeInterpolation[] = ['bilinear', 'nearest', 'area'];

test('matches the naive model of the OpenCV rules on every layout, up and down', () => {
  const sizes: [number, number][] = [[1, 1], [3, 2], [7, 5], [13, 11], [20, 9], [5, 24]];
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, h * 31 + w);
    // the exact factors 2 and 3 (area fast paths), ×1.5, and sizes around the source
    const targets: [number, number][] = [...sizes, [Math.max(1, w >> 1), Math.max(1, h >> 1)],
      [Math.max(1, Math.floor(w / 3)), Math.max(1, Math.floor(h / 3))], [Math.ceil(w * 1.5), Math.ceil(h * 1.5)], [w * 3, h * 2]];
    for (const interpolation of INTERPOLATIONS) {
      for (const [dw, dh] of targets) {
        const want = naiveResize(a, dw, dh, interpolation);
        for (const [layout, view] of Object.entries(layouts(a))) {
          const got = resize(view, dw, dh, { interpolation });
          assert.deepEqual(got.shape, [dh, dw, c]);
          assert.deepEqual(pixels(got), want, `${interpolation} ${layout} ${h}x${w}x${c} -> ${dh}x${dw}`);
        }
      }
    }
  }
});

test('word-packed paths agree with the model on larger images (aligned and unaligned rows)', () => {
  for (const c of [1, 3, 4]) {
    const a = randomImage(24, 40, c, 5 + c);
    const cases: [number, number, ResizeInterpolation][] = [
      [20, 12, 'bilinear'], [20, 12, 'area'], [60, 36, 'bilinear'], [61, 35, 'bilinear'], [120, 72, 'bilinear'],
      [40, 8, 'bilinear'], [13, 24, 'area'], [80, 48, 'nearest'], [21, 13, 'nearest'], [59, 40, 'area'],
    ];
    for (const [dw, dh, interpolation] of cases) {
      const want = naiveResize(a, dw, dh, interpolation);
      for (const [layout, view] of Object.entries(layouts(a))) {
        assert.deepEqual(pixels(resize(view, dw, dh, { interpolation })), want, `${interpolation} ${layout} c=${c} ${dh}x${dw}`);
        // into an output whose rows start at odd offsets (no word stores)
        const big = new Uint8Array((dh + 1) * (dw + 1) * c + 3);
        const out = new PixelArray(big, [dh, dw, c], [(dw + 1) * c, c, 1], 3);
        assert.equal(resize(view, dw, dh, { interpolation, out }), out);
        assert.deepEqual(pixels(out), want, `${interpolation} ${layout} c=${c} ${dh}x${dw} into an unaligned out`);
      }
    }
  }
});

test('resizing to the same size is a copy', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, 2);
    for (const interpolation of INTERPOLATIONS) {
      for (const view of Object.values(layouts(a))) {
        const r = resize(view, w, h, { interpolation });
        assert.notEqual(r, view);
        assert.notEqual(r.data, view.data);
        assert.deepEqual(pixels(r), pixels(a));
      }
    }
  }
});

test('a constant image stays that constant', () => {
  for (const c of [1, 2, 3, 4, 5]) {
    for (const v of [0, 1, 127, 128, 254, 255]) {
      const a = full(9, 14, c, v);
      for (const interpolation of INTERPOLATIONS) {
        for (const [dw, dh] of [[1, 1], [7, 4], [5, 9], [28, 18], [21, 13], [40, 3], [14, 27], [3, 40]]) {
          const r = resize(a, dw, dh, { interpolation });
          assert.ok(r.data.every((x) => x === v), `${interpolation} c=${c} v=${v} ${dh}x${dw}`);
        }
      }
    }
  }
});

test('the documented rules on small examples', () => {
  const ramp = fromData(Uint8Array.from([0, 10, 20, 30, 40, 50]), 1, 6, 1);
  // nearest: the top-left source pixel, floor(x · 6/3)
  assert.deepEqual([...resize(ramp, 3, 1, { interpolation: 'nearest' }).data], [0, 20, 40]);
  // an exact 2× downscale with bilinear is the 2×2 box average, rounding halves up
  const q = fromData(Uint8Array.from([0, 1, 2, 3, 1, 0, 3, 3]), 2, 4, 1);
  assert.deepEqual([...resize(q, 2, 1).data], [1, 3]); // (0+1+1+0+2)>>2 = 1, (2+3+3+3+2)>>2 = 3
  assert.deepEqual([...resize(q, 2, 1, { interpolation: 'area' }).data], [1, 3]);
  // 2 channels: the same box rounds half to even (OpenCV's float path): 0.5 → 0, 1.5 → 2
  const two = fromData(Uint8Array.from([0, 1, 1, 2, 0, 2, 1, 3]), 2, 2, 2);
  assert.deepEqual([...resize(two, 1, 1, { interpolation: 'area' }).data], [0, 2]);
  // bilinear ×2 upscale of [0, 255]: 11-bit weights 0.25/0.75
  const two1 = fromData(Uint8Array.from([0, 255]), 1, 2, 1);
  assert.deepEqual([...resize(two1, 4, 1).data], [0, 64, 191, 255]);
});

test('inputs are never modified and { out } is honoured', () => {
  const a = randomImage(11, 13, 3, 9);
  const before = pixels(a);
  const out = zeros(7, 5, 3);
  for (const interpolation of INTERPOLATIONS) {
    assert.equal(resize(a, 5, 7, { interpolation, out }), out);
    assert.deepEqual(pixels(out), pixels(resize(a, 5, 7, { interpolation })));
    assert.deepEqual(pixels(a), before);
  }
  // out as a strided view of a bigger image
  const host = zeros(20, 20, 3);
  const view = new PixelArray(host.data, [7, 5, 3], [120, 6, 1], 61);
  resize(a, 5, 7, { out: view });
  assert.deepEqual(pixels(view), pixels(resize(a, 5, 7)));
  // same size into itself (an in-place copy)
  const b = clone(a);
  assert.equal(resize(b, 13, 11, { out: b }), b);
  assert.deepEqual(pixels(b), before);
  assert.throws(() => resize(a, 5, 7, { out: zeros(7, 5, 1) }), { name: 'RangeError', message: /^options\.out: expected shape \[7, 5, 3\]/ });
  assert.throws(() => resize(a, 5, 7, { out: 'x' as unknown as PixelArray }), { name: 'TypeError', message: /^options\.out: / });
});

test('refuses bad sizes, options and images, naming the argument', () => {
  const a = zeros(4, 4, 3);
  assert.throws(() => resize(a, 0, 3), { name: 'RangeError', message: /^width: expected an integer ≥ 1, got 0$/ });
  assert.throws(() => resize(a, -2, 3), { name: 'RangeError', message: /^width: / });
  assert.throws(() => resize(a, 2.5, 3), { name: 'RangeError', message: /^width: expected an integer ≥ 1, got 2\.5$/ });
  assert.throws(() => resize(a, NaN, 3), { name: 'RangeError', message: /^width: / });
  assert.throws(() => resize(a, '3' as unknown as number, 3), { name: 'TypeError', message: /^width: / });
  assert.throws(() => resize(a, 3, 0), { name: 'RangeError', message: /^height: expected an integer ≥ 1, got 0$/ });
  assert.throws(() => resize(a, 3, Infinity), { name: 'RangeError', message: /^height: / });
  assert.throws(() => resize(a, 3, undefined as unknown as number), { name: 'TypeError', message: /^height: / });
  assert.throws(() => resize(a, 3, 3, { interpolation: 'cubic2' as ResizeInterpolation }),
    { name: 'RangeError', message: /^options\.interpolation: expected one of 'bilinear', 'nearest', 'area', 'cubic', 'lanczos4', got "cubic2"$/ });
  assert.throws(() => resize(a, 3, 3, { interpolation: 1 as unknown as ResizeInterpolation }), { name: 'RangeError', message: /^options\.interpolation: / });
  assert.throws(() => resize(a, 3, 3, 'area' as never), { name: 'TypeError', message: /^options: / });
  assert.throws(() => resize({} as PixelArray, 3, 3), { name: 'TypeError', message: /^a: expected a PixelArray/ });
  assert.throws(() => resize(zeros(0, 4, 3), 3, 3), { name: 'RangeError', message: /^a: expected a non-empty image/ });
  assert.throws(() => resize(a, 50000, 50000), { name: 'RangeError', message: /^width, height: / });
});
