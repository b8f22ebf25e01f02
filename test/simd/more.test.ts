// pixelarray/simd threshold, erode / dilate / morphologyEx and sobel byte-identical to the core: every
// threshold type and OpenCV's special thresholds, Otsu and triangle; rectangular and other
// structuring elements, anchors, iterations, borders and border values, every morphologyEx op
// but hit-or-miss; Sobel apertures 1, 3, 5, orders, borders, deltas, uint8 and int16 results;
// 1–4 channels, every layout, vector tails, out; everything else goes to the core.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import * as core from '../../src/index.ts';
import * as simd from '../../src/simd/index.ts';
import { workspaceCount } from '../../src/simd/runtime.ts';
import { thresholdPlan } from '../../src/simd/threshold.ts';
import { assertSameAsCore, imageIn, KERNEL_SHAPES, LAYOUTS, loadKernels, stridedOut } from './harness.ts';
import { randomImage } from '../helpers.ts';

before(loadKernels);

type Fn = 'threshold' | 'erode' | 'dilate' | 'morphologyEx' | 'sobel';

/** Runs `simd.fn` against `core.fn` and insists that a kernel ran. */
function viaKernel(fn: Fn, make: () => unknown[], label: string): void {
  assert.ok(assertSameAsCore((simd as any)[fn], (core as any)[fn], make, label), `${label}: no kernel ran`);
}

const TYPES = ['binary', 'binary_inv', 'trunc', 'tozero', 'tozero_inv'] as const;
const RECT5 = core.getStructuringElement('rect', [5, 5]);
const ELEMENTS: [string, number[][]][] = [
  ['rect 3×3', core.getStructuringElement('rect', [3, 3])], ['rect 5×5', RECT5], ['rect 7×2', core.getStructuringElement('rect', [7, 2])],
  ['ellipse 5×5', core.getStructuringElement('ellipse', [5, 5])], ['ellipse 9×7', core.getStructuringElement('ellipse', [9, 7])],
  ['cross 3×3', core.getStructuringElement('cross', [3, 3])], ['row 1×4', [[1, 1, 1, 1]]], ['column 3', [[1], [2], [1]]],
  ['sparse', [[1, 0, 0.5], [0, 0, 0], [-1, 0, 1]]], ['rect 11×11', core.getStructuringElement('rect', [11, 11])],
];
const MORPH_OPS = ['erode', 'dilate', 'open', 'close', 'gradient', 'tophat', 'blackhat'] as const;

test('threshold: every type, OpenCV\'s integer rules and special thresholds, every shape and layout', () => {
  const cases: [number, number][] = [[127, 255], [0, 255], [100.7, 200.5], [-0.5, 255], [254.9, 255], [255, 255], [300, 7], [-1e10, 255], [1e12, -5], [3, 1e9]];
  for (const [h, w, c] of KERNEL_SHAPES) {
    for (const layout of LAYOUTS) {
      for (const type of TYPES) viaKernel('threshold', () => [imageIn(layout, h, w, c, 1), 127, 255, type], `threshold ${type} ${h}×${w}×${c} ${layout}`);
    }
  }
  for (const type of [...TYPES, undefined]) {
    for (const [t, m] of cases) viaKernel('threshold', () => [randomImage(70, 67, 3, 2), t, m, type], `threshold ${type} ${t} ${m}`);
  }
  viaKernel('threshold', () => [randomImage(40, 41, 3, 3), 90, 200, 'binary', { out: stridedOut([40, 41, 3]) }], 'threshold strided out');
  viaKernel('threshold', () => [randomImage(40, 41, 3, 3), 90, 200, 'trunc', { out: core.zeros(40, 41, 3) }], 'threshold out');
  // In place: out is the input.
  const a = randomImage(50, 60, 4, 4), copy = core.clone(a);
  assert.equal(simd.threshold(a, 50, 255, 'tozero', { out: a }), a);
  assert.deepEqual(a.data, core.threshold(copy, 50, 255, 'tozero').data);
});

