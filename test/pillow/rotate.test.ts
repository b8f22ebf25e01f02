// Pillow Image.rotate: the golden cases of test/golden/generate_pillow_rotate.py (Pillow 9.4), on
// contiguous inputs and on strided views; memory layouts, `out`, untouched inputs, the argument
// checks, and the Python/glibc arithmetic behind the matrix.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fromData, PixelArray, clone } from '../../src/index.ts';
import * as pillowLib from '../../src/pillow/index.ts';
import { rotate, transpose } from '../../src/pillow/index.ts';
import { glibcCos, glibcSin, fma } from '../../src/pillow/libm.ts';
import { pyRound15 } from '../../src/pillow/rotate.ts';
import { loadCases, runCase, type Case } from '../golden/cases.ts';
import { fromDataAsView, layouts, pixels, randomImage } from '../helpers.ts';

const dir = fileURLToPath(new URL('../golden/fixtures-pillow/rotate/', import.meta.url));
const cases: Case[] = loadCases(dir);

test(`pillow-rotate: ${cases.length} golden cases, contiguous and strided`, () => {
  assert.ok(cases.length > 400);
  const failures: string[] = [];
  for (const c of cases) {
    const contiguous = runCase(c, { ...pillowLib, fromData } as never, dir);
    if (contiguous) failures.push(`${c.id} (${c.ref}): ${contiguous}`);
    const strided = runCase(c, { ...pillowLib, fromData: fromDataAsView } as never, dir);
    if (strided) failures.push(`${c.id} (${c.ref}) on a strided view: ${strided}`);
  }
  assert.deepEqual(failures, []);
});

/** Option sets for an image of `c` channels: each engine, expand, a packed and a per-channel fill. */
function optionSets(c: number): pillowLib.RotateOptions[] {
  return [
    { resample: 'nearest' }, { resample: 'bilinear' }, { resample: 'bicubic' },
    { resample: 'bicubic', expand: true }, { resample: 'nearest', expand: true, fillcolor: 7 },
    { resample: 'bilinear', center: [2.5, 1], translate: [1, -2], fillcolor: new Array<number>(c).fill(9) },
  ];
}

test('rotate: every memory layout gives the same bytes (all engines and fast paths)', () => {
  for (const [h, w, c] of [[1, 1, 1], [7, 1, 3], [5, 9, 2], [13, 17, 3], [16, 16, 4], [12, 4, 4]] as const) {
    const base = randomImage(h, w, c, 11 + h * w + c);
    for (const angle of [0, 90, 180, 270, 33.5, -45, 1e-20]) {
      for (const o of optionSets(c)) {
        const want = pixels(rotate(clone(base), angle, o));
        for (const [name, view] of Object.entries(layouts(base))) {
          assert.deepEqual(pixels(rotate(view, angle, o)), want, `${h}x${w}x${c} ${angle} ${JSON.stringify(o)} on ${name}`);
        }
      }
    }
  }
});

test('rotate: leaves the input untouched and returns a new contiguous image', () => {
  for (const c of [1, 2, 3, 4]) {
    const a = randomImage(9, 11, c, 3 + c);
    const before = pixels(a);
    for (const angle of [0, 180, 90, 12.5]) {
      for (const resample of ['nearest', 'bilinear', 'bicubic'] as const) {
        const r = rotate(a, angle, { resample, fillcolor: c === 1 ? 3 : new Array(c).fill(200) });
        assert.notEqual(r.data, a.data);
        assert.deepEqual(r.stride, [r.shape[1] * c, c, 1]);
        assert.deepEqual(pixels(a), before);
      }
    }
  }
});

test('rotate: out is filled and returned (fast paths too); an overlapping out still works', () => {
  const a = randomImage(10, 14, 4, 5);
  for (const angle of [0, 180, 37]) {
    for (const resample of ['nearest', 'bicubic'] as const) {
      const want = rotate(a, angle, { resample });
      const out = new PixelArray(new Uint8Array(10 * 14 * 4).fill(99), [10, 14, 4]);
      assert.equal(rotate(a, angle, { resample, out }), out);
      assert.deepEqual(pixels(out), pixels(want));
    }
  }
  const want = rotate(a, 90, { expand: true });
  const out = new PixelArray(new Uint8Array(14 * 10 * 4), [14, 10, 4]);
  assert.equal(rotate(a, 90, { expand: true, out }), out);
  assert.deepEqual(pixels(out), pixels(want));
  const self = clone(a);
  const w2 = rotate(self, 21, { resample: 'bilinear' });
  assert.equal(rotate(self, 21, { resample: 'bilinear', out: self }), self);
  assert.deepEqual(pixels(self), pixels(w2));
  assert.throws(() => rotate(a, 20, { out: new PixelArray(new Uint8Array(4), [1, 1, 4]) }), /options\.out: expected shape \[10, 14, 4\]/);
});

