// Every README code block marked `<!-- example: examples/… -->` is a file in examples/, byte for
// byte, and each of those files runs: the Node ones as a user runs them (the package resolves to its
// own dist/ by self-reference), the browser ones bundled by esbuild and run against a stand-in canvas.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const PHOTO = join(ROOT, 'bench/assets/photo-1080p.jpg');

/** The README's marked blocks: the file each names and the fenced code under the marker. */
function markedBlocks(): { file: string; code: string }[] {
  const re = /<!-- example: (\S+) -->\n```[a-z]*\n([\s\S]*?)```/g;
  return [...README.matchAll(re)].map((m) => ({ file: m[1], code: m[2] }));
}

function runNode(file: string, args: string[] = []): string {
  const cwd = mkdtempSync(join(tmpdir(), 'pixelarray-example-'));
  try {
    copyFileSync(PHOTO, join(cwd, 'photo.jpg'));
    return execFileSync(process.execPath, [join(ROOT, file), ...args], { cwd, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

test('each marked README block is its example file, and every example file is in the README', () => {
  const blocks = markedBlocks();
  assert.ok(blocks.length >= 7, `found ${blocks.length} marked blocks`);
  for (const { file, code } of blocks) {
    assert.ok(existsSync(join(ROOT, file)), `${file} is named in README.md but does not exist`);
    assert.equal(code, readFileSync(join(ROOT, file), 'utf8'), `README block for ${file} differs from the file`);
  }
  const named = new Set(blocks.map((b) => b.file));
  for (const f of ['first.mjs', 'first.cjs', 'browser-bundler.js', 'module-script.html', 'tensors.mjs', 'parallel.mjs', 'train-keras.mjs']) {
    assert.ok(named.has(`examples/${f}`), `examples/${f} has no README block`);
  }
});

test('examples/first.mjs decodes the photo and prints the shapes', () => {
  const out = runNode('examples/first.mjs');
  assert.match(out, /\[ 1080, 1920, 3 \] \[ 1080, 1920, 3 \] \[ 1080, 1920, 3 \] \[ 1080, 1920, 3 \] \[ 100, 130, 3 \] \[ 1080, 1920, 3 \]/);
});

test('examples/first.cjs: require() of the package works and saturates', () => {
  assert.equal(runNode('examples/first.cjs').trim(), '255');
});

test('examples/tensors.mjs prints the tensor shapes its comment states', () => {
  assert.equal(runNode('examples/tensors.mjs').trim(), '[ 4, 6, 3 ] [ 2, 4, 6, 3 ] [ 4, 6, 3 ]');
});

test('examples/parallel.mjs runs the pool and exits', () => {
  assert.equal(runNode('examples/parallel.mjs').trim(), '[ 1080, 1920, 3 ] [ 1080, 1920, 3 ]');
});

test('examples/train-keras.mjs trains on the bundled class folders within the time bound', () => {
  const out = runNode('examples/train-keras.mjs');
  const losses = [...out.matchAll(/loss (\d+\.\d+)/g)].map((m) => Number(m[1]));
  assert.ok(losses.length >= 2 && losses.every(Number.isFinite), out);
  assert.match(out, /trained on 8 images of 3 classes: cat, cup, space/);
});

/** A 2D canvas stand-in with getImageData/putImageData over an RGBA buffer (the browser's contract). */
function fakeCanvas(w: number, h: number) {
  let pixels = new Uint8ClampedArray(w * h * 4).map((_, i) => (i * 7) & 255);
  const canvas = {
    width: w, height: h,
    getContext: () => ctx,
  };
  const ctx = {
    canvas,
    getImageData: (_x: number, _y: number, cw: number, ch: number) => ({ data: pixels.slice(0, cw * ch * 4), width: cw, height: ch }),
    putImageData: (img: { data: Uint8ClampedArray }) => { pixels = new Uint8ClampedArray(img.data); },
    createImageData: (cw: number, ch: number) => ({ data: new Uint8ClampedArray(cw * ch * 4), width: cw, height: ch }),
  };
  return { canvas, pixels: () => pixels };
}

test('examples/browser-bundler.js bundles for the browser with no Node built-ins and blurs the canvas', async () => {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'examples/browser-bundler.js')], bundle: true, format: 'iife', platform: 'browser',
    write: false, logLevel: 'silent', metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.every((f) => !f.startsWith('node:') && !f.includes('node_modules')), inputs.join(', '));
  const { canvas, pixels } = fakeCanvas(9, 7);
  const before = pixels();
  // Same realm as the stand-in (its typed arrays are this realm's), with `document` as the only global added.
  new Function('document', result.outputFiles[0].text)({ querySelector: () => canvas });
  assert.equal(canvas.width, 9);
  assert.equal(canvas.height, 7);
  const after = pixels();
  assert.equal(after.length, before.length);
  assert.notDeepEqual(after, before, 'the blur changed nothing');
  for (let i = 3; i < after.length; i += 4) assert.equal(after[i], 255, 'toCanvas writes opaque pixels');
});

test('examples/module-script.html: its module script parses and imports names the package exports', async () => {
  const html = readFileSync(join(ROOT, 'examples/module-script.html'), 'utf8');
  const script = /<script type="module">([\s\S]*?)<\/script>/.exec(html)?.[1];
  assert.ok(script, 'no module script');
  await esbuild.transform(script, { loader: 'js', format: 'esm', target: 'es2022' });
  const names = /import \{([^}]*)\} from '\.\/vendor\/pixelarray\/index\.js'/.exec(script)?.[1].split(',').map((s) => s.trim());
  assert.ok(names && names.length > 0);
  const core = await import('pixelarray');
  for (const name of names) assert.equal(typeof (core as Record<string, unknown>)[name], 'function', `pixelarray exports ${name}`);
});
