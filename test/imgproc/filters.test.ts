// Filters: gaussianBlur, blur, medianBlur, filter2D, emboss. Their bit-exactness against OpenCV and
// Pillow is in the golden fixtures (test/golden/fixtures/filters); here: naive reference
// implementations on random images of every shape and layout, OpenCV's kernels, properties,
// errors, views, `{ out }` and untouched inputs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { clone, fromData, full, PixelArray, zeros } from '../../src/index.ts';
import { borderIndex, BORDER_MODES, type BorderMode } from '../../src/imgproc/border.ts';
import { blur, boxDivider } from '../../src/imgproc/box.ts';
import { emboss } from '../../src/imgproc/emboss.ts';
import { filter2D } from '../../src/imgproc/filter2d.ts';
import { fusedMultiplyAdd, gaussianBlur, gaussianKernel, gaussianKernelFixed, softExp } from '../../src/imgproc/gaussian.ts';
import { medianBlur } from '../../src/imgproc/median.ts';
import * as filters from '../../src/imgproc/filters.ts';
import { layouts, pixels, randomImage, SHAPES } from '../helpers.ts';

// ---------------------------------------------------------------------------------------------
// Naive references: every output value computed on its own from the definition.

/** The value at (y, x, c) of `a` extended by `border` (constant: 0). */
function at(a: PixelArray, y: number, x: number, c: number, border: BorderMode): number {
  const yy = borderIndex(y, a.height, border), xx = borderIndex(x, a.width, border);
  return yy < 0 || xx < 0 ? 0 : a.get(yy, xx, c);
}

function naive(a: PixelArray, f: (y: number, x: number, c: number) => number): number[] {
  const out: number[] = [];
  for (let y = 0; y < a.height; y++) for (let x = 0; x < a.width; x++) for (let c = 0; c < a.channels; c++) out.push(f(y, x, c));
  return out;
}

function naiveGaussian(a: PixelArray, kx: Int32Array, ky: Int32Array, border: BorderMode): number[] {
  const rx = kx.length >> 1, ry = ky.length >> 1;
  return naive(a, (y, x, c) => {
    let s = 0;
    for (let j = 0; j < ky.length; j++) for (let i = 0; i < kx.length; i++) s += ky[j] * kx[i] * at(a, y + j - ry, x + i - rx, c, border);
    return (s + 32768) >> 16;
  });
}

function naiveBox(a: PixelArray, kw: number, kh: number, border: BorderMode): number[] {
  const divide = boxDivider(kw * kh), tail = boxDivider(kw * kh, false);
  const len = a.width * a.channels, simdEnd = kw * kh > 256 ? len & ~7 : len;
  return naive(a, (y, x, c) => {
    let s = 0;
    for (let j = 0; j < kh; j++) for (let i = 0; i < kw; i++) s += at(a, y + j - (kh >> 1), x + i - (kw >> 1), c, border);
    return x * a.channels + c < simdEnd ? divide(s) : tail(s);
  });
}

function naiveMedian(a: PixelArray, k: number): number[] {
  const r = k >> 1;
  return naive(a, (y, x, c) => {
    const v: number[] = [];
    for (let j = -r; j <= r; j++) for (let i = -r; i <= r; i++) v.push(at(a, y + j, x + i, c, 'replicate'));
    v.sort((p, q) => p - q);
    return v[(v.length - 1) >> 1];
  });
}

/** OpenCV's float32 sum: fused multiply-adds from delta, nonzero taps in row-major order. */
function naiveFilter2D(a: PixelArray, kernel: number[][], delta: number, border: BorderMode): number[] {
  const kh = kernel.length, kw = kernel[0].length;
  return naive(a, (y, x, c) => {
    let s = Math.fround(delta);
    for (let j = 0; j < kh; j++) {
      for (let i = 0; i < kw; i++) {
        const k = Math.fround(kernel[j][i]);
        if (k !== 0) s = Math.fround(s + k * at(a, y + j - (kh >> 1), x + i - (kw >> 1), c, border));
      }
    }
    const r = Math.round(s) - s === 0.5 && Math.round(s) % 2 !== 0 ? Math.round(s) - 1 : Math.round(s);
    return Math.min(255, Math.max(0, r));
  });
}