test('threshold with Otsu and triangle: the core\'s threshold from the kernel\'s histogram', () => {
  for (const [h, w] of [[64, 64], [70, 67], [5, 1000], [4096, 1], [1, 4099]]) {
    for (const layout of LAYOUTS) {
      for (const method of ['otsu', 'triangle'] as const) {
        for (const type of ['binary', 'trunc', 'tozero_inv'] as const) {
          viaKernel('threshold', () => [imageIn(layout, h, w, 1, 5), 0, 255, type, { method }], `${method} ${type} ${h}×${w} ${layout}`);
        }
      }
    }
  }
  // Histograms with one value, two values, a peak at either end (triangle flips).
  const flat = core.full(64, 70, 1, 77), two = core.bitwiseAnd(randomImage(64, 70, 1, 6), 128), dark = core.bitwiseAnd(randomImage(64, 70, 1, 7), 15);
  for (const [name, img] of [['flat', flat], ['two', two], ['dark', dark], ['bright', core.bitwiseNot(dark)]] as const) {
    for (const method of ['otsu', 'triangle'] as const) viaKernel('threshold', () => [core.clone(img), 0, 255, 'binary', { method }], `${method} ${name}`);
  }
  viaKernel('threshold', () => [randomImage(64, 70, 1, 8), 0, 255, 'binary', { method: 'otsu', out: stridedOut([64, 70, 1]) }], 'otsu out');
});

test('erode / dilate: elements, anchors, iterations, borders and border values, every shape and layout', () => {
  for (const [h, w, c] of KERNEL_SHAPES) {
    for (const layout of LAYOUTS) {
      for (const [name, k] of [ELEMENTS[1], ELEMENTS[3], ELEMENTS[8]]) {
        for (const fn of ['erode', 'dilate'] as const) viaKernel(fn, () => [imageIn(layout, h, w, c, 9), k, undefined], `${fn} ${name} ${h}×${w}×${c} ${layout}`);
      }
    }
  }
  const options: object[] = [
    {}, { iterations: 3 }, { iterations: 2, anchor: [0, 0] }, { anchor: [-1, 0] }, { border: 'reflect101' }, { border: 'replicate', iterations: 2 },
    { border: 'reflect', anchor: [0, -1] }, { border: 'constant', borderValue: 9 }, { borderValue: [250, 3, 128] }, { borderValue: -3.5 },
  ];
  for (const [name, k] of ELEMENTS) {
    for (const o of options) {
      for (const fn of ['erode', 'dilate'] as const) {
        const anchor = (o as { anchor?: number[] }).anchor;
        if (anchor && (anchor[0] >= k[0].length || anchor[1] >= k.length)) continue;
        viaKernel(fn, () => [randomImage(37, 45, 3, 10), k, o], `${fn} ${name} ${JSON.stringify(o)}`);
      }
    }
  }
  // Images thin next to the element (borders bouncing several times).
  for (const [h, w, c] of [[4096, 1, 1], [1, 4096, 1], [2, 700, 3], [700, 2, 3]] as const) {
    for (const border of ['constant', 'reflect101', 'replicate', 'reflect'] as const) {
      for (const fn of ['erode', 'dilate'] as const) viaKernel(fn, () => [randomImage(h, w, c, 11), ELEMENTS[4][1], { border }], `${fn} thin ${h}×${w}×${c} ${border}`);
    }
  }
  viaKernel('erode', () => [randomImage(40, 41, 3, 12), RECT5, { out: stridedOut([40, 41, 3]) }], 'erode out');
  viaKernel('dilate', () => [randomImage(40, 41, 4, 12), ELEMENTS[3][1], { iterations: 2, out: stridedOut([40, 41, 4]) }], 'dilate out');
});

test('morphologyEx: every op but hit-or-miss, elements and options', () => {
  for (const [h, w, c] of KERNEL_SHAPES.slice(0, 5)) {
    for (const layout of LAYOUTS) {
      for (const op of MORPH_OPS) viaKernel('morphologyEx', () => [imageIn(layout, h, w, c, 13), op, ELEMENTS[3][1]], `${op} ${h}×${w}×${c} ${layout}`);
    }
  }
  for (const [name, k] of ELEMENTS) {
    for (const o of [{}, { iterations: 2 }, { border: 'replicate' }, { borderValue: [5, 250, 60] }]) {
      for (const op of MORPH_OPS) viaKernel('morphologyEx', () => [randomImage(37, 45, 3, 14), op, k, o], `${op} ${name} ${JSON.stringify(o)}`);
    }
  }
  viaKernel('morphologyEx', () => [randomImage(40, 41, 3, 15), 'gradient', RECT5, { out: stridedOut([40, 41, 3]) }], 'gradient out');
  const a = randomImage(50, 60, 1, 16), copy = core.clone(a);
  assert.equal(simd.morphologyEx(a, 'tophat', RECT5, { out: a }), a);
  assert.deepEqual(a.data, core.morphologyEx(copy, 'tophat', RECT5).data);
});

