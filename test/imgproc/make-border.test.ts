import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { PixelArray, clone, copyMakeBorder } from '../../src/index.ts';
import { borderIndex, type BorderMode } from '../../src/imgproc/border.ts';
import { layouts, pixels, randomImage } from '../helpers.ts';

const BORDERS: BorderMode[] = ['reflect101', 'replicate', 'reflect', 'constant', 'wrap'];

/** Per-pixel definition: each output pixel is the source pixel cv::borderInterpolate names, or the value. */
function naive(a: PixelArray, t: number, b: number, l: number, r: number, border: BorderMode, value: number[]): number[] {
  const [h, w, c] = a.shape;
  const out: number[] = [];
  for (let y = -t; y < h + b; y++) {
    for (let x = -l; x < w + r; x++) {
      const yy = borderIndex(y, h, border), xx = borderIndex(x, w, border);
      for (let k = 0; k < c; k++) out.push(yy < 0 || xx < 0 ? value[k] : a.get(yy, xx, k));
    }
  }
  return out;
}

test('copyMakeBorder matches the per-pixel definition for every border, shape and layout', () => {
  for (const [h, w, c] of [[1, 1, 1], [1, 7, 3], [7, 1, 4], [3, 5, 2], [13, 17, 3], [4, 4, 5]] as const) {
    const a = randomImage(h, w, c, h * 100 + w * 10 + c);
    for (const border of BORDERS) {
      for (const [t, b, l, r] of [[0, 0, 0, 0], [1, 2, 3, 4], [9, 0, 0, 11], [0, 20, 17, 1]]) {
        const value = Array.from({ length: c }, (_, k) => (k * 61 + 9) % 256);
        const want = naive(a, t, b, l, r, border, value);
        for (const [name, view] of Object.entries(layouts(a))) {
          const got = copyMakeBorder(view, t, b, l, r, border, value);
          assert.deepEqual(got.shape, [h + t + b, w + l + r, c]);
          assert.deepEqual(pixels(got), want, `${h}x${w}x${c} ${border} ${[t, b, l, r]} ${name}`);
        }
      }
    }
  }
});

test('copyMakeBorder values: a number for every channel, rounded half to even and saturated', () => {
  const a = randomImage(2, 2, 3, 5);
  const g = copyMakeBorder(a, 1, 0, 0, 0, 'constant', [300, -3, 2.5]);
  assert.deepEqual([g.get(0, 0, 0), g.get(0, 0, 1), g.get(0, 0, 2)], [255, 0, 2]);
  assert.deepEqual(pixels(copyMakeBorder(a, 0, 1, 0, 0, 'constant', 3.5)).slice(12), [4, 4, 4, 4, 4, 4]);
  assert.deepEqual(pixels(copyMakeBorder(a, 0, 0, 1, 0, 'constant')).slice(0, 3), [0, 0, 0]);
  // an empty image framed by a constant border
  assert.deepEqual(pixels(copyMakeBorder(new PixelArray(new Uint8Array(0), [0, 3, 1]), 1, 1, 0, 0, 'constant', 9)), [9, 9, 9, 9, 9, 9]);
});

test('copyMakeBorder: out, input untouched, named errors', () => {
  const a = randomImage(4, 5, 3, 2);
  const before = pixels(a);
  const out = new PixelArray(new Uint8Array(7 * 9 * 3), [7, 9, 3]);
  assert.equal(copyMakeBorder(a, 1, 2, 3, 1, 'reflect', undefined, { out }), out);
  assert.deepEqual(pixels(out), pixels(copyMakeBorder(a, 1, 2, 3, 1, 'reflect')));
  assert.deepEqual(pixels(a), before);
  assert.throws(() => copyMakeBorder(a, -1, 0, 0, 0, 'constant'), { name: 'RangeError', message: /^top: expected an integer ≥ 0, got -1/ });
  assert.throws(() => copyMakeBorder(a, 0, 0, 0, 1.5, 'constant'), { name: 'RangeError', message: /^right:/ });
  assert.throws(() => copyMakeBorder(a, 0, 0, 0, 0, undefined as never), { name: 'TypeError', message: /^border: expected one of 'reflect101'/ });
  assert.throws(() => copyMakeBorder(a, 0, 0, 0, 0, 'mirror' as never), { name: 'RangeError', message: /^border: expected one of/ });
  assert.throws(() => copyMakeBorder(a, 0, 0, 0, 0, 'constant', [1, 2]), { name: 'RangeError', message: /^value: expected 1 or 3 values/ });
  assert.throws(() => copyMakeBorder(a, 0, 0, 0, 0, 'constant', Infinity), { name: 'RangeError', message: /^value: expected a finite number/ });
  assert.throws(() => copyMakeBorder(a, 1, 0, 0, 0, 'constant', 0, { out: clone(a) }), { name: 'RangeError', message: /^options\.out: expected shape \[5, 5, 3\]/ });
  assert.throws(() => copyMakeBorder(a, 1, 0, 0, 0, 'constant', 0, { dst: 1 } as never), { name: 'TypeError', message: /^options: unknown option 'dst'/ });
  assert.throws(() => copyMakeBorder(new PixelArray(new Uint8Array(0), [0, 3, 1]), 1, 0, 0, 0, 'reflect'), { name: 'RangeError', message: /^a: expected a non-empty image/ });
});

test('property: the middle of copyMakeBorder is the image itself, and zero borders copy', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.constantFrom(1, 3, 4),
    fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 4, maxLength: 4 }), fc.constantFrom(...BORDERS), (h, w, c, [t, b, l, r], border) => {
      const a = randomImage(h, w, c, h * w * c + t);
      const g = copyMakeBorder(a, t, b, l, r, border);
      const mid = new PixelArray(g.data, [h, w, c], g.stride, g.offset + t * g.stride[0] + l * g.stride[1]);
      assert.deepEqual(pixels(mid), pixels(a));
      assert.deepEqual(pixels(copyMakeBorder(a, 0, 0, 0, 0, border)), pixels(a));
    }), { numRuns: 200 });
});

test('copyMakeBorder writes into an out that is a strided view', async () => {
  const { transpose, zeros } = await import('../../src/index.ts');
  const a = randomImage(3, 4, 4, 6);
  const out = transpose(zeros(7, 5, 4)); // [5, 7, 4]
  assert.equal(copyMakeBorder(a, 1, 1, 2, 1, 'wrap', undefined, { out }), out);
  assert.deepEqual(pixels(out), naive(a, 1, 1, 2, 1, 'wrap', [0, 0, 0, 0]));
});
