#!/usr/bin/env node
// How fast `flowFromDirectory` feeds a model: images per second over epochs of a folder of
// photos (targetSize 224×224, batch 32), loading on the calling thread and on 1 and 2 worker
// threads, beside Keras itself (keras_preprocessing's flow_from_directory, Debian's
// /usr/bin/python3) on the same folder, single-threaded and on 2 threads.
//
//   node bench/keras-throughput.mjs [--count 200] [--repeat 3] [--wait <ms>] [--dir <folder>] [--keep] [--no-keras] [--json [file]]
//   (build dist/ first: npm run build)
//
// --wait <ms>: the consumer awaits that long after each batch (a training step on a GPU), so that
// loading ahead can overlap it; default 0, a tight loop.
//
// The folder: `count` JPEGs (Pillow, quality 90, 4:2:0) in 4 class folders, random crops of the
// skimage.data photos (astronaut, chelsea, coffee, rocket, …) scaled to 400–640 px wide, in 4:3
// and 3:4, as photo datasets are; made with /usr/bin/python3 (python3-skimage), or when that is
// missing from test/golden/fixtures-jpeg/*.jpg. In the system's temporary folder, deleted
// afterwards unless --dir names one to make (or reuse) and keep.
//
// Each configuration runs one untimed epoch first (workers started, code warm, files in the page
// cache). Then `repeat` rounds time every configuration once each, in turn (so that a burst of
// other work on a shared machine slows every configuration, not one): a measurement is two
// epochs' worth of batches after one untimed batch (so that a prefetching iterator is timed in its
// steady state, the next batch already loading, neither charged for its start nor given a head
// start). The best round counts, all are kept in the JSON, with the CPU time of the process per
// image (every thread). Two generators: `rescale: 1/255` alone (loading dominates) and with
// augmentation (rotation, shifts, zoom, flip: the transforms stay on the calling thread). Keras'
// 2 threads: its batches (`iterator[i]`, the Sequence API) on a thread pool, as
// `model.fit(workers=2)` runs them.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImageDataGenerator } from '../dist/ml/index.node.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const PYTHON = '/usr/bin/python3';
const DEFAULT_JSON = join(HERE, 'results', 'keras-throughput.json');
const TARGET = [224, 224];
const BATCH = 32;
const CLASSES = ['astronaut', 'cat', 'coffee', 'rocket'];

const GENERATORS = {
  rescale: { js: { rescale: 1 / 255 }, py: 'dict(rescale=1/255)' },
  augment: {
    js: { rescale: 1 / 255, rotationRange: 20, widthShiftRange: 0.1, heightShiftRange: 0.1, zoomRange: 0.2, horizontalFlip: true },
    py: 'dict(rescale=1/255, rotation_range=20, width_shift_range=0.1, height_shift_range=0.1, zoom_range=0.2, horizontal_flip=True)',
  },
};

function parseArgs(argv) {
  const o = { count: 200, repeat: 3, wait: 0, dir: null, keep: false, keras: true, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--count') o.count = Number(value());
    else if (a === '--repeat') o.repeat = Number(value());
    else if (a === '--wait') o.wait = Number(value());
    else if (a === '--dir') o.dir = resolve(value());
    else if (a === '--keep') o.keep = true;
    else if (a === '--no-keras') o.keras = false;
    else if (a === '--json') o.json = i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[++i] : DEFAULT_JSON;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bench/keras-throughput.mjs [--count 200] [--repeat 3] [--wait <ms>] [--dir <folder>] [--keep] [--no-keras] [--json [file]]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(o.count) || o.count < 8) throw new Error('--count: expected an integer ≥ 8');
  if (!Number.isInteger(o.repeat) || o.repeat < 1) throw new Error('--repeat: expected an integer ≥ 1');
  if (!Number.isInteger(o.wait) || o.wait < 0) throw new Error('--wait: expected an integer ≥ 0 (milliseconds)');
  return o;
}

