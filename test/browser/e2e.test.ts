// End to end in a real browser: serve examples/browser/ on localhost under a CSP without
// 'unsafe-eval', drive Debian's Chromium headless with playwright-core (never a downloaded
// browser), run every operation of the page, and check that the result canvas holds exactly the
// pixels the same operations give in Node on the same input. Skips only where no Chromium exists.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  absdiff, addSaturate, bitwiseXor, concat, cvtColor, emboss, flip, fromData, gaussianBlur, roll, subtractSaturate,
} from '../../src/index.ts';
import { decodeImage, encodeJpeg } from '../../src/codecs/index.ts';
// @ts-expect-error: a plain .mjs script without type declarations
import { buildExample, CSP, startServer } from '../../scripts/serve-example.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

interface Rgba { width: number; height: number; data: Uint8ClampedArray }
interface Operation { id: string; label: string; param?: { value: number }; run: (img: unknown, value?: number) => unknown }
interface NodeSide {
  OPERATIONS: Operation[];
  fromImageData: (d: Rgba) => unknown;
  toImageData: (a: unknown) => Rgba;
  cvtColor: (a: unknown, code: string) => unknown;
}

/**
 * The page's ops.js for Node, bundled with the library from src/ exactly as the page's app.js is
 * (one bundle, so its PixelArray class is the one ops.js checks against).
 */
async function loadNodeSide(): Promise<NodeSide> {
  const result = await esbuild.build({
    stdin: {
      contents: "export { OPERATIONS } from './examples/browser/ops.js'; export { cvtColor, fromImageData, toImageData } from 'pixelarray';",
      resolveDir: ROOT, loader: 'js',
    },
    alias: { pixelarray: join(ROOT, 'src/index.ts') },
    bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].contents).toString('base64')}`);
}

/** A canvas's pixels as `getImageData` gives them (base64 across the page boundary). */
async function readCanvas(page: Page, id: string): Promise<Rgba> {
  const { width, height, base64 } = await page.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
    const bytes = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { width: canvas.width, height: canvas.height, base64: btoa(binary) };
  }, id);
  return { width, height, data: new Uint8ClampedArray(Buffer.from(base64, 'base64')) };
}

function firstDifference(got: Rgba, want: Rgba): string {
  if (got.width !== want.width || got.height !== want.height) return `size ${got.width}×${got.height}, want ${want.width}×${want.height}`;
  let count = 0, first = -1;
  for (let i = 0; i < want.data.length; i++) if (got.data[i] !== want.data[i]) { count++; if (first < 0) first = i; }
  if (count === 0) return '';
  const p = first >> 2;
  return `${count} bytes differ; first at x=${p % want.width}, y=${Math.floor(p / want.width)}, channel ${first & 3}: ` +
    `browser ${got.data[first]}, Node ${want.data[first]}`;
}

/** Console errors (and, for information, warnings), uncaught exceptions and CSP violations of one page. */
function watch(page: Page): { problems: string[]; warnings: string[]; violations: () => Promise<string[]> } {
  const problems: string[] = [], warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    else if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  return {
    problems, warnings,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  };
}

/** The core bundled for the browser, as the size test measures it, for checks on real canvases. */
async function coreBundle(): Promise<Buffer> {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'src/index.ts')], bundle: true, minify: true, format: 'esm', platform: 'browser',
    target: 'es2022', write: false, logLevel: 'silent',
  });
  return Buffer.from(result.outputFiles[0].contents);
}

/** pixelarray/codecs as a browser bundler builds it: the "browser" condition's entry, no Node built-in. */
async function codecsBundle(): Promise<Buffer> {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'src/codecs/index.browser.ts')], bundle: true, minify: true, format: 'esm', platform: 'browser',
    target: 'es2022', write: false, logLevel: 'silent',
  });
  return Buffer.from(result.outputFiles[0].contents);
}

/** Files the page decodes: PNGs of every kind the inflate paths take, JPEGs baseline and progressive, 4:2:0 and 4:2:2. */
const DECODE_FILES = [
  'test/fixtures/pngsuite/basn2c08.png', 'test/fixtures/pngsuite/basi2c16.png', 'test/fixtures/pngsuite/basn3p04.png',
  'test/fixtures/pngsuite/tbrn2c08.png', 'test/golden/fixtures-jpeg/pil_astro_q90_420.jpg',
  'test/golden/fixtures-jpeg/pil_chelsea_prog_420.jpg', 'test/golden/fixtures-jpeg/pil_astro_q75_422.jpg',
  'test/golden/fixtures-jpeg/cv_rst3.jpg',
];

/** The example's policy with WebAssembly compilation allowed (docs/simd.md). */
const SIMD_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'");

/** What the simd pages compute, as a string evaluated in the page (dist/simd/index.js as published). */
const SIMD_PAGE_SCRIPT = `import('/dist/simd/index.js').then(async (px) => {
  const loaded = await px.ready();
  const a = px.fromData(Uint8Array.from({ length: 61 * 67 * 3 }, (_, i) => (i * 37 + (i >> 7)) & 255), 61, 67, 3);
  const b = px.flip(a, 1);
  const parts = [px.addSaturate(a, b), px.absdiff(a, 60), px.bitwiseXor(a, b), px.cvtColor(px.cvtColor(a, 'RGB2GRAY'), 'GRAY2RGB'),
    px.pipeline(a).subtractSaturate(b).cvtColor('BGR2GRAY').apply(px.cvtColor, 'GRAY2RGB').run()];
  return { loaded, enabled: px.simdEnabled(), pixels: Array.from(px.clone(px.concat(parts, 1)).data) };
})`;

/** The same computation with the core in Node. */
function simdPageExpected(): number[] {
  const a = fromData(Uint8Array.from({ length: 61 * 67 * 3 }, (_, i) => (i * 37 + (i >> 7)) & 255), 61, 67, 3);
  const b = flip(a, 1);
  const parts = [addSaturate(a, b), absdiff(a, 60), bitwiseXor(a, b), cvtColor(cvtColor(a, 'RGB2GRAY'), 'GRAY2RGB'),
    cvtColor(cvtColor(subtractSaturate(a, b), 'BGR2GRAY'), 'GRAY2RGB')];
  return Array.from(concat(parts, 1).data);
}

const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (install it with: apt-get install -y chromium)`;
const TIMEOUT = 180_000;

