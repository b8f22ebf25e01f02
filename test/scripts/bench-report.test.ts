import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

// scripts/bench-report.mjs is plain JS without declarations: import it by URL and type the part used here.
interface Row {
  op: string;
  inSuite: boolean;
  native: { ms: number; comparable: boolean; library?: string | null } | null;
  ms: Record<string, number | null>;
  ratioNative: number | null;
  ratioOpencv: number | null;
}
interface Summary {
  suite: { geomean: number; n: number; total: number; missing: { op: string; reason: string }[] };
  all: { geomean: number; n: number };
  opencv: { geomean: number; n: number };
  simd: { suite: { geomean: number; n: number }; opencv: { geomean: number; n: number }; slowerThanOpencv: string[] };
}
interface Report {
  START_MARKER: string;
  END_MARKER: string;
  SUITE_OPS: string[];
  HOT_LOOP_SUITE: { item: string; ops: string[] }[];
  geomean(values: number[]): number;
  fmtRatio(x: number): string;
  buildRows(latest: unknown, native: unknown): Row[];
  summarize(rows: Row[], suiteOps?: string[]): Summary;
  renderResultsTable(rows: Row[]): string;
  renderScalingTable(scaling: unknown): string;
  renderChartSvg(rows: Row[], opts: { title: string; subtitle?: string; suiteGeomean?: number }): string;
  renderSection(args: { latest: unknown; native: unknown; scaling: unknown; chartHref: string | null; sources: string[] }): string;
  renderParallel(parallel: unknown, native: unknown, suiteOps?: string[]): string;
  replaceSection(doc: string, section: string): string;
  main(argv: string[], opts: { cwd?: string; log?: (s: string) => void }): number;
}
const report = (await import(new URL('../../scripts/bench-report.mjs', import.meta.url).href)) as Report;

type Cases = (lib?: unknown) => { name: string }[];
const suiteModule = async (name: string) =>
  ((await import(new URL(`../../bench/suites/${name}.mjs`, import.meta.url).href)) as { default: Cases }).default;

// A tiny run: 3 JS ops (one of them a view row, which the report leaves out) and a native-only op.
const timing = (medianMs: number, extra: object = {}) => ({ medianMs, mode: 'reuse', ...extra });
const LATEST = {
  schema: 'pixelarray-bench/1',
  machine: { cpuModel: 'Test CPU', logicalCores: 2, totalMemGiB: 8, platform: 'linux 6', arch: 'x64', node: 'v20.20.2', v8: '11', date: '2026-01-02T03:04:05.000Z' },
  image: { source: 'photo', height: 1080, width: 1920, channels: 3 },
  versions: { pixelarray: '0.1.0', opencv: '4.10' },
  options: { quick: true, filter: null },
  results: [
    {
      op: 'addSaturate image+image', family: 'arithmetic',
      systems: { pixelarray: timing(4), simd: timing(2), opencv: timing(8, { check: { ok: true } }), imagejs: timing(40, { check: { ok: false } }) },
    },
    { op: 'bitwiseOr image|image', family: 'bitwise', systems: { pixelarray: timing(2), ndarray: timing(20, { unchecked: true }) } },
    { op: 'flip horizontal — view only', family: 'views', systems: { pixelarray: timing(1e-4, { mode: 'view' }) } },
    { op: 'merge 3 planes → RGB', family: 'channels', systems: { pixelarray: timing(3) } },
  ],
};
const NATIVE = {
  schema: 'pixelarray-native-opencv/1', opencv: '4.6.0', threads: 1,
  results: [
    { op: 'addSaturate image+image', medianMs: 1 },
    { op: 'bitwiseOr image|image', medianMs: 0.5, comparable: true },
    { op: 'split → 3 planes', medianMs: 0.5 },
  ],
};

