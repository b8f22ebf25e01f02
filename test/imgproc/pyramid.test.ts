import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { PixelArray, full, pyrDown, pyrUp } from '../../src/index.ts';
import { borderIndex, type BorderMode } from '../../src/imgproc/border.ts';
import { layouts, pixels, randomImage } from '../helpers.ts';

const K = [1, 4, 6, 4, 1];

/** Per-pixel definition of cv2.pyrDown: the 5×5 binomial sum at (2y, 2x), (s + 128) >> 8. */
function naiveDown(a: PixelArray, border: BorderMode): number[] {
  const [h, w, c] = a.shape;
  const out: number[] = [];
  for (let y = 0; y < (h + 1) >> 1; y++) {
    for (let x = 0; x < (w + 1) >> 1; x++) {
      for (let k = 0; k < c; k++) {
        let s = 0;
        for (let i = 0; i < 5; i++) {
          for (let j = 0; j < 5; j++) s += K[i] * K[j] * a.get(borderIndex(2 * y + i - 2, h, border), borderIndex(2 * x + j - 2, w, border), k);
        }
        out.push((s + 128) >> 8);
      }
    }
  }
  return out;
}

/**
 * Per-pixel definition of cv2.pyrUp: zeros inserted (source pixels at even positions of a 2h × 2w
 * grid), reflect101 on that grid, the 5×5 binomial sum, (s + 32) >> 6.
 */
function naiveUp(a: PixelArray): number[] {
  const [h, w, c] = a.shape;
  const up = (p: number, n: number): number => { const q = borderIndex(p, 2 * n, 'reflect101'); return q & 1 ? -1 : q >> 1; };
  const out: number[] = [];
  for (let y = 0; y < 2 * h; y++) {
    for (let x = 0; x < 2 * w; x++) {
      for (let k = 0; k < c; k++) {
        let s = 0;
        for (let i = 0; i < 5; i++) {
          const yy = up(y + i - 2, h);
          if (yy < 0) continue;
          for (let j = 0; j < 5; j++) {
            const xx = up(x + j - 2, w);
            if (xx >= 0) s += K[i] * K[j] * a.get(yy, xx, k);
          }
        }
        out.push((s + 32) >> 6);
      }
    }
  }
  return out;
}

const SHAPES = [[1, 1, 1], [1, 7, 3], [7, 1, 4], [2, 2, 1], [3, 5, 4], [13, 17, 3], [6, 9, 2], [16, 10, 5]] as const;

test('pyrDown matches the per-pixel definition for every border, shape and layout', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, h * 31 + w + c);
    for (const border of ['reflect101', 'replicate', 'reflect', 'wrap'] as const) {
      const want = naiveDown(a, border);
      for (const [name, view] of Object.entries(layouts(a))) {
        const got = pyrDown(view, { border });
        assert.deepEqual(got.shape, [(h + 1) >> 1, (w + 1) >> 1, c]);
        assert.deepEqual(pixels(got), want, `${h}x${w}x${c} ${border} ${name}`);
      }
    }
  }
});

test('pyrUp matches the per-pixel definition for every shape and layout', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, h * 7 + w + c);
    const want = naiveUp(a);
    for (const [name, view] of Object.entries(layouts(a))) {
      const got = pyrUp(view);
      assert.deepEqual(got.shape, [2 * h, 2 * w, c]);
      assert.deepEqual(pixels(got), want, `${h}x${w}x${c} ${name}`);
    }
  }
});

test('pyrDown/pyrUp: out, input untouched, named errors', () => {
  const a = randomImage(5, 6, 3, 3);
  const before = pixels(a);
  const out = new PixelArray(new Uint8Array(3 * 3 * 3), [3, 3, 3]);
  assert.equal(pyrDown(a, { out }), out);
  assert.deepEqual(pixels(out), naiveDown(a, 'reflect101'));
  const up = new PixelArray(new Uint8Array(10 * 12 * 3), [10, 12, 3]);
  assert.equal(pyrUp(a, { out: up }), up);
  assert.deepEqual(pixels(up), naiveUp(a));
  assert.deepEqual(pixels(a), before);
  assert.throws(() => pyrDown(a, { border: 'constant' as never }), { name: 'RangeError', message: /^options\.border: .*refuses BORDER_CONSTANT/ });
  assert.throws(() => pyrUp(a, { border: 'reflect' as never }), { name: 'RangeError', message: /^options\.border: expected 'reflect101'/ });
  assert.throws(() => pyrDown(a, { out: a }), { name: 'RangeError', message: /^options\.out: expected shape \[3, 3, 3\]/ });
  assert.throws(() => pyrUp(a, { dstsize: [1, 1] } as never), { name: 'TypeError', message: /^options: unknown option 'dstsize'/ });
  assert.throws(() => pyrDown(new PixelArray(new Uint8Array(0), [0, 4, 1])), { name: 'RangeError', message: /^a: expected a non-empty image/ });
  assert.throws(() => pyrUp({} as never), { name: 'TypeError', message: /^a: expected a PixelArray/ });
});

test('property: a flat image stays flat through pyrDown and pyrUp', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(1, 3, 4), fc.integer({ min: 0, max: 255 }),
    (h, w, c, v) => {
      const a = full(h, w, c, v);
      assert.ok(pixels(pyrDown(a)).every((p) => p === v));
      assert.ok(pixels(pyrUp(a)).every((p) => p === v));
    }), { numRuns: 200 });
});

test('pyrDown/pyrUp write into an out that is a strided view', async () => {
  const { transpose, zeros } = await import('../../src/index.ts');
  const a = randomImage(7, 5, 3, 12);
  const down = transpose(zeros(3, 4, 3)); // [4, 3, 3] view with swapped strides
  assert.equal(pyrDown(a, { out: down }), down);
  assert.deepEqual(pixels(down), naiveDown(a, 'reflect101'));
  const up = transpose(zeros(10, 14, 3));
  assert.equal(pyrUp(a, { out: up }), up);
  assert.deepEqual(pixels(up), naiveUp(a));
});
