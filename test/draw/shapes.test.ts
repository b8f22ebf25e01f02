// circle, ellipse, polylines, fillPoly and the 'aa' line type: the seeded random calls of
// fixtures/shapes/random.json (cv2 4.6 canvases as SHA-1), views, in-place semantics, errors and
// properties. The image cases of fixtures/shapes/manifest.json run in test/golden/golden.test.ts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { fromData, zeros } from '../../src/core/create.ts';
import { PixelArray } from '../../src/core/pixelarray.ts';
import { line, rectangle } from '../../src/draw/draw.ts';
import { circle, ellipse, fillPoly, polylines } from '../../src/draw/shapes.ts';

const lib: Record<string, (...a: unknown[]) => unknown> = { circle, ellipse, polylines, fillPoly, line, rectangle } as never;
const RANDOM = JSON.parse(fs.readFileSync(new URL('../golden/fixtures/shapes/random.json', import.meta.url), 'utf8'));
const sha = (a: PixelArray): string => createHash('sha1').update(a.data).digest('hex').slice(0, 16);

/** The pixels of any view, row-major, as a plain array. */
function pixels(a: PixelArray): number[] {
  const [h, w, c] = a.shape, out: number[] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) out.push(a.data[a.offset + y * a.stride[0] + x * a.stride[1] + k * a.stride[2]]);
  return out;
}

/** A view with flipped columns, padded rows and an odd offset holding the pixels of `a` (contiguous). */
function flippedView(a: PixelArray): { view: PixelArray; buf: Uint8Array } {
  const [h, w, c] = a.shape, rs = (w + 2) * c + 1;
  const buf = new Uint8Array(h * rs + 7).fill(0x5a);
  const view = new PixelArray(buf, [h, w, c], [rs, -c, 1], 3 + (w - 1) * c);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) buf[3 + y * rs + (w - 1 - x) * c + k] = a.data[(y * w + x) * c + k];
  return { view, buf };
}

/** A transposed view (stride order swapped) holding the pixels of `a`. */
function transposedView(a: PixelArray): PixelArray {
  const [h, w, c] = a.shape;
  const buf = new Uint8Array(h * w * c);
  const view = new PixelArray(buf, [h, w, c], [c, h * c, 1], 0);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) buf[(x * h + y) * c + k] = a.data[(y * w + x) * c + k];
  return view;
}

test(`${RANDOM.cases.filter((c: unknown[]) => c[0] !== 'putText').length} seeded random shapes give the canvases cv2 4.6 draws`, () => {
  const failures: string[] = [];
  for (const [call, h, w, c, args, , digest] of RANDOM.cases) {
    if (call === 'putText') continue;
    const img = zeros(h, w, c);
    lib[call](img, ...args);
    if (sha(img) !== digest) failures.push(`${call} ${h}x${w}x${c} ${JSON.stringify(args)}`);
  }
  assert.deepEqual(failures.slice(0, 10), []);
});

test('draws in place and returns the same array; arguments left untouched', () => {
  const img = zeros(20, 30, 3);
  const poly = [[2, 3], [25, 4], [12, 18]] as [number, number][];
  const copy = JSON.parse(JSON.stringify(poly));
  const offset: [number, number] = [1, 1];
  assert.equal(circle(img, [10, 10], 5, [1, 2, 3]), img);
  assert.equal(ellipse(img, [10, 10], [7, 3], 30, 0, 270, 9, { thickness: -1 }), img);
  assert.equal(polylines(img, [poly], true, 4, { lineType: 'aa' }), img);
  assert.equal(fillPoly(img, [poly], 200, { offset }), img);
  assert.deepEqual(poly, copy);
  assert.deepEqual(offset, [1, 1]);
  assert.ok(pixels(img).some((v) => v !== 0));
});

