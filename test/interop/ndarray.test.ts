import assert from 'node:assert/strict';
import { test } from 'node:test';
import ndarray from 'ndarray';
import ops from 'ndarray-ops';
import { crop, flip, fromNdarray, toNdarray, zeros, type PixelArray } from '../../src/index.ts';
import { pixels, randomImage } from '../helpers.ts';

test('toNdarray shares memory; ndarray-ops runs on a pixelarray view', () => {
  const a = randomImage(6, 8, 3, 5);
  const view = flip(crop(a, [1, 1, 7, 5]), 1); // negative strides, an offset
  const before = pixels(view);
  const nd = toNdarray(view, ndarray);
  assert.equal(nd.data, a.data);
  assert.deepEqual(nd.shape, [4, 6, 3]);
  assert.equal(nd.get(0, 0, 0), view.get(0, 0, 0));
  ops.addseq(nd, 1); // wraps modulo 256, like a uint8 store
  assert.deepEqual(pixels(view), before.map((v) => (v + 1) & 255));
  // pixels outside the crop are untouched
  assert.equal(a.get(0, 0, 0), randomImage(6, 8, 3, 5).get(0, 0, 0));
});

test('fromNdarray wraps 2-D and 3-D uint8 ndarrays without copying', () => {
  const data = new Uint8Array(24).map((_, i) => i);
  const nd3 = ndarray(data, [2, 4, 3]);
  const a = fromNdarray(nd3);
  assert.equal(a.data, data);
  assert.equal(a.get(1, 2, 1), nd3.get(1, 2, 1));
  const gray = fromNdarray(ndarray(data, [4, 6]).transpose(1, 0));
  assert.deepEqual(gray.shape, [6, 4, 1]);
  assert.equal(gray.get(5, 3), data[3 * 6 + 5]);
  const out = ndarray(new Uint8Array(24), [2, 4, 3]);
  ops.assign(out, toNdarray(flip(a, 0), ndarray)); // a round trip through ndarray-ops
  assert.deepEqual(pixels(fromNdarray(out)), pixels(flip(a, 0)));
});

test('interop refuses what it cannot wrap', () => {
  assert.throws(() => fromNdarray(ndarray(new Float32Array(4), [2, 2]) as never), { name: 'TypeError', message: /^nd\.data: expected a Uint8Array/ });
  assert.throws(() => fromNdarray(ndarray(new Uint8Array(2), [2]) as never), { name: 'RangeError', message: /^nd\.shape: expected 2 or 3 dimensions/ });
  assert.throws(() => fromNdarray(null as never), { name: 'TypeError', message: /^nd:/ });
  assert.throws(() => toNdarray(zeros(1, 1, 1), 'ndarray' as never), { name: 'TypeError', message: /^ndarray:/ });
  assert.throws(() => toNdarray({} as PixelArray, ndarray), { name: 'TypeError', message: /^a:/ });
});