function naiveEmboss(a: PixelArray): number[] {
  const [h, w] = a.shape;
  return naive(a, (y, x, c) => {
    const v = a.get(y, x, c);
    if (h < 3 || w < 3 || y === 0 || x === 0 || y === h - 1 || x === w - 1) return v;
    return Math.min(255, Math.max(0, 128 + v - a.get(y + 1, x - 1, c)));
  });
}

// Small odd shapes: every channel count 1..5, images smaller than the kernels, 1-pixel rows/columns.
const FILTER_SHAPES: [number, number, number][] = [
  [1, 1, 1], [1, 7, 3], [7, 1, 3], [2, 3, 4], [3, 5, 2], [13, 17, 3], [9, 11, 1], [6, 10, 5], [12, 9, 4], [16, 21, 3],
];

// ---------------------------------------------------------------------------------------------
// OpenCV's Gaussian kernels

test('gaussianKernelFixed matches OpenCV 4.6 (cv2.getGaussianKernel + its 8-bit error diffusion)', () => {
  const file = new URL('../golden/fixtures/filters/gaussian_kernels.json', import.meta.url);
  const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as { n: number; sigma: number; fixed: number[]; kernel?: string[] }[];
  assert.ok(entries.length > 400);
  for (const { n, sigma, fixed, kernel } of entries) {
    assert.deepEqual(Array.from(gaussianKernelFixed(n, sigma)), fixed, `n=${n} sigma=${sigma}`);
    if (kernel) assert.deepEqual(Array.from(gaussianKernel(n, sigma)), kernel.map(parseHexFloat), `double kernel n=${n} sigma=${sigma}`);
  }
});

function parseHexFloat(s: string): number {
  const m = /^(-?)0x([01])\.?([0-9a-f]*)p([+-]\d+)$/.exec(s);
  if (!m) throw new Error(`not a hex float: ${s}`);
  return (m[1] ? -1 : 1) * (parseInt(m[2] + m[3], 16) / 16 ** m[3].length) * 2 ** Number(m[4]);
}

test('the fixed kernels sum to 256 and are symmetric; small sizes use OpenCV tables when sigma ≤ 0', () => {
  for (let n = 1; n <= 41; n += 2) {
    for (const sigma of [0, 0.4, 1, 2.5, 9]) {
      const k = gaussianKernelFixed(n, sigma);
      assert.equal(k.reduce((s, v) => s + v, 0), 256);
      for (let i = 0; i < n; i++) assert.equal(k[i], k[n - 1 - i]);
    }
  }
  assert.deepEqual(Array.from(gaussianKernelFixed(3, 0)), [64, 128, 64]);
  assert.deepEqual(Array.from(gaussianKernelFixed(5, 0)), [16, 64, 96, 64, 16]);
  assert.deepEqual(Array.from(gaussianKernelFixed(7, 0)), [8, 28, 56, 72, 56, 28, 8]);
  assert.deepEqual(Array.from(gaussianKernelFixed(9, 0)), [4, 13, 30, 51, 60, 51, 30, 13, 4]);
});

test('softExp is OpenCV softfloat exp (not Math.exp) and fusedMultiplyAdd rounds once', () => {
  // cv2.getGaussianKernel(3, 0.1, CV_64F)[0] = exp(-49.99999999999999) in softfloat.
  assert.equal(softExp(4 * (-0.125 / (0.1 * 0.1))), 1.9287498479639277e-22);
  assert.notEqual(Math.exp(4 * (-0.125 / (0.1 * 0.1))), 1.9287498479639277e-22);
  assert.equal(softExp(0), 1);
  assert.equal(softExp(-Infinity), 0);
  assert.ok(Math.abs(softExp(-1) - Math.exp(-1)) < 1e-15);
  assert.equal(fusedMultiplyAdd(0.1, 10, -1), 5.551115123125783e-17); // 0.1 · 10 − 1 unrounded
  assert.equal(0.1 * 10 - 1, 0);
  assert.equal(fusedMultiplyAdd(11, 0.15, 0.35), 2);
});

// ---------------------------------------------------------------------------------------------
// Against the naive references