test('geomean: exp of the mean log; NaN when empty or given a non-positive value', () => {
  assert.equal(report.geomean([1, 4]), 2);
  assert.ok(Math.abs(report.geomean([2, 8, 4]) - 4) < 1e-12);
  assert.ok(Number.isNaN(report.geomean([])));
  assert.ok(Number.isNaN(report.geomean([2, 0])));
  assert.equal(report.fmtRatio(9.9996), '10.0×');
  assert.equal(report.fmtRatio(1234.5), '1230×');
  assert.equal(report.fmtRatio(Number.NaN), '—');
});

test('the hot-loop suite names ops that the JS benchmark and native_opencv.py both define', async () => {
  // resize / warpAffine rows exist only when the library has them: a stand-in lib says it does.
  const fakeLib = { resize() {}, warpAffine() {}, getRotationMatrix2D() {} };
  const names = new Set<string>();
  for (const name of ['arithmetic', 'channels', 'geometry', 'imgproc']) {
    for (const c of (await suiteModule(name))(fakeLib)) names.add(c.name);
  }
  const native = readFileSync(new URL('../../bench/native_opencv.py', import.meta.url), 'utf8');
  assert.equal(new Set(report.SUITE_OPS).size, report.SUITE_OPS.length, 'no op twice');
  assert.equal(report.HOT_LOOP_SUITE.length, 20);
  for (const op of report.SUITE_OPS) {
    assert.ok(names.has(op), `${op}: not a bench/suites op`);
    assert.ok(native.includes(`('${op}'`), `${op}: not timed by bench/native_opencv.py`);
  }
});

test('a native time from another library (the pillow suite: Pillow) is labelled in its cell', () => {
  const latest = { ...LATEST, results: [{ op: 'Pillow GaussianBlur(3)', family: 'pillow', systems: { pixelarray: timing(6) } }] };
  const native = { ...NATIVE, results: [{ op: 'Pillow GaussianBlur(3)', medianMs: 2, library: 'Pillow' }] };
  const [row] = report.buildRows(latest, native);
  assert.equal(row.native?.library, 'Pillow');
  assert.equal(row.ratioNative, 3);
  assert.match(report.renderResultsTable([row]), /\| +2\.00 \(Pillow\) +\|/);
});

test('buildRows joins the JS and native results; summarize takes geometric means and lists the gaps', () => {
  const rows = report.buildRows(LATEST, NATIVE);
  assert.deepEqual(rows.map((r) => r.op), [
    'addSaturate image+image', 'bitwiseOr image|image', 'merge 3 planes → RGB', 'split → 3 planes',
  ]);
  const [add, or, merge, split] = rows;
  assert.equal(add.ratioNative, 4);
  assert.equal(add.ratioOpencv, 2);
  assert.ok(add.inSuite && !or.inSuite);
  assert.equal(or.native?.comparable, true);
  assert.equal(merge.native, null);
  assert.equal(split.ms.pixelarray, null);

  const sum = report.summarize(rows, ['addSaturate image+image', 'bitwiseOr image|image', 'merge 3 planes → RGB', 'split → 3 planes', 'nope']);
  assert.equal(sum.suite.geomean, 4); // sqrt(4 × 4)
  assert.equal(sum.suite.n, 2);
  assert.equal(sum.suite.total, 5);
  assert.deepEqual(sum.suite.missing, [
    { op: 'merge 3 planes → RGB', reason: 'no native OpenCV time' },
    { op: 'split → 3 planes', reason: 'not in the JS results' },
    { op: 'nope', reason: 'not in the results' },
  ]);
  assert.equal(sum.all.n, 2);
  assert.equal(sum.opencv.geomean, 2);
  // pixelarray/simd: 2 ms against native 1 ms and opencv.js 8 ms on the one op that has it.
  assert.deepEqual(sum.simd, { suite: { geomean: 2, n: 1 }, opencv: { geomean: 4, n: 1 }, slowerThanOpencv: [] });
  assert.ok(Number.isNaN(report.summarize(report.buildRows(LATEST, null)).suite.geomean));
});

