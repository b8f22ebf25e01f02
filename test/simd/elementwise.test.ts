// pixelarray/simd arithmetic, bitwise and gray conversion: byte-identical to the core on every
// layout, shape (vector tails included), operand form and output form; errors identical.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import * as core from '../../src/index.ts';
import * as simd from '../../src/simd/index.ts';
import { assertSameAsCore, imageIn, KERNEL_SHAPES, LAYOUTS, loadKernels, stridedOut } from './harness.ts';
import { randomImage } from '../helpers.ts';

before(loadKernels);

const BINARY = ['addSaturate', 'subtractSaturate', 'addModulo', 'subtractModulo', 'absdiff', 'bitwiseAnd', 'bitwiseOr', 'bitwiseXor'] as const;

test('image ⊕ image: every op, shape and layout, fresh and out results, through the kernels', () => {
  for (const op of BINARY) {
    for (const [h, w, c] of KERNEL_SHAPES) {
      for (const layout of LAYOUTS) {
        const label = `${op} ${h}×${w}×${c} ${layout}`;
        const used = assertSameAsCore(simd[op], core[op], () => [imageIn(layout, h, w, c, 3), imageIn(LAYOUTS[0], h, w, c, 4)], label);
        assert.ok(used, `${label}: no kernel ran`);
        assertSameAsCore(simd[op], core[op], () => [imageIn(layout, h, w, c, 5), randomImage(h, w, c, 6), { out: stridedOut([h, w, c]) }], `${label} out`);
      }
    }
  }
});

test('in place (out is an input) gives the core\'s result', () => {
  for (const op of BINARY) {
    const make = () => { const a = randomImage(50, 60, 3, 7); return [a, randomImage(50, 60, 3, 8), { out: a }]; };
    assert.ok(assertSameAsCore(simd[op], core[op], make, `${op} in place`));
  }
});

test('image ⊕ integer scalars: one value, per channel, clamped, mixed signs, through the pattern kernels', () => {
  const scalars: (number | number[])[] = [0, 50, -30, 255, 300, -1000, [1, 2, 3], [7], [200, -5, 17]];
  for (const op of ['addSaturate', 'subtractSaturate', 'addModulo', 'subtractModulo'] as const) {
    for (const b of scalars) {
      for (const [h, w] of [[40, 41], [17, 301]]) {
        const label = `${op} ${JSON.stringify(b)} ${h}×${w}`;
        const used = assertSameAsCore(simd[op], core[op], () => [imageIn('crop view (unaligned rows)', h, w, 3, 9), b], label);
        // Saturating ops with mixed signs have no kernel (the core's per-channel table runs).
        const mixed = Array.isArray(b) && b.some((v) => v < 0) && b.some((v) => v > 0);
        if (!(mixed && op.endsWith('Saturate'))) assert.ok(used, `${label}: no kernel ran`);
      }
    }
  }
  for (const c of [1, 2, 4]) {
    assert.ok(assertSameAsCore(simd.addSaturate, core.addSaturate, () => [randomImage(45, 97, c, 2), Array.from({ length: c }, (_, i) => 40 * i + 3)], `c=${c}`));
  }
});

test('bitwiseNot and RGB/BGR/RGBA → gray through the kernels', () => {
  for (const [h, w, c] of KERNEL_SHAPES) {
    for (const layout of LAYOUTS) {
      assert.ok(assertSameAsCore(simd.bitwiseNot, core.bitwiseNot, () => [imageIn(layout, h, w, c, 11)], `not ${h}×${w}×${c}`));
      if (c === 3 || c === 4) {
        for (const code of ['RGB2GRAY', 'BGR2GRAY', 'RGBA2GRAY']) {
          assert.ok(assertSameAsCore(simd.cvtColor, core.cvtColor, () => [imageIn(layout, h, w, c, 12), code], `${code} ${h}×${w}×${c} ${layout}`));
          assertSameAsCore(simd.cvtColor, core.cvtColor, () => [imageIn(layout, h, w, c, 13), code, { out: stridedOut([h, w, 1]) }], `${code} out`);
        }
      }
    }
  }
});

