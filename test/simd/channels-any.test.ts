// Every pixelarray/simd function on channel counts its kernels were not written around (2, 5, 6):
// the result is the core's whether a kernel or the core runs.
import { before, test } from 'node:test';
import * as core from '../../src/index.ts';
import * as simd from '../../src/simd/index.ts';
import { assertSameAsCore, loadKernels } from './harness.ts';
import { randomImage } from '../helpers.ts';

before(loadKernels);

test('2, 5 and 6 channels: filters, morphology, thresholds, resizes, warps, colour, geometry agree with the core', () => {
  const m = core.getRotationMatrix2D([30, 20], 10, 1.1);
  for (const c of [2, 5, 6]) {
    const img = () => randomImage(47, 61, c, 90 + c);
    const cases: [string, () => unknown[]][] = [
      ['gaussianBlur', () => [img(), 1.3]], ['blur', () => [img(), 5]], ['medianBlur', () => [img(), 5]],
      ['filter2D', () => [img(), [[0, -1, 0], [-1, 5, -1], [0, -1, 0]]]], ['emboss', () => [img()]],
      ['erode', () => [img(), core.getStructuringElement('rect', [5, 5])]],
      ['dilate', () => [img(), core.getStructuringElement('ellipse', [5, 5])]],
      ['morphologyEx', () => [img(), 'open', core.getStructuringElement('rect', [3, 3])]],
      ['sobel', () => [img(), 1, 0]], ['threshold', () => [img(), 100, 255, 'binary']],
      ['resize', () => [img(), 30, 20]], ['resize', () => [img(), 90, 70]], ['warpAffine', () => [img(), m, 61, 47]],
      ['cvtColor', () => [img(), 'RGB2GRAY']], ['inRange', () => [img(), 10, 200]], ['split', () => [img()]],
      ['clone', () => [core.flip(img(), 1)]], ['clone', () => [core.transpose(img())]],
    ];
    for (const [name, make] of cases) {
      // Valid calls (the core returns), so that the comparison is of results, except RGB2GRAY,
      // which needs 3 or 4 channels: there the two errors are compared.
      if (name !== 'cvtColor') (core as any)[name](...make());
      assertSameAsCore((simd as any)[name], (core as any)[name], make, `${name} c=${c}`);
    }
  }
});
