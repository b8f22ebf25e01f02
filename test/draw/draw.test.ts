import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { clone, fromData, line, MAX_COORD, PixelArray, rectangle, zeros } from '../../src/index.ts';
import { layouts, pixels, randomImage } from '../helpers.ts';

type Call = 'line' | 'rectangle';
const draw = (call: Call) => (call === 'line' ? line : rectangle);

/** [call, h, w, x1, y1, x2, y2, thickness, lineType, drawn pixels, sha1 prefix] from generate_draw.py. */
type RandomCase = [Call, number, number, number, number, number, number, number, 4 | 8, number, string];
const RANDOM = new URL('../golden/fixtures/draw/random.json', import.meta.url);

const count = (a: PixelArray) => pixels(a).filter((v) => v !== 0).length;

test('2400 seeded random lines and rectangles give the masks cv2 4.6 draws', () => {
  const cases = (JSON.parse(fs.readFileSync(RANDOM, 'utf8')) as { cases: RandomCase[] }).cases;
  assert.ok(cases.length >= 2000);
  const failures: string[] = [];
  for (const c of cases) {
    const [call, h, w, x1, y1, x2, y2, thickness, lineType, n, sha] = c;
    const img = zeros(h, w, 1);
    draw(call)(img, [x1, y1], [x2, y2], 255, { thickness, lineType });
    const got = createHash('sha1').update(img.data).digest('hex').slice(0, 16);
    if (got !== sha) failures.push(`${JSON.stringify(c.slice(0, 9))}: ${count(img)} pixels drawn, cv2 draws ${n}`);
  }
  assert.deepEqual(failures, []);
});

test('draws in place and returns the same array', () => {
  const img = zeros(10, 12, 3);
  assert.equal(line(img, [0, 0], [11, 9], [1, 2, 3]), img);
  assert.equal(count(img), 12 * 3);
  assert.equal(rectangle(img, [2, 2], [5, 5], 9, { thickness: -1 }), img);
  assert.deepEqual([img.get(3, 4, 0), img.get(3, 4, 1), img.get(3, 4, 2)], [9, 9, 9]);
});

test('every view layout gets the same pixels, and nothing outside the view is touched', () => {
  const calls: [Call, [number, number], [number, number], number, 4 | 8][] = [
    ['line', [-3, 2], [30, 15], 1, 8], ['line', [20, -4], [1, 17], 1, 4], ['line', [2, 3], [25, 9], 5, 8],
    ['line', [9, 9], [9, 9], 10, 8], ['rectangle', [3, 2], [18, 12], 3, 8], ['rectangle', [-2, 4], [14, 30], -1, 4],
    ['rectangle', [4, 4], [20, 11], 1, 8],
  ];
  for (const c of [1, 2, 3, 4, 5]) {
    const base = randomImage(14, 23, c, 11);
    for (const [call, p, q, thickness, lineType] of calls) {
      const color = [200, 17, 3, 99, 250].slice(0, c);
      const want = pixels(draw(call)(clone(base), p, q, color, { thickness, lineType }));
      for (const [name, view] of Object.entries(layouts(base))) {
        const before = view.data.slice();
        draw(call)(view, p, q, color, { thickness, lineType });
        assert.deepEqual(pixels(view), want, `${name} ${c}ch ${call} ${p} ${q} ${thickness}`);
        // bytes outside the view keep their values
        const inside = new Set<number>();
        const [h, w] = view.shape;
        for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) {
          inside.add(view.offset + y * view.stride[0] + x * view.stride[1] + k * view.stride[2]);
        }
        for (let i = 0; i < before.length; i++) if (!inside.has(i)) assert.equal(view.data[i], before[i], `${name}: byte ${i} outside the view`);
      }
    }
  }
});

