// pixelarray/simd split, merge, materialised flips / transposes / rotations (clone of a view),
// RGB/BGR → HSV and inRange: byte-identical to the core on every layout, shape (vector tails
// included) and output form; errors identical; other forms go to the core.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import * as core from '../../src/index.ts';
import * as simd from '../../src/simd/index.ts';
import { PixelArray } from '../../src/core/pixelarray.ts';
import { assertSameAsCore, imageIn, KERNEL_SHAPES, LAYOUTS, loadKernels, stridedOut } from './harness.ts';
import { randomImage } from '../helpers.ts';
import { workspaceCount } from '../../src/simd/runtime.ts';

before(loadKernels);

const CONTIGUOUS = LAYOUTS[0];

/** `h×w×1` planes of a fresh random image, in `layout`. */
const planes = (layout: string, h: number, w: number, n: number, seed: number): PixelArray[] =>
  Array.from({ length: n }, (_, k) => imageIn(layout, h, w, 1, seed + k));

test('split of 3 and 4 channels: every shape and layout, fresh and out planes, through the kernels', () => {
  for (const [h, w, c] of KERNEL_SHAPES) {
    for (const layout of LAYOUTS) {
      const label = `split ${h}×${w}×${c} ${layout}`;
      const used = assertSameAsCore(simd.split, core.split, () => [imageIn(layout, h, w, c, 3)], label);
      assert.equal(used, c === 3 || c === 4, `${label}: kernel ran = ${used}`);
      if (c !== 3 && c !== 4) continue;
      const outs = () => Array.from({ length: c }, (_, k) => (k % 2 ? stridedOut([h, w, 1]) : core.zeros(h, w, 1)));
      assert.ok(assertSameAsCore(simd.split, core.split, () => [imageIn(layout, h, w, c, 4), { out: outs() }], `${label} out`));
    }
  }
  // Planes written over the image's own channels: as if the image had been read first.
  const make = () => { const a = randomImage(40, 50, 3, 5); return [a, { out: core.split(a, 3, 2) }]; };
  assert.ok(assertSameAsCore(simd.split, core.split, make, 'split into its own channels'));
});

test('merge of 3 and 4 planes: every shape and layout, fresh and out results, through the kernels', () => {
  for (const [h, w] of KERNEL_SHAPES) {
    for (const layout of LAYOUTS) {
      for (const n of [3, 4]) {
        const label = `merge ${n} × ${h}×${w} ${layout}`;
        const used = assertSameAsCore(simd.merge, core.merge, () => [planes(layout, h, w, n, 7)], label);
        assert.equal(used, h * w * n >= 4096, `${label}: kernel ran = ${used}`);
        assertSameAsCore(simd.merge, core.merge, () => [planes(layout, h, w, n, 8), { out: stridedOut([h, w, n]) }], `${label} out`);
      }
    }
  }
  // The same plane three times, and an out that is one of the planes' memory.
  assert.ok(assertSameAsCore(simd.merge, core.merge, () => { const p = randomImage(40, 50, 1, 9); return [[p, p, p]]; }, 'same plane'));
  const overlapping = () => {
    const rgb = randomImage(40, 50, 3, 10);
    return [core.split(rgb, 3, 2), { out: rgb }];
  };
  assert.ok(assertSameAsCore(simd.merge, core.merge, overlapping, 'merge into the image its planes view'));
});

