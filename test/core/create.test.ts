import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromData, full, fullLike, zeros, zerosLike } from '../../src/index.ts';
import { pixels } from '../helpers.ts';

test('zeros makes a contiguous zeroed array, 3 channels by default', () => {
  const a = zeros(2, 3);
  assert.deepEqual(a.shape, [2, 3, 3]);
  assert.equal(a.data.length, 18);
  assert.ok(a.data.every((v) => v === 0));
});

test('full fills with one value or a per-channel pattern', () => {
  assert.deepEqual(pixels(full(1, 2, 1, 7)), [7, 7]);
  assert.deepEqual(pixels(full(1, 3, 3, [1, 2, 3])), [1, 2, 3, 1, 2, 3, 1, 2, 3]);
  assert.deepEqual(pixels(full(2, 5, 3, [9])), new Array(30).fill(9));
  const big = full(7, 11, 4, [1, 2, 3, 4]);
  for (let i = 0; i < big.data.length; i++) assert.equal(big.data[i], (i % 4) + 1);
});

test('zerosLike and fullLike copy the shape', () => {
  const a = zeros(4, 5, 2);
  assert.deepEqual(zerosLike(a).shape, [4, 5, 2]);
  assert.deepEqual(pixels(fullLike(zeros(1, 1, 2), [3, 4])), [3, 4]);
});

test('fromData wraps typed arrays without copying and copies plain arrays', () => {
  const data = new Uint8Array([1, 2, 3, 4, 5, 6]);
  const a = fromData(data, 1, 2, 3);
  assert.equal(a.data, data);
  const b = fromData([1, 2, 3, 4], 2, 2, 1);
  assert.deepEqual(pixels(b), [1, 2, 3, 4]);
  const clamped = new Uint8ClampedArray(4);
  fromData(clamped, 2, 2, 1).set(1, 1, 0, 42);
  assert.equal(clamped[3], 42);
});

test('constructors reject bad sizes and values with named errors', () => {
  assert.throws(() => zeros(-1, 2), { name: 'RangeError', message: /\[height, width, channels\]\[0\]: expected a non-negative integer, got -1/ });
  assert.throws(() => zeros(2, NaN), { name: 'RangeError', message: /got NaN/ });
  assert.throws(() => zeros(2, 2.5), RangeError);
  assert.throws(() => zeros(2, 2, 0), { message: /at least 1 channel/ });
  assert.throws(() => zeros(70000, 70000, 3), { name: 'RangeError', message: /at most 2147483647 elements/ });
  assert.throws(() => full(1, 1, 3, [1, 2]), { name: 'RangeError', message: /^value: expected 1 or 3 values/ });
  assert.throws(() => full(1, 1, 1, 256), { name: 'RangeError', message: /^value: expected an integer in 0\.\.255, got 256/ });
  assert.throws(() => full(1, 1, 1, 'x' as unknown as number), { name: 'TypeError', message: /^value:/ });
  assert.throws(() => fromData(new Uint8Array(5), 2, 2, 1), { name: 'RangeError', message: /^data: expected 4 elements for 2×2×1, got 5$/ });
  assert.throws(() => fromData([0, 300], 1, 2, 1), { name: 'RangeError', message: /^data\[1\]: expected an integer in 0\.\.255, got 300$/ });
  assert.throws(() => fromData(new Float32Array(4) as unknown as Uint8Array, 2, 2, 1), { name: 'TypeError', message: /^data:/ });
});
