// putText and getTextSize against cv2 4.6: the putText calls of fixtures/shapes/random.json (canvas
// SHA-1) and fixtures/shapes/text.json (getTextSize), plus errors.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { test } from 'node:test';
import { zeros } from '../../src/core/create.ts';
import { getTextSize, putText } from '../../src/draw/text.ts';

const dir = new URL('../golden/fixtures/shapes/', import.meta.url);
const RANDOM = JSON.parse(fs.readFileSync(new URL('random.json', dir), 'utf8'));
const SIZES = JSON.parse(fs.readFileSync(new URL('text.json', dir), 'utf8'));

test('seeded random putText calls (8 fonts, italic, scales, thickness, aa, bottomLeftOrigin) give cv2 4.6 canvases', () => {
  const failures: string[] = [];
  for (const [call, h, w, c, args, , digest] of RANDOM.cases) {
    if (call !== 'putText') continue;
    const img = zeros(h, w, c);
    putText(img, ...(args as Parameters<typeof putText> extends [unknown, ...infer R] ? R : never));
    if (createHash('sha1').update(img.data).digest('hex').slice(0, 16) !== digest) failures.push(JSON.stringify(args));
  }
  assert.deepEqual(failures, []);
});

test('getTextSize equals cv2.getTextSize (width, height, baseline)', () => {
  const failures: string[] = [];
  for (const [text, face, scale, t, w, h, b] of SIZES.cases) {
    const [f, it] = String(face).split(' ');
    const r = getTextSize(text, f as never, scale, t, { italic: it === 'italic' });
    if (r.width !== w || r.height !== h || r.baseline !== b) failures.push(`${JSON.stringify(text)} ${face} ${scale} ${t}: ${JSON.stringify(r)} vs ${[w, h, b]}`);
  }
  assert.deepEqual(failures, []);
});

test('putText draws in place, returns the image; empty text draws nothing', () => {
  const img = zeros(30, 60, 3);
  assert.equal(putText(img, '', [2, 20], 'simplex', 1, 255), img);
  assert.ok(img.data.every((v) => v === 0));
  assert.equal(putText(img, 'Hi', [2, 20], 'simplex', 1, [255, 0, 0]), img);
  assert.ok(img.data.some((v) => v === 255));
});

test('bad arguments throw TypeError / RangeError naming the argument', () => {
  const img = zeros(5, 6, 3);
  const bad: [() => unknown, string, RegExp][] = [
    [() => putText(img, 3 as never, [0, 0], 'simplex', 1, 1), 'TypeError', /^text: expected a string/],
    [() => putText(img, 'a', [0, 0], 'arial' as never, 1, 1), 'RangeError', /^fontFace: expected one of 'simplex'/],
    [() => putText(img, 'a', [0, 0], 'simplex', NaN, 1), 'RangeError', /^fontScale: expected a finite number/],
    [() => putText(img, 'a', [0, 0], 'simplex', 1, 1, { thickness: -1 }), 'RangeError', /^options\.thickness:/],
    [() => putText(img, 'a', [0, 0], 'simplex', 1, 1, { font: 1 } as never), 'TypeError', /^options: unknown option 'font'/],
    [() => getTextSize('a', 'simplex', 1, 1.5), 'RangeError', /^thickness: expected an integer/],
  ];
  for (const [f, name, message] of bad) assert.throws(f, { name, message });
});
