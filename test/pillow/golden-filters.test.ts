// The golden cases made by test/golden/generate_pillow_filters.py with Pillow 9.4 (ImageFilter,
// ImageOps, ImageEnhance, ImageChops): every case runs on contiguous inputs and again on the same
// pixels held in strided, unaligned views.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fromData } from '../../src/index.ts';
import * as pillowLib from '../../src/pillow/index.ts';
import { loadCases, runCase, type Case } from '../golden/cases.ts';
import { fromDataAsView } from '../helpers.ts';

const dir = fileURLToPath(new URL('../golden/fixtures-pillow/filters/', import.meta.url));
const byCall = new Map<string, Case[]>();
for (const c of loadCases(dir)) byCall.set(c.call, [...(byCall.get(c.call) ?? []), c]);

for (const [call, cases] of byCall) {
  test(`pillow/filters/${call}: ${cases.length} golden cases`, () => {
    const failures: string[] = [];
    for (const c of cases) {
      const contiguous = runCase(c, { ...pillowLib, fromData } as never, dir);
      if (contiguous) failures.push(`${c.id} (${c.ref}): ${contiguous}`);
      const strided = runCase(c, { ...pillowLib, fromData: fromDataAsView } as never, dir);
      if (strided) failures.push(`${c.id} (${c.ref}) on a strided view: ${strided}`);
    }
    assert.deepEqual(failures, []);
  });
}
