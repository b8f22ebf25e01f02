// `npm run demo` (scripts/demo.mjs) runs the whole tutorial from dist/: run it into a temporary
// folder and check the page, the pictures, and that the committed gallery is what it produces.
// Needs a build (`npm test` makes one first).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodePng } from '../src/codecs/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = path.join(ROOT, 'scripts', 'demo.mjs');
const GALLERY = path.join(ROOT, 'docs', 'gallery');
const built = fs.existsSync(path.join(ROOT, 'dist', 'index.js'));

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

test('the demo runs into --out, shows each step\'s own code, and matches the committed gallery', { skip: !built && 'dist/ not built' }, async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pixelarray-demo-'));
  try {
    const run = spawnSync(process.execPath, [SCRIPT, '--out', out], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /wrote \d+ files/);

    const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    const pngs = fs.readdirSync(out).filter((f) => f.endsWith('.png')).sort();
    assert.ok(pngs.length >= 15, `${pngs.length} pictures`);
    // Every picture is on the page and every picture on the page exists.
    const shown = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(shown, pngs);

    // The code on the page is the code that ran: each step's run function, from the script itself.
    const demo = await import(pathToFileURL(SCRIPT).href) as { steps: { id: string; run: () => unknown }[]; codeOf: (s: unknown) => string };
    const blocks = [...html.matchAll(/<pre><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) => unescape(m[1]));
    assert.equal(blocks.length, demo.steps.length);
    demo.steps.forEach((step, i) => {
      assert.equal(blocks[i], demo.codeOf(step), step.id);
      assert.ok(step.run.toString().includes(blocks[i].split('\n')[0].trim()), step.id);
    });
    assert.match(html, /addSaturate: 200 \+ 100 = 255/);
    assert.match(html, /addModulo: {3}200 \+ 100 = 44/);
    assert.match(html, /1\. flipped +chi-square 0\.0000/);

    // The Pillow steps (pixelarray/pillow): what they print, and the pictures they make.
    for (const id of ['pillow-resize', 'pillow-transpose', 'pillow-blur', 'pillow-draw']) assert.ok(demo.steps.some((s) => s.id === id), id);
    assert.match(html, /resize: 400×225 → 300×200, bicubic/);
    assert.match(html, /transpose\(6\): 400×225 → 225×400; top-left pixel = the photo's bottom-right: true/);
    assert.match(html, /GaussianBlur\(3\): [1-9]\d* of 270000 bytes differ from cv2\.GaussianBlur σ 3, by at most [1-9]/);
    assert.match(html, /rectangle: outline white at the corners: true/);
    assert.match(html, /text: [1-9]\d* white pixels in the 60×11 box of 'coffee cup'/);
    const picture = (suffix: string) => {
      const file = pngs.find((f) => f.endsWith(suffix));
      assert.ok(file, `no picture *${suffix}`);
      return decodePng(fs.readFileSync(path.join(out, file)));
    };
    assert.deepEqual(picture('-pillow-resize-resized.png').shape, [200, 300, 3]);
    assert.deepEqual(picture('-pillow-transpose-transversed.png').shape, [400, 225, 3]);
    assert.deepEqual(picture('-pillow-blur-pillowBlurred.png').shape, [225, 400, 3]);
    const drawn = picture('-pillow-draw-drawn.png');
    for (const [x, y] of [[108, 2], [282, 2], [108, 152], [282, 152], [200, 2], [108, 80]]) {
      assert.deepEqual([0, 1, 2].map((c) => drawn.get(y, x, c)), [255, 255, 255], `outline pixel (${x}, ${y})`);
    }

    // The committed gallery is up to date: same page, same pixels (PNG bytes may differ by encoder).
    assert.equal(fs.readFileSync(path.join(GALLERY, 'index.html'), 'utf8'), html, 'docs/gallery/index.html is stale: run npm run demo');
    for (const f of pngs) {
      const committed = path.join(GALLERY, f);
      assert.ok(fs.existsSync(committed), `docs/gallery/${f} is missing: run npm run demo`);
      const a = decodePng(fs.readFileSync(committed)), b = decodePng(fs.readFileSync(path.join(out, f)));
      assert.deepEqual(a.shape, b.shape, f);
      assert.ok(Buffer.from(a.data).equals(Buffer.from(b.data)), `docs/gallery/${f} differs: run npm run demo`);
    }
    const stale = fs.readdirSync(GALLERY).filter((f) => f.endsWith('.png') && !pngs.includes(f));
    assert.deepEqual(stale, [], 'pictures in docs/gallery that the demo no longer makes');
    const bytes = fs.readdirSync(GALLERY, { recursive: true }).map(String)
      .reduce((n, f) => n + (fs.statSync(path.join(GALLERY, f)).isFile() ? fs.statSync(path.join(GALLERY, f)).size : 0), 0);
    assert.ok(bytes < 3 * 1024 * 1024, `docs/gallery is ${bytes} bytes`);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('the demo refuses unknown arguments', { skip: !built && 'dist/ not built' }, () => {
  const run = spawnSync(process.execPath, [SCRIPT, '--bogus'], { encoding: 'utf8' });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /unknown argument --bogus/);
});
