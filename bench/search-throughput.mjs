#!/usr/bin/env node
// How fast `indexFolder` (what `pixelarray search` runs) reads a folder of photos: images per
// second on one thread and on every core, for --by hist and --by ahash.
//
//   node bench/search-throughput.mjs [--count 1000] [--repeat 1] [--dir <folder>] [--keep] [--json [file]]
//   (npm run bench:search -- [options]; it builds dist/ first)
//
// Makes a folder of `count` 640×480 JPEGs (quality 85, 4:4:4) with pixelarray's own codecs: random
// 4:3 crops of the bench photo (bench/assets/photo-1080p.jpg) at several scales, and every fifth
// image one of the skimage photos of test/fixtures/search/images enlarged; each flipped, brightened,
// darkened or blurred in turn. The folder is made in the system's temporary folder and deleted
// afterwards, unless --dir names a folder to make (or reuse, when it already holds `count` JPEGs)
// and keep. Each configuration is timed `repeat` times (the best run counts: on a shared machine
// the others are slowed by other work), after one untimed warm-up run on 50 files.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pa from '../dist/index.js';
import { decodeImage, encodeJpeg } from '../dist/codecs/index.js';
import { indexFolder } from '../dist/node/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const PHOTO = join(HERE, 'assets', 'photo-1080p.jpg');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'search', 'images');
const DEFAULT_JSON = join(HERE, 'results', 'search-throughput.json');

function parseArgs(argv) {
  const o = { count: 1000, repeat: 1, dir: null, keep: false, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--count') o.count = Number(value());
    else if (a === '--repeat') o.repeat = Number(value());
    else if (a === '--dir') o.dir = resolve(value());
    else if (a === '--keep') o.keep = true;
    else if (a === '--json') o.json = i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[++i] : DEFAULT_JSON;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bench/search-throughput.mjs [--count 1000] [--repeat 1] [--dir <folder>] [--keep] [--json [file]]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(o.count) || o.count < 50) throw new Error('--count: expected an integer ≥ 50');
  if (!Number.isInteger(o.repeat) || o.repeat < 1) throw new Error('--repeat: expected an integer ≥ 1');
  return o;
}

/** xorshift32 in [0, 1). */
function random(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 2 ** 32;
  };
}

const W = 640, H = 480;

function makeFolder(dir, count) {
  mkdirSync(dir, { recursive: true });
  const have = readdirSync(dir).filter((f) => f.endsWith('.jpg')).length;
  if (have === count) return false;
  const photo = decodeImage(readFileSync(PHOTO));
  // The readable RGB photos of the fixtures (corrupt.png is there on purpose).
  const small = readdirSync(FIXTURES).filter((f) => f.endsWith('.png') && f !== 'corrupt.png')
    .map((f) => decodeImage(readFileSync(join(FIXTURES, f))))
    .filter((img) => img.channels === 3);
  const rnd = random(12345);
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    let img;
    if (i % 5 === 4) {
      img = pa.resize(small[(i / 5) % small.length | 0], W, H);
    } else {
      const cw = Math.round(W + rnd() * (photo.width - W)), ch = Math.round(cw * 3 / 4);
      const x = Math.floor(rnd() * (photo.width - cw + 1)), y = Math.floor(rnd() * (photo.height - ch + 1));
      img = pa.resize(pa.crop(photo, [x, y, x + cw, y + ch]), W, H, { interpolation: 'area' });
    }
    switch (i % 4) {
      case 1: img = pa.clone(pa.flip(img, 1)); break;
      case 2: img = pa.addSaturate(img, Math.round(rnd() * 60) - 30); break;
      case 3: img = pa.gaussianBlur(img, 1 + rnd() * 2); break;
    }
    writeFileSync(join(dir, `photo-${String(i).padStart(4, '0')}.jpg`), encodeJpeg(img, { quality: 85 }));
    if ((i + 1) % 100 === 0) process.stderr.write(`\rmaking ${count} JPEGs: ${i + 1}`);
  }
  process.stderr.write(`\rmade ${count} JPEGs of ${W}×${H} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return true;
}

async function time(dir, options) {
  const t0 = performance.now();
  const r = await indexFolder(dir, options);
  const secs = (performance.now() - t0) / 1000;
  if (r.skipped.length > 0) throw new Error(`unexpected: ${r.skipped.length} files skipped (${r.skipped[0].reason})`);
  return { images: r.index.count, seconds: secs, perSecond: r.index.count / secs, threads: r.threads };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'pixelarray-search-bench-'));
  try {
    makeFolder(dir, o.count);
    const files = readdirSync(dir).filter((f) => f.endsWith('.jpg'));
    const bytes = files.reduce((n, f) => n + readFileSync(join(dir, f)).length, 0);
    const cores = availableParallelism();
    // Warm-up: the first files on this thread (JIT), so the single-thread run is not charged for it.
    const warm = mkdtempSync(join(tmpdir(), 'pixelarray-search-warm-'));
    for (const f of files.slice(0, 50)) writeFileSync(join(warm, f), readFileSync(join(dir, f)));
    await indexFolder(warm, { workers: 1 });
    rmSync(warm, { recursive: true, force: true });

    const runs = [];
    for (const by of ['hist', 'ahash']) {
      for (const workers of [...new Set([1, cores])]) {
        let r;
        const all = [];
        for (let k = 0; k < o.repeat; k++) {
          const t = await time(dir, { by, workers });
          all.push(+t.seconds.toFixed(3));
          if (!r || t.seconds < r.seconds) r = t;
        }
        runs.push({ by, workers, ...r, allSeconds: all });
        console.log(`${by.padEnd(5)}  ${String(workers).padStart(2)} thread${workers === 1 ? ' ' : 's'}  ` +
          `${r.images} images in ${r.seconds.toFixed(2)} s  ${r.perSecond.toFixed(1)} images/s`);
      }
    }
    const machine = {
      cpuModel: cpus()[0]?.model?.trim() ?? 'unknown', logicalCores: cpus().length, availableParallelism: cores,
      totalMemGiB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version, date: new Date().toISOString(),
    };
    console.log(`${files.length} JPEGs ${W}×${H}, ${(bytes / 2 ** 20).toFixed(1)} MiB; ${machine.cpuModel}, ` +
      `${cores} cores, Node ${machine.node}`);
    if (o.json) {
      mkdirSync(dirname(o.json), { recursive: true });
      writeFileSync(o.json, JSON.stringify({ machine, folder: { images: files.length, width: W, height: H, bytes }, runs }, null, 2) + '\n');
      console.log(`wrote ${o.json}`);
    }
  } finally {
    if (!o.keep && !o.dir) rmSync(dir, { recursive: true, force: true });
    else console.log(`the photos are in ${dir}`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
