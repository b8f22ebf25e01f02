#!/usr/bin/env node
// How cost grows with image size: a few representative ops for pixelarray and opencv.js at
// 256×256, 1920×1080 and 3840×2160, in ms per call and ns per input pixel.
//
//   node bench/scaling.mjs [--quick] [--filter <regex>] [--json [file]] [--same-process]
//   (npm run bench:scaling -- [options])
//
// Build first (`npm run build`): the library is imported from dist/. Inputs are the bench photo
// resized with pixelarray's own `resize`; before timing, pixelarray's and opencv.js's outputs are
// compared byte for byte, as in bench/run.mjs. pixelarray is timed in a child process that loads
// no peer, for the reason given in bench/run.mjs (opencv.js detaches a wasm buffer, after which V8
// slows every typed-array access in the process).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as lib from '../dist/index.js';
import { compareBytes, fmtMs, machineInfo, measureAll, PRESETS, loadBenchPhoto, parseBenchArgs, pixelarrayVersion, renderTable, timePixelarrayAlone, writeResultsJson } from './harness.mjs';
import { emptyMat, loadPeers, matBytes, packageVersion, packedBytes, toMat } from './peers.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const DEFAULT_JSON = join(HERE, 'results', 'scaling.json');

const SIZES = [
  { width: 256, height: 256 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

/**
 * The ops: `pa(A, B, out)` and `cv(cv, a, b, dst, state) → run` as in bench/suites/*.mjs; `kind`
 * (kept in the JSON) says how much work each byte gets, from a plain copy (memory-bound: its cost
 * per pixel rises once the images leave the cache) to a 19-tap blur (compute-bound: flat).
 */
const OPS = [
  {
    name: 'copy (clone)', kind: 'memory-bound: a plain copy, the bandwidth floor',
    pa: (A, B, out) => lib.clone(A, { out }),
    cv: (cv, a, b, dst) => () => a.copyTo(dst),
  },
  {
    name: 'addSaturate image+image', kind: 'element-wise: 2 reads, 1 write and a saturating add per byte',
    pa: (A, B, out) => lib.addSaturate(A, B, { out }),
    cv: (cv, a, b, dst) => () => cv.add(a, b, dst),
  },
  {
    name: 'flip horizontal (materialised)', kind: 'a copy with a per-pixel shuffle',
    pa: (A, B, out) => lib.clone(lib.flip(A, 1), { out }),
    cv: (cv, a, b, dst) => () => cv.flip(a, dst, 1),
  },
  {
    name: 'resize bilinear ½', kind: 'reads every pixel, writes a quarter (2×2 averages)',
    outShape: ([h, w, c]) => [h >> 1, w >> 1, c],
    pa: (A, B, out) => lib.resize(A, out.shape[1], out.shape[0], { interpolation: 'bilinear', out }),
    cv: (cv, a, b, dst, st) => {
      st.size = new cv.Size(dst.cols, dst.rows);
      return () => cv.resize(a, dst, st.size, 0, 0, cv.INTER_LINEAR);
    },
  },
  {
    name: 'cvtColor RGB2HSV', kind: 'per-pixel arithmetic: min/max and table divisions',
    pa: (A, B, out) => lib.cvtColor(A, 'RGB2HSV', { out }),
    cv: (cv, a, b, dst) => () => cv.cvtColor(a, dst, cv.COLOR_RGB2HSV),
  },
  {
    name: 'gaussianBlur σ=3 (19×19)', kind: 'compute-bound: 2 × 19 multiply-adds per byte',
    pa: (A, B, out) => lib.gaussianBlur(A, 3, { out }),
    cv: (cv, a, b, dst, st) => {
      st.size = new cv.Size(0, 0);
      return () => cv.GaussianBlur(a, dst, st.size, 3, 3, cv.BORDER_DEFAULT);
    },
  },
];

const HELP = `usage: node bench/scaling.mjs [options]     (or: npm run bench:scaling -- [options])

  --quick             fewer warm-up and timed runs (rough numbers, ~4× faster)
  --filter <regex>    only ops whose name matches (case-insensitive)
  --json [file]       also write machine-readable results (default bench/results/scaling.json)
  --same-process      time pixelarray in this process, after opencv.js is loaded
  --pixelarray-only   time pixelarray alone, load no peer, print JSON (what the runner runs first)

Ops (${OPS.length}): ${OPS.map((o) => o.name).join('; ')}.
Sizes: ${SIZES.map((s) => `${s.width}×${s.height}`).join(', ')} (the bench photo resized with pixelarray's resize:
area to shrink, bilinear to enlarge). ns/px is per input pixel.
`;

function parseArgs(argv) {
  return parseBenchArgs(argv, {
    defaultJson: DEFAULT_JSON,
    defaults: { pixelarrayOnly: false, sameProcess: false },
    flags: { '--pixelarray-only': 'pixelarrayOnly', '--same-process': 'sameProcess' },
  });
}

/** The photo at every size, plus the mirrored second operand; identical in parent and child. */
function makeInputs() {
  const photo = loadBenchPhoto(lib).image;
  return SIZES.map(({ width, height }) => {
    const [h, w] = photo.shape;
    const A = width === w && height === h
      ? photo
      : lib.resize(photo, width, height, { interpolation: width * height < w * h ? 'area' : 'bilinear' });
    return { width, height, A, B: lib.clone(lib.flip(A, 1)) };
  });
}

const key = (op, s) => `${op.name} @ ${s.width}×${s.height}`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) { process.stdout.write(HELP); return; }
  const preset = opts.quick ? PRESETS.quick : PRESETS.full;
  const log = (s) => process.stderr.write(`${s}\n`);
  const ops = OPS.filter((o) => !opts.filter || opts.filter.test(o.name));
  if (ops.length === 0) throw new Error(`--filter ${opts.filter} matches no op; ops are: ${OPS.map((o) => o.name).join('; ')}`);

  const solo = opts.pixelarrayOnly || opts.sameProcess ? null : timePixelarrayAlone(fileURLToPath(import.meta.url), opts, 'key', log);
  const inputs = makeInputs();
  const cv = opts.pixelarrayOnly ? null : (await loadPeers()).libs.opencv;
  if (!opts.pixelarrayOnly && !cv) log('warning: opencv.js failed to load: pixelarray only');

  const results = [];
  const t0 = performance.now();
  for (const op of ops) {
    for (const s of inputs) {
      const { A, B } = s;
      const out = lib.zeros(...(op.outShape ? op.outShape(A.shape) : A.shape));
      const entries = [{ key: 'pixelarray', run: () => op.pa(A, B, out) }];
      let check = null;
      const mats = [];
      if (cv) {
        const a = toMat(cv, A), b = toMat(cv, B), dst = emptyMat(cv, out.shape), st = {};
        mats.push(a, b, dst);
        const run = op.cv(cv, a, b, dst, st);
        mats.push(...Object.values(st));
        // Identity check before timing, as bench/run.mjs does.
        op.pa(A, B, out);
        run();
        check = compareBytes(packedBytes(out).slice(), matBytes(dst));
        entries.push({ key: 'opencv', run });
      }
      const measured = measureAll(entries, { preset });
      const systems = {};
      for (const [k, t] of measured) systems[k] = { ...t };
      if (solo?.has(key(op, s))) systems.pixelarray = { ...solo.get(key(op, s)), inProcessMs: systems.pixelarray.medianMs };
      if (check) systems.opencv.check = check;
      for (const m of mats) m.delete?.();
      const px = s.width * s.height;
      results.push({ op: op.name, kind: op.kind, width: s.width, height: s.height, pixels: px, systems });
      const ms = (x) => (x < 0.01 ? fmtMs(x) : `${fmtMs(x)} ms`); // fmtMs writes µs itself
      log(`  ${key(op, s)}: ${Object.entries(systems).map(([k, t]) => `${k} ${ms(t.medianMs)}` +
        `${t.check && !t.check.ok ? ' (MISMATCH)' : ''}`).join(', ')}`);
    }
  }
  const elapsed = (performance.now() - t0) / 1000;
  if (opts.pixelarrayOnly) {
    process.stdout.write(`${JSON.stringify(results.map((r) => ({ key: `${r.op} @ ${r.width}×${r.height}`, timing: r.systems.pixelarray })))}\n`);
    return;
  }

  const ns = (ms, px) => ((ms * 1e6) / px).toFixed(2);
  const rows = results.map((r) => {
    const p = r.systems.pixelarray, o = r.systems.opencv;
    return [
      r.op, `${r.width}×${r.height}`,
      fmtMs(p.medianMs), ns(p.medianMs, r.pixels),
      o ? fmtMs(o.medianMs) : '—', o ? ns(o.medianMs, r.pixels) : '—',
      o ? `${(o.medianMs / p.medianMs).toFixed(2)}×` : '—',
      o?.check ? (o.check.ok ? 'identical' : `≠ ${o.check.detail}`) : '',
    ];
  });
  const machine = machineInfo();
  const out = [
    '',
    `pixelarray scaling — ${machine.cpuModel}, ${machine.logicalCores} logical cores; node ${machine.node}; ${machine.date}` +
      `${opts.quick ? '; --quick' : ''}`,
    '',
    renderTable(
      ['op', 'size', 'pixelarray ms', 'ns/px', 'opencv.js ms', 'ns/px', 'opencv.js / pixelarray', 'bytes'],
      rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
    '',
    'ms: median per call; ns/px: per input pixel; opencv.js / pixelarray above 1: pixelarray is faster.',
    opts.sameProcess
      ? 'pixelarray was timed in the same process as opencv.js (--same-process).'
      : 'pixelarray was timed alone in a child process (no peer loaded), as in bench/run.mjs.',
    `(${results.length} cells, ${elapsed.toFixed(0)} s)`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);

  if (opts.json) {
    writeResultsJson(opts.json, {
      schema: 'pixelarray-scaling/1',
      machine,
      versions: { pixelarray: pixelarrayVersion(), opencv: cv ? packageVersion('@techstark/opencv-js') : null },
      options: { quick: opts.quick, filter: opts.filter?.source ?? null, sameProcess: opts.sameProcess, preset },
      sizes: SIZES,
      results,
      elapsedSeconds: +elapsed.toFixed(1),
    }, log);
  }
}

main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
