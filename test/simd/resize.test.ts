// pixelarray/simd resize and warpAffine: byte-identical to the core for every size pair (down, up,
// odd ratios, exact ½, 1-pixel targets), channel count, layout and output form; the cases without
// a kernel go to the core; errors identical.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import * as core from '../../src/index.ts';
import * as simd from '../../src/simd/index.ts';
import { assertSameAsCore, imageIn, KERNEL_SHAPES, LAYOUTS, loadKernels, stridedOut } from './harness.ts';
import { randomImage } from '../helpers.ts';

before(loadKernels);

/** Target sizes [width, height] for a source of w × h: halves, enlargements, odd ratios, single pixels. */
function targets(w: number, h: number): [number, number][] {
  return [
    [Math.max(1, w >> 1), Math.max(1, h >> 1)], [Math.ceil(w * 1.5), Math.ceil(h * 1.5)], [w * 2 + 1, h * 3],
    [Math.round(w * 0.71) || 1, Math.round(h * 0.77) || 1], [Math.round(w / 3) || 1, h + 5], [1, 1], [1, h], [w, 1],
    [w + 1, h], [w, h - 1], [3, 2 * h + 7],
  ];
}

const KERNEL_CHANNELS = (c: number): boolean => c === 1 || c === 3 || c === 4;

test('resize nearest, bilinear and area: every shape, layout and target through the kernels', () => {
  for (const [h, w, c] of KERNEL_SHAPES) {
    for (const layout of LAYOUTS) {
      for (const [dw, dh] of targets(w, h)) {
        for (const interpolation of [undefined, 'bilinear', 'area', 'nearest'] as const) {
          const options = interpolation ? { interpolation } : undefined;
          const label = `resize ${h}×${w}×${c} ${layout} → ${dw}×${dh} ${interpolation}`;
          const used = assertSameAsCore(simd.resize, core.resize, () => [imageIn(layout, h, w, c, 3), dw, dh, options], label);
          // Area shrinking on both axes (other than the exact ½) has no kernel: the core's float code.
          const areaDown = interpolation === 'area' && dw <= w && dh <= h;
          if (KERNEL_CHANNELS(c) && !areaDown) assert.ok(used, `${label}: no kernel ran`);
          if (!KERNEL_CHANNELS(c)) assert.equal(used, false, `${label}: a kernel ran`);
        }
      }
    }
  }
});

test('resize exact ½ (bilinear and area) and even sizes: the box kernel, every channel count and layout', () => {
  for (const [h, w] of [[64, 96], [50, 82], [130, 34], [18, 350], [130, 66]]) {
    for (const c of [1, 3, 4]) {
      for (const layout of LAYOUTS) {
        for (const interpolation of ['bilinear', 'area'] as const) {
          const label = `½ ${h}×${w}×${c} ${layout} ${interpolation}`;
          assert.ok(assertSameAsCore(simd.resize, core.resize, () => [imageIn(layout, h, w, c, 5), w / 2, h / 2, { interpolation }], label));
          assert.ok(assertSameAsCore(simd.resize, core.resize, () => [imageIn(layout, h, w, c, 6), w / 2, h / 2, { interpolation, out: stridedOut([h / 2, w / 2, c]) }], `${label} out`));
        }
        // Only one axis halved, or ½ × ⅓: the bilinear kernel (bilinear) or the core (area).
        assert.ok(assertSameAsCore(simd.resize, core.resize, () => [imageIn(layout, h, w, c, 7), w / 2, h], `½ × 1 ${h}×${w}×${c}`));
      }
    }
  }
});

