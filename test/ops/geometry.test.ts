import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PixelArray, clone, crop, flip, fromData, paste, roll, rot90, transpose, zeros } from '../../src/index.ts';
import { layouts, pixels, randomImage, SHAPES } from '../helpers.ts';

/** Element (y, x, c) of a plain row-major list. */
const at = (list: number[], [, w, c]: number[], y: number, x: number, k: number) => list[(y * w + x) * c + k];

function expectPixels(got: PixelArray, shape: number[], f: (y: number, x: number, k: number) => number, msg?: string) {
  assert.deepEqual(got.shape, shape, msg);
  const want: number[] = [];
  for (let y = 0; y < shape[0]; y++) for (let x = 0; x < shape[1]; x++) for (let k = 0; k < shape[2]; k++) want.push(f(y, x, k));
  assert.deepEqual(pixels(got), want, msg);
}

const mod = (v: number, n: number) => ((v % n) + n) % n;

test('roll along axes matches the np.roll definition for every layout', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, 7);
    const pa = pixels(a), s = a.shape;
    for (const [layout, view] of Object.entries(layouts(a))) {
      const m = `${layout} ${h}x${w}x${c}`;
      expectPixels(roll(view, 3, 1), s, (y, x, k) => at(pa, s, y, mod(x - 3, w), k), m);
      expectPixels(roll(view, -5, 0), s, (y, x, k) => at(pa, s, mod(y + 5, h), x, k), m);
      expectPixels(roll(view, 1, 2), s, (y, x, k) => at(pa, s, y, x, mod(k - 1, c)), m);
      expectPixels(roll(view, [2, -1, 4], [0, 1, 2]), s, (y, x, k) => at(pa, s, mod(y - 2, h), mod(x + 1, w), mod(k - 4, c)), m);
      expectPixels(roll(view, [2, 3], 1), s, (y, x, k) => at(pa, s, y, mod(x - 5, w), k), m); // repeated axis adds up
      expectPixels(roll(view, 4, [0, 1]), s, (y, x, k) => at(pa, s, mod(y - 4, h), mod(x - 4, w), k), m); // broadcast
      const n = h * w * c;
      expectPixels(roll(view, 1000), s, (y, x, k) => pa[mod((y * w + x) * c + k - 1000, n)], m); // flattened
    }
  }
});

test('roll refuses bad shifts and axes', () => {
  const a = zeros(3, 3, 3);
  assert.throws(() => roll(a, 1.5, 0), { name: 'RangeError', message: /^shift: expected an integer, got 1\.5$/ });
  assert.throws(() => roll(a, NaN), { name: 'RangeError', message: /^shift:/ });
  assert.throws(() => roll(a, 1, 3), { name: 'RangeError', message: /^axis: expected an integer in -3\.\.2, got 3$/ });
  assert.throws(() => roll(a, [1, 2, 3], [0, 1]), { name: 'RangeError', message: /cannot be broadcast/ });
  assert.throws(() => roll(a, [] as number[]), { name: 'TypeError', message: /^shift:/ });
  assert.throws(() => roll(a, 1, [0, 'x'] as unknown as number[]), { name: 'TypeError', message: /^axis\[1\]:/ });
});

test('transpose, flip and rot90 are views with the NumPy / cv2 pixels', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, 3);
    const pa = pixels(a), s = a.shape;
    const cases: [PixelArray, number[], (y: number, x: number, k: number) => number][] = [
      [transpose(a), [w, h, c], (y, x, k) => at(pa, s, x, y, k)],
      [transpose(a, [0, 1, 2]), [h, w, c], (y, x, k) => at(pa, s, y, x, k)],
      [flip(a, 0), [h, w, c], (y, x, k) => at(pa, s, h - 1 - y, x, k)],
      [flip(a, 1), [h, w, c], (y, x, k) => at(pa, s, y, w - 1 - x, k)],
      [flip(a, -1), [h, w, c], (y, x, k) => at(pa, s, h - 1 - y, w - 1 - x, k)],
      [rot90(a), [w, h, c], (y, x, k) => at(pa, s, x, w - 1 - y, k)],
      [rot90(a, 2), [h, w, c], (y, x, k) => at(pa, s, h - 1 - y, w - 1 - x, k)],
      [rot90(a, 3), [w, h, c], (y, x, k) => at(pa, s, h - 1 - x, y, k)],
      [rot90(a, -1), [w, h, c], (y, x, k) => at(pa, s, h - 1 - x, y, k)],
      [rot90(a, 4), [h, w, c], (y, x, k) => at(pa, s, y, x, k)],
    ];
    for (const [got, shape, f] of cases) {
      assert.equal(got.data, a.data, 'a view shares memory');
      expectPixels(got, shape, f);
    }
  }
  const t = transpose(randomImage(2, 3, 4), [2, 0, 1]);
  assert.deepEqual(t.shape, [4, 2, 3]);
});

