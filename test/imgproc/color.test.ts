import assert from 'node:assert/strict';
import { test } from 'node:test';
import path from 'node:path';
import * as core from '../../src/index.ts';
import { PixelArray, clone, fromData, full, zeros } from '../../src/index.ts';
import { cvtColor, inRange, type ColorCode } from '../../src/imgproc/color.ts';
import * as color from '../../src/imgproc/color.ts';
import { FIXTURES_DIR, loadCases, runCase } from '../golden/cases.ts';
import { fromDataAsView, layouts, pixels, randomImage, SHAPES } from '../helpers.ts';

const rne = (x: number) => { const r = Math.round(x); return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r; };

// Per-pixel definitions, written from OpenCV's documented 8-bit rules (not from the kernels).
const gray = (r: number, g: number, b: number) => (r * 9798 + g * 19235 + b * 3735 + 16384) >> 15;
const sdiv = (i: number) => (i === 0 ? 0 : rne((255 * 4096) / i));
const hdiv = (i: number) => (i === 0 ? 0 : rne((180 * 4096) / (6 * i)));
function hsv(r: number, g: number, b: number): number[] {
  const v = Math.max(r, g, b), diff = v - Math.min(r, g, b);
  const s = (diff * sdiv(v) + 2048) >> 12;
  let h = v === r ? g - b : v === g ? b - r + 2 * diff : r - g + 4 * diff;
  h = (h * hdiv(diff) + 2048) >> 12;
  return [h < 0 ? h + 180 : h, s, v];
}

/** The expected pixels of `code` on `a`, pixel by pixel. */
function naive(a: PixelArray, code: ColorCode): number[] {
  const [h, w] = a.shape;
  const out: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = (k: number) => a.get(y, x, k);
      switch (code) {
        case 'RGB2GRAY': out.push(gray(p(0), p(1), p(2))); break;
        case 'BGR2GRAY': out.push(gray(p(2), p(1), p(0))); break;
        case 'RGB2BGR': case 'BGR2RGB': out.push(p(2), p(1), p(0)); break;
        case 'RGB2HSV': out.push(...hsv(p(0), p(1), p(2))); break;
        case 'BGR2HSV': out.push(...hsv(p(2), p(1), p(0))); break;
        case 'GRAY2RGB': out.push(p(0), p(0), p(0)); break;
        case 'RGB2RGBA': out.push(p(0), p(1), p(2), a.shape[2] === 4 ? p(3) : 255); break;
        case 'RGBA2RGB': out.push(p(0), p(1), p(2)); break;
        default: throw new Error(code);
      }
    }
  }
  return out;
}

const BY_CHANNELS: Record<number, ColorCode[]> = {
  1: ['GRAY2RGB'],
  3: ['RGB2GRAY', 'BGR2GRAY', 'RGB2BGR', 'BGR2RGB', 'RGB2HSV', 'BGR2HSV', 'RGB2RGBA', 'RGBA2RGB'],
  4: ['RGB2GRAY', 'BGR2GRAY', 'RGB2BGR', 'BGR2RGB', 'RGB2HSV', 'BGR2HSV', 'RGB2RGBA', 'RGBA2RGB'],
};

test('cvtColor matches the per-pixel definitions on every shape and layout', () => {
  const shapes = [...SHAPES, [2, 41, 3], [3, 37, 4], [4, 29, 1], [40, 36, 3]] as [number, number, number][];
  for (const [h, w, c] of shapes) {
    const a = randomImage(h, w, c, 19 + h * w + c);
    for (const code of BY_CHANNELS[c] ?? []) {
      const want = naive(a, code);
      for (const [name, view] of Object.entries(layouts(a))) {
        assert.deepEqual(pixels(cvtColor(view, code)), want, `${code} ${h}x${w}x${c} ${name}`);
      }
    }
  }
});

