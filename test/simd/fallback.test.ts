// pixelarray/simd without its kernels: before ready(), without WebAssembly, or with compilation
// refused, every function is the core (same bytes), and ready() resolves to false, never rejects.
// Also: the checked-in kernel module is what its sources compile to.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

// A child process: compares a few SIMD calls with the core's and prints what ready() gave.
const SCRIPT = `
const core = await import('./src/index.ts');
const simd = await import('./src/simd/index.ts');
const rt = await import('./src/simd/runtime.ts');
const { randomImage } = await import('./test/helpers.ts');
const a = randomImage(40, 41, 3, 1), b = randomImage(40, 41, 3, 2);
const same = (x, y) => Buffer.compare(Buffer.from(x.data), Buffer.from(y.data)) === 0;
const check = () => same(simd.addSaturate(a, b), core.addSaturate(a, b)) && same(simd.cvtColor(a, 'RGB2GRAY'), core.cvtColor(a, 'RGB2GRAY'));
const before = check() && rt.workspaceCount() === 0;
if (process.env.REFUSE_COMPILE) WebAssembly.compile = () => Promise.reject(new WebAssembly.CompileError('refused by CSP'));
const loaded = await simd.ready();
console.log(JSON.stringify({ before, loaded, enabled: simd.simdEnabled(), after: check(), kernelRuns: rt.workspaceCount() }));
`;

function child(flags: string[], env: Record<string, string> = {}): Record<string, unknown> {
  const r = spawnSync(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
    encoding: 'utf8', env: { ...process.env, ...env },
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

test('before ready() the core runs; after, the kernels, with the same bytes', () => {
  const r = child([]);
  assert.deepEqual(r, { before: true, loaded: true, enabled: true, after: true, kernelRuns: 2 });
});

test('no WebAssembly at all: ready() resolves false and the core runs', () => {
  const r = child(['--no-expose-wasm']);
  assert.deepEqual(r, { before: true, loaded: false, enabled: false, after: true, kernelRuns: 0 });
});

test('compilation refused (a CSP without wasm-unsafe-eval): ready() resolves false and the core runs', () => {
  const r = child([], { REFUSE_COMPILE: '1' });
  assert.deepEqual(r, { before: true, loaded: false, enabled: false, after: true, kernelRuns: 0 });
});

test('src/simd/wasm.ts is what scripts/build-simd.mjs compiles from src/simd/assembly', () => {
  const r = spawnSync(process.execPath, ['scripts/build-simd.mjs', '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});
