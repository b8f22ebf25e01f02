#!/usr/bin/env node
// The `pixelarray` command: `search` (similar images in a folder, by colour histogram or perceptual
// hash), `hash` (imagehash-compatible hashes of files) and `flow` (one epoch of Keras'
// flow_from_directory over class folders, timed). Exit codes: 0 ok, 1 failure, 2 usage error.
// Errors are one line on stderr, never a stack trace. See docs/search.md and docs/ml.md.
import { readFileSync, statSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { hashImage, type HashKind } from '../apps/ahash.ts';
import type { SearchResult } from '../apps/common.ts';
import { HistogramIndex } from '../apps/histogram-index.ts';
import type { HistCompareMethod } from '../imgproc/histogram.ts';
import { indexFolder } from '../node/folder.ts';
import { describeFailure, readImage } from '../node/read.ts';
import { ProgressBar } from './progress.ts';

const NAME = 'pixelarray';

const HELP = `usage: ${NAME} <command> [options]

commands:
  search <folder> <query-image>   the images of <folder> most similar to <query-image>
  hash <image>...                 the perceptual hash of each image (imagehash's)
  flow <folder>                   one epoch of Keras' flow_from_directory over class folders, timed

Run '${NAME} <command> --help' for a command's options.
  -h, --help      this help
  --version       the version
`;

const SEARCH_HELP = `usage: ${NAME} search <folder> <query-image> [options]

Ranks every image under <folder> (PNG or JPEG, subfolders included, dot files skipped) by its
similarity to <query-image>, nearest first. Files that cannot be read are reported and skipped.

  --top <n>          how many results to print (default 5)
  --by <kind>        hist (default): colour histograms, OpenCV's recipe: calcHist with --bins bins
                     on each of the 3 channels, concatenated, L2-normalised, compared with --method;
                     ahash, dhash, phash: imagehash's average, difference or DCT hashes (--size),
                     ranked by Hamming distance (near-duplicates)
  --bins <n>         histogram bins per channel, 1..256 (default 4)
  --method <m>       chisqr (default), chisqr_alt, bhattacharyya, kl_div (smaller is nearer),
                     correl, intersect (larger is nearer)
  --size <n>         hash grid side, 2..256, phash 2..64 (default 8: 64-bit hashes)
  --index <file>     keep the folder's index in <file>: later runs read only new or changed images
  --workers <n>      worker threads (default: one per core)
  --json             print a JSON array of { "file", "distance" } instead of a table
  -h, --help         this help
`;

const HASH_HELP = `usage: ${NAME} hash <image>... [options]

Prints a hash of each image as hex digits, then the file name: str(imagehash.average_hash(im)),
dhash or phash of Python's imagehash (Pillow's grayscale and LANCZOS resize). Files that cannot be
read are reported on stderr; the exit code is then 1.

  --by <kind>  ahash (default): average hash, bit set where a cell of the size × size thumbnail is
               brighter than the mean; dhash: brighter than its left neighbour; phash: DCT
               coefficients of a 4·size square thumbnail above their median
  --size <n>   hash grid side, 2..256, phash 2..64 (default 8: 64 bits, 16 hex digits)
  --json       print a JSON array of { "file", "hash" }
  -h, --help   this help
`;

const FLOW_HELP = `usage: ${NAME} flow <folder> [options]

Loads every image of <folder> once, as Keras' ImageDataGenerator().flow_from_directory(<folder>)
lists and loads them (one class per subfolder, PNG and JPEG; decoded, converted and resized as
keras_preprocessing 1.1 does with Pillow), in batches, and reports how fast: first Keras' line
"Found N images belonging to K classes.", then a progress bar on stderr (on a terminal), then
the images per second.

  --target-size <h>x<w>  size of every image, height × width (default 256x256, as Keras)
  --batch-size <n>       images per batch (default 32)
  --color-mode <mode>    rgb (default), rgba or grayscale
  --interpolation <f>    nearest (default), bilinear, bicubic, lanczos, box or hamming
  --workers <n>          worker threads loading the files (default 0: the main thread)
  --json                 print { images, classes, classIndices, batches, seconds, imagesPerSecond, workers }
  -h, --help             this help
`;

const METHODS: readonly HistCompareMethod[] = ['chisqr', 'chisqr_alt', 'correl', 'intersect', 'bhattacharyya', 'kl_div'];

/** A mistake in the command line: reported with exit code 2. */
class UsageError extends Error {}

/** A failure to report in one line with exit code 1. */
class Failure extends Error {}

const err = (line: string) => process.stderr.write(`${NAME}: ${line}\n`);

function positiveInt(v: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || +v < min || +v > max) {
    throw new UsageError(`${name}: expected an integer in ${min}..${max}, got '${v}'`);
  }
  return +v;
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (e) {
    // parseArgs explains over several lines; the first says what is wrong.
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function isHashKind(v: string): v is HashKind {
  return v === 'ahash' || v === 'dhash' || v === 'phash';
}

// ---------------------------------------------------------------------------------------------

async function search(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    top: { type: 'string' }, by: { type: 'string' }, bins: { type: 'string' }, method: { type: 'string' },
    size: { type: 'string' }, index: { type: 'string' }, workers: { type: 'string' },
    json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(SEARCH_HELP);
    return 0;
  }
  if (positionals.length !== 2) {
    throw new UsageError(`search: expected <folder> <query-image>, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'} (try '${NAME} search --help')`);
  }
  const [folder, queryPath] = positionals;
  const top = positiveInt(values.top as string | undefined, '--top', 5, 1, 1e9);
  const by = (values.by as string | undefined) ?? 'hist';
  if (by !== 'hist' && !isHashKind(by)) throw new UsageError(`--by: expected hist, ahash, dhash or phash, got '${by}'`);
  const bins = positiveInt(values.bins as string | undefined, '--bins', 4, 1, 256);
  const method = (values.method as string | undefined) ?? 'chisqr';
  if (!(METHODS as readonly string[]).includes(method)) {
    throw new UsageError(`--method: expected one of ${METHODS.join(', ')}, got '${method}'`);
  }
  const size = positiveInt(values.size as string | undefined, '--size', 8, 2, by === 'phash' ? 64 : 256);
  const workers = values.workers === undefined ? undefined : positiveInt(values.workers as string, '--workers', 1, 1, 1024);
  const cache = values.index as string | undefined;
  if (by !== 'hist' && (values.bins !== undefined || values.method !== undefined)) {
    throw new UsageError('--bins and --method apply to --by hist only');
  }
  if (by === 'hist' && values.size !== undefined) throw new UsageError('--size applies to --by ahash, dhash and phash only');

  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch (e) {
    throw new Failure(`${folder}: ${describeFailure(e).replace(/^cannot read it: /, '')}`);
  }
  if (!isFolder) throw new Failure(`${folder}: not a folder`);
  let query;
  try {
    query = readImage(queryPath);
  } catch (e) {
    throw new Failure(`cannot use the query ${queryPath}: ${describeFailure(e)}`);
  }

  const bar = process.stderr.isTTY ? new ProgressBar(process.stderr, 'indexing') : undefined;
  let result;
  try {
    result = await indexFolder(folder, {
      by, bins, method: method as HistCompareMethod, size, workers, cache,
      // B, G, R: the channel order of the recipe run on cv2.imread's images, so that every
      // histogram and distance is bit for bit OpenCV's (any order ranks the same up to rounding).
      channels: [2, 1, 0],
      onProgress: bar && ((done, total) => bar.update(done, total)),
      onSkip: (file, reason) => {
        bar?.clear();
        err(`skipped ${file}: ${reason}`);
      },
    });
  } finally {
    bar?.clear();
  }
  const { index } = result;
  const found: SearchResult[] = index instanceof HistogramIndex
    ? index.search(query, { top, method: method as HistCompareMethod })
    : index.search(query, { top });
  if (index.count === 0) err(`no images found in ${folder}`);
  const rows = found.map((r) => ({ file: r.id, distance: r.distance }));
  if (values.json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  } else if (rows.length > 0) {
    const label = by !== 'hist' ? 'hamming' : method;
    const cells = rows.map((r, i) => [String(i + 1), by !== 'hist' ? String(r.distance) : formatDistance(r.distance), r.file]);
    const w0 = Math.max(4, ...cells.map((c) => c[0].length));
    const w1 = Math.max(label.length, ...cells.map((c) => c[1].length));
    const line = (c: string[]) => `${c[0].padStart(w0)}  ${c[1].padEnd(w1)}  ${c[2]}`;
    process.stdout.write([line(['rank', label, 'file']), ...cells.map(line)].join('\n') + '\n');
  }
  if (process.stderr.isTTY) {
    const skipped = result.skipped.length;
    process.stderr.write(`${index.count} image${index.count === 1 ? '' : 's'} indexed` +
      (result.reused ? ` (${result.reused} from ${cache})` : '') + (skipped ? `, ${skipped} skipped` : '') + '\n');
  }
  return 0;
}

/** Six significant digits, without trailing zeros or exponent noise for ordinary values. */
function formatDistance(d: number): string {
  if (d === 0 || !Number.isFinite(d)) return String(d);
  return String(Number(d.toPrecision(6)));
}

function hash(args: string[]): number {
  const { values, positionals } = parse(args, {
    by: { type: 'string' }, size: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HASH_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(`hash: expected at least one image (try '${NAME} hash --help')`);
  const by = (values.by as string | undefined) ?? 'ahash';
  if (!isHashKind(by)) throw new UsageError(`--by: expected ahash, dhash or phash, got '${by}'`);
  const size = positiveInt(values.size as string | undefined, '--size', 8, 2, by === 'phash' ? 64 : 256);
  const rows: { file: string; hash: string }[] = [];
  let failed = 0;
  for (const file of positionals) {
    try {
      const h = hashImage(readImage(file), by, size).hex;
      rows.push({ file, hash: h });
      if (!values.json) process.stdout.write(`${h}  ${file}\n`);
    } catch (e) {
      failed++;
      err(`${file}: ${describeFailure(e)}`);
    }
  }
  if (values.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  return failed > 0 ? 1 : 0;
}

const COLOR_MODES = ['rgb', 'rgba', 'grayscale'] as const;
const INTERPOLATIONS = ['nearest', 'bilinear', 'bicubic', 'lanczos', 'box', 'hamming'] as const;

async function flow(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    'target-size': { type: 'string' }, 'batch-size': { type: 'string' }, 'color-mode': { type: 'string' },
    interpolation: { type: 'string' }, workers: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(FLOW_HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(`flow: expected <folder>, got ${positionals.length} arguments (try '${NAME} flow --help')`);
  }
  const [folder] = positionals;
  const sizeText = (values['target-size'] as string | undefined) ?? '256x256';
  const m = /^(\d+)x(\d+)$/.exec(sizeText);
  if (m === null || +m[1] < 1 || +m[2] < 1 || +m[1] > 1 << 20 || +m[2] > 1 << 20) {
    throw new UsageError(`--target-size: expected <height>x<width>, e.g. 224x224, got '${sizeText}'`);
  }
  const targetSize: [number, number] = [+m[1], +m[2]];
  const batchSize = positiveInt(values['batch-size'] as string | undefined, '--batch-size', 32, 1, 1e6);
  const colorMode = (values['color-mode'] as string | undefined) ?? 'rgb';
  if (!(COLOR_MODES as readonly string[]).includes(colorMode)) throw new UsageError(`--color-mode: expected one of ${COLOR_MODES.join(', ')}, got '${colorMode}'`);
  const interpolation = (values.interpolation as string | undefined) ?? 'nearest';
  if (!(INTERPOLATIONS as readonly string[]).includes(interpolation)) {
    throw new UsageError(`--interpolation: expected one of ${INTERPOLATIONS.join(', ')}, got '${interpolation}'`);
  }
  const workers = positiveInt(values.workers as string | undefined, '--workers', 0, 0, 256);
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch (e) {
    throw new Failure(`${folder}: ${describeFailure(e).replace(/^cannot read it: /, '')}`);
  }
  if (!isFolder) throw new Failure(`${folder}: not a folder`);

  // Loaded here only: the other commands do not need the Keras modules.
  const { flowFromDirectory } = await import('../node/keras.ts');
  const it = flowFromDirectory(null, folder, {
    targetSize, batchSize, workers, classMode: null,
    colorMode: colorMode as (typeof COLOR_MODES)[number], interpolation: interpolation as (typeof INTERPOLATIONS)[number],
  });
  const found = `Found ${it.n} images belonging to ${it.numClasses} classes.`;
  if (!values.json) process.stdout.write(found + '\n');
  const bar = process.stderr.isTTY ? new ProgressBar(process.stderr, 'loading') : undefined;
  const t0 = performance.now();
  let done = 0;
  try {
    bar?.update(0, it.n);
    for (let b = 0; b < it.length; b++) {
      const batch = (await it.nextAsync()).value as { shape: [number, number, number, number] };
      done += batch.shape[0];
      bar?.update(done, it.n);
    }
  } catch (e) {
    throw new Failure(describeFailure(e));
  } finally {
    bar?.clear();
    void it.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const rate = seconds > 0 ? it.n / seconds : 0;
  if (values.json) {
    process.stdout.write(JSON.stringify({
      images: it.n, classes: it.numClasses, classIndices: it.classIndices, batches: it.length,
      seconds: +seconds.toFixed(3), imagesPerSecond: +rate.toFixed(1), workers,
    }, null, 2) + '\n');
  } else {
    process.stdout.write(`${it.n} image${it.n === 1 ? '' : 's'} in ${it.length} batch${it.length === 1 ? '' : 'es'} of ` +
      `${targetSize[0]}x${targetSize[1]} in ${seconds.toFixed(2)} s: ${rate.toFixed(1)} images/s ` +
      `(${workers === 0 ? 'main thread' : `${workers} worker thread${workers === 1 ? '' : 's'}`})\n`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(HELP);
    return 2;
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(version() + '\n');
    return 0;
  }
  if (command === 'search') return search(rest);
  if (command === 'hash') return hash(rest);
  if (command === 'flow') return flow(rest);
  throw new UsageError(`unknown command '${command}' (expected search, hash or flow; try '${NAME} --help')`);
}

// Piped into `head`: stop quietly when the reader goes away.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    if (e instanceof UsageError) {
      err(e.message);
      process.exitCode = 2;
    } else {
      err(e instanceof Failure ? e.message : describeFailure(e));
      process.exitCode = 1;
    }
  },
);
