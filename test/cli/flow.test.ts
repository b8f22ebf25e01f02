// `pixelarray flow`: one epoch of flowFromDirectory over class folders, as a user runs it
// (`node dist/cli/main.js …`; run `npm run build` first when running this file alone).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const FOLDERS = fileURLToPath(new URL('../fixtures/keras-folders/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'pixelarray-cli-flow-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

before(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first (npm test does)`);
});

interface Run { code: number; stdout: string; stderr: string }

/** Runs the command; `tty` makes it believe stderr is a terminal (the progress bar is drawn only there). */
function run(args: string[], tty = false): Promise<Run> {
  const pre = tty ? ['--import', 'data:text/javascript,process.stderr.isTTY=true;process.stderr.columns=80'] : [];
  return new Promise((done) => {
    execFile(process.execPath, [...pre, CLI, ...args], { cwd: ROOT, encoding: 'utf8' }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const RESULT = /^8 images in 3 batches of 20x24 in \d+\.\d\d s: \d+\.\d images\/s \((main thread|2 worker threads)\)$/;

test('flow: Keras\' "Found N images belonging to K classes.", then images/s; on the main thread and on 2 workers', async () => {
  const [main, workers] = await Promise.all([
    run(['flow', FOLDERS, '--target-size', '20x24', '--batch-size', '3']),
    run(['flow', FOLDERS, '--target-size', '20x24', '--batch-size', '3', '--workers', '2', '--interpolation', 'bilinear']),
  ]);
  for (const r of [main, workers]) {
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '', 'no progress bar when stderr is not a terminal');
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    // keras_preprocessing's count for these folders (test/golden/fixtures-keras/keras.json).
    assert.equal(lines[0], 'Found 8 images belonging to 3 classes.');
    assert.match(lines[1], RESULT);
  }
  assert.match(workers.stdout, /\(2 worker threads\)/);
});

test('flow: a progress bar on a terminal\'s stderr, cleared at the end; --json', async () => {
  const [bar, json] = await Promise.all([
    run(['flow', FOLDERS, '--target-size', '20x24', '--batch-size', '3', '--color-mode', 'grayscale'], true),
    run(['flow', FOLDERS, '--target-size', '10x10', '--json', '--workers', '1']),
  ]);
  assert.equal(bar.code, 0, bar.stderr);
  // Drawn at 0 and after each batch (at most every 80 ms, always the last), then erased.
  // eslint-disable-next-line no-control-regex -- the progress bar's ANSI escapes are what is tested
  assert.match(bar.stderr, /^\r\x1b\[2Kloading \[\.+\] 0\/8(\r\x1b\[2Kloading \[#*\.*\] [1-8]\/8 \d+\/s)+\r\x1b\[2K$/);
  assert.ok(bar.stderr.includes('] 8/8 '), 'the last batch is drawn');
  assert.match(bar.stdout.trimEnd().split('\n')[1], RESULT);

  assert.equal(json.code, 0, json.stderr);
  const o = JSON.parse(json.stdout);
  assert.deepEqual({ ...o, seconds: 0, imagesPerSecond: 0 }, {
    images: 8, classes: 3, classIndices: { cat: 0, cup: 1, space: 2 }, batches: 1, seconds: 0, imagesPerSecond: 0, workers: 1,
  });
  assert.ok(o.seconds > 0 && o.imagesPerSecond > 0);
});

test('flow: usage errors exit 2, unreadable folders and files exit 1, in one line', async () => {
  const bad = join(tmp, 'bad');
  const cls = join(bad, 'only');
  mkdirSync(cls, { recursive: true });
  writeFileSync(join(cls, 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0x00, 1, 2, 3]));
  const cases: Array<[string[], number, RegExp]> = [
    [['flow'], 2, /^pixelarray: flow: expected <folder>, got 0 arguments/],
    [['flow', FOLDERS, '--target-size', '0x5'], 2, /^pixelarray: --target-size: expected <height>x<width>, e\.g\. 224x224, got '0x5'\n$/],
    [['flow', FOLDERS, '--target-size', '224'], 2, /--target-size: expected <height>x<width>/],
    [['flow', FOLDERS, '--batch-size', '0'], 2, /^pixelarray: --batch-size: expected an integer in 1\.\.1000000, got '0'\n$/],
    [['flow', FOLDERS, '--workers', 'two'], 2, /^pixelarray: --workers: expected an integer in 0\.\.256, got 'two'\n$/],
    [['flow', FOLDERS, '--color-mode', 'cmyk'], 2, /^pixelarray: --color-mode: expected one of rgb, rgba, grayscale, got 'cmyk'\n$/],
    [['flow', FOLDERS, '--interpolation', 'cubic'], 2, /--interpolation: expected one of nearest, /],
    [['flow', FOLDERS, '--seed', '1'], 2, /^pixelarray: Unknown option '--seed'/],
    [['flow', join(tmp, 'missing')], 1, /^pixelarray: .*missing: ENOENT: no such file or directory\n$/],
    [['flow', join(FOLDERS, 'cat', 'c1.png')], 1, /^pixelarray: .*c1\.png: not a folder\n$/],
    [['flow', bad, '--workers', '1'], 1, new RegExp(`^pixelarray: cannot load ${join(cls, 'broken.jpg').replace(/[.\\/]/g, '\\$&')}: JPEG: .*\\n$`)],
    [['flow', bad], 1, /^pixelarray: cannot load .*broken\.jpg: JPEG: /],
  ];
  const runs = await Promise.all(cases.map(([args]) => run(args)));
  cases.forEach(([args, code, stderr], i) => {
    assert.equal(runs[i].code, code, `${args.join(' ')}: ${runs[i].stderr}`);
    assert.match(runs[i].stderr, stderr, args.join(' '));
    assert.equal(runs[i].stderr.split('\n').length, 2, `one line: ${runs[i].stderr}`);
  });
  const help = await run(['flow', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: pixelarray flow <folder>/);
  assert.match((await run(['--help'])).stdout, /flow <folder> +one epoch of Keras' flow_from_directory/);
});