test('in Chromium, under a CSP without unsafe-eval: the example page, the canvas helpers, dist/', { skip, timeout: TIMEOUT }, async (t) => {
  const files = await buildExample();
  const js = 'text/javascript; charset=utf-8', html = 'text/html; charset=utf-8';
  // A probe page that tries string-compiled code: proves the policy is enforced and that a
  // violation would be seen by the checks below.
  files.set('/probe.html', { body: Buffer.from('<!doctype html><title>probe</title><link rel="icon" href="data:,"><script type="module" src="probe.js"></script>'), type: html });
  files.set('/probe.js', { body: Buffer.from("try { new Function('return 1')(); document.title = 'eval allowed'; } catch { document.title = 'eval blocked'; }"), type: js });
  files.set('/blank.html', { body: Buffer.from('<!doctype html><title>blank</title><link rel="icon" href="data:,">'), type: html });
  // The same blank page under the policy plus 'wasm-unsafe-eval', the line pages add for pixelarray/simd.
  files.set('/blank-wasm.html', { body: Buffer.from('<!doctype html><title>blank</title><link rel="icon" href="data:,">'), type: html, csp: SIMD_CSP });
  files.set('/pixelarray.js', { body: await coreBundle(), type: js });
  files.set('/canvas-check.js', { body: readFileSync(join(import.meta.dirname, 'canvas-check.js')), type: js });
  files.set('/codecs.js', { body: await codecsBundle(), type: js });
  for (const f of DECODE_FILES) files.set(`/files/${f.split('/').pop()}`, { body: readFileSync(join(ROOT, f)), type: 'application/octet-stream' });
  // The built dist/ as it is published, for <script type="module"> without a bundler.
  const dist = join(ROOT, 'dist');
  const distFiles = existsSync(join(dist, 'index.js')) ? readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')) : [];
  for (const f of distFiles) files.set(`/dist/${f.split(sep).join('/')}`, { body: readFileSync(join(dist, f)), type: js });
  const site = await startServer(files, { port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'pixelarray-chromium-'));
  let context: BrowserContext | undefined;
  // page.evaluate has no timeout of its own: should anything hang, closing the browser makes every
  // pending call fail, so the finally block below always runs and npm test never hangs.
  const watchdog = setTimeout(() => { void context?.close().catch(() => {}); }, TIMEOUT - 10_000);
  watchdog.unref();
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000, viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(30_000);
    await context.addInitScript(() => {
      const list: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = list;
      document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective}: ${e.blockedURI || e.sample}`));
    });
    t.diagnostic(`Chromium ${context.browser()?.version() ?? '(version unknown)'} at ${CHROMIUM}, pages served at ${site.url}`);
    const browser = context;

    await t.test('the policy is in force and a violation would be caught', async () => {
      assert.doesNotMatch(CSP, /unsafe-eval|unsafe-inline/);
      const probe = await browser.newPage();
      const { violations } = watch(probe);
      const response = await probe.goto(`${site.url}probe.html`);
      assert.equal(response?.headers()['content-security-policy'], CSP);
      await probe.waitForFunction(() => document.title !== 'probe');
      assert.equal(await probe.title(), 'eval blocked', 'the CSP blocks new Function');
      assert.ok((await violations()).some((v) => v.startsWith('script-src')), 'the probe\'s violation is reported');
      await probe.close();
    });

    await t.test('every operation of the example page: the canvas equals Node\'s result', async (st) => {
      const page = await browser.newPage();
      const { problems, warnings, violations } = watch(page);
      const response = await page.goto(site.url);
      assert.equal(response?.headers()['content-security-policy'], CSP);
      await page.waitForSelector('#result[data-op="roll"]'); // the sample photo is loaded and the first op has run
      const source = await readCanvas(page, 'source');
      assert.deepEqual([source.width, source.height], [600, 400]);
      assert.ok(source.data.every((v, i) => (i & 3) !== 3 || v === 255), 'the input is opaque');

      // Node gets the browser's decoded input (JPEG decoders differ), and runs the page's ops.js.
      const node = await loadNodeSide();
      const input = node.cvtColor(node.fromImageData(source), 'RGBA2RGB');
      // Each op with its default, some with other values too (a negative shift, a subtraction,
      // enlarging, hue windows that wrap below 0 (the default) and past 179).
      const extra: Record<string, number[]> = { roll: [-70], add: [-40], blur: [1.5], resize: [130], 'hsv-mask': [15, 176] };
      const cases = node.OPERATIONS.flatMap((op) => [
        { op, value: op.param?.value },
        ...(extra[op.id] ?? []).map((value) => ({ op, value })),
      ]);
      for (const { op, value } of cases) {
        const label = `${op.id}${value === undefined ? '' : `(${value})`}`;
        await page.selectOption('#op', op.id);
        if (value !== undefined) await page.locator('#param').fill(String(value));
        await page.waitForSelector(`#result[data-op="${op.id}"][data-param="${value ?? ''}"]`);
        const got = await readCanvas(page, 'result');
        const want = node.toImageData(op.run(input, value));
        assert.equal(firstDifference(got, want), '', `${label}: the browser's canvas differs from Node`);
        st.diagnostic(`${label}: ${got.width}×${got.height} identical. ${await page.textContent('#status')}`);
      }

      // ops.js's roll is np.roll along the columns, computed here straight from src/.
      await page.selectOption('#op', 'roll');
      await page.locator('#param').fill('150');
      await page.waitForSelector('#result[data-op="roll"][data-param="150"]');
      const rolled = await readCanvas(page, 'result');
      const want = roll(fromData(source.data, source.height, source.width, 4), 150, 1);
      assert.ok(Buffer.from(rolled.data).equals(Buffer.from(want.data)), 'roll(150) as np.roll');

      // A file picked by the user (the file input): PngSuite's 32×32 RGB test image.
      await page.selectOption('#op', 'emboss');
      await page.setInputFiles('#file', join(ROOT, 'test/fixtures/pngsuite/basn2c08.png'));
      await page.waitForFunction(() => document.getElementById('source-caption')?.textContent?.includes('basn2c08.png'));
      const picked = await readCanvas(page, 'source');
      assert.deepEqual([picked.width, picked.height], [32, 32]);
      const embossOp = node.OPERATIONS.find((op) => op.id === 'emboss')!;
      const embossed = node.toImageData(embossOp.run(node.cvtColor(node.fromImageData(picked), 'RGBA2RGB')));
      assert.equal(firstDifference(await readCanvas(page, 'result'), embossed), '', 'emboss of the picked file');

      // Chromium suggests willReadFrequently for the result canvas, which only this test reads back.
      for (const w of new Set(warnings)) st.diagnostic(`console warning (not a failure): ${w}`);
      assert.deepEqual(await violations(), [], 'no CSP violations');
      assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
      await page.close();
    });

    await t.test('fromCanvas and toCanvas on real canvases, OffscreenCanvas and their contexts', async () => {
      const page = await browser.newPage();
      const { problems, violations } = watch(page);
      await page.goto(`${site.url}blank.html`);
      // A served module, not an evaluated function: the test's own code is transpiled with helpers
      // the page does not have.
      const failures = await page.evaluate((url) => import(url).then((m) => m.run()), '/canvas-check.js');
      assert.deepEqual(failures, []);
      assert.deepEqual(await violations(), [], 'no CSP violations');
      assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
      await page.close();
    });

    await t.test('pixelarray/codecs\' browser build decodes PNGs and JPEGs in the page to Node\'s bytes, encodes PNGs Node reads back and JPEGs equal to Node\'s', async () => {
      const page = await browser.newPage();
      const { problems, violations } = watch(page);
      await page.goto(`${site.url}blank.html`);
      const names = DECODE_FILES.map((f) => f.split('/').pop()!);
      // A string, not a function: evaluated as is, not transpiled with the test's helpers.
      const results = await page.evaluate(`import('/codecs.js').then(async (codecs) => {
        const b64 = (bytes) => { let s = ''; for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000)); return btoa(s); };
        const out = [];
        for (const name of ${JSON.stringify(names)}) {
          const bytes = new Uint8Array(await (await fetch('/files/' + name)).arrayBuffer());
          const img = codecs.decodeImage(bytes);
          const [h, w, c] = img.shape;
          const pixels = img.data.subarray(img.offset, img.offset + h * w * c);
          out.push({ name, shape: [h, w, c], pixels: b64(pixels), png: b64(codecs.encodePng(img)), jpeg: c === 2 ? '' : b64(codecs.encodeJpeg(img)) });
        }
        return out;
      })`) as { name: string; shape: number[]; pixels: string; png: string; jpeg: string }[];
      assert.equal(results.length, DECODE_FILES.length);
      for (const [i, r] of results.entries()) {
        const want = decodeImage(readFileSync(join(ROOT, DECODE_FILES[i])));
        const [h, w, c] = want.shape;
        assert.deepEqual(r.shape, [h, w, c], r.name);
        const wantPixels = Buffer.from(want.data.subarray(want.offset, want.offset + h * w * c));
        assert.ok(Buffer.from(r.pixels, 'base64').equals(wantPixels), `${r.name}: the page's pixels differ from Node's`);
        const back = decodeImage(Buffer.from(r.png, 'base64'));
        assert.ok(Buffer.from(back.data.subarray(back.offset, back.offset + h * w * c)).equals(wantPixels), `${r.name}: the page's PNG does not read back in Node`);
        if (c !== 2) assert.ok(Buffer.from(r.jpeg, 'base64').equals(Buffer.from(encodeJpeg(want))), `${r.name}: the page's JPEG differs from Node's`);
      }
      assert.deepEqual(await violations(), [], 'no CSP violations');
      assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
      await page.close();
    });

    await t.test('dist/ runs unbundled, as native ES modules, under the same policy', { skip: distFiles.length === 0 && 'dist/ is not built (npm test builds it; or npm run build)' }, async () => {
      const page = await browser.newPage();
      const { problems, violations } = watch(page);
      await page.goto(`${site.url}blank.html`);
      // A string, not a function: evaluated as is, not transpiled with the test's helpers.
      const got = await page.evaluate(`import('/dist/index.js').then((px) => {
        const a = px.fromData(Uint8Array.from({ length: 9 * 11 * 3 }, (_, i) => (i * 37) & 255), 9, 11, 3);
        return Array.from(px.concat([px.gaussianBlur(a, 1.2), px.roll(a, 2, 1), px.emboss(a)], 1).data);
      })`);
      const a = fromData(Uint8Array.from({ length: 9 * 11 * 3 }, (_, i) => (i * 37) & 255), 9, 11, 3);
      assert.deepEqual(got, Array.from(concat([gaussianBlur(a, 1.2), roll(a, 2, 1), emboss(a)], 1).data));
      assert.deepEqual(await violations(), [], 'no CSP violations');
      assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
      await page.close();
    });

    await t.test('pixelarray/simd: with \'wasm-unsafe-eval\' its kernels load and give Node\'s bytes; without, it falls back to the core silently', { skip: distFiles.length === 0 && 'dist/ is not built' }, async () => {
      const want = simdPageExpected();
      for (const [pageName, expectLoaded] of [['blank-wasm.html', true], ['blank.html', false]] as const) {
        const page = await browser.newPage();
        const { problems, violations } = watch(page);
        await page.goto(`${site.url}${pageName}`);
        const got = await page.evaluate(SIMD_PAGE_SCRIPT) as { loaded: boolean; enabled: boolean; pixels: number[] };
        assert.equal(got.loaded, expectLoaded, `${pageName}: ready()`);
        assert.equal(got.enabled, expectLoaded, `${pageName}: simdEnabled()`);
        assert.deepEqual(got.pixels, want, `${pageName}: the page's pixels differ from Node's core`);
        // Under the strict policy the refused compilation is the one violation reported.
        const seen = await violations();
        if (expectLoaded) assert.deepEqual(seen, [], 'no CSP violations');
        else assert.ok(seen.every((v) => v.startsWith('script-src')), seen.join('; '));
        assert.deepEqual(problems, [], `${pageName}: no console errors or uncaught exceptions`);
        await page.close();
      }
    });
  } finally {
    clearTimeout(watchdog);
    await context?.close().catch(() => {});
    await site.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
