// The golden cases made by test/golden/generate.py with OpenCV 4.6, NumPy and Pillow: every case
// runs on contiguous inputs and again on the same pixels held in a strided, unaligned view.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as core from '../../src/index.ts';
import * as ml from '../../src/ml/index.ts';
import { fromDataAsView } from '../helpers.ts';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR, loadCases, runCase, type Case } from './cases.ts';

// Every entry point's functions by name (the ml family lives in 'pixelarray/ml').
const lib = { ...core, ...ml };

// fixtures/manifest.json plus one folder per op family, each with its own manifest.json.
const dirs = [FIXTURES_DIR, ...fs.readdirSync(FIXTURES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(FIXTURES_DIR, e.name, 'manifest.json')))
  .map((e) => path.join(FIXTURES_DIR, e.name))];

for (const dir of dirs) {
  const byCall = new Map<string, Case[]>();
  for (const c of loadCases(dir)) byCall.set(c.call, [...(byCall.get(c.call) ?? []), c]);
  const family = path.relative(FIXTURES_DIR, dir) || 'core';
  for (const [call, cases] of byCall) {
    test(`${family}/${call}: ${cases.length} golden cases`, () => {
      const failures: string[] = [];
      for (const c of cases) {
        const contiguous = runCase(c, lib as never, dir);
        if (contiguous) failures.push(`${c.id} (${c.ref}): ${contiguous}`);
        const strided = runCase(c, { ...lib, fromData: fromDataAsView } as never, dir);
        if (strided) failures.push(`${c.id} (${c.ref}) on a strided view: ${strided}`);
      }
      assert.deepEqual(failures, []);
    });
  }
}