test('gaussianBlur equals the exact integer double sum on every shape, channel count and border', () => {
  const settings: [number, { ksize?: number | [number, number]; sigmaY?: number }][] = [
    [0, { ksize: 3 }], [0, { ksize: 5 }], [0, { ksize: [3, 5] }], [0, { ksize: [5, 1] }], [0.3, {}], [0.8, {}],
    [1.2, { ksize: 7 }], [2, {}], [0.9, { sigmaY: 2.1 }], [0, { ksize: [1, 9] }],
  ];
  for (const [h, w, c] of FILTER_SHAPES) {
    const a = randomImage(h, w, c, 7 + h * w);
    for (const border of BORDER_MODES) {
      for (const [sigma, opts] of settings) {
        const [kw, kh] = opts.ksize === undefined ? [0, 0] : typeof opts.ksize === 'number' ? [opts.ksize, opts.ksize] : opts.ksize;
        const sy = opts.sigmaY ?? sigma;
        const kx = gaussianKernelFixed(kw || (Math.round(sigma * 6 + 1) | 1), sigma);
        const ky = gaussianKernelFixed(kh || (Math.round(sy * 6 + 1) | 1), sy);
        assert.deepEqual(pixels(gaussianBlur(a, sigma, { ...opts, border })), naiveGaussian(a, kx, ky, border),
          `${h}x${w}x${c} sigma=${sigma} ${JSON.stringify(opts)} ${border}`);
      }
    }
  }
});

test('gaussianBlur: RGB fast paths (fixed 3×3 and 5×5) on wide and odd images', () => {
  for (const [h, w] of [[4, 40], [5, 41], [3, 2], [11, 43]]) {
    const a = randomImage(h, w, 3, h + w);
    for (const border of BORDER_MODES) {
      for (const k of [3, 5]) {
        const kk = gaussianKernelFixed(k, 0);
        assert.deepEqual(pixels(gaussianBlur(a, 0, { ksize: k, border })), naiveGaussian(a, kk, kk, border), `${h}x${w} k${k} ${border}`);
      }
    }
  }
});

test('blur equals the window mean rounded as OpenCV (area ≤ 256: fixed point; above: float32/double)', () => {
  const sizes: [number, number][] = [[1, 1], [2, 2], [3, 3], [5, 5], [7, 3], [1, 6], [4, 1], [16, 16], [17, 17], [20, 15], [3, 300]];
  for (const [h, w, c] of FILTER_SHAPES) {
    const a = randomImage(h, w, c, 3 + h + 5 * w);
    for (const border of ['reflect101', 'replicate', 'reflect', 'constant'] as const) {
      for (const [kw, kh] of sizes) {
        assert.deepEqual(pixels(blur(a, [kw, kh], { border })), naiveBox(a, kw, kh, border), `${h}x${w}x${c} ${kw}x${kh} ${border}`);
      }
    }
  }
});

test('boxDivider: OpenCV 8-bit division of window sums', () => {
  // n ≤ 256: ((s + dd) · ds) >> 23: round half up for most areas, but one more for powers of two,
  // where OpenCV's rounding term is n/2 + 1 (cv2.blur of zeros with ksize (2, 1) is all ones)
  for (let n = 2; n <= 256; n++) {
    const d = boxDivider(n);
    const pow2 = (n & (n - 1)) === 0;
    for (let s = 0; s <= 255 * n; s++) {
      const want = pow2 ? Math.floor((s + n / 2 + 1) / n) : Math.floor(s / n + 0.5);
      if (d(s) !== want) assert.fail(`n=${n} s=${s}: ${d(s)} != ${want}`);
    }
  }
  assert.deepEqual(pixels(blur(zeros(3, 4, 1), [2, 1])), new Array(12).fill(1));
  // n = 300: float32 and double disagree on 32 sums, e.g. 4350 = 300 · 14.5
  assert.equal(boxDivider(300)(4350), 14);
  assert.equal(boxDivider(300, false)(4350), 15);
});

test('medianBlur equals the sorted-window median with replicated edges, any channel count', () => {
  for (const [h, w, c] of FILTER_SHAPES) {
    const a = randomImage(h, w, c, 5 + 3 * h + w);
    for (const k of [1, 3, 5, 7, 9]) assert.deepEqual(pixels(medianBlur(a, k)), naiveMedian(a, k), `${h}x${w}x${c} k=${k}`);
  }
});

