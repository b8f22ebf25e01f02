// pixelarray/simd calcHist: the same Float32Array as the core for the plain case (distinct
// channels, power-of-two bins over [0, 256), no mask) on every layout, shape (vector tails, chunk
// boundaries, the pair-counting path of large images) and channel count; errors identical; every
// other form goes to the core.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import * as core from '../../src/index.ts';
import * as simd from '../../src/simd/index.ts';
import { PixelArray } from '../../src/core/pixelarray.ts';
import { assertSameAsCore, imageIn, KERNEL_SHAPES, LAYOUTS, loadKernels } from './harness.ts';
import { randomImage } from '../helpers.ts';

before(loadKernels);

const R = [0, 256];

/** Plain options for a c-channel image: one or more dimensions. */
function plainOptions(c: number): unknown[] {
  const list: unknown[] = [undefined, {}, { channels: [c - 1] }, { channels: [0], bins: [256], ranges: [R] }, { bins: 32 }, { bins: [1] },
    { channels: [c - 1], bins: [64], ranges: [0, 256] }];
  if (c >= 3) {
    list.push({ channels: [0, 1, 2], bins: [8, 8, 8], ranges: [R, R, R] }, { channels: [2, 0], bins: [16, 4], ranges: [0, 256, 0, 256] },
      { channels: [1, 2, 0], bins: [2, 1, 128] }, { channels: [0, 1, 2], bins: 32 });
  }
  if (c === 4) list.push({ channels: [3, 1, 0, 2], bins: [4, 8, 2, 16] }, { channels: [3], bins: [128] }, { channels: [3, 0], bins: 256 });
  return list;
}

/** A smooth image (runs of equal values, as in photos): neighbouring pixels share bins. */
function smoothImage(h: number, w: number, c: number): PixelArray {
  const a = core.zeros(h, w, c);
  for (let i = 0; i < a.data.length; i++) a.data[i] = ((i / (97 * c)) | 0) * 7 + (i % c) * 50 & 255;
  return a;
}

test('calcHist plain cases: every shape, layout and channel count, through the kernel', () => {
  for (const [h, w, c] of KERNEL_SHAPES) {
    for (const layout of LAYOUTS) {
      for (const o of plainOptions(c)) {
        const label = `calcHist ${h}×${w}×${c} ${layout} ${JSON.stringify(o)}`;
        const used = assertSameAsCore(simd.calcHist, core.calcHist, () => (o === undefined ? [imageIn(layout, h, w, c, 3)] : [imageIn(layout, h, w, c, 3), o]), label);
        assert.equal(used, c !== 2, `${label}: kernel ran = ${used}`);
      }
    }
  }
});

test('calcHist of large images: chunk boundaries and the pair tables, random and smooth', () => {
  for (const c of [1, 3, 4]) {
    for (const [h, w] of [[300, 251], [257, 256], [129, 513]]) {
      for (const layout of [LAYOUTS[0], LAYOUTS[LAYOUTS.length - 1]]) {
        for (const o of plainOptions(c)) {
          const label = `calcHist ${h}×${w}×${c} ${layout} ${JSON.stringify(o)}`;
          assert.ok(assertSameAsCore(simd.calcHist, core.calcHist, () => [imageIn(layout, h, w, c, 5), o], label), label);
        }
      }
      for (const o of plainOptions(c)) {
        assert.ok(assertSameAsCore(simd.calcHist, core.calcHist, () => [smoothImage(h, w, c), o], `smooth ${h}×${w}×${c} ${JSON.stringify(o)}`));
      }
    }
  }
});

test('calcHist: other forms go to the core, errors are the core\'s', () => {
  const a = () => randomImage(40, 50, 3, 1);
  const mask = () => randomImage(40, 50, 1, 2);
  const viaCore: unknown[] = [
    { mask: mask() }, { channels: [0], mask: undefined }, { channels: [0, 0] }, { bins: [100] }, { bins: [512] }, { ranges: [[0, 255]] },
    { ranges: [[1, 256]] }, { ranges: [[0, 256.5]] }, { channels: [0, 1, 2], bins: [64, 64, 64] }, { ranges: [0, 128] },
    // Bad arguments: the core's errors.
    { channels: [3] }, { channels: [] }, { channels: 'x' }, { bins: 0 }, { bins: [8, 8] }, { ranges: [[256, 0]] }, { nope: 1 }, null, [],
    { channels: [0.5] }, { bins: [Number.NaN] }, // eslint-disable-next-line no-sparse-arrays
    { channels: [, 1] },
  ];
  for (const o of viaCore) {
    const label = `calcHist ${JSON.stringify(o)}`;
    assert.equal(assertSameAsCore(simd.calcHist, core.calcHist, () => [a(), o], label), false, `${label}: kernel ran`);
  }
  assert.equal(assertSameAsCore(simd.calcHist, core.calcHist, () => [a(), {}, 1], 'three arguments'), false);
  assert.equal(assertSameAsCore(simd.calcHist, core.calcHist, () => ['x'], 'not an image'), false);
  assert.equal(assertSameAsCore(simd.calcHist, core.calcHist, () => [randomImage(30, 30, 3, 1)], 'tiny image'), false);
  assert.equal(assertSameAsCore(simd.calcHist, core.calcHist, () => [randomImage(60, 60, 2, 1), { channels: [1] }], 'two channels'), false);
  // An empty image.
  assert.equal(assertSameAsCore(simd.calcHist, core.calcHist, () => [core.zeros(0, 5000, 3)], 'empty'), false);
});

test('calcHist property: random shapes, layouts and plain options equal the core', () => {
  const shape = fc.tuple(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 120 }), fc.constantFrom(1, 3, 4));
  fc.assert(fc.property(shape, fc.constantFrom(...LAYOUTS), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 1e6 }), ([h, w, c], layout, pick, seed) => {
    const options = plainOptions(c);
    const o = options[pick % options.length];
    const used = assertSameAsCore(simd.calcHist, core.calcHist, () => [imageIn(layout, h, w, c, seed), o], `${h}×${w}×${c} ${layout}`);
    assert.equal(used, h * w * c >= 4096);
  }), { numRuns: 150 });
});