test('split and merge: other forms go to the core, errors are the core\'s', () => {
  const a = () => randomImage(40, 50, 3, 1);
  const viaCore: [string, () => unknown[]][] = [
    ['split', () => [a(), 3, 2]], ['split', () => [a(), [10, 20]]], ['split', () => [a(), 2, 1]],
    ['split', () => [randomImage(40, 50, 2, 1)]], ['split', () => [randomImage(10, 10, 3, 1)]],
    ['split', () => [a(), { out: undefined, other: 1 }]],
    ['merge', () => [planes(CONTIGUOUS, 40, 50, 2, 1)]],
    ['merge', () => [[randomImage(40, 50, 2, 1), randomImage(40, 50, 1, 2)]]],
    ['merge', () => [planes(CONTIGUOUS, 10, 10, 3, 1)]],
  ];
  for (const [op, make] of viaCore) assert.equal(assertSameAsCore((simd as any)[op], (core as any)[op], make, op), false, `${op}: a kernel ran`);
  const bad: [string, () => unknown[]][] = [
    ['split', () => [a(), { out: [core.zeros(40, 50, 1)] }]],
    ['split', () => [a(), { out: [core.zeros(40, 50, 1), core.zeros(40, 50, 1), core.zeros(40, 51, 1)] }]],
    ['split', () => [a(), { out: 'planes' }]],
    ['split', () => [a(), null]],
    ['split', () => [a(), 7]],
    ['split', () => [a(), undefined, 0, 1]],
    ['split', () => [null]],
    ['merge', () => [[]]],
    ['merge', () => ['planes']],
    ['merge', () => [[...planes(CONTIGUOUS, 40, 50, 2, 1), randomImage(40, 51, 1, 3)]]],
    ['merge', () => [planes(CONTIGUOUS, 40, 50, 3, 1), { out: randomImage(40, 50, 4, 1) }]],
    ['merge', () => [planes(CONTIGUOUS, 40, 50, 3, 1), { out: a(), bogus: 1 }]],
    ['merge', () => [planes(CONTIGUOUS, 40, 50, 3, 1), {}, 3]],
    ['merge', () => [['x', randomImage(40, 50, 1, 1), randomImage(40, 50, 1, 1)]]],
  ];
  for (const [op, make] of bad) assertSameAsCore((simd as any)[op], (core as any)[op], make, `${op} error`);
});

/** The views whose clone has a kernel, by name. */
const ORIENTED: Record<string, (a: PixelArray) => PixelArray> = {
  'flip 1': (a) => core.flip(a, 1),
  'flip -1': (a) => core.flip(a, -1),
  transpose: (a) => core.transpose(a),
  'rot90 1': (a) => core.rot90(a, 1),
  'rot90 2': (a) => core.rot90(a, 2),
  'rot90 3': (a) => core.rot90(a, 3),
  'anti-transpose': (a) => core.transpose(core.flip(a, -1)),
};

test('clone of flipped, transposed and rotated views: every shape, base layout and channel count', () => {
  for (const [h, w, c] of [...KERNEL_SHAPES, [41, 43, 3], [16, 256, 1], [64, 33, 4]] as [number, number, number][]) {
    for (const layout of LAYOUTS) {
      for (const [name, view] of Object.entries(ORIENTED)) {
        const label = `clone(${name}) ${h}×${w}×${c} ${layout}`;
        const used = assertSameAsCore(simd.clone, core.clone, () => [view(imageIn(layout, h, w, c, 11))], label);
        const mirror = name === 'flip 1' || name === 'flip -1' || name === 'rot90 2';
        // Blocks of packed rows (contiguous images and crops): every mirror, and the transposes of 1, 3 and 4 channels.
        if (layout === CONTIGUOUS || layout.startsWith('crop')) assert.equal(used, c !== 2 || mirror, `${label}: kernel ran = ${used}`);
        assertSameAsCore(simd.clone, core.clone, () => [view(imageIn(layout, h, w, c, 12)), { out: stridedOut(view(core.zeros(h, w, c)).shape) }], `${label} out`);
      }
    }
  }
});