test('filter2D equals the float32 fused multiply-add chain (integer and fractional kernels, any size)', () => {
  const kernels: [number[][], number][] = [
    [[[-1, 0, 0], [0, 1, 0], [0, 0, 0]], 128], [[[0, -1, 0], [-1, 5, -1], [0, -1, 0]], 0], [[[1]], 0], [[[3]], -100],
    [[[0.25, 0.25], [0.25, 0.25]], 0], [[[1, 2, 0], [0, -2, 1], [0.5, 0, -1], [0, 0, 0.25]], 10],
    [[[0.1, 0.2, 0.1], [0.05, 0.1, 0.05], [0.1, 0.2, 0.1]], 0.5], [[[1 / 9, 1 / 9, 1 / 9]], 0],
    [Array.from({ length: 5 }, () => [0.04, 0.04, 0.04, 0.04, 0.04]), 0], [[[1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11]], 3],
    [[[0], [0]], 7.5], [[[0.3], [-1.7], [2.2]], -0.25],
  ];
  for (const [h, w, c] of FILTER_SHAPES) {
    const a = randomImage(h, w, c, 1 + h * 31 + w);
    for (const border of ['reflect101', 'replicate', 'reflect', 'constant'] as const) {
      for (const [k, delta] of kernels) {
        assert.deepEqual(pixels(filter2D(a, k, { delta, border })), naiveFilter2D(a, k, delta, border),
          `${h}x${w}x${c} ${JSON.stringify(k)} delta=${delta} ${border}`);
      }
    }
  }
});

test('filter2D accepts wrap for kernels of 130 coefficients or more (OpenCV DFT path)', () => {
  const a = randomImage(9, 14, 3, 77);
  const k = Array.from({ length: 10 }, (_, j) => Array.from({ length: 13 }, (_, i) => ((i * 7 + j * 3) % 11 - 5) / 50));
  assert.deepEqual(pixels(filter2D(a, k, { border: 'wrap', delta: 3 })), naiveFilter2D(a, k, 3, 'wrap'));
});

test('emboss equals Pillow EMBOSS: 128 + a(y, x) − a(y + 1, x − 1) inside, frame unchanged', () => {
  for (const [h, w, c] of [...FILTER_SHAPES, [3, 3, 1], [2, 9, 3], [9, 2, 4]] as [number, number, number][]) {
    const a = randomImage(h, w, c, 9 + h + w);
    assert.deepEqual(pixels(emboss(a)), naiveEmboss(a), `${h}x${w}x${c}`);
  }
});

// ---------------------------------------------------------------------------------------------
// Properties

test('a blur of a constant image is that constant (every border but constant)', () => {
  for (const v of [0, 1, 128, 254, 255]) {
    const a = full(11, 13, 3, v);
    const want = pixels(a);
    for (const border of ['reflect101', 'replicate', 'reflect', 'wrap'] as const) {
      assert.deepEqual(pixels(gaussianBlur(a, 1.7, { border })), want);
      assert.deepEqual(pixels(gaussianBlur(a, 0, { ksize: [5, 3], border })), want);
      if (border !== 'wrap') assert.deepEqual(pixels(blur(a, [4, 7], { border })), want);
      if (border !== 'wrap') assert.deepEqual(pixels(filter2D(a, [[0.25, 0.25], [0.25, 0.25]], { border })), want);
    }
    assert.deepEqual(pixels(medianBlur(a, 3)), want);
    assert.deepEqual(pixels(medianBlur(a, 5)), want);
    assert.deepEqual(pixels(medianBlur(a, 9)), want);
  }
});

