// pipeline(img): the same bytes as the calls one after the other, with kernel and core steps mixed,
// the image copied in and out once; errors of a step are that function's own.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import * as core from '../../src/index.ts';
import { pipeline } from '../../src/simd/index.ts';
import { workspaceCount } from '../../src/simd/runtime.ts';
import { imageIn, LAYOUTS, loadKernels, stridedOut } from './harness.ts';
import { randomImage } from '../helpers.ts';

before(loadKernels);

const same = (x: core.PixelArray, y: core.PixelArray, label: string) => {
  assert.deepEqual(x.shape, y.shape, `${label}: shape`);
  assert.deepEqual(Buffer.from(core.clone(x).data), Buffer.from(core.clone(y).data), `${label}: bytes`);
};

test('kernel steps only: one workspace, the sequential result', () => {
  const a = randomImage(60, 70, 3, 1), b = randomImage(60, 70, 3, 2);
  const runs = workspaceCount();
  const got = pipeline(a).addSaturate(b).absdiff(40).subtractModulo([1, 2, 3]).bitwiseNot().cvtColor('RGB2GRAY').addSaturate(-20).run();
  assert.equal(workspaceCount() - runs, 1);
  const want = core.subtractSaturate(core.cvtColor(core.bitwiseNot(core.subtractModulo(core.absdiff(core.addSaturate(a, b), 40), [1, 2, 3])), 'RGB2GRAY'), 20);
  same(got, want, 'chain');
});

test('core steps in between (apply, non-plain arguments) and out', () => {
  const a = imageIn(LAYOUTS[2], 50, 90, 3, 3);
  const mask = core.fullLike(randomImage(50, 90, 1, 4), 255);
  const p = pipeline(a).cvtColor('RGB2HSV').bitwiseAnd(a, { mask }).apply(core.flip, 1).addSaturate(7).cvtColor('BGR2GRAY')
    .apply(core.threshold, 100, 255, 'binary');
  const want = core.threshold(core.cvtColor(core.addSaturate(core.flip(core.bitwiseAnd(core.cvtColor(a, 'RGB2HSV'), a, { mask }), 1), 7), 'BGR2GRAY'), 100, 255, 'binary');
  same(p.run(), want, 'mixed');
  const out = stridedOut([50, 90, 1]);
  assert.equal(p.run({ out }), out);
  same(out, want, 'into out');
});

test('a failing step throws that function\'s error; bad run options are refused', () => {
  const a = randomImage(40, 41, 3, 5);
  const msg = (f: () => unknown) => { try { f(); } catch (e) { return `${(e as Error).constructor.name}: ${(e as Error).message}`; } return 'no error'; };
  assert.equal(msg(() => pipeline(a).addSaturate(randomImage(4, 4, 3, 1)).run()), msg(() => core.addSaturate(a, randomImage(4, 4, 3, 1))));
  assert.equal(msg(() => pipeline(a).cvtColor('RGB2GRAY').cvtColor('RGB2GRAY').run()), msg(() => core.cvtColor(core.cvtColor(a, 'RGB2GRAY'), 'RGB2GRAY')));
  assert.equal(msg(() => pipeline(a).cvtColor('NOPE' as never).run()), msg(() => core.cvtColor(a, 'NOPE' as never)));
  assert.match(msg(() => pipeline(a).run({ out: randomImage(2, 2, 3, 1) })), /out/);
  assert.match(msg(() => pipeline(null as never)), /input/);
  assert.match(msg(() => pipeline(a).apply(5 as never)), /fn/);
  assert.match(msg(() => (pipeline(a).addSaturate as (...x: unknown[]) => unknown)(1, 2)), /at most 1 argument/);
  const empty = pipeline(a).run();
  assert.notEqual(empty, a);
  same(empty, a, 'no steps');
});

test('property: random chains equal the sequential calls', () => {
  const ops = ['addSaturate', 'subtractSaturate', 'addModulo', 'subtractModulo', 'absdiff', 'bitwiseXor', 'bitwiseNot', 'gray'] as const;
  fc.assert(fc.property(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 80 }), fc.constantFrom(3, 4), fc.array(fc.constantFrom(...ops), { maxLength: 6 }),
    fc.constantFrom(...LAYOUTS), fc.integer({ min: 1, max: 1e6 }), (h, w, c, chain, layout, seed) => {
      const a = imageIn(layout, h, w, c, seed);
      let p = pipeline(a);
      let want: core.PixelArray = a;
      for (const op of chain) {
        if (op === 'bitwiseNot') { p = p.bitwiseNot(); want = core.bitwiseNot(want); }
        else if (op === 'gray') {
          if (want.shape[2] === 1) continue;
          p = p.cvtColor('RGB2GRAY'); want = core.cvtColor(want, 'RGB2GRAY');
        } else {
          const b = randomImage(want.shape[0], want.shape[1], want.shape[2], seed + 7);
          p = p[op](b); want = core[op](want, b);
        }
      }
      same(p.run(), want, chain.join(' → '));
    }), { numRuns: 100 });
});

