// pixelarray/simd scharr and laplacian (uint8 results): byte-identical to the core on every
// layout, shape, channel count, border, scale 1 or 2^−k, delta and output form; errors identical;
// other depths, scales and deltas go to the core.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import * as core from '../../src/index.ts';
import * as simd from '../../src/simd/index.ts';
import { assertSameAsCore, imageIn, KERNEL_SHAPES, LAYOUTS, loadKernels, stridedOut } from './harness.ts';
import { randomImage } from '../helpers.ts';

before(loadKernels);

const BORDERS = [undefined, 'reflect101', 'replicate', 'reflect', 'constant'];
const SCHARR_OPTIONS: Record<string, unknown>[] = [
  {}, { delta: 128 }, { delta: 128, scale: 0.25 }, { scale: 0.5 }, { scale: 2 ** -8, delta: -3 }, { delta: 30001, scale: 0.125 }, { delta: -32768, scale: 0.5 }, { delta: -1e9 },
  { delta: 7, scale: 1, ddepth: 'uint8' },
];
const LAPLACIAN_OPTIONS: Record<string, unknown>[] = [
  {}, { ksize: 3, delta: 128 }, { ksize: 1, delta: -20 }, { ksize: 3, scale: 1 }, { ddepth: 'uint8', delta: 1e9 }, { delta: 2.5e-8 },
];

test('scharr: every shape, layout, direction, border and plain option, through the kernel', () => {
  for (const [h, w, c] of KERNEL_SHAPES) {
    for (const layout of LAYOUTS) {
      for (const [dx, dy] of [[1, 0], [0, 1]]) {
        for (const border of BORDERS) {
          for (const o of SCHARR_OPTIONS) {
            const opts = { ...o, ...(border ? { border } : {}) };
            const label = `scharr ${h}×${w}×${c} ${layout} ${dx},${dy} ${JSON.stringify(opts)}`;
            assert.ok(assertSameAsCore(simd.scharr, core.scharr, () => [imageIn(layout, h, w, c, 3), dx, dy, opts], label), label);
          }
        }
        assert.ok(assertSameAsCore(simd.scharr, core.scharr, () => [imageIn(layout, h, w, c, 4), dx, dy, { scale: 0.25, delta: 128, out: stridedOut([h, w, c]) }], 'scharr out'));
      }
    }
  }
});

test('laplacian: every shape, layout, border and plain option, through the kernel', () => {
  for (const [h, w, c] of KERNEL_SHAPES) {
    for (const layout of LAYOUTS) {
      for (const border of BORDERS) {
        for (const o of LAPLACIAN_OPTIONS) {
          const opts = { ...o, ...(border ? { border } : {}) };
          const label = `laplacian ${h}×${w}×${c} ${layout} ${JSON.stringify(opts)}`;
          const used = assertSameAsCore(simd.laplacian, core.laplacian, () => [imageIn(layout, h, w, c, 5), opts], label);
          // A delta beyond 16 bits (filter2D's bound) or not an integer in float32 is the core's.
          assert.equal(used, o.delta !== 1e9 && o.delta !== 2.5e-8, `${label}: kernel ran = ${used}`);
        }
      }
      assert.ok(assertSameAsCore(simd.laplacian, core.laplacian, () => [imageIn(layout, h, w, c, 6), { ksize: 3, delta: 128, out: stridedOut([h, w, c]) }], 'laplacian out'));
      assert.ok(assertSameAsCore(simd.laplacian, core.laplacian, () => [imageIn(layout, h, w, c, 6)], 'laplacian no options'));
    }
  }
});

test('scharr and laplacian: errors are the core\'s, other forms go to the core', () => {
  const a = () => randomImage(40, 50, 3, 1);
  const scharrViaCore: unknown[][] = [
    [1, 1, {}], [0, 0, {}], [2, 0, {}], [1, 0, { border: 'wrap' }], [1, 0, { ksize: 3 }], [1, 0, { scale: 0.3 }], [1, 0, { scale: 2 }],
    [1, 0, { delta: 0.5 }], [1, 0, { ddepth: 'int16' }], [1, 0, { ddepth: 'float32', scale: 0.25 }], [1, 0, { ddepth: 'x' }], [1, 0, null],
    [1, 0, { delta: 'x' }], [1, 0, { out: core.zeros(3, 3, 3) }], [1, 0, { ddepth: 'int16', out: core.zeros(40, 50, 3) }], [1, 0, { scale: 2 ** -9 }],
    [1, 0, { scale: 0.25, delta: 1e6 }], ['1', 0, {}], [1, 0, {}, 1],
  ];
  for (const rest of scharrViaCore) {
    const label = `scharr ${JSON.stringify(rest)}`;
    assert.equal(assertSameAsCore(simd.scharr, core.scharr, () => [a(), ...rest], label), false, label);
  }
  const laplacianViaCore: unknown[][] = [
    [{ ksize: 5 }], [{ ksize: 7, delta: 1 }], [{ ksize: 2 }], [{ ksize: '3' }], [{ scale: 2 }], [{ delta: 0.5 }], [{ border: 'wrap' }],
    [{ ddepth: 'int16' }], [{ ddepth: 'float32' }], [{ nope: 1 }], [[]], [{ out: core.zeros(3, 3, 3) }], [{}, 1],
  ];
  for (const rest of laplacianViaCore) {
    const label = `laplacian ${JSON.stringify(rest)}`;
    assert.equal(assertSameAsCore(simd.laplacian, core.laplacian, () => [a(), ...rest], label), false, label);
  }
  assert.equal(assertSameAsCore(simd.scharr, core.scharr, () => [randomImage(30, 30, 3, 1), 1, 0], 'tiny'), false);
  assert.equal(assertSameAsCore(simd.laplacian, core.laplacian, () => [randomImage(30, 30, 3, 1)], 'tiny'), false);
});

test('scharr and laplacian property: random shapes, layouts and options equal the core', () => {
  const shape = fc.tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 4 }));
  fc.assert(fc.property(shape, fc.constantFrom(...LAYOUTS), fc.constantFrom(...BORDERS), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 1e6 }),
    ([h, w, c], layout, border, pick, seed) => {
      const big = h * w * c >= 4096;
      const so = { ...SCHARR_OPTIONS[pick % SCHARR_OPTIONS.length], ...(border ? { border } : {}) };
      assert.equal(assertSameAsCore(simd.scharr, core.scharr, () => [imageIn(layout, h, w, c, seed), pick & 1, 1 - (pick & 1), so], 'scharr'), big);
      const lo = { ...LAPLACIAN_OPTIONS[pick % 4], ...(border ? { border } : {}) };
      assert.equal(assertSameAsCore(simd.laplacian, core.laplacian, () => [imageIn(layout, h, w, c, seed), lo], 'laplacian'), big);
    }), { numRuns: 120 });
});