test('rotate: fast paths and the shapes they give', () => {
  const a = randomImage(6, 9, 3, 8);
  assert.deepEqual(pixels(rotate(a, 0)), pixels(a));
  assert.deepEqual(pixels(rotate(a, 360)), pixels(a));
  assert.deepEqual(pixels(rotate(a, -720, { resample: 'bicubic' })), pixels(a));
  assert.deepEqual(pixels(rotate(a, 180)), pixels(transpose(a, 'ROTATE_180')));
  assert.deepEqual(pixels(rotate(a, 90, { expand: true })), pixels(transpose(a, 'ROTATE_90')));
  assert.deepEqual(pixels(rotate(a, -90, { expand: true })), pixels(transpose(a, 'ROTATE_270')));
  assert.deepEqual(rotate(a, 90).shape, [6, 9, 3]); // not square, no expand: the general path
  assert.deepEqual(rotate(a, 45, { expand: true }).shape, [12, 11, 3]); // Pillow: size (11, 12)
  // With a center (even the default one) no fast path is taken, but 0° still copies.
  assert.deepEqual(pixels(rotate(a, 0, { center: [4.5, 3] })), pixels(a));
  assert.deepEqual(pixels(rotate(a, 0, { translate: [0, 0] })), pixels(a));
  // Everything moved out: all fill.
  assert.deepEqual(pixels(rotate(a, 0, { translate: [100, 0], fillcolor: [1, 2, 3] })), new Array(54).fill([1, 2, 3]).flat());
  // Pillow's packed fill numbers: 255 is red on RGB; L clips.
  assert.deepEqual(pixels(rotate(a, 0, { translate: [100, 0], fillcolor: 255 })).slice(0, 3), [255, 0, 0]);
  assert.deepEqual(pixels(rotate(randomImage(2, 2, 1), 0, { translate: [9, 0], fillcolor: 300 })), [255, 255, 255, 255]);
});

test('rotate: zero-size images give Pillow\'s sizes, all fill', () => {
  // [w, h] → Image.new('RGB', (w, h)).rotate(30, …).size printed by Pillow 9.4.
  const want: [[number, number], [number, number], [number, number]][] = [[[5, 0], [5, 0], [5, 4]], [[0, 4], [0, 4], [2, 4]], [[0, 0], [0, 0], [0, 0]]];
  for (const [[w, h], plain, expanded] of want) {
    const a = new PixelArray(new Uint8Array(0), [h, w, 3]);
    assert.deepEqual(rotate(a, 30).shape, [plain[1], plain[0], 3]);
    assert.deepEqual(rotate(a, 30, { center: [1, 1] }).shape, [plain[1], plain[0], 3]);
    const r = rotate(a, 30, { resample: 'bicubic', expand: true, fillcolor: [0, 0, 0] });
    assert.deepEqual(r.shape, [expanded[1], expanded[0], 3]);
    assert.ok(r.data.every((v) => v === 0));
  }
});