test('clone: other views go to the core; out in place and errors are the core\'s', () => {
  const a = () => randomImage(40, 50, 3, 1);
  const viaCore: (() => unknown[])[] = [
    () => [a()], () => [core.flip(a(), 0)], () => [core.crop(a(), [1, 2, 30, 33])],
    () => [core.flip(randomImage(10, 12, 3, 1), 1)], () => [core.split(core.flip(a(), 1), [1, 2], 2)[1]],
    () => [core.flip(randomImage(40, 50, 5, 1), 1)],
  ];
  for (const make of viaCore) assert.equal(assertSameAsCore(simd.clone, core.clone, make, 'clone via core'), false);
  // out is the memory the view reads (the harness would see the view's own input change: compared here).
  for (const [name, view] of Object.entries(ORIENTED)) {
    const run = (clone: typeof core.clone) => { const b = randomImage(40, 40, 3, 2); return Buffer.from(clone(view(b), { out: b }).data); };
    const runs = workspaceCount();
    assert.deepEqual(run(simd.clone), run(core.clone), `clone(${name}) in place`);
    assert.ok(workspaceCount() > runs, `clone(${name}) in place: no kernel ran`);
  }
  const bad: (() => unknown[])[] = [
    () => [core.flip(a(), 1), { out: a() }], () => [core.transpose(a()), { out: randomImage(40, 50, 3, 1) }],
    () => [core.flip(a(), 1), { bogus: 1 }], () => [core.flip(a(), 1), {}, 1], () => [null], () => [core.flip(a(), 1), 5],
  ];
  for (const make of bad) assertSameAsCore(simd.clone, core.clone, make, 'clone error');
});

/** Every (max, min) pair of bytes in every order of r, g, b (with a middle value), as RGB pixels. */
function allHsvCases(): PixelArray {
  const px: number[] = [];
  for (let v = 0; v < 256; v++) {
    for (let lo = 0; lo <= v; lo++) {
      const mid = (v + lo) >> 1;
      px.push(v, mid, lo, v, lo, mid, mid, v, lo, lo, v, mid, mid, lo, v, lo, mid, v, v, v, lo, v, lo, v, lo, v, v);
    }
  }
  const w = 512;
  const h = Math.ceil(px.length / 3 / w);
  const data = new Uint8Array(h * w * 3);
  data.set(px);
  return new PixelArray(data, [h, w, 3]);
}

test('RGB/BGR → HSV: every (max, min) pair and order, every shape and layout, 3 and 4 channels', () => {
  const all = allHsvCases();
  for (const code of ['RGB2HSV', 'BGR2HSV']) {
    assert.ok(assertSameAsCore(simd.cvtColor, core.cvtColor, () => [core.clone(all), code], `${code} all cases`));
    for (const [h, w, c] of KERNEL_SHAPES) {
      if (c !== 3 && c !== 4) continue;
      for (const layout of LAYOUTS) {
        const label = `${code} ${h}×${w}×${c} ${layout}`;
        assert.ok(assertSameAsCore(simd.cvtColor, core.cvtColor, () => [imageIn(layout, h, w, c, 13), code], label), `${label}: no kernel ran`);
        assertSameAsCore(simd.cvtColor, core.cvtColor, () => [imageIn(layout, h, w, c, 14), code, { out: stridedOut([h, w, 3]) }], `${label} out`);
      }
    }
    const inPlace = () => { const a = randomImage(40, 50, 3, 15); return [a, code, { out: a }]; };
    assert.ok(assertSameAsCore(simd.cvtColor, core.cvtColor, inPlace, `${code} in place`));
  }
  assert.equal(assertSameAsCore(simd.cvtColor, core.cvtColor, () => [randomImage(40, 50, 3, 1), 'HSV2RGB'], 'HSV2RGB'), false);
  assertSameAsCore(simd.cvtColor, core.cvtColor, () => [randomImage(40, 50, 1, 1), 'RGB2HSV'], 'HSV of gray');
  assertSameAsCore(simd.cvtColor, core.cvtColor, () => [randomImage(40, 50, 3, 1), 'RGB2HSV', { out: randomImage(40, 50, 1, 1) }], 'HSV into gray out');
});

