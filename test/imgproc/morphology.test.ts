import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  PixelArray, bitwiseNot, clone, dilate, erode, fromData, getStructuringElement, morphologyEx, type MorphOp,
} from '../../src/index.ts';
import { borderIndex, type BorderMode } from '../../src/imgproc/border.ts';
import { layouts, pixels, randomImage } from '../helpers.ts';

const JSON_FILE = new URL('../golden/fixtures-json/morphology.json', import.meta.url);

/** Per-pixel definition of OpenCV's erode/dilate for one pass (no iteration shortcut). */
function naive(a: PixelArray, kernel: number[][], isMax: boolean, anchor?: [number, number], border: BorderMode = 'constant',
  value?: number[]): number[] {
  const [h, w, c] = a.shape;
  const kh = kernel.length, kw = kernel[0].length;
  const [ax, ay] = anchor ?? [kw >> 1, kh >> 1];
  const out: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let k = 0; k < c; k++) {
        let best = isMax ? 0 : 255;
        for (let i = 0; i < kh; i++) {
          for (let j = 0; j < kw; j++) {
            if (!kernel[i][j]) continue;
            const yy = borderIndex(y + i - ay, h, border), xx = borderIndex(x + j - ax, w, border);
            const v = yy < 0 || xx < 0 ? (value ? value[k] : best) : a.get(yy, xx, k);
            best = isMax ? Math.max(best, v) : Math.min(best, v);
          }
        }
        out.push(best);
      }
    }
  }
  return out;
}

function randomKernel(kw: number, kh: number, seed: number): number[][] {
  const bytes = randomImage(kh, kw, 1, seed).data;
  const k = Array.from({ length: kh }, (_, i) => Array.from({ length: kw }, (_, j) => (bytes[i * kw + j] & 1)));
  k[kh >> 1][kw >> 1] = 1;
  return k;
}

test('getStructuringElement equals cv2.getStructuringElement on every stored shape, size and anchor', () => {
  const doc = JSON.parse(fs.readFileSync(JSON_FILE, 'utf8')) as {
    cases: { shape: 'rect' | 'cross' | 'ellipse'; ksize: [number, number]; anchor?: [number, number]; expect: number[][] }[];
  };
  assert.ok(doc.cases.length > 500);
  for (const c of doc.cases) {
    assert.deepEqual(getStructuringElement(c.shape, c.ksize, c.anchor), c.expect, `${c.shape} ${c.ksize} ${c.anchor}`);
  }
});

test('getStructuringElement refuses bad shapes, sizes and anchors with named errors', () => {
  assert.throws(() => getStructuringElement('disk' as never, [3, 3]), { name: 'RangeError', message: /^shape: expected 'rect', 'cross' or 'ellipse', got "disk"/ });
  assert.throws(() => getStructuringElement('rect', 3 as never), { name: 'TypeError', message: /^ksize: expected \[width, height\]/ });
  assert.throws(() => getStructuringElement('rect', [0, 3]), { name: 'RangeError', message: /^ksize\[0\]: expected an integer in 1\.\./ });
  assert.throws(() => getStructuringElement('rect', [3, 2.5]), { name: 'RangeError', message: /^ksize\[1\]/ });
  assert.throws(() => getStructuringElement('cross', [3, 3], [3, 0]), { name: 'RangeError', message: /^anchor\[0\]: expected an integer in -1\.\.2, got 3/ });
});

