#!/usr/bin/env node
// pixelarray benchmark: times each op on a 1920×1080 RGB photo against opencv.js, image-js,
// jimp and ndarray-ops, after checking that every peer computes byte-identical results.
//
//   node bench/run.mjs [--quick] [--filter <regex>] [--json [file]] [--peers opencv,ndarray,...]
//
// Build first (`npm run build`; `npm run bench` does it): the library is imported from dist/.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as lib from '../dist/index.js';
import * as simdLib from '../dist/simd/index.js';
import {
  compareBytes, fmtDuration, fmtMs, fmtSpeedup, machineInfo, measureAll, MODE_TAG, PRESETS, renderTable, speedup, timePixelarrayAlone, loadBenchPhoto, parseBenchArgs, pixelarrayVersion, writeResultsJson,
} from './harness.mjs';
import { emptyMat, loadPeers, matBytes, packedBytes, PEERS, toImagejs, toJimp, toMat, toNd } from './peers.mjs';
import arithmetic from './suites/arithmetic.mjs';
import channels from './suites/channels.mjs';
import geometry from './suites/geometry.mjs';
import imgproc from './suites/imgproc.mjs';
import draw from './suites/draw.mjs';
import edges from './suites/edges.mjs';
import ml from './suites/ml.mjs';
import morphology from './suites/morphology.mjs';
import opencvMore from './suites/opencv-more.mjs';
import chain from './suites/chain.mjs';
import pillow from './suites/pillow.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const DEFAULT_JSON = join(HERE, 'results', 'latest.json');

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  return parseBenchArgs(argv, {
    defaultJson: DEFAULT_JSON,
    defaults: { peers: null, pixelarrayOnly: false, sameProcess: false, noSimd: false },
    flags: { '--pixelarray-only': 'pixelarrayOnly', '--same-process': 'sameProcess', '--no-simd': 'noSimd' },
    values: { '--peers': (o, v) => { o.peers = v.split(',').map((p) => p.trim()); } },
  });
}

const HELP = `usage: node bench/run.mjs [options]     (or: npm run bench -- [options])

  --quick             fewer warm-up and timed runs (rough numbers, ~4× faster)
  --filter <regex>    only ops whose name or family matches (case-insensitive),
                      e.g. --filter flip, --filter "^bitwise", --filter channels
  --json [file]       also write machine-readable results (default bench/results/latest.json)
  --peers <list>      comma-separated subset of: ${PEERS.map((p) => p.key).join(', ')}
  --same-process      time pixelarray in this process, after the peers are loaded (see below)
  --pixelarray-only   time pixelarray alone, load no peer, print JSON (what the runner runs first)
  --no-simd           leave out the pixelarray/simd column

The "simd" column is pixelarray/simd (WebAssembly SIMD128 kernels, same bytes; each call copies
its input into wasm memory and its result out, which the time includes). Where an op has no
kernel it runs the core, and its time is the core's.

pixelarray is timed in a child process that loads no peer: loading opencv.js detaches a wasm
ArrayBuffer, after which V8 adds a detach check to every typed-array access in the process,
slowing pure-JS loops by 15–20%. The in-process figure is kept in the JSON as inProcessMs.
`;

// ---------------------------------------------------------------------------------------------
// Context shared by the suites: inputs in every peer's own type, created lazily and once.