test('everything else goes to the core: masks, float scalars, other codes, small images, bad arguments', () => {
  const a = () => randomImage(40, 41, 3, 1), m = () => core.fullLike(randomImage(40, 41, 1, 2), 255);
  const cases: [string, () => unknown[]][] = [
    ['bitwiseAnd', () => [a(), a(), { mask: m() }]],
    ['addSaturate', () => [a(), 2.5]],
    ['addSaturate', () => [a(), [1, -1, 0]]],
    ['addSaturate', () => [randomImage(4, 5, 3, 1), randomImage(4, 5, 3, 2)]],
  ];
  for (const [op, make] of cases) assert.equal(assertSameAsCore((simd as any)[op], (core as any)[op], make, op), false, `${op}: a kernel ran`);
  assert.equal(assertSameAsCore(simd.cvtColor, core.cvtColor, () => [a(), 'RGB2LAB'], 'LAB'), false);
  // Errors: the core's own.
  const bad: [string, () => unknown[]][] = [
    ['addSaturate', () => [a(), randomImage(40, 42, 3, 1)]],
    ['addSaturate', () => [a(), a(), { out: randomImage(2, 2, 3, 1) }]],
    ['addSaturate', () => [a(), a(), { bogus: 1 }]],
    ['addSaturate', () => [a(), a(), {}, 4]],
    ['addSaturate', () => [a(), 'x']],
    ['subtractModulo', () => [null, a()]],
    ['bitwiseXor', () => [a(), a(), { out: 5 }]],
    ['bitwiseNot', () => [a(), { out: randomImage(40, 41, 1, 1) }]],
  ];
  for (const [op, make] of bad) assertSameAsCore((simd as any)[op], (core as any)[op], make, `${op} error`);
  assertSameAsCore(simd.cvtColor, core.cvtColor, () => [randomImage(40, 41, 1, 1), 'RGB2GRAY'], 'gray of gray');
  assertSameAsCore(simd.cvtColor, core.cvtColor, () => [a(), 'RGB2GRAY', { out: a() }], 'gray into RGB out');
});

test('property: random shapes, layouts and operands agree with the core', () => {
  const shape = fc.tuple(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 4 }));
  fc.assert(fc.property(shape, fc.constantFrom(...BINARY), fc.constantFrom(...LAYOUTS), fc.integer({ min: 1, max: 1e6 }), ([h, w, c], op, layout, seed) => {
    assertSameAsCore(simd[op], core[op], () => [imageIn(layout, h, w, c, seed), imageIn(LAYOUTS[0], h, w, c, seed + 1)], `${op} ${h}×${w}×${c}`);
  }), { numRuns: 150 });
});

test('streamed in cache-sized chunks: images of several chunks, in place, and an out overlapping an input', () => {
  for (const [h, w, c] of [[300, 211, 3], [257, 400, 1], [200, 130, 4], [129, 383, 2]] as const) {
    for (const op of BINARY) {
      assert.ok(assertSameAsCore(simd[op], core[op], () => [randomImage(h, w, c, 21), randomImage(h, w, c, 22)], `${op} ${h}×${w}×${c}`));
    }
    assert.ok(assertSameAsCore(simd.addSaturate, core.addSaturate, () => [randomImage(h, w, c, 23), [9, 200, 3, 40].slice(0, c)], `scalar ${h}×${w}×${c}`));
    assert.ok(assertSameAsCore(simd.bitwiseNot, core.bitwiseNot, () => [randomImage(h, w, c, 24)], `not ${h}×${w}×${c}`));
    if (c >= 3) assert.ok(assertSameAsCore(simd.cvtColor, core.cvtColor, () => [randomImage(h, w, c, 25), 'BGR2GRAY'], `gray ${h}×${w}×${c}`));
  }
  // `out` over the same buffer as `a`, one pixel further on: the core reads all of `a` first.
  const shifted = () => {
    const buf = randomImage(301, 200, 3, 26).data;
    const a = new core.PixelArray(buf, [300, 200, 3]);
    const out = new core.PixelArray(buf, [300, 200, 3], undefined, 3);
    return [a, randomImage(300, 200, 3, 27), { out }];
  };
  for (const op of BINARY) assertSameAsCore(simd[op], core[op], shifted, `${op} overlapping out`);
});

test('other channel counts (5, 6, 7): image operands through the kernels, scalars where 48 bytes hold whole pixels', () => {
  for (const c of [5, 6, 7]) {
    for (const [h, w] of [[40, 41], [150, 170]]) {
      for (const op of BINARY) {
        assert.ok(assertSameAsCore(simd[op], core[op], () => [randomImage(h, w, c, 80), randomImage(h, w, c, 81)], `${op} c=${c} ${h}×${w}`));
      }
      const values = Array.from({ length: c }, (_, i) => 30 * i + 1);
      const used = assertSameAsCore(simd.addSaturate, core.addSaturate, () => [randomImage(h, w, c, 82), values], `scalar c=${c}`);
      assert.equal(used, 48 % c === 0, `c=${c}: the pattern kernel runs only where 48 bytes hold whole pixels`);
      assertSameAsCore(simd.subtractModulo, core.subtractModulo, () => [randomImage(h, w, c, 83), 7], `modulo scalar c=${c}`);
      assert.ok(assertSameAsCore(simd.bitwiseNot, core.bitwiseNot, () => [randomImage(h, w, c, 84)], `not c=${c}`));
    }
  }
});