test('renderResultsTable: one row per op, escaped pipes, marks and both ratios', () => {
  const table = report.renderResultsTable(report.buildRows(LATEST, NATIVE)).split('\n');
  assert.equal(table.length, 2 + 4);
  assert.match(table[0], /\| op +\| suite \| native OpenCV ms \| pixelarray ms \| pixelarray\/simd ms \| opencv\.js ms \| image-js ms \| jimp ms \| ndarray-ops ms \| pixelarray \/ native \| opencv\.js \/ pixelarray \|/);
  const cells = (line: string) => line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
  assert.deepEqual(cells(table[2]), ['addSaturate image+image', '✓', '1.00', '4.00', '2.00', '8.00', '40.0 ≠', '—', '—', '4.00×', '2.00×']);
  assert.deepEqual(cells(table[3]), ['bitwiseOr image\\|image', '', '0.500 ≈', '2.00', '—', '—', '—', '—', '20.0 ≈', '4.00×', '—']);
  assert.deepEqual(cells(table[5]).slice(2, 4), ['0.500', '—']);
});

test('renderChartSvg: a self-contained, escaped, deterministic SVG with one bar per (op, library)', () => {
  const rows = report.buildRows(LATEST, NATIVE);
  const svg = report.renderChartSvg(rows, { title: 'A & B <chart>', subtitle: 'sub', suiteGeomean: 4 });
  assert.equal(svg, report.renderChartSvg(rows, { title: 'A & B <chart>', subtitle: 'sub', suiteGeomean: 4 }));
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  assert.ok(svg.includes('A &amp; B &lt;chart&gt;'));
  assert.ok(svg.includes('bitwiseOr image|image ≈'));
  assert.doesNotMatch(svg, /&(?!amp;|lt;|gt;|quot;)/, 'every & is an entity');
  assert.doesNotMatch(svg, /NaN|undefined|Infinity/);
  // Bars: addSaturate has pixelarray, pixelarray/simd, opencv.js, image-js; bitwiseOr pixelarray,
  // ndarray-ops; the ops without both a pixelarray and a native time have none.
  const bars = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="8" fill="([^"]+)"><title>([^<]*)<\/title>/g)];
  assert.equal(bars.length, 6);
  assert.ok(bars[1][4].includes('pixelarray/simd: 2.00 ms, 2.00× native'), bars[1][4]);
  const width = Number(/width="(\d+)"/.exec(svg)![1]);
  for (const [, x, w] of bars) assert.ok(Number(w) > 0 && Number(x) + Number(w) <= width);
  // Log scale, bars from a common origin: pixelarray 4×, opencv.js 8×, image-js 40× native, so the
  // steps between their ends are in the ratio log 5 : log 2.
  const [pa, cv, ij] = [bars[0], bars[2], bars[3]].map(([, , w]) => Number(w));
  assert.ok(Math.abs((ij - cv) / (cv - pa) - Math.log(5) / Math.log(2)) < 0.02);
  assert.ok(bars[0][4].includes('addSaturate image+image — pixelarray: 4.00 ms, 4.00× native'));
});

test('renderScalingTable: ms and ns per input pixel for each size', () => {
  const scaling = {
    results: [
      { op: 'copy', width: 1000, height: 1000, systems: { pixelarray: { medianMs: 1 }, opencv: { medianMs: 2, check: { ok: true } } } },
      { op: 'copy', width: 2000, height: 1000, systems: { pixelarray: { medianMs: 4 }, opencv: { medianMs: 2, check: { ok: false } } } },
    ],
  };
  const lines = report.renderScalingTable(scaling).split('\n');
  assert.equal(lines.length, 4);
  assert.match(lines[2], /^\| copy \| 1000×1000 \| +1\.00 \| +1\.00 \| +2\.00 \| +2\.00 \| +2\.00× \|$/);
  assert.match(lines[3], /^\| +\| 2000×1000 \| +4\.00 \| +2\.00 \| +2\.00 ≠ \| +1\.00 \| +0\.50× \|$/);
});