test('every view layout gets the same pixels, and nothing outside the view is touched', () => {
  const calls: [string, unknown[]][] = [
    ['circle', [[9, 7], 6, [200, 10, 30], { thickness: 2, lineType: 'aa' }]],
    ['circle', [[3, 12], 9, [1, 2, 3], { thickness: -1 }]],
    ['circle', [[9, 7], 5, 77]],
    ['ellipse', [[9, 7], [8, 4], 33, 10, 250, [90, 80, 70], { thickness: -1, lineType: 'aa' }]],
    ['ellipse', [[36, 28], [40, 20], 0, 0, 360, 5, { thickness: 3, shift: 2 }]],
    ['polylines', [[[[0, 0], [17, 3], [4, 14]], [[-3, 9], [20, 9]]], false, [3, 4, 5], { thickness: 3, lineType: 4 }]],
    ['fillPoly', [[[[1, 1], [17, 2], [15, 13], [3, 12]], [[5, 5], [12, 5], [9, 10]]], [250, 0, 9], { lineType: 'aa' }]],
    ['line', [[-2, 3], [20, 11], [10, 20, 30], { lineType: 'aa', thickness: 4 }]],
  ];
  for (const [call, args] of calls) {
    const base = fromData(new Uint8Array(14 * 19 * 3).map((_, i) => (i * 37) & 255), 14, 19, 3);
    const expect = fromData(base.data.slice(), 14, 19, 3);
    lib[call](expect, ...args);
    const { view, buf } = flippedView(base);
    const before = buf.slice();
    lib[call](view, ...args);
    assert.deepEqual(pixels(view), pixels(expect), `${call} on a flipped, padded view`);
    // bytes outside the view: the padding keeps its 0x5a
    const inView = new Set<number>();
    for (let y = 0; y < 14; y++) for (let x = 0; x < 19; x++) for (let k = 0; k < 3; k++) inView.add(view.offset + y * view.stride[0] + x * view.stride[1] + k);
    for (let i = 0; i < buf.length; i++) if (!inView.has(i)) assert.equal(buf[i], before[i], `${call}: byte ${i} outside the view`);
    const t = transposedView(base);
    lib[call](t, ...args);
    assert.deepEqual(pixels(t), pixels(expect), `${call} on a transposed view`);
  }
});

test('thickness 0 draws as 1, the outline lies inside the filled circle, and filled discs are symmetric', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: -5, max: 30 }), fc.integer({ min: -5, max: 30 }),
    (r, cx, cy) => {
      const a = zeros(25, 25, 1), b = zeros(25, 25, 1), f = zeros(25, 25, 1);
      circle(a, [cx, cy], r, 255, { thickness: 0 });
      circle(b, [cx, cy], r, 255, { thickness: 1 });
      circle(f, [cx, cy], r, 255, { thickness: -1 });
      assert.deepEqual(a.data, b.data);
      for (let i = 0; i < a.data.length; i++) if (a.data[i]) assert.equal(f.data[i], 255);
      // a disc centred at (12, 12) is symmetric under both flips and the transpose
      const d = zeros(25, 25, 1);
      circle(d, [12, 12], r, 255, { thickness: -1 });
      for (let y = 0; y < 25; y++) for (let x = 0; x < 25; x++) {
        const v = d.data[y * 25 + x];
        assert.equal(d.data[y * 25 + 24 - x], v); assert.equal(d.data[(24 - y) * 25 + x], v); assert.equal(d.data[x * 25 + y], v);
      }
    }), { numRuns: 60 });
});

test('fillPoly: the even-odd rule (a polygon given twice cancels to its outline) and an offset is a translation', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })), { minLength: 3, maxLength: 7 }),
    fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), (pts, dx, dy) => {
      const a = zeros(30, 30, 1), b = zeros(30, 30, 1);
      fillPoly(a, [pts], 255, { offset: [dx + 5, dy + 5] });
      fillPoly(b, [pts.map(([x, y]) => [x + dx + 5, y + dy + 5] as [number, number])], 255);
      assert.deepEqual(a.data, b.data);
      const twice = zeros(30, 30, 1), outline = zeros(30, 30, 1);
      fillPoly(twice, [pts, pts], 255);
      polylines(outline, [pts], true, 255);
      assert.deepEqual(twice.data, outline.data);
    }), { numRuns: 60 });
});

test("'aa' blends: a one-pixel aa line over a gray canvas only moves pixels towards the colour", () => {
  const img = zeros(15, 20, 3);
  img.data.fill(100);
  line(img, [1, 2], [18, 12], [255, 0, 100], { lineType: 'aa' });
  for (let i = 0; i < img.data.length; i += 3) {
    assert.ok(img.data[i] >= 100 && img.data[i + 1] <= 100 && img.data[i + 2] === 100);
  }
  assert.ok(img.data.some((v, i) => i % 3 === 0 && v > 100 && v < 255), 'partial coverage exists');
});

