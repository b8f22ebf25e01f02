#!/usr/bin/env node
// Performance report: pixelarray against native OpenCV and the JS peers, from the benchmarks' JSON.
//
//   node scripts/bench-report.mjs [--latest f] [--native f] [--scaling f] [--doc f] [--svg f] [--check]
//   (npm run bench:report)
//
// Reads bench/results/latest.json (`npm run bench -- --json`), bench/results/native.json
// (`/usr/bin/python3 bench/native_opencv.py --json ...`, optional) and bench/results/scaling.json
// (`node bench/scaling.mjs --json`, optional). Writes the section of docs/benchmarks.md between
// `<!-- results:start -->` and `<!-- results:end -->` (the rest of the file is left alone) and the
// chart docs/images/bench-chart.svg. The output depends only on the JSON, so a rerun on the same
// files changes nothing. The functions are exported for test/scripts/bench-report.test.ts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmtMs, renderTable } from '../bench/harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const START_MARKER = '<!-- results:start -->';
export const END_MARKER = '<!-- results:end -->';

/** The geometric-mean target of issue 4 for pixelarray / native OpenCV over the hot-loop suite. */
export const TARGET = 3;

/**
 * The hot-loop suite of issue 4, item by item, as the op names of bench/suites/*.mjs and
 * bench/native_opencv.py. Choices: `concat` and `roll` count both axes (they are different memory
 * patterns); "emboss (filter2D)" is the filter2D row, where both sides compute the same bytes
 * (the `emboss` row's native side is the same filter but not Pillow's frame handling).
 */
export const HOT_LOOP_SUITE = [
  { item: 'add / subtract saturate', ops: ['addSaturate image+image', 'subtractSaturate image−image'] },
  { item: 'add modulo', ops: ['addModulo image+image'] },
  { item: 'add scalar', ops: ['addSaturate image+50 (scalar)'] },
  { item: 'split', ops: ['split → 3 planes'] },
  { item: 'merge', ops: ['merge 3 planes → RGB'] },
  { item: 'concat', ops: ['concat [a; b] axis 0 (vertical, 2160×1920)', 'concat [a, b] axis 1 (horizontal, 1080×3840)'] },
  { item: 'roll', ops: ['roll 50 columns (axis 1)', 'roll 50 rows (axis 0)'] },
  { item: 'transpose', ops: ['transpose (materialised)'] },
  { item: 'flip ×2', ops: ['flip horizontal (materialised)', 'flip vertical (materialised)'] },
  { item: 'rot90', ops: ['rot90 counter-clockwise (materialised)'] },
  { item: 'crop copy', ops: ['crop 960×540 (copy)'] },
  {
    item: 'resize (half, ×1.5, odd ratio, area)',
    ops: [
      'resize bilinear to 960×540 (½)', 'resize bilinear to 2880×1620 (×1.5)',
      'resize bilinear to 1366×768 (odd ratio)', 'resize area to 960×540 (½)',
    ],
  },
  { item: 'Gaussian σ=3 and 5×5', ops: ['gaussianBlur σ=3 (19×19)', 'gaussianBlur 5×5 (σ 0 → [1 4 6 4 1]/16)'] },
  { item: 'emboss (filter2D)', ops: ['filter2D 3×3 [[-1,0,0],[0,1,0],[0,0,0]] + 128'] },
  { item: 'box 5×5', ops: ['blur 5×5 (box)'] },
  { item: 'median 5', ops: ['medianBlur 5×5'] },
  { item: 'calcHist (256×3 and 8×8×8)', ops: ['calcHist 256 bins, each of 3 channels (3 calls)', 'calcHist 3-D 8×8×8'] },
  { item: 'compareHist chi-square', ops: ['compareHist chisqr, 8×8×8 histograms'] },
  { item: 'RGB→gray, RGB→HSV', ops: ['cvtColor RGB2GRAY', 'cvtColor RGB2HSV'] },
  { item: 'warpAffine rotation', ops: ['warpAffine rotate 15° about the centre, bilinear'] },
];

export const SUITE_OPS = HOT_LOOP_SUITE.flatMap((s) => s.ops);

/** Table / chart columns: key in latest.json `systems`, label, chart colour (Okabe–Ito). */
export const SYSTEMS = [
  { key: 'pixelarray', label: 'pixelarray', color: '#0072B2' },
  { key: 'simd', label: 'pixelarray/simd', color: '#000000' },
  { key: 'opencv', label: 'opencv.js', color: '#E69F00' },
  { key: 'imagejs', label: 'image-js', color: '#009E73' },
  { key: 'jimp', label: 'jimp', color: '#CC79A7' },
  { key: 'ndarray', label: 'ndarray-ops', color: '#56B4E9' },
];

// ---------------------------------------------------------------------------------------------
// Data