test('RGB2GRAY and RGB2HSV: every colour of a 2^18 sample, packed and unpacked paths', () => {
  const n = 1 << 18;
  const rgb = new Uint8Array(3 * n);
  for (let i = 0; i < n; i++) {
    const v = Math.imul(i, 0x9e3779b1) >>> 8; // spread over the 2^24 colours
    rgb[3 * i] = v >> 16; rgb[3 * i + 1] = (v >> 8) & 255; rgb[3 * i + 2] = v & 255;
  }
  const a = fromData(rgb, 512, 512, 3);
  const shifted = new PixelArray(new Uint8Array(3 * n + 1), [512, 512, 3], undefined, 1); // unaligned: byte paths
  clone(a, { out: shifted });
  for (const src of [a, shifted]) {
    const g = cvtColor(src, 'RGB2GRAY').data, hs = cvtColor(src, 'RGB2HSV').data, bg = cvtColor(src, 'BGR2GRAY').data;
    for (let i = 0; i < n; i++) {
      const r = rgb[3 * i], gg = rgb[3 * i + 1], b = rgb[3 * i + 2];
      if (g[i] !== gray(r, gg, b) || bg[i] !== gray(b, gg, r)) assert.fail(`gray of ${r},${gg},${b}`);
      const want = hsv(r, gg, b);
      if (hs[3 * i] !== want[0] || hs[3 * i + 1] !== want[1] || hs[3 * i + 2] !== want[2]) assert.fail(`hsv of ${r},${gg},${b}`);
    }
  }
});

test('HSV2RGB follows OpenCV per row: 32-pixel vector blocks truncate, the tail rounds', () => {
  // Values printed by cv2.cvtColor(np.repeat(px, width, 1), cv2.COLOR_HSV2RGB) (OpenCV 4.6, AVX2).
  const cases: [number[], number[], number[]][] = [
    [[1, 153, 25], [25, 10, 10], [25, 11, 10]],
    [[13, 15, 135], [135, 130, 127], [135, 131, 127]],
    [[90, 200, 100], [21, 99, 100], [22, 100, 100]],
    [[179, 255, 255], [255, 0, 8], [255, 0, 8]],
    [[200, 128, 64], [64, 53, 31], [64, 53, 32]],
  ];
  for (const [px, inBlock, inTail] of cases) {
    for (const width of [31, 32, 33, 64, 65]) {
      const a = full(2, width, 3, px);
      const rgb = cvtColor(a, 'HSV2RGB'), bgr = cvtColor(a, 'HSV2BGR');
      for (let x = 0; x < width; x++) {
        const want = x < width - (width % 32) ? inBlock : inTail;
        assert.deepEqual([rgb.get(1, x, 0), rgb.get(1, x, 1), rgb.get(1, x, 2)], want, `${px} width ${width} x ${x}`);
        assert.deepEqual([bgr.get(0, x, 2), bgr.get(0, x, 1), bgr.get(0, x, 0)], want);
      }
    }
  }
});

test('RGB → HSV → RGB stays within a few levels of the original', () => {
  const a = randomImage(37, 70, 3, 5);
  const back = cvtColor(cvtColor(a, 'RGB2HSV'), 'HSV2RGB');
  const pa = pixels(a), pb = pixels(back);
  // H has 180 levels over 360°: up to ~2·v/60·... a few levels for bright saturated colours.
  let worst = 0;
  for (let i = 0; i < pa.length; i++) worst = Math.max(worst, Math.abs(pa[i] - pb[i]));
  assert.ok(worst <= 8, `worst ${worst}`);
  // gray pixels (s = 0) come back exactly
  const g = cvtColor(cvtColor(randomImage(9, 40, 1, 3), 'GRAY2RGB'), 'RGB2HSV');
  assert.deepEqual(pixels(cvtColor(g, 'HSV2RGB')), pixels(cvtColor(cvtColor(g, 'HSV2RGB'), 'RGB2BGR')));
});

test('HSV2RGB gives the same result on every layout (row blocks follow the view, not memory)', () => {
  for (const [h, w] of [[3, 70], [5, 33], [2, 31], [33, 40]]) {
    const a = randomImage(h, w, 3, h + w);
    const want = pixels(cvtColor(a, 'HSV2RGB'));
    for (const [name, view] of Object.entries(layouts(a))) {
      assert.deepEqual(pixels(cvtColor(view, 'HSV2RGB')), want, `${h}x${w} ${name}`);
    }
  }
});

