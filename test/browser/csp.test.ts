// CSP safety, statically: no code compiled from strings at run time (eval, new Function,
// string timers) and no WebAssembly (which needs 'wasm-unsafe-eval') anywhere in the package: its
// sources, its built dist/, the browser example, and the dependency files the codecs load. The
// one exception is the opt-in pixelarray/simd entry (src/simd/, dist/simd/), which compiles its
// WebAssembly only when `ready()` is called and falls back to the core when that is refused;
// nothing outside it imports it.
// test/browser/e2e.test.ts checks the same at run time, in Chromium under a strict policy.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');

const FORBIDDEN: [string, RegExp][] = [
  ['eval(', /\beval\s*\(/],
  ['new Function', /\bnew\s+Function\b/],
  ['Function(…) (string-compiled code)', /\bFunction\s*\(/],
  ['setTimeout/setInterval with a string', /\bset(?:Timeout|Interval)\s*\(\s*['"`]/],
  ['WebAssembly (needs wasm-unsafe-eval)', /\bWebAssembly\b/],
];

function filesUnder(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p, ext) : ext.test(name) ? [p] : [];
  });
}

/** The opt-in WebAssembly entry point, in the sources and in dist/. */
const SIMD_DIR = /(^|\/)(src|dist)\/simd\//;

/** Every `file:line: pattern` hit (WebAssembly allowed in the simd entry only). */
function scan(files: string[]): string[] {
  const hits: string[] = [];
  for (const file of files) {
    const simd = SIMD_DIR.test(relative(ROOT, file));
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      for (const [what, re] of FORBIDDEN) {
        if (simd && what.startsWith('WebAssembly')) continue;
        if (re.test(line)) hits.push(`${relative(ROOT, file)}:${i + 1}: ${what}: ${line.trim().slice(0, 120)}`);
      }
    });
  }
  return hits;
}

test('the sources and the browser example compile no code from strings', (t) => {
  const files = [...filesUnder(join(ROOT, 'src'), /\.ts$/), ...filesUnder(join(ROOT, 'examples/browser'), /\.(js|html)$/)];
  assert.ok(files.length > 20);
  t.diagnostic(`${files.length} files scanned`);
  assert.deepEqual(scan(files), []);
});

test('only the simd entry point uses WebAssembly, and nothing outside it imports it', () => {
  const files = filesUnder(join(ROOT, 'src'), /\.ts$/).filter((f) => !SIMD_DIR.test(relative(ROOT, f)));
  const importers = files.filter((f) => /from\s+['"][./]*(\.\.\/)*simd\//.test(readFileSync(f, 'utf8')));
  assert.deepEqual(importers.map((f) => relative(ROOT, f)), []);
  assert.ok(readFileSync(join(ROOT, 'src/simd/runtime.ts'), 'utf8').includes('WebAssembly.compile'));
});

test('the built dist/ compiles no code from strings', (t) => {
  const files = filesUnder(join(ROOT, 'dist'), /\.js$/);
  if (files.length === 0) {
    t.skip('dist/ is not built (npm test builds it first; or run npm run build)');
    return;
  }
  t.diagnostic(`${files.length} files scanned`);
  assert.deepEqual(scan(files), []);
});

test('the dependency files the codecs load compile no code from strings, in Node and in browsers', async (t) => {
  // esbuild follows the imports of each codecs entry to the exact dependency files it loads.
  for (const [entry, platform] of [['src/codecs/index.ts', 'node'], ['src/codecs/index.browser.ts', 'browser']] as const) {
    const result = await esbuild.build({
      entryPoints: [join(ROOT, entry)], bundle: true, platform, format: 'esm',
      write: false, metafile: true, logLevel: 'silent',
    });
    const deps = Object.keys(result.metafile.inputs).filter((f) => f.startsWith('node_modules/')).map((f) => join(ROOT, f));
    assert.ok(deps.some((f) => f.includes('/fflate/')), `${entry} loads fflate`);
    t.diagnostic(`${entry}: ${deps.length} dependency files scanned`);
    assert.deepEqual(scan(deps), []);
  }
});

test('the browser codecs entry bundles for the browser without any Node built-in', async () => {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'src/codecs/index.browser.ts')], bundle: true, platform: 'browser', format: 'esm',
    write: false, metafile: true, logLevel: 'silent',
  });
  const builtins = Object.values(result.metafile.inputs).flatMap((i) => i.imports).filter((i) => i.path.startsWith('node:') || i.external);
  assert.deepEqual(builtins, []);
});

test('the scanner finds what it looks for', () => {
  const samples = ["eval('1')", 'new Function("a", "return a")', 'const f = Function("return this")', "setTimeout('go()', 1)", 'WebAssembly.instantiate(b)'];
  for (const s of samples) assert.ok(FORBIDDEN.some(([, re]) => re.test(s)), s);
  for (const s of ["typeof f === 'function'", 'isFunction(x)', 'setTimeout(() => go(), 1)', 'evaluate(x)', 'retrieval(x)']) {
    assert.ok(!FORBIDDEN.some(([, re]) => re.test(s)), s);
  }
});
