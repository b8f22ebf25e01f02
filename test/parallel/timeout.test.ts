// pixelarray/parallel never blocks forever: the documented example runs from `node --input-type=module
// -e` (workers once inherited that flag and never started), and a worker that fails to start, hangs,
// or takes longer than the pool allows surfaces as an Error within the bound.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { zeros } from '../../src/index.ts';
import { createPool } from '../../src/parallel/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STALL = fileURLToPath(new URL('./fixtures/stall-workers.mjs', import.meta.url));

// The children run the built package (npm test builds it first), as a user's script would: workers
// then start from dist/parallel/worker.js, and a preload given with --import runs in them too.
const BUILT = existsSync(new URL('../../dist/parallel/index.js', import.meta.url));
const skip = BUILT ? false : 'dist/ is not built (npm test builds it first; or run npm run build)';

/** Runs an ES module snippet as `node [flags] --input-type=module -e <code>`, as a user would. */
function runEval(code: string, flags: string[] = [], env: Record<string, string> = {}) {
  const started = performance.now();
  const child = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', code],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { ...child, ms: performance.now() - started };
}

const EXAMPLE = `
  import { createPool } from './dist/parallel/index.js';
  import { zeros } from './dist/index.js';
  const pool = createPool({ threads: 2, minElements: 0, startTimeout: 3000 });
  try {
    console.log(pool.gaussianBlur(zeros(400, 300, 3), 3).shape.join('x'));
  } catch (e) {
    console.log('threw: ' + e.message);
  }
  pool.close();`;

test('the pool example runs from node --input-type=module -e', { skip }, () => {
  const r = runEval(EXAMPLE);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '400x300x3');
});

for (const mode of ['throw', 'hang']) {
  test(`a worker that ${mode === 'throw' ? 'fails at start' : 'never starts its loop'} is an Error within startTimeout, not a hang`, { skip }, () => {
    const r = runEval(EXAMPLE, ['--import', STALL], { PIXELARRAY_STALL: mode });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout.trim(), /^threw: pixelarray\/parallel: worker 1 did not pick up its job within 3000 ms.*The pool is closed/);
    assert.ok(r.ms < 30_000, `took ${r.ms} ms`);
  });
}

test('a band that takes longer than jobTimeout throws, closes the pool, and later calls say why', async () => {
  const pool = createPool({ threads: 2, minElements: 0, jobTimeout: 1 });
  const big = zeros(1500, 1500, 3);
  assert.throws(() => pool.medianBlur(big, 5), /worker 1 did not finish its band within 1 ms\. The pool is closed/);
  assert.throws(() => pool.addSaturate(big, 1), /has stopped \(worker 1 did not finish its band within 1 ms\); create a new pool|closed/);
  await pool.close();
});

test('pool timeouts are validated', () => {
  assert.throws(() => createPool({ startTimeout: 0 }), /options.startTimeout: expected an integer ≥ 1, got 0/);
  assert.throws(() => createPool({ jobTimeout: -5 }), /options.jobTimeout/);
  assert.throws(() => createPool({ timeout: 5 } as never), /options: unknown option 'timeout'/);
});
