// pixelarray/pillow's ImageDraw against Pillow 9.4: the golden cases of
// test/golden/generate_pillow_draw.py (expected canvases in PNG strips, seeded random cases as
// SHA-1, argument errors), every one on a contiguous canvas and on a strided, unaligned view;
// then the argument checks and the documented facts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodePng } from '../../src/codecs/index.ts';
import { clone, flip, fromData, PixelArray, transpose, zeros } from '../../src/index.ts';
import { ellipse, line, point, polygon, rectangle, text } from '../../src/pillow/draw.ts';
import { pixelsOf } from '../golden/cases.ts';
import { fromDataAsView, pixels } from '../helpers.ts';

const dir = fileURLToPath(new URL('../golden/fixtures-pillow/draw/', import.meta.url));
type Call = [string, unknown, Record<string, unknown>];
interface DrawCase {
  id: string;
  mode: 'L' | 'RGB' | 'RGBA';
  size: [number, number];
  calls: Call[];
  expect?: [string, number];
  sha1?: string;
  raises?: string;
}
const manifest = JSON.parse(fs.readFileSync(dir + 'cases.json', 'utf8')) as { cases: DrawCase[] };
const CHANNELS = { L: 1, RGB: 3, RGBA: 4 } as const;

/** The generator's canvas: `(7x + 13y + 50c + 11) mod 256`. */
function background(mode: DrawCase['mode'], w: number, h: number): Uint8Array {
  const c = CHANNELS[mode];
  const data = new Uint8Array(h * w * c);
  for (let y = 0, i = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) data[i++] = (7 * x + 13 * y + 50 * k + 11) % 256;
  return data;
}

const FNS: Record<string, (img: PixelArray, xy: unknown, o: Record<string, unknown>) => unknown> = {
  rectangle: (img, xy, o) => rectangle(img, xy as never, o),
  ellipse: (img, xy, o) => ellipse(img, xy as never, o),
  polygon: (img, xy, o) => polygon(img, xy as never, o),
  line: (img, xy, o) => line(img, xy as never, o),
  point: (img, xy, o) => point(img, xy as never, o),
  text: (img, xy, o) => {
    const { text: s, ...rest } = o;
    return text(img, xy as never, s as string, rest);
  },
};

function run(c: DrawCase, make: (data: Uint8Array, h: number, w: number, ch: number) => PixelArray): PixelArray {
  const [w, h] = c.size;
  const img = make(background(c.mode, w, h), h, w, CHANNELS[c.mode]);
  for (const [fn, xy, o] of c.calls) {
    const r = FNS[fn](img, xy, o);
    assert.equal(r, img, `${fn} returns its image`);
  }
  return img;
}

const strips = new Map<string, Uint8Array>();
function expected(c: DrawCase): Uint8Array {
  const [file, k] = c.expect!;
  let strip = strips.get(file);
  if (!strip) {
    strip = pixelsOf(decodePng(new Uint8Array(fs.readFileSync(dir + file))));
    strips.set(file, strip);
  }
  const [w, h] = c.size;
  const n = w * h * CHANNELS[c.mode];
  return strip.subarray(k * n, (k + 1) * n);
}

function firstDiff(got: Uint8Array, want: Uint8Array, c: DrawCase): string | null {
  const [w] = c.size, ch = CHANNELS[c.mode];
  let bad = 0, first = -1;
  for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) { bad++; if (first < 0) first = i; }
  if (!bad) return null;
  const x = Math.floor(first / ch) % w, y = Math.floor(first / (ch * w));
  return `${bad} values differ, first at x=${x} y=${y} c=${first % ch}: got ${got[first]}, expected ${want[first]}`;
}

const sha1 = (b: Uint8Array): string => createHash('sha1').update(b).digest('hex');

const byFamily = new Map<string, DrawCase[]>();
for (const c of manifest.cases) {
  const family = c.raises ? 'errors' : c.sha1 ? 'random' : c.calls.length > 1 ? 'combined' : c.calls[0][0];
  byFamily.set(family, [...(byFamily.get(family) ?? []), c]);
}