test('filter steps: kernels in the arena, options as the functions take them, out refused in a step', () => {
  const a = randomImage(70, 90, 3, 31);
  const runs = workspaceCount();
  const got = pipeline(a).gaussianBlur(1.5).blur([3, 5], { border: 'replicate' }).medianBlur(5).filter2D([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], { delta: 3 })
    .emboss().cvtColor('RGB2GRAY').run();
  assert.equal(workspaceCount() - runs, 1, 'one workspace: no step left the arena');
  const want = core.cvtColor(core.emboss(core.filter2D(core.medianBlur(core.blur(core.gaussianBlur(a, 1.5), [3, 5], { border: 'replicate' }), 5),
    [[0, -1, 0], [-1, 5, -1], [0, -1, 0]], { delta: 3 })), 'RGB2GRAY');
  same(got, want, 'filters');
  // Non-kernel arguments run the core: a 3×3 median, a fractional kernel, an unknown option (the core's error).
  same(pipeline(a).medianBlur(3).filter2D([[0.5, 0.5]]).run(), core.filter2D(core.medianBlur(a, 3), [[0.5, 0.5]]), 'core steps');
  assert.throws(() => pipeline(a).gaussianBlur(2, { bogus: 1 } as never).run(), (e: Error) => {
    try { core.gaussianBlur(a, 2, { bogus: 1 } as never); } catch (c) { return e.message === (c as Error).message; }
    return false;
  });
  assert.throws(() => pipeline(a).blur(3, { out: a } as never), /no options\.out/);
});

test('geometry and inRange steps: materialised in the arena, equal to the core\'s views', () => {
  for (const c of [1, 3, 4]) {
    const a = randomImage(45, 77, c, 40 + c);
    const runs = workspaceCount();
    const got = pipeline(a).flip(1).rot90().transpose().rot90(3).flip(-1).rot90(2).rot90(-1).run();
    assert.equal(workspaceCount() - runs, 1);
    same(got, core.rot90(core.rot90(core.flip(core.rot90(core.transpose(core.rot90(core.flip(a, 1))), 3), -1), 2), -1), `c=${c}`);
    same(pipeline(a).flip(0).transpose([1, 0, 2]).rot90(0).run(), core.rot90(core.transpose(core.flip(a, 0), [1, 0, 2]), 0), `core views c=${c}`);
  }
  const a = randomImage(60, 80, 3, 50);
  same(pipeline(a).cvtColor('RGB2HSV').inRange([0, 40, 40], [30, 255, 255]).run(),
    core.inRange(core.cvtColor(a, 'RGB2HSV'), [0, 40, 40], [30, 255, 255]), 'hsv mask');
});

test('resize and warpAffine steps: the issue\'s chain gray → blur → resize in one workspace', () => {
  const a = randomImage(90, 120, 3, 60);
  const m = core.getRotationMatrix2D([60, 45], 15, 1);
  const runs = workspaceCount();
  const got = pipeline(a).warpAffine(m, 120, 90).cvtColor('RGB2GRAY').gaussianBlur(2).resize(61, 47).resize(100, 80, { interpolation: 'area' }).run();
  assert.equal(workspaceCount() - runs, 1);
  const want = core.resize(core.resize(core.gaussianBlur(core.cvtColor(core.warpAffine(a, m, 120, 90), 'RGB2GRAY'), 2), 61, 47), 100, 80, { interpolation: 'area' });
  same(got, want, 'chain');
  same(pipeline(a).resize(50, 40, { interpolation: 'cubic' }).warpAffine(m, 50, 40, { border: 'reflect' }).run(),
    core.warpAffine(core.resize(a, 50, 40, { interpolation: 'cubic' }), m, 50, 40, { border: 'reflect' }), 'core steps');
});

test('pyramid and derivative steps: pyrDown, pyrUp, scharr, laplacian in the arena', () => {
  const a = randomImage(64, 90, 3, 70);
  const runs = workspaceCount();
  const got = pipeline(a).pyrDown().pyrUp().scharr(1, 0, { scale: 0.25, delta: 128 }).laplacian({ ksize: 3, delta: 128 }).run();
  assert.equal(workspaceCount() - runs, 1, 'one workspace: no step left the arena');
  const want = core.laplacian(core.scharr(core.pyrUp(core.pyrDown(a)), 1, 0, { scale: 0.25, delta: 128 }), { ksize: 3, delta: 128 });
  same(got, want, 'pyramids and derivatives');
  same(pipeline(a).laplacian({ ksize: 5 }).pyrDown({ border: 'reflect' }).run(), core.pyrDown(core.laplacian(a, { ksize: 5 }), { border: 'reflect' }), 'core steps');
});
