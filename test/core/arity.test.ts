// Every public function refuses positional arguments it does not take (NumPy's `rot90(a, k, axes)`
// must not silently become `rot90(a, k)`), with one message naming the function and its parameters.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const ENTRY_POINTS = ['index', 'ml/index', 'ml/index.node', 'apps/index', 'codecs/index', 'codecs/index.browser', 'node/index', 'parallel/index', 'pillow/index'];

function isClass(f: unknown): boolean {
  return typeof f === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(f));
}

test('every exported function throws a TypeError for extra positional arguments', async () => {
  let checked = 0;
  for (const entry of ENTRY_POINTS) {
    const mod = await import(`../../src/${entry}.ts`) as Record<string, unknown>;
    for (const [name, f] of Object.entries(mod)) {
      if (typeof f !== 'function' || isClass(f)) continue;
      const args = new Array(24).fill(undefined);
      let error: unknown = null;
      try {
        const r = (f as (...a: unknown[]) => unknown)(...args);
        if (r instanceof Promise) await r.then(() => null, (e: unknown) => { error = e; });
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof TypeError, `${entry}: ${name} accepted 24 arguments`);
      assert.match(error.message, /^\w+: takes at most \d+ arguments? \([\w, ]*\), got 24$/, `${entry}: ${name}`);
      checked++;
    }
  }
  assert.ok(checked >= 150, `${checked} functions checked`);
});

test('the message names the parameters, and the right number of arguments still works', async () => {
  const { rot90, zeros, flip } = await import('../../src/index.ts');
  const a = zeros(2, 3, 1);
  assert.throws(() => (rot90 as (...x: unknown[]) => unknown)(a, 1, [1, 0]), { name: 'TypeError', message: 'rot90: takes at most 2 arguments (a, k), got 3' });
  assert.deepEqual([...rot90(a, 1).shape], [3, 2, 1]);
  assert.deepEqual([...flip(a, 1).shape], [2, 3, 1]);
});

test('the public classes refuse extra arguments to their constructors and methods too', async () => {
  const search = await import('../../src/apps/index.ts');
  const ml = await import('../../src/ml/index.ts');
  const { zeros } = await import('../../src/index.ts');
  const extra = (f: () => unknown, label: string): void => {
    assert.throws(f, (e: unknown) => e instanceof TypeError && e.message.startsWith(`${label}: takes at most`), label);
  };
  const many = new Array(9).fill(undefined);
  extra(() => new (search.HashIndex as unknown as new (...a: unknown[]) => unknown)(...many), 'HashIndex');
  extra(() => new (search.HistogramIndex as unknown as new (...a: unknown[]) => unknown)(...many), 'HistogramIndex');
  extra(() => new (ml.ImageDataGenerator as unknown as new (...a: unknown[]) => unknown)(...many), 'ImageDataGenerator');
  const index = new search.HashIndex();
  extra(() => (index.add as (...a: unknown[]) => unknown)('a', zeros(8, 8, 3), 1), 'HashIndex.add');
  extra(() => (index.search as (...a: unknown[]) => unknown)(zeros(8, 8, 3), {}, 1), 'HashIndex.search');
  const gen = new ml.ImageDataGenerator();
  extra(() => (gen.getRandomTransform as (...a: unknown[]) => unknown)([4, 4, 3], 1, 2), 'ImageDataGenerator.getRandomTransform');
});
