// pixelarray/simd filters: gaussianBlur, blur, medianBlur, filter2D and emboss byte-identical to the
// core on every kernel size and sigma the kernels accept, every border mode, 1–4 channels, every
// layout, vector tails and images small next to the kernel; everything else goes to the core.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import * as core from '../../src/index.ts';
import * as simd from '../../src/simd/index.ts';
import { assertSameAsCore, imageIn, KERNEL_SHAPES, LAYOUTS, loadKernels, stridedOut } from './harness.ts';
import { randomImage } from '../helpers.ts';

before(loadKernels);

const BORDERS = ['reflect101', 'replicate', 'reflect', 'constant', 'wrap'] as const;
const EMBOSS_KERNEL = [[-1, 0, 0], [0, 1, 0], [0, 0, 0]];

/** Runs `simd.fn` against `core.fn` and insists that a kernel ran. */
function viaKernel(fn: 'gaussianBlur' | 'blur' | 'medianBlur' | 'filter2D' | 'emboss', make: () => unknown[], label: string): void {
  assert.ok(assertSameAsCore((simd as any)[fn], (core as any)[fn], make, label), `${label}: no kernel ran`);
}

test('gaussianBlur: σ-derived and given sizes, 16-bit and float32 paths, every shape and layout', () => {
  const cases: [number, object | undefined][] = [
    [0, { ksize: 5 }], [0, { ksize: 3 }], [3, undefined], [1.2, undefined], [0, { ksize: [7, 3] }], [2, { ksize: [5, 9], sigmaY: 0.8 }],
    [0.5, { ksize: 11 }], [0, { ksize: [1, 5] }], [0, { ksize: [9, 1] }], [0.1, { ksize: 3 }], [40, { ksize: 5 }],
  ];
  for (const [h, w, c] of KERNEL_SHAPES) {
    for (const layout of LAYOUTS) {
      for (const [sigma, options] of cases) {
        viaKernel('gaussianBlur', () => [imageIn(layout, h, w, c, 3), sigma, options], `gauss ${sigma} ${JSON.stringify(options)} ${h}×${w}×${c} ${layout}`);
      }
    }
  }
  for (const border of BORDERS) {
    for (const [sigma, ksize] of [[0, 5], [3, 0], [0, 7]] as const) {
      for (const c of [1, 3, 4]) {
        viaKernel('gaussianBlur', () => [randomImage(67, 71, c, 5), sigma, { ksize, border }], `gauss ${border} ${sigma}/${ksize} c=${c}`);
      }
    }
  }
  const out = stridedOut([40, 41, 3]);
  viaKernel('gaussianBlur', () => [randomImage(40, 41, 3, 6), 3, { out }], 'gauss out');
  viaKernel('gaussianBlur', () => [randomImage(40, 41, 3, 6), 0, { ksize: 5, out: stridedOut([40, 41, 3]) }], 'gauss 5 out');
});

test('gaussianBlur: images thin next to the kernel (borders bouncing several times)', () => {
  for (const [h, w, c] of [[4096, 1, 1], [1, 4096, 1], [2, 700, 3], [700, 2, 3], [3, 400, 4], [1500, 3, 1]] as const) {
    for (const border of BORDERS) {
      viaKernel('gaussianBlur', () => [randomImage(h, w, c, 7), 3, { border }], `gauss σ3 ${h}×${w}×${c} ${border}`);
      viaKernel('gaussianBlur', () => [randomImage(h, w, c, 8), 0, { ksize: 5, border }], `gauss 5 ${h}×${w}×${c} ${border}`);
    }
  }
});

test('blur: square, rectangular and even windows up to 256 values, every border but wrap', () => {
  const sizes: (number | [number, number])[] = [5, 3, 2, [4, 7], [1, 9], [9, 1], 16, [31, 8], [15, 17]];
  for (const [h, w, c] of KERNEL_SHAPES) {
    for (const layout of LAYOUTS) {
      for (const ksize of sizes) viaKernel('blur', () => [imageIn(layout, h, w, c, 9), ksize], `blur ${JSON.stringify(ksize)} ${h}×${w}×${c} ${layout}`);
    }
  }
  for (const border of ['reflect101', 'replicate', 'reflect', 'constant'] as const) {
    for (const c of [1, 3, 4]) viaKernel('blur', () => [randomImage(67, 71, c, 10), [5, 4], { border }], `blur ${border} c=${c}`);
  }
  for (const [h, w] of [[4096, 1], [1, 4096], [2, 3000], [3000, 2]]) viaKernel('blur', () => [randomImage(h, w, 1, 11), 5], `blur thin ${h}×${w}`);
  viaKernel('blur', () => [randomImage(40, 41, 3, 12), 5, { out: stridedOut([40, 41, 3]) }], 'blur out');
});

