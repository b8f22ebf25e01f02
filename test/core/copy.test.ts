import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PixelArray, clone, crop, flip, fromData, isContiguous, rot90, transpose, zeros } from '../../src/index.ts';
import { layouts, pixels, randomImage, SHAPES } from '../helpers.ts';

test('clone of any layout is a contiguous copy with the same pixels', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, h * 100 + w);
    for (const [name, view] of Object.entries(layouts(a))) {
      const b = clone(view);
      assert.ok(isContiguous(b), name);
      assert.notEqual(b.data, view.data, name);
      assert.deepEqual(pixels(b), pixels(a), `${name} ${h}x${w}x${c}`);
    }
    for (const view of [flip(a, 1), flip(a, 0), rot90(a, 1), rot90(a, 3), transpose(a)]) {
      assert.deepEqual(pixels(clone(view)), pixels(view));
    }
  }
});

test('clone copies into a strided out, and returns it', () => {
  const a = randomImage(6, 5, 3);
  const big = zeros(10, 10, 3);
  const target = crop(big, [2, 3, 7, 9]);
  assert.equal(clone(a, { out: target }), target);
  assert.deepEqual(pixels(target), pixels(a));
  assert.equal(big.get(2, 1, 0), 0); // outside the window untouched
  assert.throws(() => clone(a, { out: zeros(5, 6, 3) }), { name: 'RangeError', message: /^options\.out: expected shape \[6, 5, 3\], got \[5, 6, 3\]$/ });
});

test('copying between overlapping views reads the source first (NumPy semantics)', () => {
  const a = fromData(Uint8Array.from({ length: 30 }, (_, i) => i), 1, 10, 3);
  const expected = pixels(flip(a, 1));
  clone(flip(a, 1), { out: a }); // in-place reverse: source and destination overlap
  assert.deepEqual(pixels(a), expected);
  const b = fromData(Uint8Array.from({ length: 20 }, (_, i) => i), 5, 4, 1);
  const want = pixels(transpose(crop(b, [0, 0, 4, 4])));
  clone(transpose(crop(b, [0, 0, 4, 4])), { out: crop(b, [0, 1, 4, 5]) });
  assert.deepEqual(pixels(crop(b, [0, 1, 4, 5])), want);
});

test('clone of an empty view is empty', () => {
  const a = new PixelArray(new Uint8Array(0), [0, 3, 3]);
  assert.deepEqual(clone(a).shape, [0, 3, 3]);
});

test('transposed and rotated crops copy right on the packed path and its edge strips', () => {
  const a = randomImage(24, 32, 3, 9);
  for (const box of [[0, 0, 10, 8], [4, 4, 14, 20], [1, 0, 11, 8], [4, 1, 30, 23], [8, 8, 12, 12]] as const) {
    const c = crop(a, [...box]);
    for (const view of [transpose(c), rot90(c, 1), rot90(c, 3), rot90(c, 2)]) {
      assert.deepEqual(pixels(clone(view)), pixels(view), `box ${box}`);
      const wide = zeros(view.shape[0], view.shape[1] + 4, 3); // a destination with padded rows
      const target = crop(wide, [0, 0, view.shape[1], view.shape[0]]);
      clone(view, { out: target });
      assert.deepEqual(pixels(target), pixels(view), `box ${box} into padded rows`);
    }
  }
});