/** Geometric mean of positive finite numbers; NaN for an empty list. */
export function geomean(values) {
  const v = values.filter((x) => Number.isFinite(x) && x > 0);
  if (v.length === 0 || v.length !== values.length) return Number.NaN;
  return Math.exp(v.reduce((s, x) => s + Math.log(x), 0) / v.length);
}

const positive = (x) => (Number.isFinite(x) && x > 0 ? x : null);

/**
 * One row per op of latest.json (O(1) "view only" rows left out: nothing to compare), in its
 * order, then native-only ops (`nativeOnly: true`). Row: `{ op, family, inSuite, native: { ms, comparable, note } | null,
 * ms: { pixelarray, opencv, … } (null where absent), marks: { key: '≈' | '≠' | '' },
 * ratioNative: pixelarray / native, ratioOpencv: opencv.js / pixelarray }`.
 */
export function buildRows(latest, native) {
  const nativeByOp = new Map((native?.results ?? []).map((r) => [r.op, r]));
  const suite = new Set(SUITE_OPS);
  const rows = [];
  for (const r of latest?.results ?? []) {
    if (r.family === 'views') continue;
    const n = nativeByOp.get(r.op);
    const ms = {}, marks = {};
    for (const { key } of SYSTEMS) {
      const s = r.systems?.[key];
      ms[key] = positive(s?.medianMs);
      marks[key] = s?.check && !s.check.ok ? '≠' : s?.unchecked ? '≈' : '';
    }
    const nativeMs = positive(n?.medianMs);
    rows.push({
      op: r.op,
      family: r.family ?? '',
      inSuite: suite.has(r.op),
      native: nativeMs ? { ms: nativeMs, comparable: !!n.comparable, note: n.note ?? null, library: n.library ?? null } : null,
      ms,
      marks,
      ratioNative: nativeMs && ms.pixelarray ? ms.pixelarray / nativeMs : null,
      ratioOpencv: ms.opencv && ms.pixelarray ? ms.opencv / ms.pixelarray : null,
      ratioNativeSimd: nativeMs && ms.simd ? ms.simd / nativeMs : null,
      ratioOpencvSimd: ms.opencv && ms.simd ? ms.opencv / ms.simd : null,
    });
  }
  const seen = new Set(rows.map((r) => r.op));
  for (const n of native?.results ?? []) {
    if (seen.has(n.op) || !positive(n.medianMs)) continue;
    rows.push({
      op: n.op, family: '', inSuite: suite.has(n.op), nativeOnly: true,
      native: { ms: n.medianMs, comparable: !!n.comparable, note: n.note ?? null, library: n.library ?? null },
      ms: Object.fromEntries(SYSTEMS.map((s) => [s.key, null])),
      marks: Object.fromEntries(SYSTEMS.map((s) => [s.key, ''])),
      ratioNative: null, ratioOpencv: null, ratioNativeSimd: null, ratioOpencvSimd: null,
    });
  }
  return rows;
}

/**
 * Geometric means of pixelarray / native over the suite and over every op with both times, and
 * the suite ops that lack data (with the reason).
 */
