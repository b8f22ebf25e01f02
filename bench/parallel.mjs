#!/usr/bin/env node
// pixelarray/parallel benchmark: each op of the benchmark suite on the 1080p photo, single-threaded
// (the core op) against a pool of worker threads (pixelarray/parallel), after checking that the
// pooled results are byte-identical to the core's. Two pooled columns:
//   pooled        the same ordinary arrays as the core call (the pool copies them into shared
//                 memory and the result back: the cost a drop-in user pays);
//   pooled, SAB   inputs and `out` already in SharedArrayBuffers (toShared / sharedZeros): no copies.
//
//   node bench/parallel.mjs [--threads n] [--quick] [--filter <regex>] [--json [file]]
//   (npm run bench:parallel -- [options]; it builds first)
//
// Op names are those of bench/suites/*.mjs (and bench/results/native.json), so that the ratios to
// native OpenCV can be computed per op; when bench/results/native.json exists, the geometric means
// of pixelarray / native OpenCV are printed for each column. No peer library is loaded.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as lib from '../dist/index.js';
import { createPool, sharedZeros, toShared } from '../dist/parallel/index.js';
import {
  fmtMs, loadBenchPhoto, machineInfo, measureAll, parseBenchArgs, pixelarrayVersion, PRESETS, renderTable, writeResultsJson,
} from './harness.mjs';
import arithmetic from './suites/arithmetic.mjs';
import channels from './suites/channels.mjs';
import geometry from './suites/geometry.mjs';
import imgproc from './suites/imgproc.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const DEFAULT_JSON = join(HERE, 'results', 'parallel.json');
const NATIVE_JSON = join(HERE, 'results', 'native.json');

function parseArgs(argv) {
  const opts = parseBenchArgs(argv, {
    defaultJson: DEFAULT_JSON, defaults: { threads: 2 }, values: { '--threads': (o, v) => { o.threads = Number(v); } },
  });
  if (!Number.isInteger(opts.threads) || opts.threads < 1) throw new Error('--threads: expected an integer ≥ 1');
  return opts;
}

const HELP = `usage: node bench/parallel.mjs [options]     (or: npm run bench:parallel -- [options])

  --threads <n>     threads of the pool, the calling thread included (default 2)
  --quick           fewer warm-up and timed runs
  --filter <regex>  only ops whose name matches (case-insensitive)
  --json [file]     also write the results (default bench/results/parallel.json)
`;

const RANGE = [0, 256];
const EMBOSS = [[-1, 0, 0], [0, 1, 0], [0, 0, 0]];

/**
 * The ops: `run(L, I, out)` with L the library or the pool (same signatures) and I the inputs;
 * `single` when the core call differs (a view materialised by clone); `out` the output shape, or
 * null when the op allocates its result. `pooled: false`: the pool has no such op (timed alone).
 */