test('empty images and shapes entirely outside draw nothing', () => {
  const e = zeros(0, 5, 3);
  circle(e, [1, 1], 3, 255); fillPoly(e, [[[0, 0], [3, 0], [1, 3]]], 1); polylines(e, [[[0, 0], [3, 3]]], true, 1);
  const img = zeros(10, 10, 1);
  circle(img, [-20, -20], 5, 255, { thickness: -1 });
  ellipse(img, [40, 5], [10, 4], 0, 0, 360, 255, { thickness: 3, lineType: 'aa' });
  fillPoly(img, [[[-9, -9], [-1, -9], [-5, -2]]], 255);
  fillPoly(img, [[]], 255);
  polylines(img, [], true, 255);
  assert.ok(img.data.every((v) => v === 0));
});

test('a single polygon may be passed without the outer list', () => {
  const a = zeros(10, 10, 1), b = zeros(10, 10, 1);
  polylines(a, [[1, 1], [8, 2], [4, 8]], true, 255);
  polylines(b, [[[1, 1], [8, 2], [4, 8]]], true, 255);
  assert.deepEqual(a.data, b.data);
});

test('bad arguments throw TypeError / RangeError naming the argument', () => {
  const img = zeros(5, 6, 3);
  const two = zeros(5, 6, 2);
  const bad: [() => unknown, string, RegExp][] = [
    [() => circle(null as never, [0, 0], 1, 1), 'TypeError', /^img: expected a PixelArray/],
    [() => circle(img, [0.5, 0], 1, 1), 'RangeError', /^center\[0\]: expected an integer/],
    [() => circle(img, [0, 0], -1, 1), 'RangeError', /^radius: expected an integer in 0\.\./],
    [() => circle(img, [0, 0], '1' as never, 1), 'TypeError', /^radius: expected an integer/],
    [() => circle(img, [0, 0], 1, 1, { thickness: -2 }), 'RangeError', /^options\.thickness: expected an integer in 0\.\.32767 or -1 \(filled\), got -2$/],
    [() => circle(img, [0, 0], 1, 1, { shift: 17 }), 'RangeError', /^options\.shift: expected an integer in 0\.\.16, got 17$/],
    [() => circle(img, [0, 0], 1, 1, { lineType: 16 as never }), 'RangeError', /^options\.lineType: expected 4, 8 or 'aa'/],
    [() => circle(two, [0, 0], 1, 1, { lineType: 'aa' }), 'RangeError', /^options\.lineType: 'aa' needs an image of 1, 3 or 4 channels, got 2$/],
    [() => circle(img, [0, 0], 1, 1, { color: 3 } as never), 'TypeError', /^options: unknown option 'color'/],
    [() => circle(img, [0, 0], 1, NaN), 'RangeError', /^color: expected a finite number/],
    [() => ellipse(img, [0, 0], [1] as never, 0, 0, 360, 1), 'TypeError', /^axes: expected half-axes \[a, b\]/],
    [() => ellipse(img, [0, 0], [1, -1], 0, 0, 360, 1), 'RangeError', /^axes\[1\]: expected an integer in 0\.\./],
    [() => ellipse(img, [0, 0], [1, 1], NaN, 0, 360, 1), 'RangeError', /^angle: expected a finite number/],
    [() => ellipse(img, [0, 0], [1, 1], 0, 0, 1e12, 1), 'RangeError', /^endAngle: expected a number of degrees within ±1e9/],
    [() => polylines(img, 'x' as never, true, 1), 'TypeError', /^polygons: expected an array of polygons/],
    [() => polylines(img, [[[0, 0], [1]]] as never, true, 1), 'TypeError', /^polygons\[0\]\[1\]: expected a point/],
    [() => polylines(img, [[[0, 0]]], 1 as never, 1), 'TypeError', /^isClosed: expected a boolean/],
    [() => polylines(img, [[[0, 0]]], true, 1, { thickness: -1 }), 'RangeError', /^options\.thickness: expected an integer in 0\.\.32767, got -1$/],
    [() => fillPoly(img, [[[0, 0], [1, 1], [0, 2]]], 1, { offset: [0.5, 0] as never }), 'RangeError', /^options\.offset\[0\]:/],
    [() => fillPoly(img, [[[0, 0], [1, 1], [0, 2]]], 1, { thickness: 2 } as never), 'TypeError', /^options: unknown option 'thickness'/],
  ];
  for (const [f, name, message] of bad) assert.throws(f, { name, message });
  assert.ok(img.data.every((v) => v === 0), 'nothing drawn by a refused call');
});
