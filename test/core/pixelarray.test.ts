import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PixelArray, isContiguous, fromData, zeros } from '../../src/index.ts';

test('constructor defaults to row-major strides and offset 0', () => {
  const a = new PixelArray(new Uint8Array(24), [2, 4, 3]);
  assert.deepEqual(a.shape, [2, 4, 3]);
  assert.deepEqual(a.stride, [12, 3, 1]);
  assert.equal(a.offset, 0);
  assert.equal(a.height, 2); assert.equal(a.width, 4); assert.equal(a.channels, 3); assert.equal(a.size, 24);
  assert.equal(String(a), 'PixelArray(2×4×3)');
});

test('get and set address offset + y*s0 + x*s1 + c*s2', () => {
  const data = new Uint8Array(100);
  const a = new PixelArray(data, [2, 2, 2], [-20, 5, 1], 40);
  a.set(1, 1, 1, 9);
  assert.equal(data[40 - 20 + 5 + 1], 9);
  assert.equal(a.get(1, 1, 1), 9);
  assert.equal(a.get(0, 0), data[40]);
});

test('get/set refuse out-of-range indices and values', () => {
  const a = zeros(2, 3, 1);
  assert.throws(() => a.get(2, 0), { name: 'RangeError', message: /^y: expected an integer in 0\.\.1, got 2$/ });
  assert.throws(() => a.get(0, -1), { name: 'RangeError', message: /^x:/ });
  assert.throws(() => a.get(0, 0, 1), { name: 'RangeError', message: /^c:/ });
  assert.throws(() => a.get(0.5, 0), RangeError);
  assert.throws(() => a.set(0, 0, 0, 256), { name: 'RangeError', message: /^value: expected an integer in 0\.\.255, got 256$/ });
  assert.throws(() => a.set(0, 0, 0, NaN), { message: /got NaN/ });
});

test('constructor validates data, shape, stride and bounds', () => {
  assert.throws(() => new PixelArray([1, 2, 3] as unknown as Uint8Array, [1, 1, 3]), { name: 'TypeError', message: /^data: expected a Uint8Array/ });
  assert.throws(() => new PixelArray(new Uint8Array(3), [1, 1]), { name: 'TypeError', message: /^shape: expected an array of 3 integers/ });
  assert.throws(() => new PixelArray(new Uint8Array(3), [1, -1, 3]), { name: 'RangeError', message: /^shape\[1\]: expected a non-negative integer, got -1$/ });
  assert.throws(() => new PixelArray(new Uint8Array(3), [1, NaN, 3]), { name: 'RangeError', message: /got NaN/ });
  assert.throws(() => new PixelArray(new Uint8Array(3), [1, 1.5, 3]), RangeError);
  assert.throws(() => new PixelArray(new Uint8Array(3), [1, 1, 0]), { message: /^shape\[2\]: expected at least 1 channel/ });
  assert.throws(() => new PixelArray(new Uint8Array(3), [1, 2, 3]), { name: 'RangeError', message: /outside data of length 3/ });
  assert.throws(() => new PixelArray(new Uint8Array(6), [2, 1, 3], [-3, 3, 1], 0), { message: /outside data/ });
  assert.throws(() => new PixelArray(new Uint8Array(6), [2, 1, 3], [3, 3, 1], 0.5), { name: 'RangeError', message: /^offset:/ });
  assert.throws(() => new PixelArray(new Uint8Array(6), [2, 1, 3], [3, 3], 0), { name: 'TypeError', message: /^stride:/ });
});

test('a Uint8ClampedArray is wrapped without copying', () => {
  const clamped = new Uint8ClampedArray(12);
  const a = new PixelArray(clamped, [1, 3, 4]);
  a.set(0, 2, 3, 200);
  assert.equal(clamped[11], 200);
});

test('empty arrays are allowed (NumPy allows zero-length axes)', () => {
  const a = new PixelArray(new Uint8Array(0), [0, 5, 3]);
  assert.equal(a.size, 0);
  assert.equal(isContiguous(a), true);
});

test('isContiguous tells row-major gap-free layouts from views', () => {
  const a = fromData(new Uint8Array(24), 2, 4, 3);
  assert.equal(isContiguous(a), true);
  assert.equal(isContiguous(new PixelArray(a.data, [2, 2, 3], [12, 3, 1], 0)), false);
  assert.equal(isContiguous(new PixelArray(a.data, [1, 4, 3], [999, 3, 1], 0)), true); // one row: s0 irrelevant
  // Empty arrays are contiguous whatever their strides, as NumPy's flags.c_contiguous says.
  assert.equal(isContiguous(new PixelArray(a.data, [0, 4, 3], [999, 7, 2], 0)), true);
  assert.equal(isContiguous(new PixelArray(a.data, [2, 0, 3], [5, 7, 2], 0)), true);
  assert.throws(() => isContiguous({} as PixelArray), { name: 'TypeError', message: /^a: expected a PixelArray/ });
});