const MAKE_PY = `
import os, sys
import numpy as np
from PIL import Image
from skimage import data
root, count = sys.argv[1], int(sys.argv[2])
classes = ${JSON.stringify(CLASSES)}
sources = {
    'astronaut': [data.astronaut(), data.camera()],
    'cat': [data.chelsea(), data.cat()],
    'coffee': [data.coffee(), data.hubble_deep_field()],
    'rocket': [data.rocket(), data.retina()],
}
rng = np.random.default_rng(12345)
for i in range(count):
    cls = classes[i % len(classes)]
    src = sources[cls][(i // len(classes)) % 2]
    if src.ndim == 2: src = np.stack([src] * 3, axis=-1)
    h, w = src.shape[:2]
    portrait = rng.random() < 0.3
    ah, aw = (4, 3) if portrait else (3, 4)
    cw = int(min(w, h * aw / ah) * rng.uniform(0.6, 1.0)); ch = int(cw * ah / aw)
    x = int(rng.integers(0, w - cw + 1)); y = int(rng.integers(0, h - ch + 1))
    out_w = int(rng.integers(400, 641)); out_h = int(out_w * ah / aw)
    im = Image.fromarray(np.ascontiguousarray(src[y:y + ch, x:x + cw, :3])).resize((out_w, out_h), Image.BICUBIC)
    if rng.random() < 0.5: im = im.transpose(Image.FLIP_LEFT_RIGHT)
    os.makedirs(os.path.join(root, cls), exist_ok=True)
    im.save(os.path.join(root, cls, 'img_%04d.jpg' % i), quality=90)
`;

function countJpegs(dir) {
  return CLASSES.reduce((n, c) => n + (existsSync(join(dir, c)) ? readdirSync(join(dir, c)).filter((f) => f.endsWith('.jpg')).length : 0), 0);
}