test('rotate: argument errors name the argument', () => {
  const a = randomImage(4, 5, 3);
  assert.throws(() => rotate(a, NaN), (e: unknown) => e instanceof RangeError && /^angle: expected a finite number, got NaN/.test(e.message));
  assert.throws(() => rotate(a, Infinity), /^RangeError: angle: expected a finite number/);
  assert.throws(() => rotate(a, '30' as never), /^TypeError: angle: expected a finite number, got "30"/);
  for (const [r, label] of [['lanczos', 'LANCZOS \\(1\\)'], ['BOX', 'BOX \\(4\\)'], [5, 'HAMMING \\(5\\)'], [1, 'LANCZOS \\(1\\)']] as const) {
    assert.throws(() => rotate(a, 0, { resample: r as never }),
      (e: unknown) => e instanceof RangeError && new RegExp(`^options\\.resample: Image\\.Resampling\\.${label} cannot be used\\. Use `).test(e.message), String(r));
  }
  assert.throws(() => rotate(a, 10, { resample: 'cubic' as never }), /^RangeError: options\.resample: expected .*Unknown resampling filter.*got "cubic"/);
  assert.throws(() => rotate(a, 10, { resample: 'Bicubic' as never }), /^RangeError: options\.resample/);
  assert.throws(() => rotate(a, 10, { resample: 7 as never }), /^RangeError: options\.resample/);
  assert.throws(() => rotate(a, 10, { resample: null as never }), /^TypeError: options\.resample/);
  assert.throws(() => rotate(a, 10, { filter: 'bicubic' } as never), /^TypeError: options: unknown option 'filter'/);
  assert.throws(() => rotate(a, 10, { fillColor: 3 } as never), /unknown option 'fillColor'/);
  assert.throws(() => (rotate as (...args: unknown[]) => unknown)(a, 10, {}, {}), /^TypeError: rotate: takes at most 3 arguments \(a, angle, options\), got 4/);
  assert.throws(() => rotate(a, 10, 'bicubic' as never), /^TypeError: options: expected an options object/);
  assert.throws(() => rotate(a, 10, { expand: 'yes' as never }), /^TypeError: options\.expand: expected a boolean/);
  assert.throws(() => rotate(a, 10, { center: [1] as never }), /^TypeError: options\.center: expected an array \[x, y\]/);
  assert.throws(() => rotate(a, 10, { center: [1, NaN] }), /^RangeError: options\.center\[1\]: expected a finite number/);
  assert.throws(() => rotate(a, 10, { translate: { x: 1, y: 2 } as never }), /^TypeError: options\.translate/);
  assert.throws(() => rotate(a, 10, { fillcolor: [1, 2] }), /^RangeError: options\.fillcolor: expected 3 values/);
  assert.throws(() => rotate(a, 10, { fillcolor: [1, 2, 256] }), /^RangeError: options\.fillcolor\[2\]: expected an integer in 0\.\.255/);
  assert.throws(() => rotate(a, 10, { fillcolor: 1.5 }), /^RangeError: options\.fillcolor: expected an integer/);
  assert.throws(() => rotate(a, 10, { fillcolor: 'red' as never }), /^TypeError: options\.fillcolor/);
  assert.throws(() => rotate({} as never, 10), /^TypeError: a: /);
  assert.throws(() => rotate(new PixelArray(new Uint8Array(5), [1, 1, 5]), 10), /^RangeError: a: expected 1 \(L\), 2 \(LA\), 3 \(RGB\) or 4 \(RGBA\) channels, got 5/);
  // Refused for every angle, although Pillow's fast paths skip its own check.
  assert.throws(() => rotate(a, 0, { resample: 'box' as never }), /^RangeError: options\.resample/);
  // What is accepted: names in either case, Pillow's numbers, null for the optional points.
  assert.deepEqual(pixels(rotate(a, 10, { resample: 'BICUBIC' })), pixels(rotate(a, 10, { resample: 3 })));
  assert.deepEqual(pixels(rotate(a, 10, { center: null, translate: null, fillcolor: null })), pixels(rotate(a, 10)));
  assert.deepEqual(pixels(rotate(a, 10, { expand: 1 as never })), pixels(rotate(a, 10, { expand: true })));
});

test("Python's round(x, 15), ties to even on the exact binary value", () => {
  // Expected values printed by CPython 3.11.
  const pairs: [number, number][] = [
    [0.12345678901234568, 0.123456789012346], [0.8660254037844386, 0.866025403784439],
    [0.7071067811865476, 0.707106781186548], [-0.5000000000000001, -0.5], [1, 1], [-1, -1],
    [1 / 65536, 1.5258789062e-5], [-1 / 65536, -1.5258789062e-5], [3 / 65536, 4.5776367188e-5], [5 / 65536, 7.6293945312e-5],
  ];
  for (const [x, want] of pairs) assert.equal(pyRound15(x), want, String(x));
  assert.ok(Object.is(pyRound15(-2.449293598294706e-16), -0));
  assert.ok(Object.is(pyRound15(-0), -0));
  assert.ok(Object.is(pyRound15(1e-300), 0));
});

test("glibc 2.36's sin and cos (FMA variant), where V8's differ", () => {
  // [x, math.cos(x), math.sin(x)] from CPython on Debian 12 (glibc 2.36, x86-64 with FMA), for
  // x = -math.radians(angle % 360) with angle -357.11, -353.24, -310.96, -310.83, -221.31, -221.07.
  const rows = [
    [-0.050440015382635886, 0.9987281721066018, -0.05041862989616084],
    [-0.11798425743481653, 0.9930479276839344, -0.11771071880947623],
    [-0.8559094651780196, 0.655531982472857, -0.7551674118731593],
    [-0.8581783932056121, 0.6538168760867854, -0.7566528216719456],
    [-2.4205971395909356, -0.7511489300399431, -0.6601327782346887],
    [-2.424785929795722, -0.753907489862878, -0.6569805908310036],
  ];
  let v8Differs = 0;
  for (const [x, c, s] of rows) {
    assert.equal(glibcCos(x), c, `cos ${x}`);
    assert.equal(glibcSin(x), s, `sin ${x}`);
    if (Math.cos(x) !== c || Math.sin(x) !== s) v8Differs++;
  }
  assert.equal(v8Differs, rows.length);
  assert.ok(Object.is(glibcSin(-0), -0));
  assert.equal(glibcCos(-0), 1);
  assert.equal(glibcSin(-Math.PI), -1.2246467991473532e-16);
  assert.equal(glibcCos(-Math.PI / 2), 6.123233995736766e-17);
  // fma rounds once: (1 + 2^-52)(1 − 2^-52) − 1 = −2^-104 exactly, where a*b + c gives 0.
  assert.equal(fma(1 + 2 ** -52, 1 - 2 ** -52, -1), -(2 ** -104));
  assert.equal(fma(3, 0, 5), 5);
});