test('cvtColor writes into out, in place too, and never modifies its input', () => {
  const a = randomImage(13, 37, 3, 8);
  const before = a.data.slice();
  for (const code of ['RGB2BGR', 'RGB2HSV', 'BGR2HSV', 'RGBA2RGB'] as const) {
    const want = pixels(cvtColor(a, code));
    assert.deepEqual(a.data, before);
    const inPlace = clone(a);
    assert.equal(cvtColor(inPlace, code, { out: inPlace }), inPlace);
    assert.deepEqual(pixels(inPlace), want, `${code} in place`);
    const out = zeros(13, 37, 3);
    assert.equal(cvtColor(a, code, { out }), out);
    assert.deepEqual(pixels(out), want);
  }
  const hsvImg = cvtColor(a, 'RGB2HSV'), wantRgb = pixels(cvtColor(hsvImg, 'HSV2RGB'));
  const inPlace = clone(hsvImg);
  cvtColor(inPlace, 'HSV2RGB', { out: inPlace });
  assert.deepEqual(pixels(inPlace), wantRgb);
  // out as a strided view
  const g = layouts(zeros(13, 37, 1))['double transpose (strided)'];
  cvtColor(a, 'RGB2GRAY', { out: g });
  assert.deepEqual(pixels(g), naive(a, 'RGB2GRAY'));
  assert.throws(() => cvtColor(a, 'RGB2GRAY', { out: zeros(13, 37, 3) }), { name: 'RangeError', message: /^options\.out: expected shape \[13, 37, 1\], got \[13, 37, 3\]$/ });
});

test('cvtColor rejects unknown codes and wrong channel counts, naming the argument', () => {
  const rgb = randomImage(2, 3, 3, 1), g = randomImage(2, 3, 1, 1), two = randomImage(2, 3, 2, 1);
  assert.throws(() => cvtColor(rgb, 'RGB2HSV_FULL' as never), { name: 'RangeError', message: /^code: expected one of 'RGB2GRAY', .*'HLS2BGR', got "RGB2HSV_FULL"$/ });
  assert.throws(() => cvtColor(rgb, 'rgb2gray' as never), { name: 'RangeError', message: /^code: / });
  assert.throws(() => cvtColor(rgb, 'toString' as never), { name: 'RangeError', message: /^code: / });
  assert.throws(() => cvtColor(rgb, 7 as never), { name: 'TypeError', message: /^code: expected a colour code string/ });
  assert.throws(() => cvtColor(g, 'RGB2GRAY'), { name: 'RangeError', message: /^a: expected 3 or 4 channels for 'RGB2GRAY', got 1 \(a 1-channel image is gray/ });
  assert.throws(() => cvtColor(rgb, 'GRAY2RGB'), { name: 'RangeError', message: /^a: expected 1 channel for 'GRAY2RGB', got 3$/ });
  assert.throws(() => cvtColor(randomImage(2, 3, 4, 1), 'HSV2RGB'), { name: 'RangeError', message: /^a: expected 3 channels for 'HSV2RGB', got 4$/ });
  assert.throws(() => cvtColor(two, 'RGB2BGR'), { name: 'RangeError', message: /^a: expected 3 or 4 channels for 'RGB2BGR', got 2$/ });
  assert.throws(() => cvtColor(new Uint8Array(9) as never, 'RGB2GRAY'), { name: 'TypeError', message: /^a: expected a PixelArray/ });
  assert.throws(() => cvtColor(rgb, 'RGB2GRAY', 5 as never), { name: 'TypeError', message: /^options: / });
});

test('cvtColor on empty images', () => {
  assert.deepEqual(cvtColor(zeros(0, 4, 3), 'RGB2GRAY').shape, [0, 4, 1]);
  assert.deepEqual(cvtColor(zeros(3, 0, 1), 'GRAY2RGB').shape, [3, 0, 3]);
  assert.deepEqual(cvtColor(zeros(2, 0, 3), 'HSV2RGB').shape, [2, 0, 3]);
});

// ---------------------------------------------------------------------------------------------

function naiveInRange(a: PixelArray, lo: (y: number, x: number, k: number) => number, hi: (y: number, x: number, k: number) => number): number[] {
  const [h, w, c] = a.shape;
  const out: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let inside = true;
      for (let k = 0; k < c; k++) { const v = a.get(y, x, k); inside &&= v >= lo(y, x, k) && v <= hi(y, x, k); }
      out.push(inside ? 255 : 0);
    }
  }
  return out;
}

test('inRange matches the definition on every shape and layout', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, 31 + h + w);
    const lo = Array.from({ length: c }, (_, k) => 40 + 13 * k), hi = Array.from({ length: c }, (_, k) => 200 - 7 * k);
    const want = naiveInRange(a, (_y, _x, k) => lo[k], (_y, _x, k) => hi[k]);
    const wantNum = naiveInRange(a, () => 60, () => 190);
    const lower = randomImage(h, w, c, 3), upper = randomImage(h, w, c, 4);
    const wantImg = naiveInRange(a, (y, x, k) => lower.get(y, x, k), (y, x, k) => upper.get(y, x, k));
    const wantMixed = naiveInRange(a, (y, x, k) => lower.get(y, x, k), () => 200);
    for (const [name, view] of Object.entries(layouts(a))) {
      const got = inRange(view, lo, hi);
      assert.deepEqual(got.shape, [h, w, 1]);
      assert.deepEqual(pixels(got), want, `${h}x${w}x${c} ${name}`);
      assert.deepEqual(pixels(inRange(view, 60, 190)), wantNum);
      for (const lv of Object.values(layouts(lower))) assert.deepEqual(pixels(inRange(view, lv, upper)), wantImg, `${name} image bounds`);
      assert.deepEqual(pixels(inRange(view, lower, 200)), wantMixed);
    }
  }
});