test('erode and dilate match the per-pixel definition for random kernels, anchors, borders and channels', () => {
  const borders = ['constant', 'reflect101', 'replicate', 'reflect'] as const;
  let n = 0;
  for (const [h, w, c] of [[1, 1, 1], [1, 7, 3], [7, 1, 4], [5, 6, 2], [13, 17, 3], [9, 11, 1], [4, 30, 4]] as const) {
    for (const [kw, kh] of [[1, 3], [3, 3], [5, 2], [4, 7], [9, 9], [2, 1], [12, 5]]) {
      const a = randomImage(h, w, c, 3 + h * w + kw * 7 + kh);
      const kernel = randomKernel(kw, kh, kw * 31 + kh + h);
      const full = kernel.map((r) => r.map(() => 1));
      const border = borders[n++ % 4];
      const anchor: [number, number] = [(kw * 5 + 1) % kw, (kh * 3 + 2) % kh];
      const value = border === 'constant' && n % 3 === 0 ? Array.from({ length: c }, (_, i) => (i * 97 + 40) % 256) : undefined;
      for (const k of [kernel, full]) {
        for (const isMax of [false, true]) {
          const want = naive(a, k, isMax, anchor, border, value);
          const f = isMax ? dilate : erode;
          for (const [name, view] of Object.entries(layouts(a))) {
            const got = f(view, k, { anchor, border, ...(value ? { borderValue: value } : {}) });
            assert.deepEqual(pixels(got), want, `${isMax ? 'dilate' : 'erode'} ${h}x${w}x${c} k${kw}x${kh} ${border} ${name}`);
          }
        }
      }
    }
  }
});

test('iterations: a full kernel becomes one bigger rectangle (OpenCV), other kernels repeat', () => {
  const a = randomImage(11, 13, 3, 5);
  const rect = [[1, 1, 1], [1, 1, 1]];
  const big = Array.from({ length: 4 }, () => new Array(7).fill(1)); // 3 + 2·2, 2 + 2·1
  assert.deepEqual(pixels(erode(a, rect, { iterations: 3, border: 'reflect' })),
    naive(a, big, false, [3, 3], 'reflect'));
  const cross = getStructuringElement('cross', [3, 3]);
  const twice = dilate(dilate(a, cross, { border: 'replicate' }), cross, { border: 'replicate' });
  assert.deepEqual(pixels(dilate(a, cross, { iterations: 2, border: 'replicate' })), pixels(twice));
  assert.deepEqual(pixels(erode(a, cross, { iterations: 0 })), pixels(a));
  assert.deepEqual(pixels(erode(a, [[0]])), pixels(a)); // a 1×1 kernel copies, as cv2
});

test('out, views and untouched inputs', () => {
  const a = randomImage(9, 10, 3, 8);
  const before = pixels(a);
  const k = getStructuringElement('ellipse', [5, 3]);
  const want = pixels(erode(a, k));
  const out = new PixelArray(new Uint8Array(9 * 10 * 3), [9, 10, 3]);
  assert.equal(erode(a, k, { out }), out);
  assert.deepEqual(pixels(out), want);
  assert.deepEqual(pixels(a), before);
  // out over the input itself (same layout) still gives the result of the untouched input
  const b = clone(a);
  assert.equal(erode(b, k, { out: b }), b);
  assert.deepEqual(pixels(b), want);
  const c = clone(a);
  const got = morphologyEx(c, 'tophat', k, { out: c });
  assert.equal(got, c);
  assert.deepEqual(pixels(c), pixels(morphologyEx(a, 'tophat', k)));
});

test('morphologyEx: each op as its composition (saturated differences)', () => {
  const a = randomImage(12, 15, 4, 21);
  const k = randomKernel(4, 3, 9);
  const o = { anchor: [1, 2] as [number, number], border: 'reflect101' as const, iterations: 2 };
  const e = (x: PixelArray) => erode(x, k, o), d = (x: PixelArray) => dilate(x, k, o);
  const sub = (x: number[], y: number[]) => x.map((v, i) => Math.max(0, v - y[i]));
  const expect: Record<Exclude<MorphOp, 'hitmiss'>, number[]> = {
    erode: pixels(e(a)), dilate: pixels(d(a)), open: pixels(d(e(a))), close: pixels(e(d(a))),
    gradient: sub(pixels(d(a)), pixels(e(a))), tophat: sub(pixels(a), pixels(d(e(a)))), blackhat: sub(pixels(e(d(a))), pixels(a)),
  };
  for (const [op, want] of Object.entries(expect)) {
    for (const [name, view] of Object.entries(layouts(a))) {
      assert.deepEqual(pixels(morphologyEx(view, op as MorphOp, k, o)), want, `${op} ${name}`);
    }
  }
});