test('identities: 1×1 kernels, ksize 1, and a constant border of zeros darkening the edges', () => {
  const a = randomImage(8, 9, 3, 5);
  assert.deepEqual(pixels(filter2D(a, [[1]])), pixels(a));
  assert.deepEqual(pixels(gaussianBlur(a, 0, { ksize: 1 })), pixels(a));
  assert.deepEqual(pixels(blur(a, 1)), pixels(a));
  assert.deepEqual(pixels(medianBlur(a, 1)), pixels(a));
  assert.notEqual(gaussianBlur(a, 0, { ksize: 1 }), a);
  assert.deepEqual(pixels(filter2D(a, [[2]])), pixels(a).map((v) => Math.min(255, 2 * v)));
  assert.deepEqual(pixels(filter2D(a, [[0, 0], [0, 0]], { delta: 6.5 })), pixels(a).map(() => 6)); // half to even
  // constant border: the corner of a blurred white image is darker than its centre
  const white = full(30, 30, 1, 255);
  const g = gaussianBlur(white, 2, { border: 'constant' });
  assert.ok(g.get(0, 0) < 200, `corner ${g.get(0, 0)}`);
  assert.equal(g.get(15, 15), 255);
});

test('emboss of a flat image is 128 inside and unchanged on the frame; smaller than 3×3 is a copy', () => {
  const e = emboss(full(5, 6, 3, 77));
  for (let y = 0; y < 5; y++) for (let x = 0; x < 6; x++) {
    const frame = y === 0 || x === 0 || y === 4 || x === 5;
    assert.equal(e.get(y, x, 1), frame ? 77 : 128);
  }
  const small = randomImage(2, 9, 4, 3);
  const copy = emboss(small);
  assert.deepEqual(pixels(copy), pixels(small));
  assert.notEqual(copy.data, small.data);
});

test('gaussianBlur derives the kernel size as OpenCV does for 8-bit images: round(6σ + 1) | 1', () => {
  const a = randomImage(20, 24, 1, 8);
  for (const sigma of [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2.2]) {
    const k = Math.round(sigma * 6 + 1) | 1;
    assert.deepEqual(pixels(gaussianBlur(a, sigma)), pixels(gaussianBlur(a, sigma, { ksize: k })), `sigma=${sigma}`);
  }
  // sigmaY defaults to sigma; sigmaY = 0 means sigma too
  assert.deepEqual(pixels(gaussianBlur(a, 1.3, { sigmaY: 0 })), pixels(gaussianBlur(a, 1.3)));
  assert.deepEqual(pixels(gaussianBlur(a, 1.3, { sigmaY: 1.3 })), pixels(gaussianBlur(a, 1.3)));
});

// ---------------------------------------------------------------------------------------------
// Layouts, `{ out }`, inputs untouched, empty images

const calls: [string, (a: PixelArray, out?: PixelArray) => PixelArray][] = [
  ['gaussianBlur σ1.4', (a, out) => gaussianBlur(a, 1.4, { out })],
  ['gaussianBlur 5×5', (a, out) => gaussianBlur(a, 0, { ksize: 5, border: 'reflect', out })],
  ['gaussianBlur 3×3', (a, out) => gaussianBlur(a, 0, { ksize: 3, border: 'wrap', out })],
  ['blur', (a, out) => blur(a, [3, 4], { border: 'replicate', out })],
  ['medianBlur 3', (a, out) => medianBlur(a, 3, { out })],
  ['medianBlur 5', (a, out) => medianBlur(a, 5, { out })],
  ['medianBlur 7', (a, out) => medianBlur(a, 7, { out })],
  ['filter2D int', (a, out) => filter2D(a, [[-1, 0, 0], [0, 1, 0], [0, 0, 0]], { delta: 128, out })],
  ['filter2D float', (a, out) => filter2D(a, [[0.2, 0.3], [0.1, 0.4], [0.05, 0]], { border: 'constant', out })],
  ['emboss', (a, out) => emboss(a, { out })],
];

test('views (crops, negative strides, transposes) give the same results as contiguous copies', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, 41 + h + w);
    for (const [name, f] of calls) {
      const want = pixels(f(clone(a)));
      for (const [layout, v] of Object.entries(layouts(a))) assert.deepEqual(pixels(f(v)), want, `${name} ${h}x${w}x${c} ${layout}`);
    }
  }
});

test('inputs are never mutated; { out } is honoured, also when it is the input itself', () => {
  for (const [name, f] of calls) {
    const a = randomImage(10, 12, 3, 99);
    const before = pixels(a);
    const want = pixels(f(a));
    assert.deepEqual(pixels(a), before, `${name} mutated its input`);
    const out = zeros(10, 12, 3);
    assert.equal(f(a, out), out, name);
    assert.deepEqual(pixels(out), want, name);
    // a strided out
    const big = zeros(12, 12, 3);
    const view = new PixelArray(big.data, [10, 12, 3], [36, 3, 1], 36);
    assert.equal(f(a, view), view);
    assert.deepEqual(pixels(view), want, `${name} into a view`);
    // in place
    const b = clone(a);
    assert.equal(f(b, b), b);
    assert.deepEqual(pixels(b), want, `${name} in place`);
  }
});