function makeContext(A, libs) {
  const [h, w] = A.shape;
  // Second operand: the photo mirrored left-right (real content, different at every pixel).
  const B = lib.clone(lib.flip(A, 1));
  // Mask: first channel > 127, an irregular region of the photo.
  const mask = lib.zeros(h, w, 1);
  for (let p = 0; p < h * w; p++) mask.data[p] = A.data[3 * p] > 127 ? 255 : 0;
  const ctx = {
    lib, A, B, mask,
    cv: libs.opencv, imagejs: libs.imagejs, jimp: libs.jimp, ndarray: libs.ndarray,
    toMat: (pa) => toMat(libs.opencv, pa),
    emptyMat: (shape) => emptyMat(libs.opencv, shape),
    matBytes,
    toImagejs: (pa) => toImagejs(libs.imagejs.Image, pa),
    toJimp: (pa) => toJimp(libs.jimp.Jimp, pa),
    toNd: (pa) => toNd(libs.ndarray.ndarray, pa),
  };
  const lazy = {
    cvA: () => ctx.toMat(A), cvB: () => ctx.toMat(B), cvMask: () => ctx.toMat(mask),
    ijA: () => ctx.toImagejs(A), ijB: () => ctx.toImagejs(B),
    jimpA: () => ctx.toJimp(A),
    ndA: () => ctx.toNd(A), ndB: () => ctx.toNd(B),
    // The photo in gray (cvtColor RGB2GRAY), for the single-channel ops (threshold, equalizeHist…).
    gray: () => lib.cvtColor(A, 'RGB2GRAY'), cvGray: () => ctx.toMat(ctx.gray), ijGray: () => ctx.toImagejs(ctx.gray),
  };
  const made = new Map();
  for (const [key, create] of Object.entries(lazy)) {
    Object.defineProperty(ctx, key, {
      get() { if (!made.has(key)) made.set(key, create()); return made.get(key); },
    });
  }
  ctx.dispose = () => { for (const [key, v] of made) if (key.startsWith('cv')) v.delete(); };
  return ctx;
}

/** The same context with pixelarray/simd as `lib` and no peer, for the simd column. */
function simdContext(ctx) {
  const none = { value: null };
  return Object.create(ctx, { lib: { value: simdLib }, cv: none, imagejs: none, jimp: none, ndarray: none });
}