test('morphologyEx hitmiss: 1 = foreground, −1 = background, 0 = ignored', () => {
  const a = randomImage(10, 12, 1, 4);
  const bin = fromData(a.data.map((v) => (v > 128 ? 255 : 0)), 10, 12, 1);
  const k = [[0, 1, 0], [-1, 1, 1], [-1, -1, 0]];
  const fg = naive(bin, k.map((r) => r.map((v) => (v === 1 ? 1 : 0))), false);
  const bg = naive(bitwiseNot(bin), k.map((r) => r.map((v) => (v === -1 ? 1 : 0))), false);
  const want = fg.map((v, i) => v & bg[i]);
  for (const [name, view] of Object.entries(layouts(bin))) assert.deepEqual(pixels(morphologyEx(view, 'hitmiss', k)), want, name);
  assert.deepEqual(pixels(morphologyEx(bin, 'hitmiss', [[0, 0]])), pixels(bin));
  assert.deepEqual(pixels(morphologyEx(bin, 'hitmiss', [[2]])), new Array(120).fill(255));
  assert.throws(() => morphologyEx(randomImage(3, 3, 3), 'hitmiss', k), { name: 'RangeError', message: /^a: expected a 1-channel image for 'hitmiss'/ });
});

test('erode/dilate/morphologyEx refuse bad arguments with named errors', () => {
  const a = randomImage(4, 4, 3);
  const k = [[1, 1], [1, 1]];
  assert.throws(() => erode(null as never, k), { name: 'TypeError', message: /^a: expected a PixelArray/ });
  assert.throws(() => erode(a, [] as never), { name: 'TypeError', message: /^kernel: expected a non-empty array of rows/ });
  assert.throws(() => erode(a, [[1, 1], [1]]), { name: 'RangeError', message: /^kernel\[1\]: expected 2 numbers/ });
  assert.throws(() => erode(a, [[1, NaN]]), { name: 'RangeError', message: /^kernel\[0\]\[1\]: expected a finite number, got NaN/ });
  assert.throws(() => erode(a, [['1' as never]]), { name: 'TypeError', message: /^kernel\[0\]\[0\]/ });
  assert.throws(() => dilate(a, [[0, 0], [0, 0]]), { name: 'RangeError', message: /^kernel: expected at least one nonzero element/ });
  assert.throws(() => erode(a, k, { border: 'wrap' as never }), { name: 'RangeError', message: /^options\.border: expected 'constant'.*BORDER_WRAP/ });
  assert.throws(() => erode(a, k, { border: 'mirror' as never }), { name: 'RangeError', message: /^options\.border/ });
  assert.throws(() => erode(a, k, { iterations: -1 }), { name: 'RangeError', message: /^options\.iterations/ });
  assert.throws(() => erode(a, k, { anchor: [2, 0] }), { name: 'RangeError', message: /^options\.anchor\[0\]: expected an integer in -1\.\.1, got 2/ });
  assert.throws(() => erode(a, k, { borderValue: [1, 2] }), { name: 'RangeError', message: /^options\.borderValue: expected 1 or 3 values/ });
  assert.throws(() => erode(a, k, { ksize: 3 } as never), { name: 'TypeError', message: /^options: unknown option 'ksize'/ });
  assert.throws(() => erode(a, k, { out: randomImage(4, 5, 3) }), { name: 'RangeError', message: /^options\.out: expected shape \[4, 4, 3\]/ });
  assert.throws(() => morphologyEx(a, 'thin' as never, k), { name: 'RangeError', message: /^op: expected 'erode'/ });
  assert.throws(() => erode(a, [[1, 1, 1]], { iterations: 40000 }), { name: 'RangeError', message: /^options\.iterations: expected at most a 65536-wide equivalent rectangle/ });
});

