// pyramid.test.ts — pixelarray/simd pyrDown and pyrUp: byte-identical to the core on every layout,
// shape (odd sizes, vector tails, thin images), channel count (the shuffles of 1–4 channels and the
// scalar path of more), border and output form; errors identical; other forms go to the core.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import * as core from '../../src/index.ts';
import * as simd from '../../src/simd/index.ts';
import { assertSameAsCore, imageIn, KERNEL_SHAPES, LAYOUTS, loadKernels, stridedOut } from './harness.ts';
import { randomImage } from '../helpers.ts';

before(loadKernels);

const DOWN_BORDERS = [undefined, 'reflect101', 'replicate', 'reflect', 'wrap'];
const SHAPES: [number, number, number][] = [...KERNEL_SHAPES, [5, 1000, 1], [1000, 5, 3], [2, 3000, 1], [3000, 2, 4], [1, 4096, 1], [4096, 1, 1],
  [30, 31, 5], [45, 47, 6], [26, 53, 3], [27, 49, 4], [45, 55, 2]];

test('pyrDown: every shape, layout, channel count and border, fresh and out results, through the kernel', () => {
  for (const [h, w, c] of SHAPES) {
    for (const layout of LAYOUTS) {
      for (const border of DOWN_BORDERS) {
        const label = `pyrDown ${h}×${w}×${c} ${layout} ${border}`;
        const opts = border === undefined ? undefined : { border };
        assert.ok(assertSameAsCore(simd.pyrDown, core.pyrDown, () => (opts ? [imageIn(layout, h, w, c, 3), opts] : [imageIn(layout, h, w, c, 3)]), label), label);
      }
      const shape = [(h + 1) >> 1, (w + 1) >> 1, c];
      assert.ok(assertSameAsCore(simd.pyrDown, core.pyrDown, () => [imageIn(layout, h, w, c, 4), { out: stridedOut(shape) }], `pyrDown ${h}×${w}×${c} ${layout} out`));
    }
  }
});

test('pyrUp: every shape, layout and channel count, fresh and out results, through the kernel', () => {
  for (const [h, w, c] of SHAPES) {
    for (const layout of LAYOUTS) {
      const label = `pyrUp ${h}×${w}×${c} ${layout}`;
      assert.ok(assertSameAsCore(simd.pyrUp, core.pyrUp, () => [imageIn(layout, h, w, c, 5)], label), label);
      assert.ok(assertSameAsCore(simd.pyrUp, core.pyrUp, () => [imageIn(layout, h, w, c, 6), { border: 'reflect101' }], `${label} reflect101`));
      assert.ok(assertSameAsCore(simd.pyrUp, core.pyrUp, () => [imageIn(layout, h, w, c, 7), { out: stridedOut([2 * h, 2 * w, c]) }], `${label} out`));
    }
  }
});

test('pyrDown and pyrUp: errors are the core\'s, other forms go to the core', () => {
  const a = () => randomImage(40, 50, 3, 1);
  const copyArgs = (args: unknown[]) => () => args.map((x) => (x instanceof core.PixelArray ? core.clone(x) : x));
  const badDown: unknown[][] = [
    [a(), { border: 'constant' }], [a(), { border: 'nope' }], [a(), { nope: 1 }], [a(), null], [a(), {}, 1],
    [a(), { out: core.zeros(20, 25, 1) }], ['x'], [core.zeros(0, 5000, 3)],
  ];
  const badUp: unknown[][] = [
    [a(), { border: 'replicate' }], [a(), { out: core.zeros(80, 100, 1) }], [a(), []], [core.zeros(5000, 0, 1)], [a(), undefined, 2],
  ];
  for (const args of badDown) assert.equal(assertSameAsCore(simd.pyrDown, core.pyrDown, copyArgs(args), `pyrDown ${String(args[1])}`), false);
  for (const args of badUp) assert.equal(assertSameAsCore(simd.pyrUp, core.pyrUp, copyArgs(args), `pyrUp ${String(args[1])}`), false);
  // Tiny images: the core.
  assert.equal(assertSameAsCore(simd.pyrDown, core.pyrDown, () => [randomImage(30, 30, 3, 1)], 'tiny down'), false);
  assert.equal(assertSameAsCore(simd.pyrUp, core.pyrUp, () => [randomImage(30, 30, 3, 1)], 'tiny up'), false);
  // An out overlapping the input: the copy-in makes it safe.
  assert.ok(assertSameAsCore(simd.pyrDown, core.pyrDown, () => { const x = randomImage(64, 64, 1, 2); return [x, { out: core.crop(x, [0, 0, 32, 32]) }]; }, 'out inside the input'));
});

test('pyrDown and pyrUp property: random shapes, layouts and borders equal the core', () => {
  const shape = fc.tuple(fc.integer({ min: 1, max: 110 }), fc.integer({ min: 1, max: 110 }), fc.integer({ min: 1, max: 5 }));
  fc.assert(fc.property(shape, fc.constantFrom(...LAYOUTS), fc.constantFrom('reflect101', 'replicate', 'reflect', 'wrap'), fc.integer({ min: 1, max: 1e6 }),
    ([h, w, c], layout, border, seed) => {
      const big = h * w * c >= 4096;
      assert.equal(assertSameAsCore(simd.pyrDown, core.pyrDown, () => [imageIn(layout, h, w, c, seed), { border }], `down ${h}×${w}×${c}`), big);
      assert.equal(assertSameAsCore(simd.pyrUp, core.pyrUp, () => [imageIn(layout, h, w, c, seed)], `up ${h}×${w}×${c}`), big);
    }), { numRuns: 120 });
});