test('colours: a number is every channel; arrays are cv2 Scalars (missing 0, extra ignored, rounded, saturated)', () => {
  const px = (c: number, color: number | number[]) => {
    const img = zeros(1, 1, c);
    line(img, [0, 0], [0, 0], color);
    return pixels(img);
  };
  assert.deepEqual(px(3, 200), [200, 200, 200]);
  assert.deepEqual(px(4, 7.5), [8, 8, 8, 8]);
  assert.deepEqual(px(3, [9]), [9, 0, 0]);
  assert.deepEqual(px(4, [1, 2, 3]), [1, 2, 3, 0]);
  assert.deepEqual(px(1, [5, 6, 7, 8]), [5]);
  assert.deepEqual(px(2, [5, 6, 7]), [5, 6]);
  assert.deepEqual(px(4, [12.5, 13.5, 254.5, 0.5]), [12, 14, 254, 0]);
  assert.deepEqual(px(4, [300, -5, 255.49, -0.5]), [255, 0, 255, 0]);
  assert.deepEqual(px(6, [1, 2, 3, 4, 5, 6]), [1, 2, 3, 4, 5, 6]); // beyond cv2's 4 channels
  assert.deepEqual(px(5, [1, 2]), [1, 2, 0, 0, 0]);
});

test('one-pixel lines: 8-connected have max(|dx|, |dy|) + 1 pixels, 4-connected |dx| + |dy| + 1, both ends drawn', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 29 }),
    fc.integer({ min: 0, max: 19 }), (x0, y0, x1, y1) => {
      for (const lineType of [4, 8] as const) {
        const img = zeros(20, 30, 1);
        line(img, [x0, y0], [x1, y1], 255, { lineType });
        const dx = Math.abs(x1 - x0), dy = Math.abs(y1 - y0);
        assert.equal(count(img), lineType === 8 ? Math.max(dx, dy) + 1 : dx + dy + 1);
        assert.equal(img.get(y0, x0), 255);
        assert.equal(img.get(y1, x1), 255);
      }
    }), { numRuns: 300 });
});

test('rectangles: filled is the clipped box, thickness 1 its outline, corners in any order', () => {
  fc.assert(fc.property(fc.integer({ min: -8, max: 30 }), fc.integer({ min: -8, max: 25 }), fc.integer({ min: -8, max: 30 }),
    fc.integer({ min: -8, max: 25 }), (x0, y0, x1, y1) => {
      const [h, w] = [17, 22];
      const [l, r, t, b] = [Math.min(x0, x1), Math.max(x0, x1), Math.min(y0, y1), Math.max(y0, y1)];
      const filled = rectangle(zeros(h, w, 1), [x0, y0], [x1, y1], 1, { thickness: -1 });
      const outline = rectangle(zeros(h, w, 1), [x1, y0], [x0, y1], 1);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const inBox = x >= l && x <= r && y >= t && y <= b;
          assert.equal(filled.get(y, x), inBox ? 1 : 0, `filled at ${x},${y}`);
          const onEdge = inBox && (x === l || x === r || y === t || y === b);
          assert.equal(outline.get(y, x), onEdge ? 1 : 0, `outline at ${x},${y}`);
        }
      }
    }), { numRuns: 200 });
});

test('a thick dot is a filled disc of radius ⌊(thickness + 1) / 2⌋', () => {
  for (const thickness of [2, 3, 5, 10, 21]) {
    const img = zeros(41, 41, 1);
    line(img, [20, 20], [20, 20], 1, { thickness });
    const r = Math.floor((thickness + 1) / 2);
    assert.equal(img.get(20, 20 + r), 1);
    assert.equal(img.get(20, 20 + r + 1), 0);
    assert.equal(img.get(20 - r, 20), 1);
    assert.equal(img.get(20 - r - 1, 20), 0);
  }
});

test('empty images and shapes entirely outside draw nothing', () => {
  assert.doesNotThrow(() => line(zeros(0, 5, 3), [0, 0], [4, 0], 255, { thickness: 3 }));
  assert.doesNotThrow(() => rectangle(zeros(4, 0, 1), [0, 0], [4, 4], 255, { thickness: -1 }));
  const img = zeros(5, 6, 3);
  line(img, [-50, -3], [-1, 40], 255);
  rectangle(img, [10, 10], [MAX_COORD, MAX_COORD], 255, { thickness: 3 });
  line(img, [-MAX_COORD, -MAX_COORD], [-MAX_COORD, MAX_COORD], 255, { thickness: 100 });
  assert.equal(count(img), 0);
});

