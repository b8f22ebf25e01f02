// API fuzzing over every export of every entry point (issue 16): test/fuzz/api-fuzz-runner.ts calls
// each function and class with wrong types, NaN, ±Infinity, huge sizes, empty and 0×0 images,
// negative-stride views, aliasing `out` and frozen objects. Each call must return or throw a
// TypeError/RangeError (DecodeError for codecs) whose message names what was expected, never an
// engine message such as "Cannot read properties of undefined", never hang and never mutate its
// inputs. New exports are covered as soon as they are exported.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

test('every exported function refuses bad arguments with a named TypeError/RangeError, in bounded time, without mutating inputs', { timeout: 300_000 }, (t) => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./api-fuzz-runner.ts', import.meta.url))],
    { encoding: 'utf8', timeout: 240_000, maxBuffer: 1 << 28 });
  const lines = child.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const calls = lines.filter((l) => l.call).length;
  const last = lines.filter((l) => l.call).pop()?.call;
  assert.ok(lines.some((l) => l.done), `the fuzzer did not finish (hung or crashed at ${last}): ${child.stderr.slice(-2000)}`);
  const findings = lines.filter((l) => l.finding).map((l) => `${l.finding}: ${l.problems.join('; ')}`);
  t.diagnostic(`${calls} calls over ${new Set(lines.filter((l) => l.call).map((l) => l.call.replace(/\(.*$/, ''))).size} exports; ${findings.length} findings`);
  assert.deepEqual(findings, []);
});
