import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bitwiseAnd, bitwiseNot, bitwiseOr, bitwiseXor, clone, full, zeros, type PixelArray } from '../../src/index.ts';
import { layouts, pixels, randomImage, SHAPES } from '../helpers.ts';

const ops: [string, (a: PixelArray, b: PixelArray, o?: { mask?: PixelArray; out?: PixelArray }) => PixelArray, (x: number, y: number) => number][] = [
  ['and', bitwiseAnd, (x, y) => x & y],
  ['or', bitwiseOr, (x, y) => x | y],
  ['xor', bitwiseXor, (x, y) => x ^ y],
  ['not', (a, _b, o) => bitwiseNot(a, o), (x) => 255 - x],
];

test('bitwise ops match the definitions on every shape and layout', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, 3), b = randomImage(h, w, c, 4);
    const pa = pixels(a), pb = pixels(b);
    for (const [name, op, ref] of ops) {
      const want = pa.map((x, i) => ref(x, pb[i]));
      for (const [layout, view] of Object.entries(layouts(a))) assert.deepEqual(pixels(op(view, b)), want, `${name} ${layout}`);
    }
  }
});

test('a mask selects pixels: zeros elsewhere, or out keeps its values', () => {
  const [h, w, c] = [5, 7, 3];
  const a = randomImage(h, w, c, 8), b = randomImage(h, w, c, 9);
  const mask = randomImage(h, w, 1, 10);
  for (let i = 0; i < mask.data.length; i++) mask.data[i] = i % 3 === 0 ? 0 : mask.data[i] | 1;
  for (const [name, op, ref] of ops) {
    const got = pixels(op(a, b, { mask }));
    const prev = randomImage(h, w, c, 11);
    const out = clone(prev);
    op(a, b, { mask, out });
    const pa = pixels(a), pb = pixels(b), pp = pixels(prev), po = pixels(out);
    for (let i = 0; i < got.length; i++) {
      const on = mask.data[Math.floor(i / c)] !== 0;
      assert.equal(got[i], on ? ref(pa[i], pb[i]) : 0, `${name} fresh at ${i}`);
      assert.equal(po[i], on ? ref(pa[i], pb[i]) : pp[i], `${name} out at ${i}`);
    }
    for (const [layout, view] of Object.entries(layouts(mask))) assert.deepEqual(pixels(op(a, b, { mask: view })), got, `${name} mask ${layout}`);
  }
});

test('scalar operands are bytes per channel', () => {
  const a = randomImage(3, 4, 3, 1);
  const want = pixels(a).map((x, i) => x & [0x0f, 0xf0, 0xff][i % 3]);
  assert.deepEqual(pixels(bitwiseAnd(a, [0x0f, 0xf0, 0xff])), want);
  assert.deepEqual(pixels(bitwiseXor(full(1, 1, 1, 0b1010), 0b0110)), [0b1100]);
});

test('bad masks and operands are refused with named errors', () => {
  const a = zeros(4, 4, 3);
  assert.throws(() => bitwiseAnd(a, a, { mask: zeros(4, 4, 3) }), { name: 'RangeError', message: /^options\.mask: expected a mask of shape \[4, 4, 1\], got \[4, 4, 3\]$/ });
  assert.throws(() => bitwiseNot(a, { mask: zeros(3, 4, 1) }), { name: 'RangeError', message: /^options\.mask:/ });
  assert.throws(() => bitwiseOr(a, a, { mask: [1] as unknown as PixelArray }), { name: 'TypeError', message: /^options\.mask: expected a PixelArray/ });
  assert.throws(() => bitwiseAnd(a, 256), { name: 'RangeError', message: /^b: expected an integer in 0\.\.255, got 256$/ });
  assert.throws(() => bitwiseAnd(a, {} as PixelArray), { name: 'TypeError', message: /^b:/ });
});