const imageArb = fc.record({ h: fc.integer({ min: 1, max: 9 }), w: fc.integer({ min: 1, max: 9 }), c: fc.constantFrom(1, 3, 4), seed: fc.integer({ min: 1, max: 1e6 }) })
  .map(({ h, w, c, seed }) => randomImage(h, w, c, seed));
const kernelArb = fc.record({ kw: fc.integer({ min: 1, max: 5 }), kh: fc.integer({ min: 1, max: 5 }), seed: fc.integer({ min: 1, max: 1e6 }) })
  .map(({ kw, kh, seed }) => randomKernel(kw, kh, seed));
/** Kernels symmetric about their centre (odd sizes, centre on): their opening is a true opening. */
const symmetricArb = fc.record({ r: fc.integer({ min: 0, max: 2 }), s: fc.integer({ min: 0, max: 2 }), seed: fc.integer({ min: 1, max: 1e6 }) })
  .map(({ r, s, seed }) => {
    const k = randomKernel(2 * r + 1, 2 * s + 1, seed);
    return k.map((row, i) => row.map((v, j) => v | k[2 * s - i][2 * r - j]));
  });

test('property: erode(a) = ~dilate(~a) with the same kernel and anchor (OpenCV does not reflect the kernel)', () => {
  fc.assert(fc.property(imageArb, kernelArb, fc.constantFrom<'constant' | 'reflect101' | 'replicate' | 'reflect'>('constant', 'reflect101', 'replicate', 'reflect'), (a, k, border) => {
    assert.deepEqual(pixels(erode(a, k, { border })), pixels(bitwiseNot(dilate(bitwiseNot(a), k, { border }))));
  }), { numRuns: 150 });
});

test('property: opening and closing are idempotent for symmetric kernels', () => {
  fc.assert(fc.property(imageArb, symmetricArb, (a, k) => {
    const o = morphologyEx(a, 'open', k), c = morphologyEx(a, 'close', k);
    assert.deepEqual(pixels(morphologyEx(o, 'open', k)), pixels(o));
    assert.deepEqual(pixels(morphologyEx(c, 'close', k)), pixels(c));
  }), { numRuns: 150 });
});

test('property: erode(a) ≤ a ≤ dilate(a) when the kernel holds its anchor', () => {
  fc.assert(fc.property(imageArb, kernelArb, fc.constantFrom<'constant' | 'reflect101' | 'replicate' | 'reflect'>('constant', 'reflect101', 'replicate', 'reflect'), (a, k, border) => {
    const e = pixels(erode(a, k, { border, borderValue: 7 })), d = pixels(dilate(a, k, { border, borderValue: 7 })), p = pixels(a);
    for (let i = 0; i < p.length; i++) assert.ok(e[i] <= p[i] && p[i] <= d[i]);
  }), { numRuns: 150 });
});

test('erode, dilate and morphologyEx write into an out that is a strided view', async () => {
  const { transpose, zeros } = await import('../../src/index.ts');
  const a = randomImage(6, 8, 1, 17);
  const k = getStructuringElement('cross', [3, 5]);
  for (const f of [(o?: PixelArray) => erode(a, k, { out: o }), (o?: PixelArray) => dilate(a, k, { out: o }),
    (o?: PixelArray) => morphologyEx(a, 'gradient', k, { out: o }), (o?: PixelArray) => morphologyEx(a, 'hitmiss', [[1, -1]], { out: o })]) {
    const out = transpose(zeros(8, 6, 1));
    assert.equal(f(out), out);
    assert.deepEqual(pixels(out), pixels(f()));
  }
});