test('resize: extremes of the pixel values, out arrays, in the core\'s other cases the core', () => {
  const white = () => core.fullLike(randomImage(50, 61, 3, 1), 255);
  for (const [dw, dh] of [[30, 25], [90, 77], [25, 50], [61, 100]]) {
    assert.ok(assertSameAsCore(simd.resize, core.resize, () => [white(), dw, dh], `white → ${dw}×${dh}`));
    assert.ok(assertSameAsCore(simd.resize, core.resize, () => [randomImage(50, 61, 4, 2), dw, dh, { out: stridedOut([dh, dw, 4]) }], `out ${dw}×${dh}`));
    assert.ok(assertSameAsCore(simd.resize, core.resize, () => [randomImage(70, 61, 1, 3), dw, dh, { interpolation: 'bilinear', out: core.zeros(dh, dw, 1) }], `contiguous out ${dw}×${dh}`));
  }
  const a = () => randomImage(50, 61, 3, 4);
  const noKernel: unknown[][] = [
    [61, 50], // same size: a copy
    [90, 70, { interpolation: 'cubic' }], [90, 70, { interpolation: 'lanczos4' }],
    [20, 25, { interpolation: 'area' }], [30, 25, { interpolation: 'area' }],
  ];
  for (const rest of noKernel) assert.equal(assertSameAsCore(simd.resize, core.resize, () => [a(), ...rest], `no kernel ${JSON.stringify(rest)}`), false);
  assert.equal(assertSameAsCore(simd.resize, core.resize, () => [randomImage(20, 30, 3, 1), 10, 10], 'small'), false);
  assert.equal(assertSameAsCore(simd.resize, core.resize, () => [randomImage(60, 60, 2, 1), 30, 20], '2 channels'), false);
});

test('resize errors are the core\'s', () => {
  const a = () => randomImage(50, 61, 3, 4);
  const bad: unknown[][] = [
    [0, 10], [10, 0], [1.5, 10], [10, '7'], [10, 10, { interpolation: 'bicubic' }], [10, 10, { bogus: 1 }],
    [10, 10, null], [10, 10, 'bilinear'], [10, 10, { out: randomImage(3, 3, 3, 1) }], [10, 10, {}, 4],
    [1e5, 1e5], [Number.NaN, 3], [10, 10, { interpolation: null }],
  ];
  for (const rest of bad) assertSameAsCore(simd.resize, core.resize, () => [a(), ...rest], `error ${String(rest)}`);
  assertSameAsCore(simd.resize, core.resize, () => [null, 10, 10], 'not an image');
});

const rotation = (w: number, h: number, angle: number, scale = 1) => core.getRotationMatrix2D([w / 2, h / 2], angle, scale);

test('warpAffine bilinear, constant border: rotations, scales, shifts, every shape and layout, through the kernel', () => {
  for (const [h, w, c] of KERNEL_SHAPES) {
    const matrices = [
      rotation(w, h, 15), rotation(w, h, -37, 1.3), rotation(w, h, 90), rotation(w, h, 180, 0.6), rotation(w, h, 0),
      [[1, 0, 0.37], [0, 1, -2.71]], [[0.5, 0.1, 3], [-0.2, 1.7, -4]], [[2.3, 0, -7], [0, 0.4, 1]], [[1e-9, 0, 0], [0, 1e-9, 0]],
    ];
    for (const layout of LAYOUTS) {
      for (const [k, M] of matrices.entries()) {
        for (const [dw, dh] of [[w, h], [w + 7, Math.max(1, h - 3)], [5, 3]]) {
          const label = `warp ${h}×${w}×${c} ${layout} M${k} → ${dw}×${dh}`;
          const used = assertSameAsCore(simd.warpAffine, core.warpAffine, () => [imageIn(layout, h, w, c, 8), M, dw, dh], label);
          assert.equal(used, KERNEL_CHANNELS(c), `${label}: kernel ran ${used}`);
        }
      }
    }
  }
});

test('warpAffine: border values, inverseMap, out arrays', () => {
  for (const c of [1, 3, 4]) {
    const a = () => randomImage(75, 67, c, 9);
    const M = rotation(67, 75, 23, 0.9);
    const variants: object[] = [
      { borderValue: 200 }, { borderValue: [7] }, { borderValue: [10, 255, 33, 128].slice(0, c) }, { borderValue: 300.6 },
      { inverseMap: true }, { inverseMap: false, border: 'constant', interpolation: 'bilinear' },
      { out: stridedOut([50, 70, c]) }, { out: core.zeros(50, 70, c), borderValue: -4 },
    ];
    for (const options of variants) {
      assert.ok(assertSameAsCore(simd.warpAffine, core.warpAffine, () => [a(), M, 70, 50, options], `c=${c} ${Object.keys(options).join()}`));
    }
    assert.ok(assertSameAsCore(simd.warpAffine, core.warpAffine, () => [a(), new Float64Array(M.flat()), 70, 50], 'Float64Array'));
    assert.ok(assertSameAsCore(simd.warpAffine, core.warpAffine, () => [a(), M.flat(), 70, 50], 'flat'));
  }
  // A singular matrix maps everything to the source's (0, 0).
  assert.ok(assertSameAsCore(simd.warpAffine, core.warpAffine, () => [randomImage(45, 67, 3, 1), [[0, 0, 5], [0, 0, 7]], 30, 20], 'singular'));
  // Far-away coordinates (fixed-point overflow wraps as in the core).
  assert.ok(assertSameAsCore(simd.warpAffine, core.warpAffine, () => [randomImage(45, 67, 3, 1), [[1, 0, 3e6], [0, 1, -2e9]], 30, 20, { inverseMap: true }], 'far'));
});