test('empty images give empty results', () => {
  for (const shape of [[0, 5, 3], [4, 0, 1]] as [number, number, number][]) {
    const a = zeros(...shape);
    for (const [name, f] of calls) assert.deepEqual(f(a).shape, shape, name);
  }
});

test('filters.ts re-exports every filter', () => {
  for (const name of ['gaussianBlur', 'blur', 'medianBlur', 'filter2D', 'emboss']) {
    assert.equal(typeof (filters as Record<string, unknown>)[name], 'function', name);
  }
});

// ---------------------------------------------------------------------------------------------
// Errors: the class, and a message naming the argument

function throwsRange(f: () => unknown, message: RegExp): void {
  assert.throws(f, (e: unknown) => e instanceof RangeError && message.test((e as Error).message), String(message));
}
function throwsType(f: () => unknown, message: RegExp): void {
  assert.throws(f, (e: unknown) => e instanceof TypeError && message.test((e as Error).message), String(message));
}

test('gaussianBlur rejects bad arguments with messages naming them', () => {
  const a = randomImage(5, 5, 3, 1);
  throwsType(() => gaussianBlur({} as PixelArray, 1), /^a: expected a PixelArray/);
  throwsType(() => gaussianBlur(a, '1' as unknown as number), /^sigma: expected a finite number/);
  throwsRange(() => gaussianBlur(a, NaN), /^sigma: expected a finite number ≥ 0, got NaN/);
  throwsRange(() => gaussianBlur(a, -1), /^sigma: expected a finite number ≥ 0, got -1/);
  throwsRange(() => gaussianBlur(a, Infinity), /^sigma: /);
  throwsRange(() => gaussianBlur(a, 0), /^sigma: expected a positive number when options\.ksize is 0 or absent/);
  throwsRange(() => gaussianBlur(a, 0, { ksize: 0 }), /^sigma: expected a positive number when options\.ksize/);
  throwsRange(() => gaussianBlur(a, 0, { ksize: [3, 0] }), /^sigma: /);
  throwsRange(() => gaussianBlur(a, 1, { ksize: 4 }), /^options\.ksize: expected an odd integer ≥ 1, or 0, got 4/);
  throwsRange(() => gaussianBlur(a, 1, { ksize: -3 }), /^options\.ksize: /);
  throwsRange(() => gaussianBlur(a, 1, { ksize: 2.5 }), /^options\.ksize: /);
  throwsRange(() => gaussianBlur(a, 1, { ksize: NaN }), /^options\.ksize: .*got NaN/);
  throwsRange(() => gaussianBlur(a, 1, { ksize: [3, 4] }), /^options\.ksize\[1\]: expected an odd integer/);
  throwsRange(() => gaussianBlur(a, 1, { ksize: [3, 3, 3] as unknown as [number, number] }), /^options\.ksize: /);
  throwsType(() => gaussianBlur(a, 1, { ksize: '3' as unknown as number }), /^options\.ksize: /);
  throwsRange(() => gaussianBlur(a, 1, { sigmaY: -2 }), /^options\.sigmaY: expected a finite number ≥ 0/);
  throwsRange(() => gaussianBlur(a, 1, { sigmaY: NaN }), /^options\.sigmaY: /);
  throwsRange(() => gaussianBlur(a, 1, { border: 'mirror' as BorderMode }), /^options\.border: expected one of 'reflect101'/);
  throwsType(() => gaussianBlur(a, 1, 5 as unknown as object), /^options: expected an options object/);
  throwsRange(() => gaussianBlur(a, 1, { out: zeros(5, 4, 3) }), /^options\.out: expected shape \[5, 5, 3\]/);
  throwsType(() => gaussianBlur(a, 1, { out: [] as unknown as PixelArray }), /^options\.out: expected a PixelArray/);
  throwsRange(() => gaussianBlur(a, 1e9), /^sigma: /);
});