for (const [family, cases] of byFamily) {
  test(`pillow/draw golden ${family}: ${cases.length} cases exact, contiguous and strided`, () => {
    const failures: string[] = [];
    for (const c of cases) {
      const label = `${c.id} ${c.mode} ${JSON.stringify(c.calls).slice(0, 160)}`;
      if (c.raises) {
        for (const make of [fromData, fromDataAsView]) {
          try {
            run(c, make);
            failures.push(`${label}: did not throw (Pillow: ${c.raises})`);
          } catch (e) {
            if (!(e instanceof TypeError || e instanceof RangeError)) failures.push(`${label}: threw ${String(e)}`);
          }
        }
        continue;
      }
      for (const [name, make] of [['contiguous', fromData], ['strided', fromDataAsView]] as const) {
        let got: Uint8Array;
        try {
          got = pixelsOf(run(c, make));
        } catch (e) {
          failures.push(`${label} (${name}): threw ${String(e)}`);
          continue;
        }
        if (c.sha1) {
          if (sha1(got) !== c.sha1) failures.push(`${label} (${name}): SHA-1 differs`);
        } else {
          const d = firstDiff(got, expected(c), c);
          if (d) failures.push(`${label} (${name}): ${d}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });
}

// ---------------------------------------------------------------------------------------------

test('every view (negative strides, transposed) draws the same pixels', () => {
  const draw = (img: PixelArray): void => {
    rectangle(img, [2, 1, 12, 8], { fill: [10, 20, 30], outline: [200, 100, 50], width: 2 });
    ellipse(img, [0, 0, 13, 9], { outline: [1, 2, 3], width: 3 });
    polygon(img, [[1, 1], [13, 4], [4, 9]], { fill: [9, 9, 9], outline: [7, 7, 7], width: 3 });
    line(img, [[0, 9], [13, 0], [0, 0]], { fill: [5, 6, 7], width: 4, joint: 'curve' });
    point(img, [[3, 3]], { fill: 0x0a0b0c });
    text(img, [1, 0], 'Ab', { fill: [255, 0, 0] });
  };
  const ref = zeros(10, 14, 3);
  draw(ref);
  const want = pixels(ref);
  // a doubly flipped array and a doubly transposed one have the same logical pixels as `ref`
  const flipped = flip(flip(zeros(10, 14, 3), -1), -1);
  draw(flipped);
  assert.deepEqual(pixels(flipped), want);
  const tr = transpose(clone(transpose(zeros(10, 14, 3))));
  draw(tr);
  assert.deepEqual(pixels(tr), want);
});

test('defaults: outline in the default ink (white for RGB/RGBA, 0 for L); no fill unless asked', () => {
  const rgb = zeros(5, 5, 3);
  rectangle(rgb, [0, 0, 4, 4]);
  assert.deepEqual([rgb.get(0, 0, 0), rgb.get(0, 0, 1), rgb.get(0, 0, 2)], [255, 255, 255]);
  assert.equal(rgb.get(2, 2, 0), 0);
  const rgba = zeros(5, 5, 4);
  line(rgba, [0, 0, 4, 0]);
  assert.deepEqual([0, 1, 2, 3].map((k) => rgba.get(0, 4, k)), [255, 255, 255, 255]);
  const l = fromData(new Uint8Array(25).fill(9), 5, 5, 1);
  rectangle(l, [0, 0, 4, 4]);
  assert.equal(l.get(0, 0), 0);
  assert.equal(l.get(2, 2), 9);
});

test('colours: packed numbers on RGB/RGBA, clipping, 1-element arrays', () => {
  const a = zeros(1, 1, 4);
  point(a, [0, 0], { fill: 0x11223344 });
  assert.deepEqual([0, 1, 2, 3].map((k) => a.get(0, 0, k)), [0x44, 0x33, 0x22, 0x11]);
  point(a, [0, 0], { fill: [300, -4, 7] });
  assert.deepEqual([0, 1, 2, 3].map((k) => a.get(0, 0, k)), [255, 0, 7, 255]);
  point(a, [0, 0], { fill: [255] });
  assert.deepEqual([0, 1, 2, 3].map((k) => a.get(0, 0, k)), [255, 0, 0, 0]);
  const g = zeros(1, 1, 1);
  point(g, [0, 0], { fill: 999 });
  assert.equal(g.get(0, 0), 255);
});

test('argument errors name the argument', () => {
  const img = zeros(4, 4, 3);
  const cases: [() => unknown, RegExp, ErrorConstructor][] = [
    [() => (rectangle as (...a: unknown[]) => unknown)(img, [0, 0, 1, 1], {}, 1), /rectangle: takes at most 3/, TypeError],
    [() => (ellipse as (...a: unknown[]) => unknown)(img, [0, 0, 1, 1], {}, 1), /ellipse: takes at most 3/, TypeError],
    [() => (polygon as (...a: unknown[]) => unknown)(img, [0, 0, 1, 1], {}, 1), /polygon: takes at most 3/, TypeError],
    [() => (line as (...a: unknown[]) => unknown)(img, [0, 0, 1, 1], {}, 1), /line: takes at most 3/, TypeError],
    [() => (point as (...a: unknown[]) => unknown)(img, [0, 0], {}, 1), /point: takes at most 3/, TypeError],
    [() => (text as (...a: unknown[]) => unknown)(img, [0, 0], 'a', {}, 1), /text: takes at most 4/, TypeError],
    [() => rectangle({} as never, [0, 0, 1, 1]), /^img:/, TypeError],
    [() => rectangle(zeros(2, 2, 2), [0, 0, 1, 1]), /^img: expected 1, 3 or 4 channels/, RangeError],
    [() => rectangle(img, 'abc' as never), /^xy:/, TypeError],
    [() => rectangle(img, [0, 0, 1]), /^xy: expected an even number/, RangeError],
    [() => rectangle(img, [0, 0, 1, 1, 2, 2]), /^xy: expected exactly 2 points/, RangeError],
    [() => rectangle(img, [0, 0, 1, NaN]), /^xy\[3\]: expected a finite number/, RangeError],
    [() => rectangle(img, [[0, 0], [1, '1']] as never), /^xy\[1\]\[1\]:/, TypeError],
    [() => rectangle(img, [[0, 0, 0], 1, 1] as never), /^xy\[0\]: expected a number or an \[x, y\] pair/, TypeError],
    [() => rectangle(img, [0, 0, 1, 1], { fill: [1, 2] }), /^options\.fill: expected a number, \[r, g, b\]/, TypeError],
    [() => rectangle(img, [0, 0, 1, 1], { outline: 1.5 }), /^options\.outline: expected an integer/, RangeError],
    [() => rectangle(img, [0, 0, 1, 1], { fill: {} as never }), /^options\.fill:/, TypeError],
    [() => rectangle(img, [0, 0, 1, 1], { fill: 'reddish' }), /^options\.fill: expected a colour name/, RangeError],
    [() => rectangle(img, [0, 0, 1, 1], { fill: '#' + 'f'.repeat(100) }), /^options\.fill: expected a colour string of at most 100/, RangeError],
    [() => rectangle(zeros(2, 2, 1), [0, 0, 1, 1], { fill: [1, 2, 3] }), /^options\.fill: expected a number or \[value\]/, TypeError],
    [() => rectangle(img, [0, 0, 1, 1], { width: 1.5 }), /^options\.width:/, RangeError],
    [() => rectangle(img, [0, 0, 1, 1], { colour: 1 } as never), /unknown option 'colour'/, TypeError],
    [() => rectangle(img, [0, 0, 1, 1], 5 as never), /^options:/, TypeError],
    [() => ellipse(img, [0, 0, 50000, 10]), /^xy: .*46340/, RangeError],
    [() => polygon(img, [[0, 0]]), /^xy: expected at least 2 points/, RangeError],
    [() => polygon(img, [[0, 0], [3, 3], [0, 3]], { width: 2 ** 30 + 1 }), /^options\.width: expected a width with 2·width − 1 within a C int/, RangeError],
    [() => line(img, [0, 0, 1, 1], { joint: 'round' as never }), /^options\.joint:/, RangeError],
    [() => line(img, [], { width: 5, joint: 'curve' }), /^xy:/, RangeError],
    [() => point(img, [0, 0], { fill: [1, 2, 3, 4, 5] }), /^options\.fill:/, TypeError],
    [() => text(img, [0] as never, 'a'), /^xy: expected an \[x, y\] pair/, TypeError],
    [() => text(img, [0, Infinity], 'a'), /^xy\[1\]: expected a finite number/, RangeError],
    [() => text(img, [0, 0], 5 as never), /^text: expected a string/, TypeError],
    [() => text(img, [0, 0], 'Ω'), /^text: expected Latin-1 characters/, RangeError],
    [() => text(img, [0, 0], 'a\nb', { align: 'justify' as never }), /^options\.align:/, RangeError],
  ];
  for (const [fn, re, type] of cases) assert.throws(fn, (e: unknown) => e instanceof type && re.test((e as Error).message), String(re));
});

test('a view is drawn in place without touching pixels outside it', () => {
  const big = fromData(new Uint8Array(8 * 9 * 3).fill(50), 8, 9, 3);
  const view = new PixelArray(big.data, [4, 5, 3], big.stride, 2 * big.stride[0] + 2 * big.stride[1]);
  rectangle(view, [-10, -10, 100, 100], { fill: [1, 2, 3] });
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 9; x++) {
      const inside = y >= 2 && y < 6 && x >= 2 && x < 7;
      assert.equal(big.get(y, x, 1), inside ? 2 : 50, `${x},${y}`);
    }
  }
});

test('empty images and empty point lists are fine', () => {
  for (const img of [zeros(0, 5, 3), zeros(5, 0, 1)]) {
    rectangle(img, [0, 0, 3, 3], { fill: 1, outline: 2, width: 3 });
    ellipse(img, [0, 0, 3, 3], { fill: 1 });
    polygon(img, [0, 0, 3, 0, 3, 3], { fill: 1, outline: 2, width: 2 });
    line(img, [0, 0, 3, 3], { width: 5, joint: 'curve' });
    point(img, [1, 1]);
    text(img, [0, 0], 'x');
  }
  const img = zeros(3, 3, 1);
  line(img, [], { fill: 1 });
  point(img, [], { fill: 1 });
  assert.deepEqual(pixels(img), new Array(9).fill(0));
});