/** Bytes of any system's output: PixelArray, cv.Mat, image-js Image, Jimp, ndarray, or lists. */
function bytesOf(x) {
  if (x instanceof Uint8Array) return { bytes: x };
  if (Array.isArray(x)) {
    const parts = x.map(bytesOf);
    return { bytes: parts.map((p) => p.bytes), rgba: parts.some((p) => p.rgba) };
  }
  if (x instanceof lib.PixelArray) return { bytes: packedBytes(x).slice() };
  if (typeof x?.isContinuous === 'function') return { bytes: matBytes(x) };
  if (typeof x?.getRawImage === 'function') return { bytes: x.getRawImage().data.slice() };
  if (x?.bitmap?.data) return { bytes: new Uint8Array(x.bitmap.data), rgba: true };
  if (x?.shape && x?.stride && x?.data) {
    const shape = x.shape.length === 2 ? [...x.shape, 1] : x.shape;
    const stride = x.stride.length === 2 ? [...x.stride, 1] : x.stride;
    return { bytes: packedBytes(new lib.PixelArray(x.data, shape, stride, x.offset)).slice() };
  }
  throw new Error(`cannot read the bytes of ${Object.prototype.toString.call(x)}`);
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) { process.stdout.write(HELP); return; }
  const preset = opts.quick ? PRESETS.quick : PRESETS.full;
  const log = (s) => process.stderr.write(`${s}\n`);

  const { image: A, source } = loadBenchPhoto(lib);
  const [h, w, c] = A.shape;
  // pixelarray's own timings come from a process that never loads a peer (see HELP).
  const solo = opts.pixelarrayOnly || opts.sameProcess ? null : timePixelarrayAlone(fileURLToPath(import.meta.url), opts, 'op', log, { record: true });
  const { libs, versions, errors } = opts.pixelarrayOnly
    ? { libs: Object.fromEntries(PEERS.map((p) => [p.key, null])), versions: {}, errors: {} }
    : await loadPeers();
  for (const [key, err] of Object.entries(errors)) log(`warning: peer ${key} failed to load and is skipped: ${err}`);
  const unknown = (opts.peers ?? []).filter((k) => !PEERS.some((p) => p.key === k));
  if (unknown.length) throw new Error(`--peers: unknown ${unknown.join(', ')}; choose from ${PEERS.map((p) => p.key).join(', ')}`);
  const peers = PEERS.filter((p) => libs[p.key] && (!opts.peers || opts.peers.includes(p.key)));
  for (const p of PEERS) if (!peers.includes(p)) libs[p.key] = null;

  const simdLoaded = !opts.noSimd && await simdLib.ready();
  if (!opts.noSimd && !simdLoaded) log('warning: pixelarray/simd could not load its kernels (no WebAssembly SIMD): no simd column');
  const machine = machineInfo();
  const version = pixelarrayVersion();
  log(`pixelarray ${version}` +
    ` benchmark — ${source}, ${w}×${h}×${c}; ${machine.cpuModel} (${machine.logicalCores} logical cores), node ${machine.node}` +
    `${opts.quick ? ', --quick' : ''}`);
  log(`peers: ${peers.length ? peers.map((p) => `${p.label} ${versions[p.key]}`).join(', ') : 'none (pixelarray alone)'}`);

  const ctx = makeContext(A, libs);
  const simdCtx = simdLoaded ? simdContext(ctx) : null;
  const all = [
    ...arithmetic(), ...channels(), ...geometry(), ...imgproc(lib), ...edges(lib), ...morphology(lib), ...opencvMore(lib),
    ...draw(lib), ...ml(lib), ...chain(), ...pillow(),
  ];
  const selected = all.filter((op) => !opts.filter || opts.filter.test(op.name) || opts.filter.test(op.family));
  if (selected.length === 0) throw new Error(`--filter ${opts.filter} matches no op; ops are:\n  ${all.map((o) => o.name).join('\n  ')}`);

  const results = [];
  const t0 = performance.now();
  for (const op of selected) {
    if (op.unavailable) { log(`  ${op.name}: (not available: ${op.unavailable})`); continue; }
    const { systems, cleanup } = op.make(ctx);
    // `simd: false`: the op does not go through ctx.lib (e.g. the pillow suite), so no simd column.
    const simdMade = simdCtx && op.simd !== false ? op.make(simdCtx) : null;
    if (simdMade?.systems.pixelarray) systems.simd = simdMade.systems.pixelarray;
    const order = ['pixelarray', 'simd', ...peers.map((p) => p.key)].filter((k) => systems[k]);

    // 1. Identity check: every peer's result must equal pixelarray's, byte for byte.
    const checks = {};
    const pa = systems.pixelarray;
    if (pa.output) {
      pa.setup?.();
      pa.run();
      const expected = bytesOf(pa.output()).bytes;
      for (const k of order.slice(1)) {
        const s = systems[k];
        if (!s.output || s.check === false) continue;
        s.setup?.();
        s.run();
        const got = bytesOf(s.output());
        checks[k] = compareBytes(expected, got.bytes, got.rgba ? { stride: 4, keep: 3 } : {});
      }
    }

    // 2. Timing.
    const timings = {};
    // A system with its own `preset` (a very slow peer whose runs are capped) is timed on its own.
    const entry = (k) => ({ key: k, run: systems[k].run, setup: systems[k].setup });
    const measured = measureAll(order.filter((k) => !systems[k].preset).map(entry), { preset });
    for (const k of order.filter((k) => systems[k].preset)) {
      measured.set(k, measureAll([entry(k)], { preset: { ...preset, ...systems[k].preset } }).get(k));
    }
    if (solo?.has(op.name)) {
      const alone = solo.get(op.name);
      measured.set('pixelarray', { ...alone.timing, inProcessMs: measured.get('pixelarray').medianMs });
      if (alone.simd && measured.has('simd')) measured.set('simd', { ...alone.simd, inProcessMs: measured.get('simd').medianMs });
    }
    for (const k of order) {
      const s = systems[k];
      timings[k] = { ...measured.get(k), mode: s.mode, note: s.note ?? null, composed: !!s.composed };
      if (k !== 'pixelarray' && s.check === false) timings[k].unchecked = true;
      if (k !== 'pixelarray') timings[k].speedup = speedup(timings[k].medianMs, timings.pixelarray.medianMs);
      if (checks[k]) timings[k].check = checks[k];
    }
    cleanup?.();
    simdMade?.cleanup?.();
    const parts = order.map((k) => `${k} ${fmtMs(timings[k].medianMs)}${checks[k] && !checks[k].ok ? ' (MISMATCH)' : ''}`);
    log(`  ${op.name}: ${parts.join(', ')}`);
    results.push({ op: op.name, family: op.family, note: op.note ?? null, systems: timings });
  }
  ctx.dispose();
  const elapsed = (performance.now() - t0) / 1000;
  if (opts.pixelarrayOnly) {
    process.stdout.write(`${JSON.stringify(results.map((r) => ({ op: r.op, timing: r.systems.pixelarray, simd: r.systems.simd ?? null })))}\n`);
    return;
  }

  // 3. Report.
  const simdShown = results.some((r) => r.systems.simd);
  const header = ['op', 'pixelarray ms'];
  const align = ['l', 'r'];
  if (simdShown) { header.push('simd ms', 'simd vs core'); align.push('r', 'r'); }
  for (const p of peers) { header.push(`${p.label} ms`, `pixelarray vs ${p.label}`); align.push('r', 'r'); }
  header.push('notes');
  align.push('l');
  const rows = [];
  const footnotes = [];
  const ref = (text) => {
    let i = footnotes.indexOf(text);
    if (i < 0) { footnotes.push(text); i = footnotes.length - 1; }
    return `[${i + 1}]`;
  };
  const mismatches = [];
  for (const r of results) {
    const pa = r.systems.pixelarray;
    const row = [r.op, `${fmtMs(pa.medianMs)} ${MODE_TAG[pa.mode]}`];
    const notes = r.note ? [ref(r.note)] : [];
    const warnings = [];
    if (simdShown) {
      const sd = r.systems.simd;
      const bad = sd?.check && !sd.check.ok;
      row.push(sd ? `${fmtMs(sd.medianMs)}${bad ? ' ≠' : ''}` : '—', sd ? fmtSpeedup(pa.medianMs / sd.medianMs) : '');
      if (bad) {
        warnings.push('  ⚠ pixelarray/simd result ≠ pixelarray');
        mismatches.push(`⚠ ${r.op}: the pixelarray/simd result differs from the core's — ${sd.check.detail}`);
      }
    }
    for (const p of peers) {
      const s = r.systems[p.key];
      if (!s) { row.push('—', ''); continue; }
      const bad = s.check && !s.check.ok;
      row.push(`${fmtMs(s.medianMs)} ${MODE_TAG[s.mode]}${bad ? ' ≠' : s.unchecked ? ' ≈' : ''}`, fmtSpeedup(s.speedup));
      if (s.note) notes.push(ref(`${p.label}: ${s.note}`));
      if (bad) {
        warnings.push(`  ⚠ ${p.label} result ≠ pixelarray`);
        mismatches.push(`⚠ ${r.op}: the ${p.label} result differs from pixelarray's — ${s.check.detail}`);
      }
    }
    row.push(notes.join(' '));
    rows.push(row);
    for (const text of warnings) rows.push([text, ...header.slice(1).map(() => '')]);
  }

  const out = [];
  out.push('');
  out.push(`pixelarray benchmark — ${source} (${w}×${h}×${c}, uint8); median ms per call`);
  out.push(`${machine.cpuModel}, ${machine.logicalCores} logical cores; node ${machine.node} (V8 ${machine.v8}); ${machine.date}`);
  out.push(`peers: ${peers.length ? peers.map((p) => `${p.label} ${versions[p.key]}`).join(', ') : 'none (pixelarray alone)'}`);
  out.push('');
  out.push(renderTable(header, rows, align));
  out.push('');
  for (const m of mismatches) out.push(m);
  if (mismatches.length) out.push('');
  footnotes.forEach((text, i) => out.push(`[${i + 1}] ${text}`));
  out.push('');
  out.push('ms: median wall time of one call (performance.now), after warm-up; lower is better.');
  out.push(opts.sameProcess
    ? 'pixelarray was timed in the same process as the peers (--same-process).'
    : 'pixelarray was timed alone in a child process: a loaded opencv.js slows every typed-array loop in its process (see --help).');
  out.push('Output: r = written into a preallocated output (pixelarray { out }, opencv.js dst Mat, ndarray-ops target, image-js { out });');
  out.push('        a = a new output is allocated on every call; i = in place; v = O(1) view, no pixels copied.');
  out.push('"pixelarray vs X" = X ms / pixelarray ms: "2.00× faster" means pixelarray takes half the time of X; "SLOWER" means X wins.');
  if (simdShown) out.push('"simd vs core" = pixelarray ms / simd ms: how much faster pixelarray/simd is than the pure-TS core.');
  out.push('— = the peer has no op computing the same thing. ≠ = the peer\'s result differs from pixelarray\'s (see ⚠ rows).');
  out.push('Before timing, every peer\'s result was compared byte for byte with pixelarray\'s: cells without ≠ are identical.');
  if (results.some((r) => Object.values(r.systems).some((s) => s.unchecked))) {
    out.push('≈ = the peer computes a comparable but different result (other kernel, weights or rounding; see notes): timed, not byte-checked.');
  }
  out.push('jimp always works on RGBA (4 bytes/pixel, 33% more memory traffic); its results are compared on RGB only.');

  // Summary against opencv.js.
  const cvRows = results.filter((r) => r.systems.opencv);
  if (cvRows.length) {
    const faster = cvRows.filter((r) => r.systems.opencv.speedup > 1);
    const slower = cvRows.filter((r) => r.systems.opencv.speedup <= 1);
    const composed = cvRows.filter((r) => r.systems.opencv.composed).length;
    const geo = Math.exp(cvRows.reduce((s, r) => s + Math.log(r.systems.opencv.speedup), 0) / cvRows.length);
    const mismatched = cvRows.filter((r) => r.systems.opencv.check && !r.systems.opencv.check.ok).length;
    const unchecked = cvRows.filter((r) => r.systems.opencv.unchecked).length;
    out.push('');
    out.push(`Summary: pixelarray is faster than opencv.js on ${faster.length} of ${cvRows.length} ops` +
      `${composed ? ` (${composed} of them with the opencv.js side composed from ROI copies)` : ''}` +
      `; geometric-mean speed-up ${geo.toFixed(2)}×` +
      `${slower.length ? `.\nSLOWER than opencv.js on ${slower.length}: ${slower.map((r) => `${r.op}: ${fmtDuration(r.systems.pixelarray.medianMs)} vs ${fmtDuration(r.systems.opencv.medianMs)}`).join('; ')}` : ''}` +
      `${mismatched ? `.\n${mismatched} opencv.js result(s) differ from pixelarray's (see ⚠)` : `.\nAll ${unchecked ? 'byte-checked ' : ''}opencv.js results are identical to pixelarray's`}` +
      `${unchecked ? `; ${unchecked} op(s) marked ≈ compare a comparable but different computation, not byte-checked` : ''}.`);
  }
  const simdRows = results.filter((r) => r.systems.simd && r.systems.opencv);
  if (simdRows.length) {
    const ratio = (r) => r.systems.opencv.medianMs / r.systems.simd.medianMs;
    const geo = Math.exp(simdRows.reduce((s, r) => s + Math.log(ratio(r)), 0) / simdRows.length);
    const behind = simdRows.filter((r) => ratio(r) <= 1);
    out.push(`pixelarray/simd: faster than opencv.js on ${simdRows.length - behind.length} of ${simdRows.length} ops; geometric-mean speed-up ${geo.toFixed(2)}×` +
      `${behind.length ? `; slower on: ${behind.map((r) => r.op).join('; ')}` : ''}.`);
  }
  out.push(`(${results.length} ops, ${elapsed.toFixed(0)} s${opts.quick ? ', --quick' : ''})`);
  process.stdout.write(`${out.join('\n')}\n`);

  if (opts.json) {
    writeResultsJson(opts.json, {
      schema: 'pixelarray-bench/1',
      machine,
      image: { source, height: h, width: w, channels: c },
      versions: { pixelarray: version, ...versions },
      options: { quick: opts.quick, filter: opts.filter?.source ?? null, peers: peers.map((p) => p.key), preset },
      results,
      elapsedSeconds: +elapsed.toFixed(1),
    }, log);
  }
}

main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