test('sobel: apertures 1, 3, 5, orders, borders, deltas, uint8 and int16 results', () => {
  const orders: [number, number][] = [[1, 0], [0, 1], [1, 1]];
  for (const [h, w, c] of KERNEL_SHAPES) {
    for (const layout of LAYOUTS) {
      for (const [dx, dy] of orders) viaKernel('sobel', () => [imageIn(layout, h, w, c, 17), dx, dy, { delta: 128 }], `sobel ${dx},${dy} ${h}×${w}×${c} ${layout}`);
    }
  }
  const more: [number, number][] = [...orders, [2, 0], [0, 2], [2, 1], [1, 2], [2, 2], [3, 0], [3, 1]];
  for (const ksize of [1, 3, 5, undefined]) {
    for (const [dx, dy] of more) {
      const sizeX = ksize === 1 && dx > 0 ? 3 : ksize ?? 3, sizeY = ksize === 1 && dy > 0 ? 3 : ksize ?? 3;
      if (dx >= sizeX || dy >= sizeY) continue;
      for (const border of ['reflect101', 'replicate', 'reflect', 'constant', undefined]) {
        for (const extra of [{}, { delta: -40 }, { delta: 1e9 }, { delta: -1e9 }, { ddepth: 'uint8', scale: 1 }, { ddepth: 'int16' }, { ddepth: 'int16', delta: -7.5 }]) {
          viaKernel('sobel', () => [randomImage(45, 39, 3, 18), dx, dy, { ksize, border, ...extra }], `sobel ${dx},${dy} k${ksize} ${border} ${JSON.stringify(extra)}`);
        }
      }
    }
  }
  for (const [h, w, c] of [[4096, 1, 1], [1, 4096, 1], [2, 700, 3], [700, 2, 3]] as const) {
    for (const border of ['reflect101', 'replicate', 'reflect', 'constant'] as const) {
      viaKernel('sobel', () => [randomImage(h, w, c, 19), 1, 1, { ksize: 5, border }], `sobel thin ${h}×${w}×${c} ${border}`);
    }
  }
  viaKernel('sobel', () => [randomImage(40, 41, 3, 20), 1, 0, { delta: 128, out: stridedOut([40, 41, 3]) }], 'sobel out');
  viaKernel('sobel', () => [imageIn(LAYOUTS[3], 40, 41, 4, 21), 0, 1, { ddepth: 'int16' }], 'sobel int16 transposed');
});

test('everything else goes to the core, and errors are the core\'s', () => {
  const a = () => randomImage(40, 41, 3, 1), g = () => randomImage(64, 64, 1, 2);
  const toCore: [Fn, () => unknown[]][] = [
    ['threshold', () => [randomImage(10, 10, 3, 1), 100, 255]],
    ['erode', () => [a(), [[1]]]],
    ['erode', () => [a(), [[0, 0], [0, 0]]]],
    ['erode', () => [a(), RECT5, { iterations: 0 }]],
    ['erode', () => [a(), RECT5, { iterations: 100 }]],
    ['dilate', () => [a(), RECT5, { border: 'wrap' }]],
    ['morphologyEx', () => [g(), 'hitmiss', [[0, 1, 0], [1, -1, 1], [0, 1, 0]]]],
    ['sobel', () => [a(), 1, 0, { ksize: 7 }]],
    ['sobel', () => [a(), 1, 0, { ksize: -1 }]],
    ['sobel', () => [a(), 1, 0, { scale: 2 }]],
    ['sobel', () => [a(), 1, 0, { delta: 0.5 }]],
    ['sobel', () => [a(), 1, 0, { ddepth: 'float32' }]],
    ['sobel', () => [a(), 2, 2, { ksize: 5, ddepth: 'int16', delta: 30000 }]],
    ['sobel', () => [a(), 0, 4, { ksize: 5 }]],
  ];
  for (const [fn, make] of toCore) assert.equal(assertSameAsCore((simd as any)[fn], (core as any)[fn], make, fn), false, `${fn}: a kernel ran`);
  const bad: [Fn, () => unknown[]][] = [
    ['threshold', () => [a(), NaN, 255]],
    ['threshold', () => [a(), 100, Infinity]],
    ['threshold', () => [a(), 100, 255, 'nope']],
    ['threshold', () => [a(), 100, 255, 'binary', { method: 'otsu' }]],
    ['threshold', () => [g(), '100', 255, 'binary', { method: 'otsu' }]],
    ['threshold', () => [g(), 0, 255, 'binary', { method: 'mean' }]],
    ['threshold', () => [a(), 100, 255, 'binary', { bogus: 1 }]],
    ['threshold', () => [a(), 100, 255, 'binary', { out: randomImage(40, 41, 1, 1) }]],
    ['threshold', () => [a(), 100, 255, 'binary', {}, 1]],
    ['erode', () => [a(), []]],
    ['erode', () => [a(), [[1, 1], [1]]]],
    ['erode', () => [a(), [[1, NaN]]]],
    ['erode', () => [a(), RECT5, { anchor: [5, 0] }]],
    ['erode', () => [a(), RECT5, { iterations: -1 }]],
    ['erode', () => [a(), RECT5, { borderValue: [1, 2] }]],
    ['dilate', () => [a(), RECT5, { border: 'mirror' }]],
    ['dilate', () => [a(), RECT5, { out: randomImage(4, 4, 3, 1) }]],
    ['morphologyEx', () => [a(), 'nope', RECT5]],
    ['morphologyEx', () => [a(), 'hitmiss', RECT5]],
    ['morphologyEx', () => [a(), 'open', RECT5, { iterations: 1.5 }]],
    ['sobel', () => [a(), 0, 0]],
    ['sobel', () => [a(), 3, 0]],
    ['sobel', () => [a(), 1, 0, { ksize: 4 }]],
    ['sobel', () => [a(), 1, 0, { border: 'wrap' }]],
    ['sobel', () => [a(), 1, 0, { ddepth: 'int16', out: randomImage(40, 41, 3, 1) }]],
    ['sobel', () => [a(), 1, 0, { ddepth: 'int8' }]],
    ['sobel', () => [a(), 1.5, 0]],
    ['sobel', () => [a(), 1, 0, {}, 1]],
  ];
  for (const [fn, make] of bad) assertSameAsCore((simd as any)[fn], (core as any)[fn], make, `${fn} error`);
});

