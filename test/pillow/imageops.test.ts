// Unit tests for pixelarray/pillow's ImageOps: errors, views, out, inputs untouched, invariants.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { clone, fromData } from '../../src/index.ts';
import { autocontrast, equalize, expand, exifTranspose, grayscale, invert, mirror, posterize, solarize } from '../../src/pillow/index.ts';
import { layouts, pixels, randomImage } from '../helpers.ts';

test('LUT ops: every layout gives the same bytes, inputs untouched', () => {
  const ops = [(v: never) => autocontrast(v, { cutoff: 2 }), (v: never) => equalize(v), (v: never) => posterize(v, 3),
    (v: never) => solarize(v, 100), (v: never) => invert(v)];
  for (const c of [1, 3]) {
    const a = randomImage(7, 9, c, 3);
    for (const op of ops) {
      const expect = pixels(op(a as never));
      for (const [name, v] of Object.entries(layouts(a))) {
        const before = pixels(v);
        assert.deepEqual(pixels(op(v as never)), expect, name);
        assert.deepEqual(pixels(v), before);
      }
    }
  }
});

test('invert twice is the identity (property)', () => {
  fc.assert(fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }), (bytes) => {
    const a = fromData(bytes, 2, 2, 3);
    assert.deepEqual(pixels(invert(invert(a))), pixels(a));
  }));
});

test('exifTranspose: 1 is a copy, 6 then 8 round-trips', () => {
  const a = randomImage(3, 5, 4);
  assert.deepEqual(pixels(exifTranspose(a)), pixels(a));
  assert.deepEqual(pixels(exifTranspose(exifTranspose(a, { orientation: 6 }), { orientation: 8 })), pixels(a));
  assert.deepEqual(pixels(exifTranspose(a, { orientation: 2 })), pixels(mirror(a)));
});

test('expand: packed numbers as Pillow, out', () => {
  const a = randomImage(2, 2, 3);
  const r = expand(a, 1, 255);
  assert.deepEqual([r.get(0, 0, 0), r.get(0, 0, 1), r.get(0, 0, 2)], [255, 0, 0]);
  const out = clone(r);
  assert.equal(expand(a, 1, [1, 2, 3], { out }), out);
  assert.equal(out.get(0, 0, 2), 3);
});

test('ImageOps: named errors', () => {
  const rgba = randomImage(4, 4, 4);
  assert.throws(() => autocontrast(rgba), /a: expected 1 or 3 channels/);
  assert.throws(() => invert(rgba), /modes L and RGB only/);
  assert.throws(() => posterize(randomImage(2, 2, 3), 9), /bits/);
  assert.throws(() => autocontrast(randomImage(2, 2, 1), { cutof: 1 } as never), /options: unknown option 'cutof'/);
  assert.throws(() => equalize(randomImage(2, 2, 1), { mask: randomImage(2, 3, 1) }), /options.mask/);
  assert.throws(() => exifTranspose(rgba, { orientation: 9 }), /options.orientation/);
  assert.throws(() => expand(rgba, [1, 2, 3]), /border/);
  assert.throws(() => grayscale(randomImage(2, 2, 5)), /expected 1, 2, 3 or 4 channels/);
});
