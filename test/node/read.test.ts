import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { decodeImage, DecodeError } from '../../src/codecs/index.ts';
import { describeFailure, readImage } from '../../src/node/index.ts';
import { IMAGES_DIR } from '../apps/search-fixtures.ts';

test('readImage decodes a file as decodeImage does, from a path or a file URL', () => {
  const file = join(IMAGES_DIR, 'chelsea.png');
  const want = decodeImage(readFileSync(file));
  assert.deepEqual(readImage(file), want);
  assert.deepEqual(readImage(pathToFileURL(file)), want);
  assert.deepEqual(readImage(join(IMAGES_DIR, 'camera.png')).shape, [96, 96, 1]);
  assert.deepEqual(readImage(join(IMAGES_DIR, 'logo.png')).shape.slice(2), [4]);
});

test('readImage throws the file system error or a DecodeError; describeFailure gives one line', () => {
  assert.throws(() => readImage(join(IMAGES_DIR, 'missing.png')), { code: 'ENOENT' });
  assert.throws(() => readImage(IMAGES_DIR), { code: 'EISDIR' });
  assert.throws(() => readImage(join(IMAGES_DIR, 'notes.txt')), DecodeError);
  assert.throws(() => readImage(join(IMAGES_DIR, 'corrupt.png')), { name: 'DecodeError', message: /^PNG: / });
  assert.throws(() => readImage(42 as never), { name: 'TypeError', message: /^path: expected a file path/ });

  const failure = (f: () => unknown) => {
    try { f(); } catch (e) { return describeFailure(e); }
    throw new Error('did not throw');
  };
  assert.equal(failure(() => readImage(join(IMAGES_DIR, 'missing.png'))), 'cannot read it: ENOENT: no such file or directory');
  assert.equal(failure(() => readImage(IMAGES_DIR)), 'cannot read it: EISDIR: illegal operation on a directory');
  assert.match(failure(() => readImage(join(IMAGES_DIR, 'notes.txt'))), /^image: unrecognised format \(first bytes 4e 6f 74 /);
  assert.equal(describeFailure('odd'), 'odd');
});
