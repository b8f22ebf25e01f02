// The `pixelarray` command, run as a user runs it: `node dist/cli/main.js …` (dist is built by
// `npm test`'s pretest; run `npm run build` first when running this file alone).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { EXPECTED, IMAGES_DIR, SEARCH_DIR, type ExpectedCase } from '../apps/search-fixtures.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const tmp = mkdtempSync(join(tmpdir(), 'pixelarray-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

before(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first (npm test does)`);
});

interface Run { code: number; stdout: string; stderr: string }

/** Runs the command in the fixture folder (so paths are as a user types them). */
function run(args: string[], cwd = SEARCH_DIR): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const SKIP_LINES = EXPECTED.unreadable.map((f) => `pixelarray: skipped ${f}: `);

/** Same files in the same order; distances within 1e-6 relative. */
function assertRanking(got: { file: string; distance: number }[], want: { file: string; distance: number }[], msg: string) {
  assert.deepEqual(got.map((r) => r.file), want.map((r) => r.file), msg);
  got.forEach((r, i) => {
    const w = want[i].distance;
    assert.ok(Math.abs(r.distance - w) <= 1e-6 * Math.abs(w), `${msg}: ${r.file} ${r.distance} vs ${w}`);
  });
}

test('search --json finds the OpenCV recipe\'s top results, in order; --by ahash its near-duplicates', async () => {
  const cases = [...EXPECTED.cases];
  const outputs = new Map<ExpectedCase, { file: string; distance: number }[]>();
  const check = async (c: ExpectedCase) => {
    const r = await run(['search', EXPECTED.folder, c.query, ...c.args, '--json']);
    const msg = `search ${c.query} ${c.args.join(' ')}`;
    assert.equal(r.code, 0, `${msg}: ${r.stderr}`);
    const got = JSON.parse(r.stdout) as { file: string; distance: number }[];
    assert.equal(got.length, Math.min(c.top, c.ranking.length), msg);
    assertRanking(got, c.ranking.slice(0, c.top), msg);
    outputs.set(c, got);
    // Unreadable files are reported, one line each, and the run goes on.
    const lines = r.stderr.trimEnd().split('\n');
    assert.deepEqual(lines.map((l) => SKIP_LINES.find((s) => l.startsWith(s))), SKIP_LINES, `${msg}: ${r.stderr}`);
  };
  // Two at a time: each run is a process of its own.
  while (cases.length > 0) await Promise.all(cases.splice(0, 2).map(check));

  // Near-duplicates: every resized / blurred / brightened / noisy / cropped variant of a photo
  // (and the other view of the stereo pair) within 12 bits, nothing else.
  const { maxBits, groups } = EXPECTED.nearDuplicates;
  for (const [base, variants] of Object.entries(groups)) {
    const c = EXPECTED.cases.find((k) => k.by === 'ahash' && k.size === 8 && k.query === `images/${base}`)!;
    const got = outputs.get(c)!;
    assert.ok(got.length > variants.length + 1, base);
    const near = got.filter((x) => x.distance <= maxBits && x.file !== base).map((x) => x.file);
    assert.deepEqual(near.sort(), [...variants].sort(), base);
  }
});

test('search defaults: --by hist --bins 4 --method chisqr --top 5; the query is listed when in the folder', async () => {
  const want = EXPECTED.cases.find((c) => c.query === 'images/astronaut.png' && c.by === 'hist' && c.bins === 4 && c.method === 'chisqr')!;
  const [r, outside, threads] = await Promise.all([
    run(['search', 'images', 'images/astronaut.png', '--json']),
    run(['search', 'images', 'queries/astronaut_crop.png', '--json']),
    run(['search', 'images', 'images/astronaut.png', '--json', '--workers', '2']),
  ]);
  assert.equal(r.code, 0);
  const got = JSON.parse(r.stdout);
  assertRanking(got, want.ranking.slice(0, 5), 'defaults');
  assert.equal(got[0].file, 'astronaut.png');
  assert.equal(got[0].distance, 0);
  // Worker threads: the same output.
  assert.equal(threads.stdout, r.stdout);
  assert.equal(threads.stderr, r.stderr);
  // A query outside the folder is not listed.
  assert.ok(!JSON.parse(outside.stdout).some((x: { file: string }) => x.file.includes('crop')));
});

test('search prints a readable table without --json', async () => {
  const r = await run(['search', 'images', 'images/coffee.png', '--top', '3']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout,
    'rank  chisqr    file\n' +
    '   1  0         coffee.png\n' +
    '   2  0         coffee_rot180.png\n' +
    '   3  0.484406  coffee_dark.png\n');
  const h = await run(['search', 'images', 'images/rocket.png', '--by', 'ahash', '--top', '3']);
  assert.equal(h.stdout,
    'rank  hamming  file\n' +
    '   1  0        rocket.png\n' +
    '   2  0        rocket_blur.png\n' +
    '   3  0        rocket_small.png\n');
});

test('search --workers 1 and --index: the same results; the index file is reused', async () => {
  const index = join(tmp, 'fixtures.index.json');
  const args = ['search', 'images', 'images/chelsea.png', '--json', '--top', '8'];
  const plain = await run([...args, '--workers', '1']);
  const first = await run([...args, '--index', index]);
  assert.ok(existsSync(index));
  const second = await run([...args, '--index', index]);
  assert.equal(first.stdout, plain.stdout);
  assert.equal(second.stdout, plain.stdout);
  assert.equal(JSON.parse(readFileSync(index, 'utf8')).type, 'pixelarray.FolderIndex');
  // The same file for another --by is rebuilt, not misread.
  const ahash = await run(['search', 'images', 'images/chelsea.png', '--by', 'ahash', '--index', index, '--json']);
  assert.equal(ahash.code, 0);
  assert.equal(JSON.parse(ahash.stdout)[1].distance, 0);
});

test('hash prints each file\'s average hash (and --json, --size); unreadable files fail the run', async () => {
  const files = ['images/astronaut.png', 'images/camera.png', 'images/more/chelsea_bright.png'];
  const r = await run(['hash', ...files]);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, files.map((f) => `${EXPECTED.hashes[f.slice(7)].ahash}  ${f}\n`).join(''));
  const j = await run(['hash', '--json', '--size', '16', files[0]]);
  assert.deepEqual(JSON.parse(j.stdout), [{ file: files[0], hash: EXPECTED.hashes['astronaut.png'].ahash16 }]);
  const bad = await run(['hash', 'images/notes.txt', files[0], 'images/missing.png']);
  assert.equal(bad.code, 1);
  assert.equal(bad.stdout, `${EXPECTED.hashes['astronaut.png'].ahash}  ${files[0]}\n`);
  assert.equal(bad.stderr,
    'pixelarray: images/notes.txt: image: unrecognised format (first bytes 4e 6f 74 20 61 6e 20 69); expected PNG or JPEG\n' +
    'pixelarray: images/missing.png: cannot read it: ENOENT: no such file or directory\n');
});

test('usage errors: exit code 2 and one line on stderr', async () => {
  const cases: [string[], RegExp][] = [
    [['search', 'images'], /^pixelarray: search: expected <folder> <query-image>, got 1 argument/],
    [['search', 'images', 'images/a.png', '--top', '0'], /^pixelarray: --top: expected an integer in 1\.\.1000000000, got '0'$/],
    [['search', 'images', 'images/a.png', '--top=-3'], /^pixelarray: --top: expected an integer/],
    [['search', 'images', 'images/a.png', '--bins', '300'], /^pixelarray: --bins: expected an integer in 1\.\.256, got '300'$/],
    [['search', 'images', 'images/a.png', '--method', 'euclid'], /^pixelarray: --method: expected one of chisqr, /],
    [['search', 'images', 'images/a.png', '--by', 'xhash'], /^pixelarray: --by: expected hist, ahash, dhash or phash, got 'xhash'$/],
    [['hash', 'images/astronaut.png', '--by', 'hist'], /^pixelarray: --by: expected ahash, dhash or phash, got 'hist'$/],
    [['search', 'images', 'images/a.png', '--by', 'ahash', '--bins', '8'], /^pixelarray: --bins and --method apply to --by hist only$/],
    [['search', 'images', 'images/a.png', '--frobnicate'], /^pixelarray: Unknown option '--frobnicate'/],
    [['search', 'images', 'images/a.png', '--top'], /^pixelarray: Option '--top <value>' argument missing$/],
    [['hash'], /^pixelarray: hash: expected at least one image/],
    [['resize', 'x'], /^pixelarray: unknown command 'resize'/],
  ];
  const runs = await Promise.all(cases.map(([args]) => run(args)));
  for (const [i, [args, message]] of cases.entries()) {
    const r = runs[i];
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
    assert.equal(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`);
    assert.match(r.stderr.trimEnd(), message);
  }
  const none = await run([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^usage: pixelarray <command>/);
});