export function summarize(rows, suiteOps = SUITE_OPS) {
  const byOp = new Map(rows.map((r) => [r.op, r]));
  const missing = [];
  const suiteRatios = [];
  for (const op of suiteOps) {
    const r = byOp.get(op);
    if (!r) missing.push({ op, reason: 'not in the results' });
    else if (r.nativeOnly) missing.push({ op, reason: 'not in the JS results' });
    else if (!r.ms.pixelarray) missing.push({ op, reason: 'no pixelarray time' });
    else if (!r.native) missing.push({ op, reason: 'no native OpenCV time' });
    else suiteRatios.push(r.ratioNative);
  }
  const all = rows.filter((r) => r.ratioNative);
  const opencv = rows.filter((r) => r.ratioOpencv);
  // pixelarray/simd (when the results have its column): the same means, and the ops it loses to opencv.js.
  const simdSuite = suiteOps.map((op) => byOp.get(op)?.ratioNativeSimd).filter((x) => x);
  const simdOpencv = rows.filter((r) => r.ratioOpencvSimd);
  return {
    simd: {
      suite: { geomean: geomean(simdSuite), n: simdSuite.length },
      opencv: { geomean: geomean(simdOpencv.map((r) => r.ratioOpencvSimd)), n: simdOpencv.length },
      slowerThanOpencv: simdOpencv.filter((r) => r.ratioOpencvSimd <= 1).map((r) => r.op),
    },
    suite: { geomean: geomean(suiteRatios), n: suiteRatios.length, total: suiteOps.length, missing },
    all: { geomean: geomean(all.map((r) => r.ratioNative)), n: all.length },
    opencv: { geomean: geomean(opencv.map((r) => r.ratioOpencv)), n: opencv.length },
  };
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** A ratio with about three significant digits and a ×. */
export function fmtRatio(x) {
  if (!Number.isFinite(x)) return '—';
  const r = Number(x.toPrecision(3)); // round first: 9.9996 is 10.0×, not 10.00×
  return `${r.toFixed(r >= 100 ? 0 : r >= 10 ? 1 : 2)}×`;
}

/** Markdown table cells must not contain a bare `|` (bitwiseOr image|image). */
const mdCell = (s) => String(s).replace(/\|/g, '\\|');

const fmtCell = (ms, mark = '') => (ms ? `${fmtMs(ms)}${mark ? ` ${mark}` : ''}` : '—');

/** The results table: op, native, pixelarray, the peers, and the two ratios. */
export function renderResultsTable(rows) {
  const header = [
    'op', 'suite', 'native OpenCV ms', 'pixelarray ms',
    ...SYSTEMS.slice(1).map((s) => `${s.label} ms`),
    'pixelarray / native', 'opencv.js / pixelarray',
  ];
  const align = ['l', 'l', 'r', 'r', ...SYSTEMS.slice(1).map(() => 'r'), 'r', 'r'];
  const body = rows.map((r) => [
    mdCell(r.op),
    r.inSuite ? '✓' : '',
    // Rows timed with another native library (the pillow suite: Pillow 9.4) say so in the cell.
    r.native ? `${fmtMs(r.native.ms)}${r.native.comparable ? ' ≈' : ''}${r.native.library ? ` (${r.native.library})` : ''}` : '—',
    ...SYSTEMS.map((s) => fmtCell(r.ms[s.key], r.marks[s.key])),
    fmtRatio(r.ratioNative),
    fmtRatio(r.ratioOpencv),
  ]);
  return renderTable(header, body, align);
}

/** The suite, item by item: which rows stand for it and their ratios. */
export function renderSuiteTable(rows, suite = HOT_LOOP_SUITE) {
  const byOp = new Map(rows.map((r) => [r.op, r]));
  const body = suite.flatMap(({ item, ops }) => ops.map((op, i) => [
    i === 0 ? item : '',
    mdCell(op),
    fmtRatio(byOp.get(op)?.ratioNative ?? Number.NaN),
  ]));
  return renderTable(['issue 4 item', 'op (as in the JSON)', 'pixelarray / native'], body, ['l', 'l', 'r']);
}

/** Scaling table: for each op and size, ms and ns per input pixel on both sides. */
export function renderScalingTable(scaling) {
  const sys = [{ key: 'pixelarray', label: 'pixelarray' }, { key: 'opencv', label: 'opencv.js' }]
    .filter((s) => scaling.results.some((r) => r.systems?.[s.key]));
  const header = ['op', 'size', ...sys.flatMap((s) => [`${s.label} ms`, `${s.label} ns/px`])];
  const align = ['l', 'l', ...sys.flatMap(() => ['r', 'r'])];
  if (sys.length === 2) { header.push('opencv.js / pixelarray'); align.push('r'); }
  let last = null;
  const body = scaling.results.map((r) => {
    const cells = [r.op === last ? '' : mdCell(r.op), `${r.width}×${r.height}`];
    last = r.op;
    for (const s of sys) {
      const t = r.systems?.[s.key];
      const bad = t?.check && !t.check.ok ? ' ≠' : '';
      cells.push(t ? `${fmtMs(t.medianMs)}${bad}` : '—', t ? fmtNs((t.medianMs * 1e6) / (r.width * r.height)) : '—');
    }
    if (sys.length === 2) {
      const p = r.systems?.pixelarray?.medianMs, o = r.systems?.opencv?.medianMs;
      cells.push(p && o ? fmtRatio(o / p) : '—');
    }
    return cells;
  });
  return renderTable(header, body, align);
}

function fmtNs(ns) {
  if (!Number.isFinite(ns)) return '—';
  return ns >= 100 ? ns.toFixed(0) : ns >= 10 ? ns.toFixed(1) : ns.toFixed(2);
}

const day = (iso) => (typeof iso === 'string' ? iso.replace(/T(\d\d:\d\d).*$/, ' $1 UTC') : 'unknown date');

/** One line on the machine and the runs, from the JSON files. */
export function describeRuns(latest, native) {
  const m = latest?.machine ?? {};
  const v = latest?.versions ?? {};
  const opts = latest?.options ?? {};
  const lines = [];
  lines.push(`- Machine: ${m.cpuModel ?? 'unknown CPU'}, ${m.logicalCores ?? '?'} logical cores` +
    `${m.totalMemGiB ? `, ${m.totalMemGiB} GiB` : ''}, ${m.platform ?? ''} ${m.arch ?? ''}`.trimEnd() + '.');
  lines.push(`- JS run: ${day(m.date)}, Node ${m.node ?? '?'} (V8 ${m.v8 ?? '?'}); pixelarray ${v.pixelarray ?? '?'}` +
    `${v.opencv ? `, opencv.js ${v.opencv}` : ''}${v.imagejs ? `, image-js ${v.imagejs}` : ''}` +
    `${v.jimp ? `, jimp ${v.jimp}` : ''}${v.ndarray ? `, ndarray-ops ${v.ndarray}` : ''}` +
    `${opts.quick ? '; **--quick** (rough numbers)' : ''}${opts.filter ? `; only ops matching /${opts.filter}/` : ''}.`);
  if (native) {
    const nm = native.machine;
    lines.push(`- Native: OpenCV ${native.opencv ?? '?'} (Debian python3-opencv), ${native.threads ?? 1} thread` +
      `${nm ? `, Python ${nm.python}, NumPy ${nm.numpy}, written ${day(nm.date)}` : ''}` +
      `${native.updated?.length ? ` (with --update: only ${native.updated.length} ops re-timed then, the others earlier)` : ''}` +
      `${nm && m.cpuModel && nm.cpuModel !== m.cpuModel ? ` — **on another CPU (${nm.cpuModel})**` : ''}.`);
  } else {
    lines.push('- Native: no bench/results/native.json; run `/usr/bin/python3 bench/native_opencv.py --json bench/results/native.json`.');
  }
  return lines.join('\n');
}

/** The generated Markdown section (without the markers). */
/**
 * The opt-in worker pool (bench/parallel.mjs → parallel.json): per suite op single, pooled and
 * pooled-with-shared-memory ms, each against native, and their geometric means over the suite.
 */
export function renderParallel(parallel, native, suiteOps = SUITE_OPS) {
  const nativeByOp = new Map((native?.results ?? []).map((r) => [r.op, positive(r.medianMs)]));
  const byOp = new Map((parallel?.results ?? []).map((r) => [r.op, r]));
  const ratios = { single: [], pooled: [], shared: [], best: [] };
  const lines = ['| op | single ms | pooled ms | pooled, shared memory ms | native ms | single / native | pooled / native | shared / native |',
    '|---|--:|--:|--:|--:|--:|--:|--:|'];
  let complete = true;
  for (const op of suiteOps) {
    const r = byOp.get(op), n = nativeByOp.get(op);
    const single = positive(r?.singleMs), pooled = positive(r?.pooledMs) ?? single, shared = positive(r?.pooledSharedMs) ?? pooled;
    if (!single || !n) { complete = false; continue; }
    ratios.single.push(single / n); ratios.pooled.push(pooled / n); ratios.shared.push(shared / n);
    ratios.best.push(Math.min(single, pooled) / n);
    const inline = r.pooledOp === false ? ' (inline)' : '';
    lines.push(`| ${mdCell(op)} | ${fmtMs(single)} | ${fmtMs(pooled)}${inline} | ${fmtMs(shared)}${inline} | ${fmtMs(n)} | ` +
      `${fmtRatio(single / n)} | ${fmtRatio(pooled / n)} | ${fmtRatio(shared / n)} |`);
  }
  const g = (k) => fmtGeo(geomean(ratios[k]));
  const m = parallel.machine ?? {};
  return [
    `With the opt-in worker pool (\`pixelarray/parallel\`, ${parallel.threads ?? '?'} threads, \`npm run bench:parallel -- --json\`, ` +
      `${day(m.date)}): **suite geometric mean ${g('pooled')} with ordinary arrays, ${g('shared')} with the images in shared memory** ` +
      `(single-threaded in the same run: ${g('single')}; the faster of single and pooled per op: ${g('best')})` +
      `${complete ? '' : '; suite ops without data are left out'}. Calls the pool runs inline are marked; see docs/parallel.md.`,
    '',
    '<details><summary>The suite, single-threaded and pooled</summary>',
    '',
    ...lines,
    '',
    '</details>',
  ].join('\n');
}

export function renderSection({ latest, native, scaling, parallel, chartHref, sources }) {
  const rows = buildRows(latest, native);
  const sum = summarize(rows);
  const out = [];
  out.push(`<!-- Generated by \`npm run bench:report\` (scripts/bench-report.mjs) from ${sources.join(', ')}. Edits between the results markers are overwritten. -->`);
  out.push('');
  out.push('### Against native OpenCV');
  out.push('');
  out.push(describeRuns(latest, native));
  out.push('');
  if (native) {
    const met = sum.suite.geomean <= TARGET;
    out.push(`**Hot-loop suite (issue 4): geometric mean of pixelarray / native OpenCV = ${fmtGeo(sum.suite.geomean)}` +
      ` over ${sum.suite.n} of its ${sum.suite.total} ops** (target ≤ ${TARGET}: ${Number.isFinite(sum.suite.geomean) ? (met ? 'met' : 'not met') : 'no data'}).` +
      ` Over all ${sum.all.n} ops with a native time: ${fmtGeo(sum.all.geomean)}.` +
      (sum.opencv.n ? ` opencv.js / pixelarray over ${sum.opencv.n} ops: ${fmtGeo(sum.opencv.geomean)} (above 1: pixelarray faster).` : ''));
    if (sum.simd.suite.n) {
      out.push('');
      out.push(`**pixelarray/simd: suite geometric mean / native OpenCV = ${fmtGeo(sum.simd.suite.geomean)} over ${sum.simd.suite.n} ops**` +
        ` (issue-15 target ≤ 1.5), each call copying its input into wasm memory and its result out.` +
        (sum.simd.opencv.n ? ` opencv.js / simd over ${sum.simd.opencv.n} ops: ${fmtGeo(sum.simd.opencv.geomean)};` +
          ` slower than opencv.js on ${sum.simd.slowerThanOpencv.length ? sum.simd.slowerThanOpencv.map(mdCell).join(', ') : 'none'}.` : ''));
    }
    if (sum.suite.missing.length) {
      out.push('');
      out.push(`Suite ops without data (left out of the mean): ${sum.suite.missing.map((m) => `${mdCell(m.op)} (${m.reason})`).join('; ')}.`);
    }
    if (parallel?.results?.length) {
      out.push('');
      out.push(renderParallel(parallel, native));
    }
    out.push('');
    if (chartHref) {
      out.push(`![Time of each op relative to native OpenCV, log scale](${chartHref})`);
      out.push('');
    }
  }
  out.push('Median ms per call on the 1920×1080 RGB photo; lower is better. "pixelarray / native" above 1 means native ' +
    'OpenCV is faster; "opencv.js / pixelarray" above 1 means pixelarray is faster. ✓ = in the issue-4 suite. ' +
    '≈ = comparable work, not the same bytes (not byte-checked); ≠ = the peer\'s bytes differ from pixelarray\'s ' +
    '(addWeighted: the opencv.js wasm build has no fma). — = no time. Native OpenCV allocates its result where ' +
    'NumPy/cv2 offer no `dst` (split, concat, roll, transpose, rot90, crop); its compareHist includes ~1 µs of Python call overhead.');
  out.push('');
  out.push(renderResultsTable(rows));
  out.push('');
  out.push('<details><summary>Which rows make up the issue-4 suite</summary>');
  out.push('');
  out.push(renderSuiteTable(rows));
  out.push('');
  out.push('</details>');
  if (scaling?.results?.length) {
    const sm = scaling.machine ?? {};
    out.push('');
    out.push('### Cost against image size');
    out.push('');
    out.push(`\`node bench/scaling.mjs --json\`${scaling.options?.quick ? ' (--quick: rough numbers)' : ''}, ${day(sm.date)},` +
      ` ${sm.cpuModel ?? '?'} (${sm.logicalCores ?? '?'} logical cores), Node ${sm.node ?? '?'}.` +
      ' Inputs: the bench photo resized with pixelarray\'s `resize` (area down to 256×256, bilinear up to 3840×2160);' +
      ' the second operand is the input mirrored. ns/px = ms per call / input pixels (resize ½ writes a quarter as many).' +
      ' pixelarray is timed in a child process with no peer loaded, as in `npm run bench`. An RGB image is 196 KB' +
      ' at 256×256 (the inputs and output stay in L2), 6.2 MB at 1920×1080 (they fit in a 32 MB last-level cache)' +
      ' and 25 MB at 3840×2160 (they do not). A memory-bound op costs more per pixel once its images leave the' +
      ' cache; an op bound by its arithmetic costs the same per pixel at every size; at 256×256 per-call' +
      ' overhead can show.');
    out.push('');
    out.push(renderScalingTable(scaling));
  }
  return out.join('\n');
}

const fmtGeo = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

/**
 * Puts `section` between the markers of `doc`, each alone on its line (a marker quoted in prose
 * does not count). Without markers, appends a "Generated results" section with them; with one
 * marker missing, out of order or repeated, throws (the file was edited by hand: fix it first).
 */
export function replaceSection(doc, section) {
  const lines = (marker) => [...doc.matchAll(new RegExp(`^[ \\t]*${marker}[ \\t\\r]*$`, 'gm'))];
  const starts = lines(START_MARKER), ends = lines(END_MARKER);
  const block = `${START_MARKER}\n${section.trim()}\n${END_MARKER}`;
  if (starts.length === 0 && ends.length === 0) return `${doc.replace(/\s*$/, '')}\n\n## Generated results\n\n${block}\n`;
  if (starts.length !== 1 || ends.length !== 1 || ends[0].index < starts[0].index) {
    throw new Error(`expected one line ${START_MARKER} followed by one line ${END_MARKER}`);
  }
  return doc.slice(0, starts[0].index) + block + doc.slice(ends[0].index + ends[0][0].length);
}

// ---------------------------------------------------------------------------------------------
// SVG chart

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (x) => (Math.round(x * 10) / 10).toString();

/** Largest 1-2-5 value ≤ x, or smallest ≥ x. */
function nice125(x, up) {
  const p = 10 ** Math.floor(Math.log10(x));
  const steps = [1, 2, 5, 10];
  if (up) return p * steps.find((s) => p * s >= x * (1 - 1e-9));
  return p * [...steps].reverse().find((s) => p * s <= x * (1 + 1e-9));
}

function fmtTick(v) {
  if (v >= 1000) return `${v / 1000}k×`;
  return `${+v.toPrecision(3)}×`;
}

/**
 * A horizontal log-scale bar chart of time / native OpenCV time, one group of bars per op with a
 * native time (pixelarray, opencv.js, then the pure-JS peers that have the op). Hand-written SVG:
 * no dependency, deterministic for a given input.
 */
export function renderChartSvg(rows, { title, subtitle = '', suiteGeomean = Number.NaN, target = TARGET } = {}) {
  const ops = rows.filter((r) => r.native && r.ms.pixelarray);
  const bars = ops.map((r) => SYSTEMS.filter((s) => r.ms[s.key]).map((s) => ({ sys: s, ratio: r.ms[s.key] / r.native.ms })));
  const ratios = bars.flat().map((b) => b.ratio);
  const lo = nice125(Math.min(1, ...ratios) / 1.3, false);
  const hi = nice125(Math.max(target * 1.5, ...ratios) * 1.1, true);

  const W = 1000;
  const font = 'DejaVu Sans, Verdana, Arial, sans-serif';
  // Average advance of a 12px sans-serif label (bold is wider), to size the label column.
  const textW = (text, bold) => [...text].length * (bold ? 7.4 : 6.6);
  const labelW = Math.min(400, Math.max(120, Math.ceil(Math.max(0, ...ops.map((r) => textW(r.op + (r.native.comparable ? ' ≈' : ''), r.inSuite))))));
  const x0 = 16 + labelW + 10, x1 = W - 64;
  const barH = 8, barGap = 2, groupPad = 6;
  const top = 126;
  const xOf = (v) => x0 + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (x1 - x0);

  // Layout the groups.
  let y = top;
  const groups = ops.map((r, i) => {
    const h = bars[i].length * (barH + barGap) - barGap;
    const g = { r, y, h, bars: bars[i] };
    y += h + 2 * groupPad;
    return g;
  });
  const bottom = y;
  const H = bottom + 44;

  const el = [];
  el.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${font}" font-size="12">`);
  el.push(`<title>${esc(title)}</title>`);
  el.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  el.push(`<text x="16" y="26" font-size="17" font-weight="bold" fill="#111">${esc(title)}</text>`);
  if (subtitle) el.push(`<text x="16" y="46" font-size="12" fill="#444">${esc(subtitle)}</text>`);

  // Legend.
  let lx = 16;
  const ly = 66;
  for (const s of SYSTEMS.filter((s) => bars.flat().some((b) => b.sys === s))) {
    el.push(`<rect x="${lx}" y="${ly - 9}" width="14" height="10" fill="${s.color}"/>`);
    el.push(`<text x="${lx + 19}" y="${ly}" fill="#222">${esc(s.label)}</text>`);
    lx += 19 + textW(s.label, false) + 22;
  }
  el.push(`<text x="${num(lx + 8)}" y="${ly}" fill="#444">bold label: in the issue-4 hot-loop suite; ≈ comparable work</text>`);
  // Key of the reference lines, under the legend (the chart is tall: keep keys at the top).
  const key = [{ text: 'native OpenCV (1×)', stroke: '#111', dash: '' }];
  if (target >= lo && target <= hi) key.push({ text: `target: suite geometric mean ≤ ${target}×`, stroke: '#D55E00', dash: '6 4' });
  if (Number.isFinite(suiteGeomean)) key.push({ text: `pixelarray suite geometric mean: ${fmtRatio(suiteGeomean)}`, stroke: '#0072B2', dash: '2 3' });
  let kx = 16;
  const ky = 88;
  for (const k of key) {
    el.push(`<line x1="${kx}" y1="${ky - 4}" x2="${kx + 24}" y2="${ky - 4}" stroke="${k.stroke}" stroke-width="1.5"${k.dash ? ` stroke-dasharray="${k.dash}"` : ''}/>`);
    el.push(`<text x="${kx + 30}" y="${ky}" fill="#333">${esc(k.text)}</text>`);
    kx += 30 + textW(k.text, false) + 28;
  }

  // Zebra background per op group, grid, reference lines.
  groups.forEach((g, i) => {
    if (i % 2 === 0) el.push(`<rect x="16" y="${num(g.y - groupPad)}" width="${x1 - 16}" height="${num(g.h + 2 * groupPad)}" fill="#f3f5f8"/>`);
  });
  const ticks = [];
  for (let p = Math.floor(Math.log10(lo)); p <= Math.ceil(Math.log10(hi)); p++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** p;
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks.push({ v, major: m === 1 });
    }
  }
  const decadePx = (x1 - x0) / (Math.log10(hi) - Math.log10(lo));
  for (const t of ticks) {
    const x = num(xOf(t.v));
    el.push(`<line x1="${x}" y1="${top - 10}" x2="${x}" y2="${bottom - 6}" stroke="${t.major ? '#b8bec8' : '#e1e4ea'}" stroke-width="1"/>`);
    if (t.major || decadePx > 110) {
      const attrs = `text-anchor="middle" font-size="${t.major ? 12 : 10}" fill="${t.major ? '#222' : '#666'}"`;
      el.push(`<text x="${x}" y="${top - 16}" ${attrs}>${fmtTick(t.v)}</text>`);
      el.push(`<text x="${x}" y="${bottom + 8}" ${attrs}>${fmtTick(t.v)}</text>`);
    }
  }
  const one = num(xOf(1));
  el.push(`<line x1="${one}" y1="${top - 10}" x2="${one}" y2="${bottom - 6}" stroke="#111" stroke-width="1.5"/>`);
  if (target >= lo && target <= hi) {
    const xt = num(xOf(target));
    el.push(`<line x1="${xt}" y1="${top - 10}" x2="${xt}" y2="${bottom - 6}" stroke="#D55E00" stroke-width="1.5" stroke-dasharray="6 4"/>`);
  }
  if (Number.isFinite(suiteGeomean) && suiteGeomean >= lo && suiteGeomean <= hi) {
    const xg = num(xOf(suiteGeomean));
    el.push(`<line x1="${xg}" y1="${top - 10}" x2="${xg}" y2="${bottom - 6}" stroke="#0072B2" stroke-width="1.5" stroke-dasharray="2 3"/>`);
  }

  // Bars.
  for (const g of groups) {
    const cy = g.y + g.h / 2;
    el.push(`<text x="${16 + labelW}" y="${num(cy + 4)}" text-anchor="end" fill="#111"${g.r.inSuite ? ' font-weight="bold"' : ''}>${esc(g.r.op)}${g.r.native.comparable ? ' ≈' : ''}</text>`);
    g.bars.forEach((b, k) => {
      const by = g.y + k * (barH + barGap);
      const xa = xOf(lo), xb = Math.max(xOf(b.ratio), xa + 1);
      el.push(`<rect x="${num(xa)}" y="${num(by)}" width="${num(xb - xa)}" height="${barH}" fill="${b.sys.color}"><title>${esc(`${g.r.op} — ${b.sys.label}: ${fmtMs(g.r.ms[b.sys.key])} ms, ${fmtRatio(b.ratio)} native (${fmtMs(g.r.native.ms)} ms)`)}</title></rect>`);
      // A white halo keeps the value legible where it crosses a reference line.
      el.push(`<text x="${num(xb + 4)}" y="${num(by + barH - 0.5)}" font-size="9.5" fill="#222" stroke="#fff" stroke-width="2.5" paint-order="stroke">${fmtRatio(b.ratio)}</text>`);
    });
  }

  // Axis title.
  el.push(`<text x="${num((x0 + x1) / 2)}" y="${bottom + 30}" text-anchor="middle" font-size="13" fill="#111">time ÷ native OpenCV time (log scale; 1× = native, lower is better)</text>`);
  el.push('</svg>');
  return `${el.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// CLI

const HELP = `usage: node scripts/bench-report.mjs [options]     (or: npm run bench:report -- [options])

  --latest <file>   JS results (default bench/results/latest.json, from npm run bench -- --json)
  --native <file>   native OpenCV results (default bench/results/native.json; skipped if missing)
  --scaling <file>  image-size scaling (default bench/results/scaling.json; skipped if missing)
  --parallel <file> the worker pool's times (default bench/results/parallel.json; skipped if missing)
  --doc <file>      Markdown to update between ${START_MARKER} and ${END_MARKER}
                    (default docs/benchmarks.md; a new file is created if it does not exist)
  --svg <file>      chart to write (default docs/images/bench-chart.svg)
  --check           exit 1 if the hot-loop suite's geometric mean is above ${TARGET} or lacks data
`;

export function parseArgs(argv) {
  const opts = {
    // Defaults are inside the repository wherever the script is run from; given paths are relative to the cwd.
    latest: resolve(ROOT, 'bench/results/latest.json'), native: resolve(ROOT, 'bench/results/native.json'),
    scaling: resolve(ROOT, 'bench/results/scaling.json'), parallel: resolve(ROOT, 'bench/results/parallel.json'), doc: resolve(ROOT, 'docs/benchmarks.md'),
    svg: resolve(ROOT, 'docs/images/bench-chart.svg'), check: false, help: false,
    nativeGiven: false, scalingGiven: false, parallelGiven: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length || argv[i + 1].startsWith('--')) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--latest') opts.latest = value();
    else if (flag === '--native') { opts.native = value(); opts.nativeGiven = true; }
    else if (flag === '--scaling') { opts.scaling = value(); opts.scalingGiven = true; }
    else if (flag === '--parallel') { opts.parallel = value(); opts.parallelGiven = true; }
    else if (flag === '--doc') opts.doc = value();
    else if (flag === '--svg') opts.svg = value();
    else if (flag === '--check') opts.check = true;
    else if (flag === '--help' || flag === '-h') opts.help = true;
    else throw new Error(`unknown option ${argv[i]} (try --help)`);
  }
  return opts;
}

function readJson(file, what) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read ${what} ${file}: ${e.message}`, { cause: e });
  }
}