function ops(A) {
  const [h, w, c] = A.shape;
  const same = () => [h, w, c];
  const centre = [w >> 2, h >> 2, (w >> 2) + (w >> 1), (h >> 2) + (h >> 1)];
  const opts3d = { channels: [0, 1, 2], bins: [8, 8, 8], ranges: [RANGE, RANGE, RANGE] };
  const hist1 = [0, 1, 2].map((k) => ({ channels: [k], bins: [256], ranges: [RANGE] }));
  const M = lib.getRotationMatrix2D([w / 2, h / 2], 15, 1);
  const view = (f) => ({ single: (L, I, out) => L.clone(f(L, I.A), { out }) });
  return [
    { name: 'addSaturate image+image', out: same, run: (L, I, out) => L.addSaturate(I.A, I.B, { out }) },
    { name: 'subtractSaturate image−image', out: same, run: (L, I, out) => L.subtractSaturate(I.A, I.B, { out }) },
    { name: 'addModulo image+image', out: same, run: (L, I, out) => L.addModulo(I.A, I.B, { out }) },
    { name: 'subtractModulo image−image', out: same, run: (L, I, out) => L.subtractModulo(I.A, I.B, { out }) },
    { name: 'addSaturate image+50 (scalar)', out: same, run: (L, I, out) => L.addSaturate(I.A, 50, { out }) },
    { name: 'absdiff image,image', out: same, run: (L, I, out) => L.absdiff(I.A, I.B, { out }) },
    { name: 'multiplySaturate image×image, scale 1/255', out: same, run: (L, I, out) => L.multiplySaturate(I.A, I.B, 1 / 255, { out }) },
    { name: 'addWeighted 0.7·a + 0.3·b + 5', out: same, run: (L, I, out) => L.addWeighted(I.A, 0.7, I.B, 0.3, 5, { out }) },
    { name: 'convertScaleAbs |1.3·a − 20|', out: same, run: (L, I, out) => L.convertScaleAbs(I.A, 1.3, -20, { out }) },
    { name: 'bitwiseAnd image&image', out: same, run: (L, I, out) => L.bitwiseAnd(I.A, I.B, { out }) },
    { name: 'bitwiseOr image|image', out: same, run: (L, I, out) => L.bitwiseOr(I.A, I.B, { out }) },
    { name: 'bitwiseXor image^image', out: same, run: (L, I, out) => L.bitwiseXor(I.A, I.B, { out }) },
    { name: 'bitwiseNot ~image', out: same, run: (L, I, out) => L.bitwiseNot(I.A, { out }) },
    { name: 'bitwiseAnd image&image with mask', out: same, run: (L, I, out) => L.bitwiseAnd(I.A, I.B, { mask: I.mask, out }) },
    { name: 'split → 3 planes', out: null, run: (L, I) => L.split(I.A) },
    { name: 'merge 3 planes → RGB', out: same, run: (L, I, out) => L.merge(I.planes, { out }) },
    { name: 'concat [a; b] axis 0 (vertical, 2160×1920)', out: () => [2 * h, w, c], run: (L, I, out) => L.concat([I.A, I.B], 0, { out }) },
    { name: 'concat [a, b] axis 1 (horizontal, 1080×3840)', out: () => [h, 2 * w, c], run: (L, I, out) => L.concat([I.A, I.B], 1, { out }) },
    { name: 'copy (clone) — reference', out: same, run: (L, I, out) => L.clone(I.A, { out }) },
    { name: 'roll 50 columns (axis 1)', out: same, run: (L, I, out) => L.roll(I.A, 50, 1, { out }) },
    { name: 'roll 50 rows (axis 0)', out: same, run: (L, I, out) => L.roll(I.A, 50, 0, { out }) },
    { name: 'transpose (materialised)', out: () => [w, h, c], run: (L, I, out) => L.transpose(I.A, undefined, { out }), ...view((L, a) => L.transpose(a)) },
    { name: 'flip horizontal (materialised)', out: same, run: (L, I, out) => L.flip(I.A, 1, { out }), ...view((L, a) => L.flip(a, 1)) },
    { name: 'flip vertical (materialised)', out: same, run: (L, I, out) => L.flip(I.A, 0, { out }), ...view((L, a) => L.flip(a, 0)) },
    { name: 'flip both (materialised)', out: same, run: (L, I, out) => L.flip(I.A, -1, { out }), ...view((L, a) => L.flip(a, -1)) },
    { name: 'rot90 counter-clockwise (materialised)', out: () => [w, h, c], run: (L, I, out) => L.rot90(I.A, 1, { out }), ...view((L, a) => L.rot90(a, 1)) },
    { name: 'crop 960×540 (copy)', out: () => [h >> 1, w >> 1, c], run: (L, I, out) => L.clone(lib.crop(I.A, centre), { out }) },
    { name: 'gaussianBlur σ=3 (19×19)', out: same, run: (L, I, out) => L.gaussianBlur(I.A, 3, { out }) },
    { name: 'gaussianBlur 5×5 (σ 0 → [1 4 6 4 1]/16)', out: same, run: (L, I, out) => L.gaussianBlur(I.A, 0, { ksize: 5, out }) },
    { name: 'emboss (Pillow EMBOSS)', out: same, run: (L, I, out) => L.emboss(I.A, { out }) },
    { name: 'filter2D 3×3 [[-1,0,0],[0,1,0],[0,0,0]] + 128', out: same, run: (L, I, out) => L.filter2D(I.A, EMBOSS, { delta: 128, out }) },
    { name: 'blur 5×5 (box)', out: same, run: (L, I, out) => L.blur(I.A, 5, { out }) },
    { name: 'medianBlur 5×5', out: same, run: (L, I, out) => L.medianBlur(I.A, 5, { out }) },
    { name: 'calcHist 256 bins, each of 3 channels (3 calls)', out: null, run: (L, I) => hist1.map((o) => L.calcHist(I.A, o)) },
    { name: 'calcHist 3-D 8×8×8', out: null, run: (L, I) => [L.calcHist(I.A, opts3d)] },
    { name: 'compareHist chisqr, 8×8×8 histograms', out: null, pooled: false, run: (L, I) => [Float64Array.of(lib.compareHist(I.h1, I.h2, 'chisqr'))] },
    { name: 'cvtColor RGB2GRAY', out: () => [h, w, 1], run: (L, I, out) => L.cvtColor(I.A, 'RGB2GRAY', { out }) },
    { name: 'cvtColor RGB2HSV', out: same, run: (L, I, out) => L.cvtColor(I.A, 'RGB2HSV', { out }) },
    { name: 'inRange HSV [0,50,50]..[30,255,255]', out: () => [h, w, 1], run: (L, I, out) => L.inRange(I.hsv, [0, 50, 50], [30, 255, 255], { out }) },
    { name: 'resize bilinear to 960×540 (½)', out: () => [540, 960, c], run: (L, I, out) => L.resize(I.A, 960, 540, { out }) },
    { name: 'resize bilinear to 2880×1620 (×1.5)', out: () => [1620, 2880, c], run: (L, I, out) => L.resize(I.A, 2880, 1620, { out }) },
    { name: 'resize bilinear to 1366×768 (odd ratio)', out: () => [768, 1366, c], run: (L, I, out) => L.resize(I.A, 1366, 768, { out }) },
    { name: 'resize area to 960×540 (½)', out: () => [540, 960, c], run: (L, I, out) => L.resize(I.A, 960, 540, { interpolation: 'area', out }) },
    {
      name: 'warpAffine rotate 15° about the centre, bilinear', out: same,
      run: (L, I, out) => L.warpAffine(I.A, M, w, h, { interpolation: 'bilinear', border: 'constant', borderValue: 0, out }),
    },
  ];
}