test('bad arguments throw TypeError / RangeError naming the argument', () => {
  const img = zeros(5, 6, 3);
  const bad: [() => unknown, string, RegExp][] = [
    [() => line(null as never, [0, 0], [1, 1], 1), 'TypeError', /^img: expected a PixelArray/],
    [() => line(img, 3 as never, [1, 1], 1), 'TypeError', /^pt1: expected a point \[x, y\], got 3$/],
    [() => line(img, [0, 0, 0] as never, [1, 1], 1), 'TypeError', /^pt1: expected a point/],
    [() => rectangle(img, [0, 0], { x: 1, y: 1 } as never, 1), 'TypeError', /^pt2: expected a point/],
    [() => line(img, ['0', 0] as never, [1, 1], 1), 'TypeError', /^pt1\[0\]: expected an integer/],
    [() => line(img, [0.5, 0], [1, 1], 1), 'RangeError', /^pt1\[0\]: expected an integer in -268435456\.\.268435456, got 0\.5$/],
    [() => line(img, [0, NaN], [1, 1], 1), 'RangeError', /^pt1\[1\]:.*got NaN$/],
    [() => line(img, [0, 0], [Infinity, 1], 1), 'RangeError', /^pt2\[0\]:/],
    [() => line(img, [0, 0], [1, MAX_COORD + 1], 1), 'RangeError', /^pt2\[1\]:/],
    [() => line(img, [0, 0], [1, 1], NaN), 'RangeError', /^color: expected a finite number/],
    [() => line(img, [0, 0], [1, 1], '#fff' as never), 'TypeError', /^color: expected a number or an array/],
    [() => line(img, [0, 0], [1, 1], []), 'RangeError', /^color: expected 1 to 4 values/],
    [() => line(img, [0, 0], [1, 1], [1, 2, 3, 4, 5]), 'RangeError', /^color: expected 1 to 4 values \(one per channel\), got 5$/],
    [() => line(img, [0, 0], [1, 1], [1, Infinity]), 'RangeError', /^color\[1\]: expected a finite number/],
    [() => line(img, [0, 0], [1, 1], [1, '2'] as never), 'TypeError', /^color\[1\]:/],
    [() => line(img, [0, 0], [1, 1], 1, { thickness: 0 }), 'RangeError', /^options\.thickness: expected an integer in 1\.\.32767, got 0$/],
    [() => line(img, [0, 0], [1, 1], 1, { thickness: -1 }), 'RangeError', /^options\.thickness: expected an integer in 1\.\.32767, got -1$/],
    [() => line(img, [0, 0], [1, 1], 1, { thickness: 32768 }), 'RangeError', /^options\.thickness:/],
    [() => line(img, [0, 0], [1, 1], 1, { thickness: 2.5 }), 'RangeError', /^options\.thickness:/],
    [() => line(img, [0, 0], [1, 1], 1, { thickness: '2' as never }), 'TypeError', /^options\.thickness:/],
    [() => rectangle(img, [0, 0], [1, 1], 1, { thickness: 0 }), 'RangeError', /^options\.thickness: expected an integer in 1\.\.32767 or -1 \(filled\), got 0$/],
    [() => rectangle(img, [0, 0], [1, 1], 1, { thickness: -2 }), 'RangeError', /^options\.thickness:.*got -2$/],
    [() => line(img, [0, 0], [1, 1], 1, { lineType: 16 as never }), 'RangeError', /^options\.lineType: expected 4, 8 or 'aa' \(write LINE_AA, 16, as 'aa'\), got 16$/],
    [() => line(img, [0, 0], [1, 1], 1, { lineType: 1 as never }), 'RangeError', /^options\.lineType: expected 4 \(LINE_4\), 8 \(LINE_8\) or 'aa' \(LINE_AA\), got 1$/],
    [() => rectangle(img, [0, 0], [1, 1], 1, 'thick' as never), 'TypeError', /^options: expected an options object/],
  ];
  for (const [f, name, message] of bad) assert.throws(f, { name, message });
  assert.equal(count(img), 0, 'nothing drawn by a refused call');
});

test('a drawing on the bundled-photo size stays inside the image (1080p, thickness 5)', () => {
  const img = fromData(new Uint8Array(1080 * 1920 * 3), 1080, 1920, 3);
  rectangle(img, [100, 100], [1820, 980], [255, 0, 0], { thickness: 5 });
  line(img, [-100, 1200], [2000, -50], [0, 255, 0], { thickness: 5 });
  assert.equal(img.get(100, 100, 0), 255);
  assert.equal(img.get(540, 960, 0), 0);
});