test('blur rejects bad arguments, and BORDER_WRAP as cv2.blur does', () => {
  const a = randomImage(5, 5, 1, 1);
  throwsType(() => blur(null as unknown as PixelArray, 3), /^a: /);
  throwsRange(() => blur(a, 0), /^ksize: expected an integer ≥ 1, got 0/);
  throwsRange(() => blur(a, -2), /^ksize: /);
  throwsRange(() => blur(a, NaN), /^ksize: .*NaN/);
  throwsRange(() => blur(a, [3, 1.5]), /^ksize\[1\]: /);
  throwsType(() => blur(a, undefined as unknown as number), /^ksize: /);
  throwsRange(() => blur(a, 3, { border: 'wrap' as 'reflect' }), /^options\.border: .*BORDER_WRAP\), got "wrap"/);
  throwsRange(() => blur(a, 3, { border: 'bogus' as 'reflect' }), /^options\.border: /);
});

test('medianBlur rejects even, negative and non-integer ksize', () => {
  const a = randomImage(5, 5, 3, 1);
  throwsRange(() => medianBlur(a, 4), /^ksize: expected an odd integer in 1\.\.\d+, got 4/);
  throwsRange(() => medianBlur(a, 0), /^ksize: /);
  throwsRange(() => medianBlur(a, -3), /^ksize: /);
  throwsRange(() => medianBlur(a, 3.5), /^ksize: /);
  throwsRange(() => medianBlur(a, NaN), /^ksize: .*NaN/);
  throwsType(() => medianBlur(a, [3] as unknown as number), /^ksize: expected an odd integer/);
  throwsRange(() => medianBlur(a, 3, { out: zeros(1, 1, 1) }), /^options\.out: /);
});

test('filter2D rejects kernels that are not rectangular arrays of finite numbers', () => {
  const a = randomImage(5, 5, 3, 1);
  throwsType(() => filter2D(a, 3 as unknown as number[][]), /^kernel: expected a non-empty rectangular array/);
  throwsRange(() => filter2D(a, []), /^kernel: expected a non-empty rectangular array/);
  throwsRange(() => filter2D(a, [[]]), /^kernel\[0\]: /);
  throwsType(() => filter2D(a, [1, 2] as unknown as number[][]), /^kernel\[0\]: expected an array/);
  throwsRange(() => filter2D(a, [[1, 2], [3]]), /^kernel: expected a rectangular array \(rows of equal length\), got row 0 of length 2 and row 1 of length 1/);
  throwsRange(() => filter2D(a, [[1, NaN]]), /^kernel\[0\]\[1\]: expected a finite number, got NaN/);
  throwsRange(() => filter2D(a, [[1], [Infinity]]), /^kernel\[1\]\[0\]: /);
  throwsRange(() => filter2D(a, [[1e39]]), /^kernel\[0\]\[0\]: expected a finite float32/);
  throwsType(() => filter2D(a, [['1']] as unknown as number[][]), /^kernel\[0\]\[0\]: /);
  throwsRange(() => filter2D(a, [[1]], { delta: NaN }), /^options\.delta: /);
  throwsRange(() => filter2D(a, [[1, 1], [1, 1]], { border: 'wrap' }), /^options\.border: .*fewer than 130 coefficients/);
  throwsRange(() => filter2D(a, [[1]], { border: 'nope' as BorderMode }), /^options\.border: /);
});

test('emboss rejects non-arrays and a wrong out', () => {
  throwsType(() => emboss(new Uint8Array(9) as unknown as PixelArray), /^a: expected a PixelArray/);
  throwsRange(() => emboss(randomImage(4, 4, 3), { out: zeros(4, 4, 1) }), /^options\.out: /);
  throwsType(() => emboss(randomImage(4, 4, 3), [] as unknown as object), /^options: /);
});

test('fromData images run through every filter (smoke, 2×2 to 40×40)', () => {
  for (const n of [2, 3, 40]) {
    const a = fromData(new Uint8Array(n * n * 3).map((_, i) => (i * 37) & 255), n, n, 3);
    for (const [, f] of calls) assert.deepEqual(f(a).shape, [n, n, 3]);
  }
});
