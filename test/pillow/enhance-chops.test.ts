// Unit tests for pixelarray/pillow's ImageEnhance and ImageChops: errors, views, out, invariants.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { clone, fromData } from '../../src/index.ts';
import { add, blend, composite, difference, enhanceBrightness, enhanceContrast, enhanceColor, enhanceSharpness,
  multiply, screen, subtract } from '../../src/pillow/index.ts';
import { layouts, pixels, randomImage } from '../helpers.ts';

test('enhance and chops: every layout gives the same bytes, inputs untouched', () => {
  for (const c of [1, 2, 3, 4]) {
    const a = randomImage(6, 7, c, 2), b = randomImage(6, 7, c, 9), m = randomImage(6, 7, 1, 4);
    const ops = [(x: never) => enhanceBrightness(x, 0.7), (x: never) => enhanceContrast(x, 1.6), (x: never) => enhanceColor(x, 0.4),
      (x: never) => enhanceSharpness(x, 2), (x: never) => blend(x, b, 0.3), (x: never) => composite(x, b, m),
      (x: never) => screen(x, b), (x: never) => add(x, b, 1.5, 3)];
    for (const op of ops) {
      const expect = pixels(op(a as never));
      for (const v of Object.values(layouts(a))) {
        const before = pixels(v);
        assert.deepEqual(pixels(op(v as never)), expect);
        assert.deepEqual(pixels(v), before);
      }
    }
  }
});

test('chops: difference is symmetric, multiply by 255 is the identity (property)', () => {
  fc.assert(fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), fc.uint8Array({ minLength: 6, maxLength: 6 }), (p, q) => {
    const a = fromData(p, 1, 2, 3), b = fromData(q, 1, 2, 3);
    assert.deepEqual(pixels(difference(a, b)), pixels(difference(b, a)));
    assert.deepEqual(pixels(multiply(a, fromData(new Uint8Array(6).fill(255), 1, 2, 3))), pixels(a));
    assert.deepEqual(pixels(blend(a, b, 0)), pixels(a));
  }));
});

test('enhance: alpha is kept, out is filled', () => {
  const a = randomImage(4, 5, 4);
  const r = enhanceBrightness(a, 0.2);
  for (let y = 0; y < 4; y++) for (let x = 0; x < 5; x++) assert.equal(r.get(y, x, 3), a.get(y, x, 3));
  const out = clone(a);
  assert.equal(enhanceContrast(a, 0.5, { out }), out);
  assert.deepEqual(pixels(out), pixels(enhanceContrast(a, 0.5)));
});

test('chops: different sizes give the common part', () => {
  assert.deepEqual(subtract(randomImage(4, 6, 3), randomImage(5, 3, 3)).shape, [4, 3, 3]);
});

test('enhance and chops: named errors', () => {
  const a = randomImage(3, 3, 3);
  assert.throws(() => blend(a, randomImage(3, 4, 3), 0.5), /b: expected the shape of a/);
  assert.throws(() => screen(a, randomImage(3, 3, 1)), /b: expected 3 channels/);
  assert.throws(() => add(a, a, 0), /scale: expected a nonzero number/);
  assert.throws(() => add(a, a, 1, 0.5), /offset/);
  assert.throws(() => composite(a, a, randomImage(3, 3, 3)), /mask: expected 1, 2 or 4 channels/);
  assert.throws(() => blend(a, a, NaN), /alpha/);
  assert.throws(() => enhanceColor(a, 1, { foo: 1 } as never), /options: unknown option 'foo'/);
  assert.throws(() => enhanceSharpness(randomImage(2, 2, 6), 1), /expected 1, 2, 3 or 4 channels/);
});
