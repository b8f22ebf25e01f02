// Invariants checked on random images of random shapes and layouts (fast-check).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  PixelArray, absdiff, addModulo, addSaturate, clone, concat, crop, flip, fromData, merge, multiplySaturate,
  roll, rot90, split, subtractModulo, subtractSaturate, transpose,
} from '../src/index.ts';
import { layouts, pixels } from './helpers.ts';

const image = (maxSide = 12, maxChannels = 4) => fc
  .tuple(fc.integer({ min: 1, max: maxSide }), fc.integer({ min: 1, max: maxSide }), fc.integer({ min: 1, max: maxChannels }))
  .chain(([h, w, c]) => fc.uint8Array({ minLength: h * w * c, maxLength: h * w * c }).map((d) => fromData(d, h, w, c)));

const layoutName = fc.constantFrom('contiguous', 'crop view (unaligned rows)', 'double flip (negative strides)', 'double transpose (strided)');
const inLayout = (a: PixelArray, name: string) => layouts(a)[name];
const runs = { numRuns: 150 };

test('roll by k then by −k is the identity (any axis, any layout)', () => {
  fc.assert(fc.property(image(), fc.integer({ min: -50, max: 50 }), fc.constantFrom(0, 1, 2, undefined), layoutName, (a, k, axis, layout) => {
    const v = inLayout(a, layout);
    assert.deepEqual(pixels(roll(roll(v, k, axis), -k, axis)), pixels(a));
  }), runs);
});

test('merge(split(a)) equals a', () => {
  fc.assert(fc.property(image(), layoutName, (a, layout) => {
    assert.deepEqual(pixels(merge(split(inLayout(a, layout)))), pixels(a));
  }), runs);
});

test('split(a, { out }) writes what split(a) returns, into planes of any layout', () => {
  fc.assert(fc.property(image(40), layoutName, layoutName, (a, layout, planeLayout) => {
    const out = Array.from({ length: a.shape[2] }, () => inLayout(fromData(new Uint8Array(a.shape[0] * a.shape[1]), a.shape[0], a.shape[1], 1), planeLayout));
    const planes = split(inLayout(a, layout), { out });
    assert.deepEqual(planes.map(pixels), split(a).map(pixels));
  }), runs);
});

test('materialising a transpose or rotation gives the pixels the view shows (RGB word blocks and their edges)', () => {
  fc.assert(fc.property(image(40, 3), layoutName, fc.integer({ min: -3, max: 3 }), (a, layout, k) => {
    const v = inLayout(a, layout);
    for (const view of [transpose(v), rot90(v, k)]) assert.deepEqual(pixels(clone(view)), pixels(view));
  }), runs);
});

test('concat(np-style split(a, n, axis), axis) equals a', () => {
  fc.assert(fc.property(image(), fc.constantFrom(0, 1, 2), (a, axis) => {
    const parts = split(a, 1, axis);
    assert.deepEqual(pixels(concat(parts, axis)), pixels(a));
  }), runs);
});

test('saturating results equal the clamped exact result; modulo results the wrapped one', () => {
  fc.assert(fc.property(image(), fc.integer(), layoutName, (a, seed, layout) => {
    const b = fromData(a.data.map((v, i) => (v * 31 + i * 7 + seed) & 255), ...a.shape);
    const va = inLayout(a, layout), pa = pixels(a), pb = pixels(b);
    assert.deepEqual(pixels(addSaturate(va, b)), pa.map((x, i) => Math.min(255, x + pb[i])));
    assert.deepEqual(pixels(subtractSaturate(va, b)), pa.map((x, i) => Math.max(0, x - pb[i])));
    assert.deepEqual(pixels(addModulo(va, b)), pa.map((x, i) => (x + pb[i]) & 255));
    assert.deepEqual(pixels(subtractModulo(va, b)), pa.map((x, i) => (x - pb[i]) & 255));
    assert.deepEqual(pixels(absdiff(va, b)), pa.map((x, i) => Math.abs(x - pb[i])));
  }), runs);
});

test('saturating scalar ops stay in 0..255 and are monotonic in the operand', () => {
  fc.assert(fc.property(image(8, 3), fc.integer({ min: -600, max: 600 }), fc.integer({ min: 0, max: 300 }), (a, v, extra) => {
    const lo = pixels(addSaturate(a, v)), hi = pixels(addSaturate(a, v + extra));
    lo.forEach((x, i) => { assert.ok(x >= 0 && x <= 255); assert.ok(hi[i] >= x); });
    const m = pixels(multiplySaturate(a, a, 3.7));
    assert.ok(m.every((x) => x >= 0 && x <= 255 && Number.isInteger(x)));
  }), runs);
});

test('views never copy: flip, transpose, rot90 and inside crops share the buffer', () => {
  fc.assert(fc.property(image(), fc.integer({ min: -5, max: 5 }), (a, k) => {
    for (const v of [flip(a, 0), flip(a, 1), flip(a, -1), transpose(a), rot90(a, k), crop(a, [0, 0, a.width, a.height])]) {
      assert.equal(v.data, a.data);
    }
    const r = rot90(a, k), before = pixels(a);
    r.set(0, 0, 0, (r.get(0, 0, 0) + 1) & 255); // a write through the view is seen by a
    assert.notDeepEqual(pixels(a), before);
  }), { numRuns: 50 });
});

test('rot90 four times, flip twice and transpose twice are identities', () => {
  fc.assert(fc.property(image(), fc.constantFrom<0 | 1 | -1>(0, 1, -1), (a, axis) => {
    assert.deepEqual(pixels(rot90(rot90(rot90(rot90(a))))), pixels(a));
    assert.deepEqual(pixels(flip(flip(a, axis), axis)), pixels(a));
    assert.deepEqual(pixels(transpose(transpose(a))), pixels(a));
    assert.deepEqual(pixels(rot90(a, -1)), pixels(rot90(a, 3)));
  }), runs);
});

test('inputs are never mutated by any op', () => {
  fc.assert(fc.property(image(8, 3), fc.integer({ min: -20, max: 20 }), (a, k) => {
    const before = pixels(a);
    const b = clone(a);
    addSaturate(a, b); subtractModulo(a, k); roll(a, k, 1); roll(a, k); split(a); merge(split(a));
    concat([a, a], 1); clone(flip(a, -1)); crop(a, [-1, -1, 3, 3]); multiplySaturate(a, b, 0.5);
    assert.deepEqual(pixels(a), before);
  }), { numRuns: 60 });
});