function makeFolder(dir, count) {
  mkdirSync(dir, { recursive: true });
  if (countJpegs(dir) === count) return 'reused';
  const t0 = performance.now();
  const r = spawnSync(PYTHON, ['-c', MAKE_PY, dir, String(count)], { encoding: 'utf8' });
  if (r.status === 0 && countJpegs(dir) === count) {
    console.error(`made ${count} JPEGs from skimage.data in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return 'skimage';
  }
  console.error(`python3-skimage unavailable (${(r.stderr || r.error?.message || '').trim().split('\n').pop()}); using test/golden/fixtures-jpeg`);
  const src = join(ROOT, 'test', 'golden', 'fixtures-jpeg');
  const jpgs = readdirSync(src).filter((f) => f.endsWith('.jpg')).sort();
  for (let i = 0; i < count; i++) {
    const cls = CLASSES[i % CLASSES.length];
    mkdirSync(join(dir, cls), { recursive: true });
    cpSync(join(src, jpgs[i % jpgs.length]), join(dir, cls, `img_${String(i).padStart(4, '0')}.jpg`));
  }
  return 'fixtures-jpeg';
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A pixelarray configuration: its iterator, warmed up by one epoch. */
async function startPixelarray(dir, generator, workers, prefetch) {
  const gen = new ImageDataGenerator(GENERATORS[generator].js);
  const it = gen.flowFromDirectory(dir, { targetSize: TARGET, batchSize: BATCH, seed: 1, workers, prefetch });
  const t0 = performance.now();
  await it.nextAsync(); // the first batch: with workers, their start
  const firstBatchSeconds = +((performance.now() - t0) / 1000).toFixed(3);
  for (let b = 1; b < it.length; b++) await it.nextAsync();
  return { it, firstBatchSeconds };
}

/** One measurement: an untimed batch, then two epochs' worth of batches; images, wall and CPU seconds. */
async function measure(it, wait) {
  await sleep(300); // the previous configuration's prefetched loads finish first
  await it.nextAsync();
  let images = 0;
  const t0 = performance.now(), c0 = process.cpuUsage();
  for (let b = 0; b < 2 * it.length; b++) {
    images += (await it.nextAsync()).value[0].shape[0];
    if (wait > 0) await sleep(wait);
  }
  const c = process.cpuUsage(c0);
  return { images, seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6 };
}

const KERAS_PY = `
import json, sys, time
from concurrent.futures import ThreadPoolExecutor
from keras_preprocessing.image import ImageDataGenerator
import keras_preprocessing, PIL
directory, threads, wait = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) / 1000
it = ImageDataGenerator(**__GEN__).flow_from_directory(directory, target_size=(224, 224), batch_size=32, seed=1)
ex = ThreadPoolExecutor(threads) if threads > 1 else None
def batches(count):
    # Two epochs of batches, as pixelarray's measurement: next() on one thread, the Sequence API
    # (iterator[i]) on a thread pool otherwise.
    out = []
    for b in (next(it) for _ in range(count)) if ex is None else ex.map(lambda i: it[i % len(it)], range(count)):
        out.append(b[0].shape[0])
        if wait: time.sleep(wait)
    return out
w, wait = wait, 0
batches(len(it))  # warm-up epoch
wait = w
t0, c0 = time.perf_counter(), time.process_time()
images = sum(batches(2 * len(it)))
print(json.dumps({'images': images, 'seconds': time.perf_counter() - t0, 'cpuSeconds': time.process_time() - c0,
                  'version': keras_preprocessing.__version__, 'pillow': PIL.__version__}))
`;

function timeKeras(dir, generator, threads, wait) {
  const code = KERAS_PY.replace('__GEN__', GENERATORS[generator].py);
  const out = execFileSync(PYTHON, ['-c', code, dir, String(threads), String(wait)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out.trim().split('\n').pop());
}

function kerasAvailable() {
  return spawnSync(PYTHON, ['-c', 'import keras_preprocessing'], { stdio: 'ignore' }).status === 0;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'pixelarray-keras-bench-'));
  try {
    const source = makeFolder(dir, o.count);
    const files = CLASSES.flatMap((c) => readdirSync(join(dir, c)).map((f) => join(dir, c, f)));
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    const keras = o.keras && kerasAvailable();
    if (o.keras && !keras) console.error(`keras_preprocessing is not installed for ${PYTHON} (apt-get install python3-keras-preprocessing): Keras not timed`);
    const runs = [];
    const show = (r) => console.log(`${r.generator.padEnd(8)} ${r.who.padEnd(40)} ${r.perSecond.toFixed(1).padStart(6)} images/s ` +
      `(median ${r.medianPerSecond.toFixed(1).padStart(6)})  ${(1000 * r.cpuSeconds / r.images).toFixed(1).padStart(5)} CPU ms/image` +
      (r.firstBatchSeconds !== undefined ? `  first batch ${r.firstBatchSeconds.toFixed(2)} s` : ''));
    const CONFIGS = [[0, true], [1, true], [2, true], [2, false]];
    for (const generator of Object.keys(GENERATORS)) {
      const entries = [];
      for (const [workers, prefetch] of CONFIGS) {
        const who = workers === 0 ? 'pixelarray, calling thread' : `pixelarray, ${workers} worker${workers > 1 ? 's' : ''}${prefetch ? '' : ', no prefetch'}`;
        const { it, firstBatchSeconds } = await startPixelarray(dir, generator, workers, prefetch);
        entries.push({ who, library: 'pixelarray', workers, prefetch, firstBatchSeconds, run: () => measure(it, o.wait), close: () => it.close(), all: [] });
      }
      if (keras) {
        for (const threads of [1, 2]) {
          entries.push({ library: 'keras_preprocessing', threads, run: async () => timeKeras(dir, generator, threads, o.wait), close: () => {}, all: [] });
        }
      }
      for (let round = 0; round < o.repeat; round++) {
        // Each round in another order: no configuration always follows the same one.
        for (let k = 0; k < entries.length; k++) {
          const e = entries[(k + round) % entries.length];
          e.all.push(await e.run());
        }
      }
      for (const e of entries) {
        await e.close();
        const rates = e.all.map((m) => m.images / m.seconds).sort((a, b) => a - b);
        const best = e.all.reduce((a, b) => (b.images / b.seconds > a.images / a.seconds ? b : a));
        if (e.library !== 'pixelarray') e.who = `Keras ${best.version}, ${e.threads} thread${e.threads > 1 ? 's' : ''}`;
        const r = {
          generator, who: e.who, library: e.library, workers: e.workers, prefetch: e.prefetch, threads: e.threads,
          images: best.images, seconds: +best.seconds.toFixed(3), cpuSeconds: +best.cpuSeconds.toFixed(3), perSecond: best.images / best.seconds,
          medianPerSecond: rates[Math.floor(rates.length / 2)], allPerSecond: rates.map((x) => +x.toFixed(1)),
          firstBatchSeconds: e.firstBatchSeconds,
        };
        runs.push(r);
        show(r);
      }
    }
    const machine = {
      cpuModel: cpus()[0]?.model?.trim() ?? 'unknown', logicalCores: cpus().length, availableParallelism: availableParallelism(),
      node: process.version, date: new Date().toISOString(),
    };
    console.log(`${files.length} JPEGs (${source}), ${(bytes / 2 ** 20).toFixed(1)} MiB, in ${CLASSES.length} classes; ` +
      `targetSize ${TARGET.join('×')}, batch ${BATCH}${o.wait ? `, the consumer waiting ${o.wait} ms per batch` : ''}; ${machine.cpuModel}, ${machine.availableParallelism} cores, Node ${machine.node}`);
    if (o.json) {
      mkdirSync(dirname(o.json), { recursive: true });
      writeFileSync(o.json, JSON.stringify({ machine, folder: { images: files.length, bytes, source }, waitMs: o.wait, runs }, null, 2) + '\n');
      console.log(`wrote ${o.json}`);
    }
  } finally {
    if (!o.keep && !o.dir) rmSync(dir, { recursive: true, force: true });
    else console.log(`the photos are in ${dir}`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
