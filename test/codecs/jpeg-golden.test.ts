// Golden JPEG decodes: every file of test/golden/fixtures-jpeg (made by generate_jpeg.py) must decode
// to exactly Pillow's pixels, cv2's where they differ, and cv2's IMREAD_REDUCED_* at reduce 2/4/8.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeJpeg } from '../../src/codecs/index.ts';
import { readNpy } from '../fixtures/codecs/helpers.ts';

const DIR = new URL('../golden/fixtures-jpeg/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', DIR), 'utf8')) as
  { cases: Array<{ file: string; expect: Record<string, string> }> };
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, DIR)));

test('golden JPEG decodes are identical to libjpeg-turbo (Pillow / cv2), full and reduced', () => {
  let checked = 0;
  const failures: string[] = [];
  for (const c of manifest.cases) {
    const jpeg = load(c.file);
    for (const [kind, npy] of Object.entries(c.expect)) {
      const reduce = kind.startsWith('reduce') ? Number(kind.slice(6)) as 2 | 4 | 8 : 1;
      const ref = readNpy(load(npy));
      const got = decodeJpeg(jpeg, { reduce, orientation: 'ignore' });
      const shape = ref.shape.length === 2 ? [...ref.shape, 1] : ref.shape;
      checked++;
      if (got.shape.join() !== shape.join()) { failures.push(`${c.file} ${kind}: shape ${got.shape} vs ${shape}`); continue; }
      let bad = 0;
      for (let i = 0; i < ref.data.length; i++) if (got.data[i] !== ref.data[i]) bad++;
      if (bad) failures.push(`${c.file} ${kind}: ${bad} of ${ref.data.length} bytes differ`);
    }
  }
  assert.ok(checked >= 300, `only ${checked} golden decodes`);
  assert.deepEqual(failures, [], `${failures.length} of ${checked} golden decodes differ`);
});