test('inRange with number bounds: 1, 3 and 4 channels, every shape and layout, clamped, rounded and empty ranges', () => {
  const boundPairs: [unknown, unknown][] = [
    [[0, 50, 50, 10], [30, 255, 255, 200]], [100, 200], [[-5], [300]], [[10.5, 11.5, 0, 0], [200.5, 99.5, 255, 255]],
    [[120, 0, 0, 0], [100, 255, 255, 255]], [300, 400], [-10, -1], [0, 255], [77, 77],
  ];
  for (const [h, w, c] of KERNEL_SHAPES) {
    if (c === 2) continue;
    for (const layout of LAYOUTS) {
      for (const [lo, hi] of boundPairs) {
        const fit = (b: unknown) => (Array.isArray(b) && b.length > 1 ? b.slice(0, c) : b);
        const label = `inRange ${h}×${w}×${c} ${layout} ${JSON.stringify([lo, hi])}`;
        assert.ok(assertSameAsCore(simd.inRange, core.inRange, () => [imageIn(layout, h, w, c, 16), fit(lo), fit(hi)], label), `${label}: no kernel ran`);
      }
      assertSameAsCore(simd.inRange, core.inRange, () => [imageIn(layout, h, w, c, 17), 40, 180, { out: stridedOut([h, w, 1]) }], `inRange out ${layout}`);
    }
  }
  const a = () => randomImage(40, 50, 3, 1);
  const viaCore: (() => unknown[])[] = [
    () => [a(), a(), 200], () => [a(), 10, a()], () => [randomImage(40, 50, 2, 1), 10, 200], () => [randomImage(10, 10, 3, 1), 10, 200],
  ];
  for (const make of viaCore) assert.equal(assertSameAsCore(simd.inRange, core.inRange, make, 'inRange via core'), false);
  const bad: (() => unknown[])[] = [
    () => [a(), [1, 2], 200], () => [a(), NaN, 200], () => [a(), 0, Infinity], () => [a(), '0', 200], () => [a(), 0, [1, 2, 'x']],
    () => [a(), 0, 200, { out: a() }], () => [a(), 0, 200, { bogus: 1 }], () => [a(), 0, 200, {}, 1], () => [null, 0, 1],
  ];
  for (const make of bad) assertSameAsCore(simd.inRange, core.inRange, make, 'inRange error');
});

test('property: random shapes and layouts agree with the core (split, merge, clone of views, HSV, inRange)', () => {
  const shape = fc.tuple(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 4 }));
  const views = Object.keys(ORIENTED);
  fc.assert(fc.property(shape, fc.constantFrom(...LAYOUTS), fc.constantFrom(...views), fc.integer({ min: 1, max: 1e6 }),
    ([h, w, c], layout, view, seed) => {
      const img = () => imageIn(layout, h, w, c, seed);
      assertSameAsCore(simd.split, core.split, () => [img()], `split ${h}×${w}×${c}`);
      assertSameAsCore(simd.merge, core.merge, () => [planes(layout, h, w, c, seed)], `merge ${h}×${w}×${c}`);
      assertSameAsCore(simd.clone, core.clone, () => [ORIENTED[view](img())], `clone(${view}) ${h}×${w}×${c}`);
      assertSameAsCore(simd.cvtColor, core.cvtColor, () => [img(), 'BGR2HSV'], `HSV ${h}×${w}×${c}`);
      assertSameAsCore(simd.inRange, core.inRange, () => [img(), seed % 100, 100 + (seed % 150)], `inRange ${h}×${w}×${c}`);
    }), { numRuns: 150 });
});

test('split and merge stream large contiguous images in chunks (several chunks, a partial last one)', () => {
  for (const [h, w, c] of [[200, 300, 3], [130, 257, 4], [157, 160, 3]] as const) {
    assert.ok(assertSameAsCore(simd.split, core.split, () => [randomImage(h, w, c, 70)], `split ${h}×${w}×${c}`));
    const planes = () => Array.from({ length: c }, (_, i) => randomImage(h, w, 1, 71 + i));
    assert.ok(assertSameAsCore(simd.split, core.split, () => [randomImage(h, w, c, 72), { out: planes() }], `split into planes ${h}×${w}×${c}`));
    assert.ok(assertSameAsCore(simd.split, core.split, () => [randomImage(h, w, c, 73), { out: planes().map((p, i) => (i === 1 ? stridedOut(p.shape) : p)) }],
      `split into a strided plane ${h}×${w}×${c}`));
    assert.ok(assertSameAsCore(simd.merge, core.merge, () => [planes()], `merge ${h}×${w}×${c}`));
    assert.ok(assertSameAsCore(simd.merge, core.merge, () => [planes(), { out: stridedOut([h, w, c]) }], `merge into strided ${h}×${w}×${c}`));
  }
});