test('inRange: [0, 255] selects everything; empty and out-of-range bounds; halves round to even', () => {
  const a = randomImage(9, 14, 3, 2);
  assert.deepEqual(pixels(inRange(a, 0, 255)), new Array(9 * 14).fill(255));
  assert.deepEqual(pixels(inRange(a, [-50, -1, 0], [300, 1000, 255])), new Array(9 * 14).fill(255));
  assert.deepEqual(pixels(inRange(a, [0, 200, 0], [255, 100, 255])), new Array(9 * 14).fill(0));
  assert.deepEqual(pixels(inRange(a, 256, 300)), new Array(9 * 14).fill(0));
  const ramp = fromData(Uint8Array.from({ length: 256 }, (_, i) => i), 1, 256, 1);
  const sel = (lo: number, hi: number) => pixels(inRange(ramp, lo, hi)).flatMap((v, i) => (v ? [i] : []));
  // cv2 rounds Scalar bounds half to even: 10.5 → 10, 20.5 → 20, 11.5 → 12, 21.5 → 22
  assert.deepEqual([sel(10.5, 20.5)[0], sel(10.5, 20.5).at(-1)], [10, 20]);
  assert.deepEqual([sel(11.5, 21.5)[0], sel(11.5, 21.5).at(-1)], [12, 22]);
  assert.deepEqual(sel(255.4, 255.6), [255]);
  assert.deepEqual(pixels(inRange(a, [7], [9])), naiveInRange(a, () => 7, () => 9)); // one value for every channel
});

test('inRange writes into out and rejects bad bounds', () => {
  const a = randomImage(5, 6, 3, 7), before = a.data.slice();
  const out = zeros(5, 6, 1);
  assert.equal(inRange(a, 10, 200, { out }), out);
  assert.deepEqual(pixels(out), naiveInRange(a, () => 10, () => 200));
  assert.deepEqual(a.data, before);
  assert.throws(() => inRange(a, [1, 2], 200), { name: 'RangeError', message: /^lower: expected 1 or 3 values \(one per channel\), got 2$/ });
  assert.throws(() => inRange(a, 0, [1, NaN, 3]), { name: 'RangeError', message: /^upper\[1\]: expected a finite number, got NaN$/ });
  assert.throws(() => inRange(a, '0' as never, 9), { name: 'TypeError', message: /^lower: expected a number, an array of per-channel numbers or a PixelArray/ });
  assert.throws(() => inRange(a, zeros(5, 6, 1), 9), { name: 'RangeError', message: /^lower: expected the shape of a, \[5, 6, 3\], got \[5, 6, 1\]$/ });
  assert.throws(() => inRange(a, 0, 9, { out: zeros(5, 6, 3) }), { name: 'RangeError', message: /^options\.out: expected shape \[5, 6, 1\]/ });
  assert.throws(() => inRange({} as never, 0, 9), { name: 'TypeError', message: /^a: expected a PixelArray/ });
});

// ---------------------------------------------------------------------------------------------

const DIR = path.join(FIXTURES_DIR, 'histcolor');
const lib = { ...core, ...color } as never;

for (const call of ['cvtColor', 'inRange']) {
  test(`golden ${call}: OpenCV 4.6 results, bit for bit, on contiguous and strided inputs`, () => {
    const failures: string[] = [];
    const cases = loadCases(DIR).filter((c) => c.call === call);
    assert.ok(cases.length > 0);
    for (const c of cases) {
      const strict = { ...c, tol: { kind: 'exact' as const } };
      const m1 = runCase(strict, lib, DIR);
      if (m1) failures.push(`${c.id} (${c.ref}): ${m1}`);
      const m2 = runCase(strict, { ...(lib as object), fromData: fromDataAsView } as never, DIR);
      if (m2) failures.push(`${c.id} (${c.ref}) strided: ${m2}`);
    }
    assert.deepEqual(failures, []);
  });
}