test('failures: exit code 1 and one clear line, no stack trace', async () => {
  const cases: [string[], string][] = [
    [['search', 'nowhere', 'images/astronaut.png'], 'pixelarray: nowhere: ENOENT: no such file or directory\n'],
    [['search', 'images/astronaut.png', 'images/astronaut.png'], 'pixelarray: images/astronaut.png: not a folder\n'],
    [['search', 'images', 'images/notes.txt'], 'pixelarray: cannot use the query images/notes.txt: image: unrecognised format (first bytes 4e 6f 74 20 61 6e 20 69); expected PNG or JPEG\n'],
    [['search', 'images', 'missing.png'], 'pixelarray: cannot use the query missing.png: cannot read it: ENOENT: no such file or directory\n'],
    [['search', 'images', 'images/astronaut.png', '--index', 'expected.json'], 'pixelarray: expected.json: not a pixelarray index file (json.type: expected \'pixelarray.HistogramIndex\', got undefined)\n'],
  ];
  const runs = await Promise.all(cases.map(([args]) => run(args)));
  for (const [i, [args, stderr]] of cases.entries()) {
    const r = runs[i];
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.stderr, stderr);
  }
});

test('--help and --version', async () => {
  const h = await run(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /^usage: pixelarray <command>/);
  const s = await run(['search', '--help']);
  assert.equal(s.code, 0);
  assert.match(s.stdout, /--bins <n> +histogram bins per channel, 1\.\.256 \(default 4\)/);
  assert.match((await run(['hash', '-h'])).stdout, /^usage: pixelarray hash/);
  const v = await run(['--version']);
  assert.equal(v.stdout.trim(), JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
});

test('an empty folder: no results, a note on stderr, exit 0', async () => {
  const empty = join(tmp, 'empty');
  mkdirSync(empty);
  const r = await run(['search', empty, join(IMAGES_DIR, 'rocket.png'), '--json']);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout), []);
  assert.equal(r.stderr, `pixelarray: no images found in ${empty}\n`);
});