test('replaceSection rewrites only the marked block and is idempotent', () => {
  const { START_MARKER: S, END_MARKER: E } = report;
  const doc = `# Title\n\nhand-written\n\n${S}\nold\n${E}\n\nmore text\n`;
  const once = report.replaceSection(doc, 'new section');
  assert.equal(once, `# Title\n\nhand-written\n\n${S}\nnew section\n${E}\n\nmore text\n`);
  assert.equal(report.replaceSection(once, 'new section'), once);
  assert.equal(report.replaceSection('# Doc\n\n', 'x'), `# Doc\n\n## Generated results\n\n${S}\nx\n${E}\n`);
  // A marker quoted in prose is not a marker.
  const quoted = `Text between \`${S}\` and \`${E}\`.\n\n${S}\n${E}\n`;
  assert.equal(report.replaceSection(quoted, 'x'), `Text between \`${S}\` and \`${E}\`.\n\n${S}\nx\n${E}\n`);
  assert.throws(() => report.replaceSection(`${S}\n`, 'x'), /expected/);
  assert.throws(() => report.replaceSection(`${E}\n${S}\n`, 'x'), /expected/);
  assert.throws(() => report.replaceSection(`${S}\n${E}\n${S}\n${E}\n`, 'x'), /expected/);
});

test('main writes the section and the chart, and a second run changes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
  try {
    writeFileSync(join(dir, 'latest.json'), JSON.stringify(LATEST));
    writeFileSync(join(dir, 'native.json'), JSON.stringify(NATIVE));
    const doc = join(dir, 'docs', 'bench.md');
    const args = ['--latest', 'latest.json', '--native', 'native.json', '--scaling=none.json', '--doc', 'docs/bench.md', '--svg', 'docs/img/chart.svg'];
    const logs: string[] = [];
    assert.throws(() => report.main(args, { cwd: dir, log: (s) => logs.push(s) }), /cannot read scaling results/);
    const ok = args.filter((a) => !a.startsWith('--scaling'));
    assert.equal(report.main(ok, { cwd: dir, log: (s) => logs.push(s) }), 0);
    const first = readFileSync(doc, 'utf8');
    assert.ok(first.includes('![Time of each op relative to native OpenCV, log scale](img/chart.svg)'));
    assert.ok(first.includes('geometric mean of pixelarray / native OpenCV = 4.00 over 1 of its'));
    assert.ok(logs.some((l) => l.startsWith('hot-loop suite: geometric mean pixelarray / native = 4.00')));
    assert.ok(logs.some((l) => l.includes('suite op without data: merge 3 planes → RGB (no native OpenCV time)')));
    assert.match(readFileSync(join(dir, 'docs', 'img', 'chart.svg'), 'utf8'), /^<svg /);
    logs.length = 0;
    assert.equal(report.main([...ok, '--check'], { cwd: dir, log: (s) => logs.push(s) }), 1); // suite ops lack data
    assert.equal(readFileSync(doc, 'utf8'), first);
    assert.ok(logs.at(-1)?.startsWith('unchanged'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('renderParallel: pooled and shared-memory geometric means against native over the suite', () => {
  const native = { results: [{ op: 'a', medianMs: 1 }, { op: 'b', medianMs: 2 }] };
  const parallel = {
    threads: 2, machine: { date: '2026-11-22T03:00:00Z' },
    results: [
      { op: 'a', pooledOp: true, singleMs: 4, pooledMs: 2, pooledSharedMs: 1 },
      { op: 'b', pooledOp: false, singleMs: 8, pooledMs: null, pooledSharedMs: null },
    ],
  };
  const text = report.renderParallel(parallel, native, ['a', 'b']);
  // single: 4 and 4 → 4; pooled: 2 and 4 (inline: the single time) → √8; shared: 1 and 4 → 2.
  assert.match(text, /suite geometric mean 2\.83 with ordinary arrays, 2\.00 with the images in shared memory/);
  assert.match(text, /single-threaded in the same run: 4\.00/);
  assert.match(text, /\| b \| .* \(inline\)/);
  assert.doesNotMatch(report.renderParallel(parallel, native, ['a', 'b', 'c']), /^$/);
  assert.match(report.renderParallel(parallel, native, ['a', 'b', 'c']), /suite ops without data are left out/);
});