test('writes through a view reach the original', () => {
  const a = zeros(4, 5, 3);
  flip(a, -1).set(0, 0, 2, 9);
  assert.equal(a.get(3, 4, 2), 9);
  rot90(a).set(0, 0, 0, 7); // top-left of the rotation = top-right of a
  assert.equal(a.get(0, 4, 0), 7);
});

test('geometry views refuse bad arguments', () => {
  const a = zeros(2, 2, 1);
  assert.throws(() => flip(a, 2 as 0), { name: 'RangeError', message: /^axis: expected 0 \(top-bottom\), 1 \(left-right\) or -1 \(both\), got 2$/ });
  assert.throws(() => rot90(a, 0.5), { name: 'RangeError', message: /^k:/ });
  assert.throws(() => transpose(a, [0, 0, 1]), { name: 'RangeError', message: /^axes: expected a permutation/ });
  assert.throws(() => transpose(a, [0, 1]), { name: 'TypeError', message: /^axes:/ });
});

test('crop inside the image is a view; outside it is zero-filled like Pillow', () => {
  const a = randomImage(10, 12, 3, 4);
  const pa = pixels(a), s = a.shape;
  const inside = crop(a, [2, 3, 9, 8]);
  assert.equal(inside.data, a.data);
  expectPixels(inside, [5, 7, 3], (y, x, k) => at(pa, s, y + 3, x + 2, k));
  const outside = crop(a, [-3, -2, 5, 4]);
  assert.notEqual(outside.data, a.data);
  expectPixels(outside, [6, 8, 3], (y, x, k) => (y >= 2 && x >= 3 ? at(pa, s, y - 2, x - 3, k) : 0));
  expectPixels(crop(a, [20, 20, 23, 22]), [2, 3, 3], () => 0);
  assert.deepEqual(crop(a, [4, 4, 4, 9]).shape, [5, 0, 3]);
  assert.deepEqual(crop(a, [1.5, 2.5, 3.5, 4.5]).shape, [2, 2, 3]); // rounds half to even: [2, 2, 4, 4]
  const out = zeros(2, 2, 3);
  assert.equal(crop(a, [0, 0, 2, 2], { out }), out);
  expectPixels(out, [2, 2, 3], (y, x, k) => at(pa, s, y, x, k));
  for (const [layout, view] of Object.entries(layouts(a))) {
    expectPixels(crop(view, [-1, 1, 5, 12]), [11, 6, 3], (y, x, k) => (x >= 1 && y < 9 ? at(pa, s, y + 1, x - 1, k) : 0), layout);
  }
});

test('crop refuses malformed boxes', () => {
  const a = zeros(4, 4, 1);
  assert.throws(() => crop(a, [0, 0, 2] as unknown as [number, number, number, number]), { name: 'TypeError', message: /^box: expected an array \[left, upper, right, lower\]/ });
  assert.throws(() => crop(a, [3, 0, 2, 2]), { name: 'RangeError', message: /^box: expected right ≥ left/ });
  assert.throws(() => crop(a, [0, 3, 2, 2]), { name: 'RangeError', message: /^box: expected lower ≥ upper/ });
  assert.throws(() => crop(a, [0, NaN, 2, 2]), { name: 'RangeError', message: /^box\[1\] \(upper\): expected a finite number, got NaN$/ });
});

test('paste writes in place, clipped at every border, and returns dst', () => {
  for (const [x, y] of [[1, 2], [-2, -1], [5, 6], [-10, 0], [0, 20], [-1, -1]]) {
    const dst = randomImage(8, 7, 3, 1), src = randomImage(4, 5, 3, 2);
    const pd = pixels(dst), ps = pixels(src);
    assert.equal(paste(dst, src, [x, y]), dst);
    expectPixels(dst, [8, 7, 3], (yy, xx, k) => {
      const sy = yy - y, sx = xx - x;
      return sy >= 0 && sy < 4 && sx >= 0 && sx < 5 ? at(ps, src.shape, sy, sx, k) : at(pd, dst.shape, yy, xx, k);
    }, `at ${x},${y}`);
  }
  // a source that is a view of the destination itself
  const img = fromData(Uint8Array.from({ length: 16 }, (_, i) => i), 4, 4, 1);
  const want = pixels(clone(crop(img, [0, 0, 2, 2])));
  paste(img, crop(img, [0, 0, 2, 2]), [1, 1]);
  assert.deepEqual(pixels(crop(img, [1, 1, 3, 3])), want);
});

test('paste refuses mismatched channels and bad positions', () => {
  assert.throws(() => paste(zeros(3, 3, 3), zeros(1, 1, 1), [0, 0]), { name: 'RangeError', message: /^src: expected 3 channels like dst, got 1$/ });
  assert.throws(() => paste(zeros(3, 3, 1), zeros(1, 1, 1), [0.5, 0]), { name: 'RangeError', message: /^position\[0\] \(x\):/ });
  assert.throws(() => paste(zeros(3, 3, 1), zeros(1, 1, 1), [0] as unknown as [number, number]), { name: 'TypeError', message: /^position:/ });
});
