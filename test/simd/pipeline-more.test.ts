// pipeline(img) steps for threshold, erode, dilate, morphologyEx and sobel: the same bytes as the
// calls one after the other, kernel steps in the arena, non-plain arguments run by the core, errors
// those of the function.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import * as core from '../../src/index.ts';
import { pipeline } from '../../src/simd/index.ts';
import { workspaceCount } from '../../src/simd/runtime.ts';
import { imageIn, LAYOUTS, loadKernels, stridedOut } from './harness.ts';
import { randomImage } from '../helpers.ts';

before(loadKernels);

const same = (x: core.PixelArray, y: core.PixelArray, label: string) => {
  assert.deepEqual(x.shape, y.shape, `${label}: shape`);
  assert.deepEqual(Buffer.from(core.clone(x).data), Buffer.from(core.clone(y).data), `${label}: bytes`);
};
const RECT5 = core.getStructuringElement('rect', [5, 5]);
const ELLIPSE5 = core.getStructuringElement('ellipse', [5, 5]);

test('kernel steps only: one workspace, the sequential result', () => {
  for (const layout of LAYOUTS) {
    const a = imageIn(layout, 60, 70, 3, 1);
    const runs = workspaceCount();
    const got = pipeline(a).sobel(1, 0, { delta: 128 }).erode(RECT5).dilate(ELLIPSE5, { iterations: 2 }).morphologyEx('gradient', ELLIPSE5)
      .cvtColor('RGB2GRAY').threshold(0, 255, 'binary', { method: 'otsu' }).morphologyEx('open', RECT5, { border: 'replicate' })
      .threshold(100, 200, 'trunc').run();
    assert.equal(workspaceCount() - runs, 1, layout);
    const s = core.sobel(a, 1, 0, { delta: 128 });
    const m = core.morphologyEx(core.dilate(core.erode(s, RECT5), ELLIPSE5, { iterations: 2 }), 'gradient', ELLIPSE5);
    const t = core.threshold(core.cvtColor(m, 'RGB2GRAY'), 0, 255, 'binary', { method: 'otsu' });
    same(got, core.threshold(core.morphologyEx(t, 'open', RECT5, { border: 'replicate' }), 100, 200, 'trunc'), `chain ${layout}`);
  }
});

test('every morphologyEx op but hit-or-miss, threshold types and methods, sobel options as steps', () => {
  const a = randomImage(50, 45, 1, 2);
  for (const op of ['erode', 'dilate', 'open', 'close', 'gradient', 'tophat', 'blackhat'] as const) {
    same(pipeline(a).morphologyEx(op, ELLIPSE5, { borderValue: 40 }).run(), core.morphologyEx(a, op, ELLIPSE5, { borderValue: 40 }), op);
  }
  for (const type of ['binary', 'binary_inv', 'trunc', 'tozero', 'tozero_inv', undefined] as const) {
    same(pipeline(a).threshold(120.5, 200, type).run(), core.threshold(a, 120.5, 200, type), `threshold ${type}`);
    same(pipeline(a).threshold(0, 255, type, { method: 'triangle' }).run(), core.threshold(a, 0, 255, type, { method: 'triangle' }), `triangle ${type}`);
  }
  for (const options of [undefined, { ksize: 5 }, { ksize: 1, border: 'constant' }, { delta: -20, ddepth: 'uint8' }] as const) {
    same(pipeline(a).sobel(1, 1, options).run(), core.sobel(a, 1, 1, options), `sobel ${JSON.stringify(options)}`);
  }
});

test('non-plain arguments are core steps; out; errors are the function\'s', () => {
  const a = randomImage(40, 41, 3, 3);
  const hitmiss = [[0, 1, 0], [1, -1, 1], [0, 1, 0]];
  const p = pipeline(a).sobel(1, 0, { ksize: 7 }).sobel(0, 1, { scale: 0.5, delta: 3 }).erode([[1]]).cvtColor('RGB2GRAY').morphologyEx('hitmiss', hitmiss)
    .threshold(100, 255, 'binary');
  const want = core.threshold(core.morphologyEx(core.cvtColor(core.erode(core.sobel(core.sobel(a, 1, 0, { ksize: 7 }), 0, 1, { scale: 0.5, delta: 3 }), [[1]]),
    'RGB2GRAY'), 'hitmiss', hitmiss), 100, 255, 'binary');
  same(p.run(), want, 'mixed');
  const out = stridedOut([40, 41, 1]);
  assert.equal(p.run({ out }), out);
  same(out, want, 'into out');
  const msg = (f: () => unknown) => { try { f(); } catch (e) { return `${(e as Error).constructor.name}: ${(e as Error).message}`; } return 'no error'; };
  assert.equal(msg(() => pipeline(a).threshold(100, 255, 'binary', { method: 'otsu' }).run()), msg(() => core.threshold(a, 100, 255, 'binary', { method: 'otsu' })));
  assert.equal(msg(() => pipeline(a).erode(RECT5, { border: 'wrap' as never }).run()), msg(() => core.erode(a, RECT5, { border: 'wrap' as never })));
  assert.equal(msg(() => pipeline(a).morphologyEx('nope' as never, RECT5).run()), msg(() => core.morphologyEx(a, 'nope' as never, RECT5)));
  assert.equal(msg(() => pipeline(a).sobel(0, 0).run()), msg(() => core.sobel(a, 0, 0)));
  assert.match(msg(() => pipeline(a).sobel(1, 0, { ddepth: 'int16' } as never).run()), /PixelArray/);
  assert.match(msg(() => pipeline(a).erode(RECT5, { out: a } as never)), /options.out/);
  assert.match(msg(() => (pipeline(a).dilate as (...x: unknown[]) => unknown)(RECT5, {}, 1)), /at most 2 arguments/);
});

test('property: random chains equal the sequential calls', () => {
  const ops = ['threshold', 'otsu', 'erode', 'dilate', 'open', 'tophat', 'sobel'] as const;
  fc.assert(fc.property(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 80 }), fc.array(fc.constantFrom(...ops), { maxLength: 5 }),
    fc.constantFrom(...LAYOUTS), fc.integer({ min: 1, max: 1e6 }), (h, w, chain, layout, seed) => {
      const a = imageIn(layout, h, w, 1, seed);
      let p = pipeline(a);
      let want = a;
      for (const op of chain) {
        if (op === 'threshold') { p = p.threshold(90, 255, 'tozero'); want = core.threshold(want, 90, 255, 'tozero'); }
        if (op === 'otsu') { p = p.threshold(0, 255, 'binary', { method: 'otsu' }); want = core.threshold(want, 0, 255, 'binary', { method: 'otsu' }); }
        if (op === 'erode') { p = p.erode(RECT5); want = core.erode(want, RECT5); }
        if (op === 'dilate') { p = p.dilate(ELLIPSE5, { border: 'reflect' }); want = core.dilate(want, ELLIPSE5, { border: 'reflect' }); }
        if (op === 'open') { p = p.morphologyEx('open', ELLIPSE5); want = core.morphologyEx(want, 'open', ELLIPSE5); }
        if (op === 'tophat') { p = p.morphologyEx('tophat', RECT5, { iterations: 2 }); want = core.morphologyEx(want, 'tophat', RECT5, { iterations: 2 }); }
        if (op === 'sobel') { p = p.sobel(1, 0, { delta: 128 }); want = core.sobel(want, 1, 0, { delta: 128 }); }
      }
      same(p.run(), want, chain.join(' '));
    }), { numRuns: 150 });
});