const posix = (p) => p.split(sep).join('/');

/** The CLI. `cwd`: the directory relative paths start from; `log`: where the summary goes. Returns the exit code. */
export function main(argv = process.argv.slice(2), { cwd = process.cwd(), log = (s) => process.stdout.write(`${s}\n`) } = {}) {
  const opts = parseArgs(argv);
  if (opts.help) { log(HELP.trimEnd()); return 0; }
  const at = (p) => resolve(cwd, p);
  const latest = readJson(at(opts.latest), 'JS results');
  if (latest.schema !== 'pixelarray-bench/1') throw new Error(`${opts.latest}: not a pixelarray-bench/1 file`);
  // An explicitly named file must exist; the defaults are optional.
  const optional = (file, given, what) => (given || existsSync(at(file)) ? readJson(at(file), what) : null);
  const native = optional(opts.native, opts.nativeGiven, 'native OpenCV results');
  const scaling = optional(opts.scaling, opts.scalingGiven, 'scaling results');
  const parallel = optional(opts.parallel, opts.parallelGiven, 'worker pool results');

  const rows = buildRows(latest, native);
  const sum = summarize(rows);
  const docFile = at(opts.doc), svgFile = at(opts.svg);
  // Named relative to the repository, so that the generated text does not depend on the cwd.
  const sources = [opts.latest, native && opts.native, scaling && opts.scaling, parallel && opts.parallel].filter(Boolean).map((p) => posix(relative(ROOT, at(p))));
  const chartHref = native ? posix(relative(dirname(docFile), svgFile)) : null;

  if (native) {
    const img = latest.image ?? {};
    const svg = renderChartSvg(rows, {
      title: 'pixelarray and the JS peers against native OpenCV, per op',
      subtitle: `Median time ÷ native OpenCV ${native.opencv ?? ''} (1 thread) on a ${img.width ?? '?'}×${img.height ?? '?'} RGB photo; ` +
        `${latest.machine?.cpuModel ?? ''}, Node ${latest.machine?.node ?? '?'}, ${day(latest.machine?.date)}`,
      suiteGeomean: sum.suite.geomean,
    });
    mkdirSync(dirname(svgFile), { recursive: true });
    if (!existsSync(svgFile) || readFileSync(svgFile, 'utf8') !== svg) writeFileSync(svgFile, svg);
  }
  const section = renderSection({ latest, native, scaling, parallel, chartHref, sources });
  const before = existsSync(docFile) ? readFileSync(docFile, 'utf8') : '# Benchmark results\n';
  const after = replaceSection(before, section);
  mkdirSync(dirname(docFile), { recursive: true });
  if (after !== before) writeFileSync(docFile, after);

  if (native) {
    log(`hot-loop suite: geometric mean pixelarray / native = ${fmtGeo(sum.suite.geomean)} over ${sum.suite.n} of ${sum.suite.total} ops (target ≤ ${TARGET})`);
    for (const m of sum.suite.missing) log(`  suite op without data: ${m.op} (${m.reason})`);
    log(`all ops with a native time: geometric mean ${fmtGeo(sum.all.geomean)} over ${sum.all.n} ops`);
    if (parallel) log(renderParallel(parallel, native).split('\n')[0].replace(/\*\*/g, ''));
    const noNative = rows.filter((r) => r.ms.pixelarray && !r.native).map((r) => r.op);
    if (noNative.length) log(`  ops without a native time: ${noNative.join('; ')}`);
    log(`wrote ${posix(relative(cwd, svgFile))}`);
  } else {
    log(`no native results (${opts.native}): the section has no native column values and no chart`);
  }
  if (!scaling) log(`no scaling results (${opts.scaling}): run node bench/scaling.mjs --json to add them`);
  log(`${after === before ? 'unchanged' : 'updated'} ${posix(relative(cwd, docFile))}`);
  if (opts.check && !(native && sum.suite.missing.length === 0 && sum.suite.geomean <= TARGET)) return 1;
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main();
  } catch (e) {
    process.stderr.write(`bench-report: ${e?.message ?? e}\n`);
    process.exitCode = 2;
  }
}