test('threshold plans are pixel-wise (streaming) for fixed thresholds, whole-image for Otsu / triangle', () => {
  assert.ok(thresholdPlan([300, 400, 3], 100, 255, 'binary_inv')?.streaming);
  const otsu = thresholdPlan([300, 400, 1], 0, 255, 'binary', { method: 'otsu' });
  assert.ok(otsu && !otsu.streaming);
  assert.equal(thresholdPlan([300, 400, 3], 0, 255, 'binary', { method: 'otsu' }), null);
  const a = randomImage(300, 400, 3, 22);
  const runs = workspaceCount();
  assert.deepEqual(simd.threshold(a, 100, 255, 'binary_inv').data, core.threshold(a, 100, 255, 'binary_inv').data);
  assert.equal(workspaceCount() - runs, 1);
});

test('property: random shapes, layouts and arguments agree with the core', () => {
  const shape = fc.tuple(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 4 }));
  const element = fc.array(fc.array(fc.constantFrom(0, 1, 1), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 })
    .map((rows) => rows.map((r) => Array.from({ length: rows[0].length }, (_, i) => r[i] ?? 1)));
  const morphOptions = fc.record({
    iterations: fc.integer({ min: 1, max: 3 }),
    border: fc.constantFrom('constant', 'reflect101', 'replicate', 'reflect'),
    borderValue: fc.option(fc.integer({ min: -10, max: 300 }), { nil: undefined }),
  });
  const op = fc.oneof(
    fc.record({ t: fc.double({ min: -10, max: 300, noNaN: true }), m: fc.double({ min: -10, max: 300, noNaN: true }), type: fc.constantFrom(...TYPES) })
      .map((r) => ({ fn: 'threshold' as Fn, args: [r.t, r.m, r.type] })),
    fc.record({ fn: fc.constantFrom<Fn>('erode', 'dilate'), k: element, o: morphOptions }).map((r) => ({ fn: r.fn, args: [r.k, r.o] })),
    fc.record({ op: fc.constantFrom(...MORPH_OPS), k: element, o: morphOptions }).map((r) => ({ fn: 'morphologyEx' as Fn, args: [r.op, r.k, r.o] })),
    fc.record({ d: fc.constantFrom([1, 0], [0, 1], [1, 1], [2, 0]), ksize: fc.constantFrom(1, 3, 5), delta: fc.integer({ min: -300, max: 300 }),
      ddepth: fc.constantFrom('uint8', 'int16') })
      .map((r) => ({ fn: 'sobel' as Fn, args: [r.d[0], r.d[1], { ksize: r.ksize, delta: r.delta, ddepth: r.ddepth }] })),
  );
  fc.assert(fc.property(shape, op, fc.constantFrom(...LAYOUTS), fc.integer({ min: 1, max: 1e6 }), ([h, w, c], { fn, args }, layout, seed) => {
    assertSameAsCore((simd as any)[fn], (core as any)[fn], () => [imageIn(layout, h, w, c, seed), ...args], `${fn} ${JSON.stringify(args)} ${h}×${w}×${c}`);
  }), { numRuns: 300 });
});