test('warpAffine: other interpolations, borders and channel counts go to the core; errors are the core\'s', () => {
  const a = () => randomImage(45, 67, 3, 2);
  const M = rotation(67, 45, 30);
  const noKernel: object[] = [
    { interpolation: 'nearest' }, { interpolation: 'cubic' }, { interpolation: 'lanczos4' }, { border: 'replicate' },
    { border: 'reflect101' }, { border: 'wrap' },
  ];
  for (const options of noKernel) assert.equal(assertSameAsCore(simd.warpAffine, core.warpAffine, () => [a(), M, 60, 40, options], JSON.stringify(options)), false);
  assert.equal(assertSameAsCore(simd.warpAffine, core.warpAffine, () => [randomImage(45, 67, 2, 2), M, 60, 40], '2 channels'), false);
  assert.equal(assertSameAsCore(simd.warpAffine, core.warpAffine, () => [randomImage(20, 20, 3, 2), M, 60, 40], 'small'), false);
  const bad: unknown[][] = [
    [[[1, 0], [0, 1]], 10, 10], [[1, 0, 0, 0, 1], 10, 10], [[[1, 0, Number.NaN], [0, 1, 0]], 10, 10], ['M', 10, 10],
    [M, 0, 10], [M, 10, 2.5], [M, 10, 10, { borderValue: [1, 2] }], [M, 10, 10, { borderValue: 'x' }],
    [M, 10, 10, { inverseMap: 1 }], [M, 10, 10, { border: 'mirror' }], [M, 10, 10, { interpolation: 'area' }],
    [M, 10, 10, { bogus: true }], [M, 10, 10, { out: randomImage(10, 11, 3, 1) }], [M, 10, 10, {}, 1], [M, 10, 10, null],
    [M, 1e5, 1e5],
  ];
  for (const rest of bad) assertSameAsCore(simd.warpAffine, core.warpAffine, () => [a(), ...rest], `error ${JSON.stringify(rest)}`);
});

test('property: random shapes, targets and matrices agree with the core', () => {
  const shape = fc.tuple(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 80 }), fc.constantFrom(1, 3, 4));
  const size = fc.tuple(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 120 }));
  fc.assert(fc.property(shape, size, fc.constantFrom('bilinear', 'area', 'nearest'), fc.constantFrom(...LAYOUTS), fc.integer({ min: 1, max: 1e6 }),
    ([h, w, c], [dw, dh], interpolation, layout, seed) => {
      assertSameAsCore(simd.resize, core.resize, () => [imageIn(layout, h, w, c, seed), dw, dh, { interpolation }], `resize ${h}×${w}×${c} → ${dw}×${dh}`);
    }), { numRuns: 150 });
  const coef = fc.double({ min: -3, max: 3, noNaN: true });
  fc.assert(fc.property(shape, size, fc.array(coef, { minLength: 6, maxLength: 6 }), fc.integer({ min: 1, max: 1e6 }),
    ([h, w, c], [dw, dh], m, seed) => {
      const M = [m[0], m[1], m[2] * w, m[3], m[4], m[5] * h];
      assertSameAsCore(simd.warpAffine, core.warpAffine, () => [randomImage(h, w, c, seed), M, dw, dh], `warp ${h}×${w}×${c} → ${dw}×${dh} ${M}`);
    }), { numRuns: 150 });
});