/** Bytes of a result: a PixelArray (packed), a list of them, or histograms. */
function bytesOf(r) {
  if (r instanceof lib.PixelArray) return lib.clone(r).data;
  if (ArrayBuffer.isView(r)) return new Uint8Array(r.buffer, r.byteOffset, r.byteLength);
  return Buffer.concat(r.map(bytesOf));
}

const geomean = (v) => Math.exp(v.reduce((s, x) => s + Math.log(x), 0) / v.length);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) { process.stdout.write(HELP); return; }
  const log = (s) => process.stderr.write(`${s}\n`);
  const preset = opts.quick ? PRESETS.quick : PRESETS.full;

  const { image: A, source } = loadBenchPhoto(lib);
  const [h, w, c] = A.shape;
  const B = lib.clone(lib.flip(A, 1));
  const mask = lib.zeros(h, w, 1);
  for (let p = 0; p < h * w; p++) mask.data[p] = A.data[3 * p] > 127 ? 255 : 0;
  const half = w >> 1;
  const opts3d = { channels: [0, 1, 2], bins: [8, 8, 8], ranges: [RANGE, RANGE, RANGE] };
  const plain = {
    A, B, mask, planes: lib.split(A), hsv: lib.cvtColor(A, 'RGB2HSV'),
    h1: lib.calcHist(lib.crop(A, [0, 0, half, h]), opts3d), h2: lib.calcHist(lib.crop(A, [half, 0, w, h]), opts3d),
  };
  const shared = { ...plain, A: toShared(A), B: toShared(B), mask: toShared(mask), planes: plain.planes.map(toShared), hsv: toShared(plain.hsv) };

  // Every name must be one of the suites' (the JSON is joined with the others by op name).
  const known = new Set([...arithmetic(), ...channels(), ...geometry(), ...imgproc(lib)].map((o) => o.name));
  const all = ops(A);
  for (const op of all) if (!known.has(op.name)) throw new Error(`bench/parallel.mjs: '${op.name}' is not an op name of bench/suites`);
  const selected = all.filter((op) => !opts.filter || opts.filter.test(op.name));
  if (selected.length === 0) throw new Error(`--filter ${opts.filter} matches no op`);

  const pool = createPool({ threads: opts.threads });
  const machine = machineInfo();
  log(`pixelarray/parallel benchmark — ${source}, ${w}×${h}×${c}; ${machine.cpuModel} ` +
    `(${machine.logicalCores} logical cores), node ${machine.node}; pool of ${opts.threads} threads${opts.quick ? ', --quick' : ''}`);
  const results = [];
  for (const op of selected) {
    const shape = op.out ? op.out() : null;
    const outs = { single: shape && lib.zeros(...shape), pooled: shape && lib.zeros(...shape), shared: shape && sharedZeros(...shape) };
    const single = () => (op.single ?? op.run)(lib, plain, outs.single);
    const entries = [{ key: 'single', run: single }];
    let identical = null;
    if (op.pooled !== false) {
      const pooled = () => op.run(pool, plain, outs.pooled);
      const sab = () => op.run(pool, shared, outs.shared);
      // Byte check first (also warms the workers up).
      const want = bytesOf(single()), got = bytesOf(pooled()), gotShared = bytesOf(sab());
      identical = Buffer.compare(want, got) === 0 && Buffer.compare(want, gotShared) === 0;
      entries.push({ key: 'pooled', run: pooled }, { key: 'shared', run: sab });
    }
    const m = measureAll(entries, { preset });
    const t = (k) => m.get(k)?.medianMs ?? null;
    const r = {
      op: op.name, pooledOp: op.pooled !== false, identical,
      singleMs: t('single'), pooledMs: t('pooled'), pooledSharedMs: t('shared'),
      runs: Object.fromEntries([...m].map(([k, v]) => [k, v.runs])),
    };
    results.push(r);
    log(`  ${op.name}: single ${fmtMs(r.singleMs)}` +
      (r.pooledOp ? `, pooled ${fmtMs(r.pooledMs)}, pooled SAB ${fmtMs(r.pooledSharedMs)}${identical ? '' : '  ≠ MISMATCH'}` : ' (not pooled)'));
  }
  await pool.close();

  const native = existsSync(NATIVE_JSON) ? new Map(JSON.parse(readFileSync(NATIVE_JSON, 'utf8')).results.map((r) => [r.op, r.medianMs])) : null;
  const x = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '');
  const header = ['op', 'single ms', 'pooled ms', 'pooled SAB ms', 'single / pooled', 'single / SAB', 'identical'];
  const align = ['l', 'r', 'r', 'r', 'r', 'r', 'l'];
  if (native) { header.push('native ms', 'best / native'); align.push('r', 'r'); }
  const rows = results.map((r) => {
    const row = [r.op, fmtMs(r.singleMs), r.pooledOp ? fmtMs(r.pooledMs) : '—', r.pooledOp ? fmtMs(r.pooledSharedMs) : '—',
      x(r.singleMs, r.pooledMs), x(r.singleMs, r.pooledSharedMs), r.identical === null ? '' : r.identical ? 'yes' : 'NO'];
    if (native) {
      const n = native.get(r.op);
      row.push(n ? fmtMs(n) : '', n ? x(Math.min(r.singleMs, r.pooledMs ?? Infinity), n) : '');
    }
    return row;
  });
  const out = ['', `pixelarray/parallel — ${w}×${h}×${c} photo, median ms per call; pool of ${opts.threads} threads`,
    `${machine.cpuModel}, ${machine.logicalCores} logical cores; node ${machine.node}; ${machine.date}`, '', renderTable(header, rows, align), ''];
  out.push('single: the core op on this thread. pooled: the same ordinary arrays through the pool (copied into and out of');
  out.push('shared memory). pooled SAB: inputs and out already in SharedArrayBuffers. identical: both pooled results = single, byte for byte.');

  // Geometric means of pixelarray / native OpenCV: over the issue-4 suite (the op list of
  // scripts/bench-report.mjs, when it can be read) and over every op with a native time.
  const summary = {};
  if (native) {
    let suiteOps = null;
    try { suiteOps = (await import('../scripts/bench-report.mjs')).SUITE_OPS; } catch { /* no report script: all ops only */ }
    const pooledOr = (r, k) => (r.pooledOp ? r[k] : r.singleMs);
    const columns = {
      single: (r) => r.singleMs,
      pooled: (r) => pooledOr(r, 'pooledMs'),
      pooledShared: (r) => pooledOr(r, 'pooledSharedMs'),
      bestOfSingleAndPooled: (r) => Math.min(r.singleMs, pooledOr(r, 'pooledMs')),
    };
    const over = (list) => ({
      ops: list.length,
      ...Object.fromEntries(Object.entries(columns).map(([k, f]) => [k, geomean(list.map((r) => f(r) / native.get(r.op)))])),
    });
    const line = (label, g) => `${label} (${g.ops} ops): single ${g.single.toFixed(2)}×, pooled ${g.pooled.toFixed(2)}×, ` +
      `pooled SAB ${g.pooledShared.toFixed(2)}×, best of single and pooled per op ${g.bestOfSingleAndPooled.toFixed(2)}×`;
    out.push('', 'pixelarray / native OpenCV (1 thread), geometric means:');
    if (suiteOps) {
      const inSuite = results.filter((r) => suiteOps.includes(r.op) && native.has(r.op));
      summary.suite = { ...over(inSuite), missing: suiteOps.filter((op) => !inSuite.some((r) => r.op === op)) };
      out.push(line('  issue-4 suite', summary.suite) + (summary.suite.missing.length ? `; missing: ${summary.suite.missing.join(', ')}` : ''));
    }
    summary.all = over(results.filter((r) => native.has(r.op)));
    out.push(line('  all ops', summary.all));
  }
  const mismatches = results.filter((r) => r.identical === false);
  if (mismatches.length) out.push(`\n⚠ pooled results differ from single-threaded ones: ${mismatches.map((r) => r.op).join('; ')}`);
  process.stdout.write(`${out.join('\n')}\n`);

  if (opts.json) {
    writeResultsJson(opts.json, {
      schema: 'pixelarray-parallel-bench/1', machine, threads: opts.threads,
      image: { source, height: h, width: w, channels: c },
      versions: { pixelarray: pixelarrayVersion() }, options: { quick: opts.quick, filter: opts.filter?.source ?? null, preset },
      results, summaryVsNative: native ? summary : null,
    }, log);
  }
  if (mismatches.length) process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