test('medianBlur 5: every shape, layout and channel count, thin images', () => {
  for (const [h, w, c] of KERNEL_SHAPES) {
    for (const layout of LAYOUTS) viaKernel('medianBlur', () => [imageIn(layout, h, w, c, 13), 5], `median ${h}×${w}×${c} ${layout}`);
  }
  for (const [h, w, c] of [[4096, 1, 1], [1, 4096, 1], [2, 2000, 3], [1000, 2, 4], [1, 1400, 3]] as const) {
    viaKernel('medianBlur', () => [randomImage(h, w, c, 14), 5], `median thin ${h}×${w}×${c}`);
  }
  // Few distinct values: many ties.
  viaKernel('medianBlur', () => [core.bitwiseAnd(randomImage(60, 70, 3, 15), 3), 5], 'median ties');
  viaKernel('medianBlur', () => [randomImage(40, 41, 3, 16), 5, { out: stridedOut([40, 41, 3]) }], 'median out');
});

test('filter2D: integer kernels (emboss, sharpen, 1×N, 5×5, even sides), deltas, borders', () => {
  const kernels: [number[][], number][] = [
    [EMBOSS_KERNEL, 128], [[[0, -1, 0], [-1, 5, -1], [0, -1, 0]], 0], [[[1, 2, 1], [2, 4, 2], [1, 2, 1]], -300],
    [[[1, -1]], 0], [[[2], [0], [-3]], 7], [Array.from({ length: 5 }, (_, j) => [1, -2, j, 3, -1]), 20], [[[0, 0], [0, 3]], 1],
  ];
  for (const [h, w, c] of KERNEL_SHAPES) {
    for (const layout of LAYOUTS) {
      for (const [kernel, delta] of kernels) {
        viaKernel('filter2D', () => [imageIn(layout, h, w, c, 17), kernel, { delta }], `filter2D ${JSON.stringify(kernel)} ${h}×${w}×${c} ${layout}`);
      }
    }
  }
  for (const border of ['reflect101', 'replicate', 'reflect', 'constant'] as const) {
    for (const c of [1, 3, 4]) viaKernel('filter2D', () => [randomImage(65, 73, c, 18), EMBOSS_KERNEL, { delta: 128, border }], `filter2D ${border} c=${c}`);
  }
  for (const [h, w] of [[4096, 1], [1, 4096], [2, 3000]]) viaKernel('filter2D', () => [randomImage(h, w, 1, 19), kernels[1][0]], `filter2D thin ${h}×${w}`);
  viaKernel('filter2D', () => [randomImage(40, 41, 3, 20), EMBOSS_KERNEL, { delta: 128, out: stridedOut([40, 41, 3]) }], 'filter2D out');
});

test('filter2D: a +1/−1 pair (the byte path) at every delta edge, beside the 16-bit path', () => {
  const pairs: number[][][] = [EMBOSS_KERNEL, [[0, 0, 1], [0, 0, 0], [-1, 0, 0]], [[1, -1]], [[-1], [1]], [[0, 1, 0], [0, -1, 0], [0, 0, 0]]];
  for (const kernel of pairs) {
    for (const delta of [0, 1, 127, 128, 254, 255, -1, 256, 400, -300]) {
      for (const [h, w, c] of [[67, 71, 3], [40, 130, 1], [33, 45, 4]] as const) {
        for (const border of ['reflect101', 'constant'] as const) {
          viaKernel('filter2D', () => [randomImage(h, w, c, 24), kernel, { delta, border }], `filter2D pair ${JSON.stringify(kernel)} δ${delta} ${h}×${w}×${c} ${border}`);
        }
      }
    }
  }
  // More than four taps: sums carried between groups of four.
  const wide = [[1, 2, -1, 3, 1], [2, -3, 1, 1, -2], [0, 1, 4, 1, 0]];
  for (const c of [1, 3, 5]) viaKernel('filter2D', () => [randomImage(70, 61, c, 25), wide, { delta: 9 }], `filter2D 13 taps c=${c}`);
});

test('gaussianBlur: wide kernels (32-bit horizontal sums, symmetric vertical pass), odd and even pair counts', () => {
  const cases: [number, object | undefined][] = [
    [3, undefined], [5, undefined], [0, { ksize: [19, 5] }], [0, { ksize: [5, 19] }], [2.5, { ksize: [17, 21] }],
    [4, { ksize: [23, 3], sigmaY: 1 }], [1.5, { ksize: [3, 15], sigmaY: 4 }],
  ];
  for (const [sigma, options] of cases) {
    for (const [h, w, c] of [[67, 71, 3], [40, 130, 1], [33, 45, 4], [30, 37, 6]] as const) {
      for (const border of BORDERS) {
        viaKernel('gaussianBlur', () => [randomImage(h, w, c, 26), sigma, { ...options, border }], `gauss wide ${sigma} ${JSON.stringify(options)} ${h}×${w}×${c} ${border}`);
      }
    }
  }
});

test('emboss: every shape, layout and channel count, 3-pixel images, out', () => {
  for (const [h, w, c] of KERNEL_SHAPES) {
    for (const layout of LAYOUTS) viaKernel('emboss', () => [imageIn(layout, h, w, c, 21)], `emboss ${h}×${w}×${c} ${layout}`);
  }
  for (const [h, w, c] of [[3, 2000, 1], [2000, 3, 1], [3, 500, 3]] as const) viaKernel('emboss', () => [randomImage(h, w, c, 22)], `emboss ${h}×${w}×${c}`);
  viaKernel('emboss', () => [randomImage(40, 41, 4, 23), { out: stridedOut([40, 41, 4]) }], 'emboss out');
});

