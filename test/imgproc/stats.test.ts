// meanStdDev / minMaxLoc against OpenCV 4.6 (test/golden/fixtures-json/threshold.json), plus errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import * as pa from '../../src/index.ts';
import { FIXTURES_DIR, materialize } from '../golden/cases.ts';
import { fromDataAsView } from '../helpers.ts';

const file = path.join(FIXTURES_DIR, '..', 'fixtures-json', 'threshold.json');
const dir = path.join(FIXTURES_DIR, 'threshold');
const { cases } = JSON.parse(fs.readFileSync(file, 'utf8')) as { cases: { id: string; call: string; args: unknown[]; expect: unknown }[] };

for (const fd of [pa.fromData, fromDataAsView]) {
  test(`meanStdDev/minMaxLoc golden (${fd === pa.fromData ? 'contiguous' : 'strided'})`, () => {
    for (const c of cases) {
      const args = materialize(c.args, fd as never, dir) as unknown[];
      const got = (pa as unknown as Record<string, (...a: unknown[]) => unknown>)[c.call](...args);
      assert.deepEqual(got, c.expect, c.id);
    }
  });
}

test('errors name the argument', () => {
  const rgb = pa.zeros(2, 2, 3);
  assert.throws(() => pa.minMaxLoc(rgb), /a: expected a single-channel/);
  assert.throws(() => pa.countNonZero(rgb), RangeError);
  assert.throws(() => pa.mean(rgb, { bogus: 1 } as never), /unknown option 'bogus'/);
  assert.throws(() => pa.lut(rgb, [1, 2, 3]), /table: expected 256 values/);
});
