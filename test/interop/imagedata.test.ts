import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromData, fromImageData, toImageData, transpose } from '../../src/index.ts';
import { pixels } from '../helpers.ts';

test('fromImageData wraps the RGBA bytes without copying', () => {
  const imageData = { width: 3, height: 2, data: new Uint8ClampedArray(24).map((_, i) => i) };
  const a = fromImageData(imageData);
  assert.deepEqual(a.shape, [2, 3, 4]);
  a.set(1, 2, 3, 99);
  assert.equal(imageData.data[23], 99);
});

test('toImageData expands gray, gray+alpha and RGB to RGBA', () => {
  assert.deepEqual([...toImageData(fromData([10, 20], 1, 2, 1)).data], [10, 10, 10, 255, 20, 20, 20, 255]);
  assert.deepEqual([...toImageData(fromData([10, 7], 1, 1, 2)).data], [10, 10, 10, 7]);
  assert.deepEqual([...toImageData(fromData([1, 2, 3], 1, 1, 3)).data], [1, 2, 3, 255]);
  const rgba = fromData([1, 2, 3, 4, 5, 6, 7, 8], 2, 1, 4);
  const img = toImageData(transpose(rgba));
  assert.equal(img.width, 2); assert.equal(img.height, 1);
  assert.deepEqual([...img.data], [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.ok(img.data instanceof Uint8ClampedArray);
  assert.deepEqual(pixels(fromImageData(img)), [1, 2, 3, 4, 5, 6, 7, 8]);
});

test('ImageData errors name the argument', () => {
  assert.throws(() => fromImageData({ width: 2, height: 2, data: new Uint8ClampedArray(3) }), { name: 'RangeError', message: /^imageData: expected 16 bytes for 2×2 RGBA, got 3$/ });
  assert.throws(() => fromImageData(null as never), { name: 'TypeError', message: /^imageData:/ });
  assert.throws(() => toImageData(fromData(new Uint8Array(5), 1, 1, 5)), { name: 'RangeError', message: /^a: expected 1 to 4 channels/ });
});