test('everything else goes to the core, and errors are the core\'s', () => {
  const a = () => randomImage(40, 41, 3, 1);
  const toCore: [string, () => unknown[]][] = [
    ['gaussianBlur', () => [a(), 0, { ksize: 1 }]],
    ['gaussianBlur', () => [a(), 60]],
    ['gaussianBlur', () => [randomImage(5, 5, 3, 1), 3]],
    ['blur', () => [a(), 17]],
    ['blur', () => [a(), 1]],
    ['medianBlur', () => [a(), 3]],
    ['medianBlur', () => [a(), 7]],
    ['filter2D', () => [a(), [[0.5, 0.5]]]],
    ['filter2D', () => [a(), EMBOSS_KERNEL, { delta: 0.5 }]],
    ['filter2D', () => [a(), [[200, 0], [0, -200]]]],
    ['filter2D', () => [a(), [[0, 0], [0, 0]]]],
    ['emboss', () => [randomImage(2, 3000, 1, 1)]],
    ['emboss', () => [randomImage(3000, 2, 1, 1)]],
  ];
  for (const [fn, make] of toCore) assert.equal(assertSameAsCore((simd as any)[fn], (core as any)[fn], make, fn), false, `${fn}: a kernel ran`);
  const bad: [string, () => unknown[]][] = [
    ['gaussianBlur', () => [a(), -1]],
    ['gaussianBlur', () => [a(), 0]],
    ['gaussianBlur', () => [a(), 1, { ksize: 4 }]],
    ['gaussianBlur', () => [a(), 1, { ksize: [3] }]],
    ['gaussianBlur', () => [a(), 1, { sigmaY: NaN }]],
    ['gaussianBlur', () => [a(), 1, { border: 'mirror' }]],
    ['gaussianBlur', () => [a(), 1, { bogus: 1 }]],
    ['gaussianBlur', () => [a(), 1, { out: randomImage(2, 2, 3, 1) }]],
    ['gaussianBlur', () => [a(), 1, {}, 3]],
    ['blur', () => [a(), 0]],
    ['blur', () => [a(), 5, { border: 'wrap' }]],
    ['blur', () => [a(), 2.5]],
    ['blur', () => [a(), 5, 'x']],
    ['medianBlur', () => [a(), 4]],
    ['medianBlur', () => [a(), 5, { out: randomImage(40, 42, 3, 1) }]],
    ['medianBlur', () => [null, 5]],
    ['filter2D', () => [a(), []]],
    ['filter2D', () => [a(), [[1, 2], [3]]]],
    ['filter2D', () => [a(), EMBOSS_KERNEL, { border: 'wrap' }]],
    ['filter2D', () => [a(), [[NaN]]]],
    ['filter2D', () => [a(), EMBOSS_KERNEL, { delta: Infinity }]],
    ['emboss', () => [a(), { out: randomImage(40, 41, 1, 1) }]],
    ['emboss', () => [a(), {}, 1]],
  ];
  for (const [fn, make] of bad) assertSameAsCore((simd as any)[fn], (core as any)[fn], make, `${fn} error`);
});

test('property: random shapes, layouts, kernels agree with the core', () => {
  const shape = fc.tuple(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 4 }));
  const op = fc.oneof(
    fc.record({ fn: fc.constant('gaussianBlur'), sigma: fc.double({ min: 0.3, max: 6, noNaN: true }), border: fc.constantFrom(...BORDERS) })
      .map((r) => ({ fn: r.fn, args: [r.sigma, { border: r.border }] })),
    fc.record({ fn: fc.constant('gaussianBlur'), k: fc.constantFrom(3, 5, 7, 9, 11), ky: fc.constantFrom(1, 3, 5, 9) })
      .map((r) => ({ fn: r.fn, args: [0, { ksize: [r.k, r.ky] }] })),
    fc.record({ fn: fc.constant('blur'), kw: fc.integer({ min: 1, max: 12 }), kh: fc.integer({ min: 1, max: 12 }) })
      .map((r) => ({ fn: r.fn, args: [[r.kw, r.kh]] })),
    fc.constant({ fn: 'medianBlur', args: [5] }),
    fc.record({ fn: fc.constant('filter2D'), k: fc.array(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 4 }), delta: fc.integer({ min: -200, max: 300 }) })
      .map((r) => ({ fn: r.fn, args: [r.k, { delta: r.delta }] })),
    fc.constant({ fn: 'emboss', args: [] }),
  );
  fc.assert(fc.property(shape, op, fc.constantFrom(...LAYOUTS), fc.integer({ min: 1, max: 1e6 }), ([h, w, c], { fn, args }, layout, seed) => {
    assertSameAsCore((simd as any)[fn], (core as any)[fn], () => [imageIn(layout, h, w, c, seed), ...args], `${fn} ${JSON.stringify(args)} ${h}×${w}×${c}`);
  }), { numRuns: 300 });
});
