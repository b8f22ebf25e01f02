// Timing, result checking, table and JSON output for the pixelarray benchmark.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeJpeg } from '../dist/codecs/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The photo every bench runs on (scikit-image's CC0 "coffee", upscaled to 1920×1080). */
export const BENCH_PHOTO = join(HERE, 'assets', 'photo-1080p.jpg');

/** Timing presets. `slow*` apply to a cell whose first run takes longer than `slowMs`. */
export const PRESETS = {
  full: { warmRuns: 5, warmMs: 200, minRuns: 15, maxRuns: 400, budgetMs: 1000, slowMs: 40, slowWarmRuns: 2, slowMinRuns: 7 },
  quick: { warmRuns: 2, warmMs: 50, minRuns: 5, maxRuns: 100, budgetMs: 200, slowMs: 20, slowWarmRuns: 1, slowMinRuns: 3 },
};

// A sample shorter than this is too close to the timer's resolution: such ops are run in batches.
const MIN_SAMPLE_MS = 1;

const now = () => performance.now();

function median(sorted) {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/**
 * Times several implementations of one op. Each entry is `{ key, run, setup? }`: `run` is the
 * timed call, `setup` (optional) runs untimed before every run.
 *
 * 1. Calibration, per entry: warm-up runs (at least `warmRuns` and `warmMs`; fewer for a slow
 *    entry), then N = budget / time of one run, clamped to [minRuns, maxRuns].
 * 2. Sampling, interleaved: each entry's N timed runs are split into `rounds` chunks and the
 *    entries take turns chunk by chunk, so that a load change on the machine (other processes,
 *    frequency scaling) hits every library alike instead of whichever happened to run then.
 *    Within a chunk an entry runs back to back, so its caches are as warm as in a plain loop.
 *
 * Returns a Map key → `{ medianMs, minMs, p25Ms, p75Ms, runs, batch, warmupRuns, slow }`.
 */
export function measureAll(entries, { preset = PRESETS.full, rounds = 5 } = {}) {
  const gc = globalThis.gc;
  const states = entries.map((e) => {
    if (typeof gc === 'function') gc();
    return { entry: e, ...calibrate(e, preset), samples: [] };
  });
  for (let round = 0; round < rounds; round++) {
    for (const st of states) {
      const target = Math.ceil((st.runs * (round + 1)) / rounds);
      while (st.samples.length < target) st.samples.push(sample(st.entry, st.batch));
    }
  }
  const results = new Map();
  for (const st of states) {
    const s = Float64Array.from(st.samples).sort();
    const n = s.length;
    results.set(st.entry.key, {
      medianMs: median(s),
      minMs: s[0],
      p25Ms: s[Math.floor((n - 1) * 0.25)],
      p75Ms: s[Math.ceil((n - 1) * 0.75)],
      runs: n,
      batch: st.batch,
      warmupRuns: st.warmupRuns,
      slow: st.slow,
    });
  }
  return results;
}

/** Times one entry alone (see `measureAll`). */
export function measure(run, { setup, preset = PRESETS.full } = {}) {
  return measureAll([{ key: 0, run, setup }], { preset }).get(0);
}

/** One timed run (or batch of runs, reporting the time per run). */
function sample({ run, setup }, batch) {
  if (batch === 1) {
    if (setup) setup();
    const t = now();
    run();
    return now() - t;
  }
  const t = now();
  for (let k = 0; k < batch; k++) run();
  return (now() - t) / batch;
}

/** Warm-up; returns `{ runs, batch, warmupRuns, slow }` for the timed part. */
function calibrate(entry, preset) {
  const first = sample(entry, 1);
  const slow = first > preset.slowMs;
  const warmRuns = slow ? preset.slowWarmRuns : preset.warmRuns;
  const warmStart = now();
  let warm = 1, last = first;
  while (warm < warmRuns || (!slow && now() - warmStart < preset.warmMs && warm < 100000)) {
    last = sample(entry, 1);
    warm++;
  }
  const estimate = Math.max(Math.min(last, first), 1e-6);
  // Very fast ops (views): time batches of calls so that a sample is well above timer resolution.
  const batch = !entry.setup && estimate < MIN_SAMPLE_MS / 4 ? Math.ceil(MIN_SAMPLE_MS / estimate) : 1;
  const minRuns = slow ? preset.slowMinRuns : preset.minRuns;
  const runs = Math.max(minRuns, Math.min(preset.maxRuns, Math.floor(preset.budgetMs / (estimate * batch))));
  return { runs, batch, warmupRuns: warm, slow };
}

/** Concatenates byte arrays (a split's planes) into one. */
function flatten(out) {
  if (out instanceof Uint8Array) return out;
  const total = out.reduce((s, p) => s + p.length, 0);
  const all = new Uint8Array(total);
  let at = 0;
  for (const p of out) { all.set(p, at); at += p.length; }
  return all;
}

/**
 * Compares a peer's output with pixelarray's (packed H×W×C bytes, or a list of planes). With
 * `stride` 4 and `keep` 3 the peer's bytes are RGBA and only RGB is compared (jimp).
 * Returns `{ ok, detail }`.
 */
export function compareBytes(expected, actual, { stride = 0, keep = 0 } = {}) {
  const e = flatten(expected);
  let a = flatten(actual);
  if (stride) {
    const px = a.length / stride;
    const rgb = new Uint8Array(px * keep);
    for (let p = 0; p < px; p++) for (let k = 0; k < keep; k++) rgb[p * keep + k] = a[p * stride + k];
    a = rgb;
  }
  if (e.length !== a.length) return { ok: false, detail: `length ${a.length} ≠ ${e.length}` };
  let diff = 0, first = -1, maxDelta = 0;
  for (let i = 0; i < e.length; i++) {
    if (e[i] !== a[i]) {
      diff++;
      if (first < 0) first = i;
      maxDelta = Math.max(maxDelta, Math.abs(e[i] - a[i]));
    }
  }
  if (diff === 0) return { ok: true, detail: `identical (${e.length} bytes)` };
  return {
    ok: false,
    detail: `${diff} of ${e.length} bytes differ (first at byte ${first}: pixelarray ${e[first]}, peer ${a[first]}; max |Δ| ${maxDelta})`,
  };
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** Milliseconds with about three significant digits. */
export function fmtMs(ms) {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return '';
  if (ms < 0.01) return `${(ms * 1000).toFixed(2)} µs`.replace(/\.?0+ µs$/, ' µs');
  if (ms < 1) return ms.toFixed(3);
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

/** A duration with its unit: `fmtMs` plus " ms" (fmtMs writes "µs" itself below 10 µs). */
export function fmtDuration(ms) {
  const text = fmtMs(ms);
  return text === '' || text.endsWith('µs') ? text : `${text} ms`;
}

/** `peerMs / pixelarrayMs`: how many times faster pixelarray is (<1: slower). */
export function speedup(peerMs, paMs) {
  return peerMs / paMs;
}

/** Human text for a speed-up, from pixelarray's point of view. */
export function fmtSpeedup(s) {
  if (!Number.isFinite(s)) return '';
  const v = s >= 1 ? s : 1 / s;
  const num = v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  if (Math.abs(s - 1) < 0.005) return 'same speed';
  return s >= 1 ? `${num}× faster` : `${num}× SLOWER`;
}

export const MODE_TAG = { reuse: 'r', alloc: 'a', 'in place': 'i', view: 'v' };

/** Renders rows of cells (strings) as an aligned Markdown-compatible table. */
export function renderTable(header, rows, align) {
  const widths = header.map((h, j) => Math.max(strlen(h), ...rows.map((r) => strlen(r[j] ?? ''))));
  const pad = (s, j) => {
    const gap = ' '.repeat(widths[j] - strlen(s));
    return align[j] === 'r' ? gap + s : s + gap;
  };
  const line = (cells) => `| ${cells.map((c, j) => pad(c ?? '', j)).join(' | ')} |`;
  const sep = `|${widths.map((w, j) => (align[j] === 'r' ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), sep, ...rows.map(line)].join('\n');
}

// Display width: count code points (×, µ, ≠ are one column each).
function strlen(s) {
  return [...String(s)].length;
}

/** Machine description for the JSON file and the report header. */
export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    logicalCores: cpus.length,
    totalMemGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    node: process.version,
    v8: process.versions.v8,
    date: new Date().toISOString(),
  };
}

/**
 * Runs `script` again with --pixelarray-only (plus --quick / --filter from `opts`) in a child
 * process that loads no peer, and returns its timings as a Map from `row[key]` to `row.timing`
 * (the child prints them as a JSON array on its last line). See run.mjs for why.
 */
export function timePixelarrayAlone(script, opts, key, log, { record = false } = {}) {
  log('timing pixelarray alone in a child process (no peer loaded)…');
  const args = [script, '--pixelarray-only'];
  if (opts.quick) args.push('--quick');
  if (opts.filter) args.push('--filter', opts.filter.source);
  if (opts.noSimd) args.push('--no-simd');
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(`the pixelarray-only child process failed (exit ${child.status})`);
  // `record`: the whole line of each op (its timing and any extra columns such as simd), else its timing.
  return new Map(JSON.parse(child.stdout.trim().split('\n').pop()).map((r) => [r[key], record ? r : r.timing]));
}

/**
 * The bench photo as an RGB PixelArray of `lib` (the built library), and where it came from
 * (relative to the repository). While the asset is missing: smooth gradients plus deterministic noise.
 */
export function loadBenchPhoto(lib) {
  if (!existsSync(BENCH_PHOTO)) {
    const h = 1080, w = 1920, data = new Uint8Array(h * w * 3);
    let seed = 12345;
    for (let y = 0, i = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        const n = (seed >>> 24) & 31;
        data[i++] = (x * 255 / w + n) & 255; data[i++] = (y * 255 / h + n) & 255; data[i++] = ((x + y) & 255) ^ n;
      }
    }
    return { image: lib.fromData(data, h, w, 3), source: 'synthetic 1920×1080 (bench/assets/photo-1080p.jpg missing)' };
  }
  // Decoded as libjpeg-turbo decodes it (our decoder is bit-exact with it), so native_opencv.py's
  // cv2.imread of the same file gives every system the same input bytes.
  const image = decodeJpeg(readFileSync(BENCH_PHOTO), { orientation: 'ignore' });
  if (image.shape[2] !== 3) throw new Error(`${BENCH_PHOTO}: expected an RGB JPEG, got ${image.shape[2]} channel(s)`);
  return { image: lib.fromData(image.data, image.shape[0], image.shape[1], 3), source: relative(resolve(HERE, '..'), BENCH_PHOTO) };
}

/**
 * The bench scripts' options: --quick, --filter <regex>, --json [file] (`defaultJson` when no file
 * follows), --help / -h, and the script's own: `flags` (option → key set to true) and `values`
 * (option → (opts, value) => void). Every option that takes a value also takes `--name=value`.
 */
export function parseBenchArgs(argv, { defaultJson, defaults = {}, flags = {}, values = {} }) {
  const opts = { quick: false, filter: null, json: null, help: false, ...defaults };
  const setters = { '--filter': (o, v) => { o.filter = new RegExp(v, 'i'); }, ...values };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i], inline = null;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) { inline = a.slice(eq + 1); a = a.slice(0, eq); }
    const next = () => (i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[++i] : null);
    if (a === '--json') opts.json = inline ?? next() ?? defaultJson;
    else if (setters[a]) {
      const v = inline ?? next();
      if (v === null) throw new Error(`${a} needs a value`);
      setters[a](opts, v);
    } else if (inline !== null) throw new Error(`${a} takes no value`);
    else if (a === '--quick') opts.quick = true;
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (flags[a]) opts[flags[a]] = true;
    else throw new Error(`unknown option ${a} (try --help)`);
  }
  return opts;
}

/** pixelarray's version, from the repository's package.json. */
export function pixelarrayVersion() {
  return JSON.parse(readFileSync(join(HERE, '..', 'package.json'), 'utf8')).version;
}

/** Writes a bench's results as pretty JSON to `file` (its folder made as needed) and says so. */
export function writeResultsJson(file, json, log) {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
  log(`wrote ${relative(process.cwd(), path) || path}`);
}
