// `npm run docs:images` (scripts/make-doc-images.mjs) writes docs/images/ from the bundled photo
// with the built dist/: run it into a temporary folder and check that the committed pictures are
// what it makes (same pixels), that the pictures of docs/opencv-more.md stay small, and that the
// page shows exactly those. Needs a build (`npm test` makes one first).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodePng } from '../../src/codecs/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = path.join(ROOT, 'scripts', 'make-doc-images.mjs');
const IMAGES = path.join(ROOT, 'docs', 'images');
const built = fs.existsSync(path.join(ROOT, 'dist', 'index.js'));

test('make-doc-images writes the committed docs/images pictures; those of opencv-more.md stay under 100 KB', { skip: !built && 'dist/ not built' }, async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pixelarray-doc-images-'));
  try {
    const run = spawnSync(process.execPath, [SCRIPT, '--out', out], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /wrote \d+ pictures/);
    const made = fs.readdirSync(out).filter((f) => f.endsWith('.png')).sort();
    assert.ok(made.length >= 20, made.join(', '));
    for (const f of made) {
      const committed = path.join(IMAGES, f);
      assert.ok(fs.existsSync(committed), `docs/images/${f} is missing: run npm run docs:images`);
      const a = decodePng(fs.readFileSync(committed)), b = decodePng(fs.readFileSync(path.join(out, f)));
      assert.deepEqual(a.shape, b.shape, f);
      assert.ok(Buffer.from(a.data).equals(Buffer.from(b.data)), `docs/images/${f} differs: run npm run docs:images`);
    }

    const { SMALL, MAX_BYTES } = await import(pathToFileURL(SCRIPT).href) as { SMALL: string[]; MAX_BYTES: number };
    for (const f of SMALL) {
      assert.ok(made.includes(f), `${f} is not made`);
      const bytes = fs.statSync(path.join(IMAGES, f)).size;
      assert.ok(bytes <= MAX_BYTES, `docs/images/${f} is ${bytes} bytes`);
    }
    const page = fs.readFileSync(path.join(ROOT, 'docs', 'opencv-more.md'), 'utf8');
    const shown = [...page.matchAll(/\]\(images\/([^)]+)\)/g)].map((m) => m[1]).sort();
    assert.deepEqual(shown, [...SMALL].sort());
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('make-doc-images refuses unknown arguments', { skip: !built && 'dist/ not built' }, () => {
  const run = spawnSync(process.execPath, [SCRIPT, '--bogus'], { encoding: 'utf8' });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /unknown argument --bogus/);
});
