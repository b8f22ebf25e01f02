// indexFolder: every image under a folder into a HistogramIndex or a HashIndex, on worker threads
// when there are enough files, skipping (and reporting) what cannot be read.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { HashIndex } from '../apps/ahash.ts';
import { compareIds } from '../apps/common.ts';
import { HistogramIndex } from '../apps/histogram-index.ts';
import { checkInt, checkOptions, checkOptionKeys } from '../core/check.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import type { HistCompareMethod } from '../imgproc/histogram.ts';
import { computeFeature, type Feature, type FeatureConfig } from './features.ts';
import { readIndexFile, writeAtomically, type AnyIndex, type FileStamps, type FolderIndexJSON } from './index-file.ts';
import { describeFailure } from './read.ts';

/** Options of `indexFolder`. */
export interface IndexFolderOptions {
  /**
   * `'hist'` (default): recipe colour histograms in a HistogramIndex; `'ahash'`, `'dhash'`,
   * `'phash'`: imagehash's average, difference or DCT hashes in a HashIndex.
   */
  by?: 'hist' | 'ahash' | 'dhash' | 'phash';
  /** `by: 'hist'`: bins per channel. Default 4. */
  bins?: number;
  /** `by: 'hist'`: colour channels in concatenation order. Default `[0, 1, 2]` (R, G, B). */
  channels?: readonly number[];
  /** `by: 'hist'`: the index's default compareHist method. Default `'chisqr'`. */
  method?: HistCompareMethod;
  /** `by: 'ahash'`, `'dhash'`, `'phash'`: hash grid side. Default 8. */
  size?: number;
  /**
   * Worker threads. By default one per core (`os.availableParallelism()`), started only with at
   * least 32 files to read per thread (a thread costs a few hundred milliseconds to start and warm
   * up). A number uses that many threads whatever the number of files (at most one per file);
   * 1 reads every file on the calling thread.
   */
  workers?: number;
  /** Look into subfolders too. Default true. */
  recursive?: boolean;
  /**
   * An index file to reuse and update: files whose size and modification time match its record
   * are not read again; new and changed files are indexed, vanished ones dropped, and the file is
   * rewritten. A file made with other settings (`by`, `bins`, `channels`, `size`, or average
   * hashes of the former OpenCV recipe) is rebuilt; a
   * file that is not a pixelarray index is an error (it is never overwritten).
   */
  cache?: string;
  /** Called after each file is read (or fails): `done` of `total` files to read. */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Called for each file that is skipped, with a one-line reason. */
  onSkip?: (file: string, reason: string) => void;
}

/** A file that was not indexed, and why. */
export interface SkippedFile {
  /** Path relative to the folder, `/`-separated. */
  file: string;
  reason: string;
}

/** What `indexFolder` returns: the index and the files it could not read. */
export interface FolderIndex<I extends AnyIndex = AnyIndex> {
  /** The index; ids are paths relative to the folder with `/` separators, in sorted order. */
  index: I;
  /** Files that could not be read or decoded (reported, not indexed). */
  skipped: SkippedFile[];
  /** How many entries came from `cache` without reading their file. */
  reused: number;
  /** Worker threads used (0: everything ran on the calling thread). */
  threads: number;
}

/**
 * By default a worker thread is started per this many files to read: a thread loads the codecs and
 * runs cold code first (measured: 2 threads cost 0.6 s more than 1 for 22 small PNGs on 2 cores).
 */
const FILES_PER_WORKER = 32;

/**
 * Indexes every file under `folder` (recursively, in sorted order; names starting with `.` are
 * skipped, as are symbolic links to folders and anything that is not a regular file). Each file is
 * decoded (PNG or JPEG, whatever its name) and its recipe histogram or average hash added under its
 * path relative to `folder`. Files that cannot be read or decoded are skipped and reported in
 * `skipped` (and to `onSkip`), never ending the run. With enough files (32 per thread, or as
 * `workers` says) the work is spread over worker threads.
 */
export async function indexFolder(folder: string, options: IndexFolderOptions & { by: 'ahash' | 'dhash' | 'phash' }): Promise<FolderIndex<HashIndex>>;
export async function indexFolder(folder: string, options?: IndexFolderOptions & { by?: 'hist' }): Promise<FolderIndex<HistogramIndex>>;
export async function indexFolder(folder: string, options?: IndexFolderOptions): Promise<FolderIndex>;
export async function indexFolder(folder: string, options?: IndexFolderOptions): Promise<FolderIndex> {
  if (arguments.length > 2) throw tooManyArguments('indexFolder', ['folder', 'options'], arguments.length);
  if (typeof folder !== 'string' || folder === '') throw typeError('folder', 'a folder path', folder);
  const o = checkOptions(options);
  checkOptionKeys(o, ['by', 'bins', 'channels', 'method', 'size', 'workers', 'recursive', 'cache', 'onProgress', 'onSkip']);
  const by = o.by ?? 'hist';
  if (by !== 'hist' && by !== 'ahash' && by !== 'dhash' && by !== 'phash') throw rangeError('options.by', "'hist', 'ahash', 'dhash' or 'phash'", by);
  const workers = o.workers === undefined ? undefined : checkInt(o.workers, 'options.workers', 1, 1024);
  const recursive = o.recursive ?? true;
  if (typeof recursive !== 'boolean') throw typeError('options.recursive', 'a boolean', recursive);
  for (const name of ['onProgress', 'onSkip'] as const) {
    if (o[name] !== undefined && typeof o[name] !== 'function') throw typeError(`options.${name}`, 'a function', o[name]);
  }
  if (o.cache !== undefined && (typeof o.cache !== 'string' || o.cache === '')) throw typeError('options.cache', 'a file path', o.cache);
  // The (still empty) index checks bins / channels / method / size and gives the feature settings.
  const index: AnyIndex = by === 'hist'
    ? new HistogramIndex({ bins: o.bins, channels: o.channels, method: o.method })
    : new HashIndex({ size: o.size, hash: by });
  const config: FeatureConfig = index instanceof HistogramIndex
    ? { by: 'hist', bins: index.bins, channels: [...index.channels] }
    : { by: index.hash, size: index.size };

  const root = resolve(folder);
  const st = statSync(root);
  if (!st.isDirectory()) throw new Error(`${folder}: not a folder`);

  const skipped: SkippedFile[] = [];
  const skip = (file: string, reason: string) => {
    skipped.push({ file, reason });
    o.onSkip?.(file, reason);
  };
  // The cache file may live in the folder: it is no image.
  const cacheAbs = o.cache === undefined ? undefined : resolve(o.cache);
  const files = listFiles(root, recursive, skip).filter((f) => join(root, f) !== cacheAbs);
  const previous = o.cache !== undefined && existsSync(o.cache) ? readCache(o.cache, config) : undefined;

  // Reuse what the cache holds for unchanged files; read the rest.
  const features = new Array<Feature | undefined>(files.length);
  const stamps: FileStamps = {};
  const todo: number[] = [];
  let reused = 0;
  files.forEach((file, i) => {
    let s;
    try {
      s = statSync(join(root, file));
    } catch (err) {
      skip(file, describeFailure(err));
      return;
    }
    stamps[file] = [s.size, s.mtimeMs];
    const old = previous?.stamps[file];
    const kept = old !== undefined && old[0] === s.size && old[1] === s.mtimeMs ? previous!.index.get(file) : undefined;
    if (kept !== undefined) {
      features[i] = kept;
      reused++;
    } else todo.push(i);
  });

  let done = 0;
  const onResult = (i: number, result: Feature | { reason: string }) => {
    if (typeof result === 'object' && !(result instanceof Float32Array)) {
      delete stamps[files[i]];
      skip(files[i], result.reason);
    } else features[i] = result;
    o.onProgress?.(++done, todo.length, files[i]);
  };
  const threads = workers === undefined
    ? Math.min(availableParallelism(), Math.floor(todo.length / FILES_PER_WORKER))
    : Math.min(workers, todo.length);
  if (threads >= 2) {
    await runWorkers(todo.map((i) => ({ i, path: join(root, files[i]) })), config, threads, onResult);
  } else {
    for (const i of todo) {
      let result: Feature | { reason: string };
      try {
        result = computeFeature(join(root, files[i]), config);
      } catch (err) {
        result = { reason: describeFailure(err) };
      }
      onResult(i, result);
      // Let timers and signals run between files.
      if (done % 8 === 0) await new Promise((r) => setImmediate(r));
    }
  }

  files.forEach((file, i) => {
    const f = features[i];
    if (f === undefined) return;
    if (index instanceof HistogramIndex) index.addHistogram(file, f as Float32Array);
    else index.addHash(file, f as string);
  });
  skipped.sort((a, b) => compareIds(a.file, b.file));
  if (o.cache !== undefined) {
    const json: FolderIndexJSON = { type: 'pixelarray.FolderIndex', version: 1, stamps, index: index.toJSON() };
    writeAtomically(o.cache, JSON.stringify(json));
  }
  return { index, skipped, reused, threads: threads >= 2 ? threads : 0 };
}

/**
 * Files under `root`, relative and `/`-separated, sorted. Dot files and dot folders are left out,
 * symbolic links are followed to files only, and unreadable subfolders are reported to `skip`.
 */
function listFiles(root: string, recursive: boolean, skip: (file: string, reason: string) => void): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      if (prefix === '') throw err;
      skip(prefix, describeFailure(err));
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const rel = prefix + e.name;
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (recursive) walk(full, rel + '/');
      } else if (e.isFile()) {
        out.push(rel);
      } else if (e.isSymbolicLink()) {
        // Followed to files only: a link to a folder could make a cycle.
        try {
          if (statSync(full).isFile()) out.push(rel);
        } catch (err) {
          skip(rel, describeFailure(err));
        }
      }
    }
  };
  walk(root, '');
  return out.sort(compareIds);
}

/** A cache file made with the same settings, or undefined (rebuild) when the settings differ. */
function readCache(path: string, config: FeatureConfig): { index: AnyIndex; stamps: FileStamps } | undefined {
  const { index, stamps } = readIndexFile(path);
  if (stamps === undefined) throw new Error(`${path}: a saved index, not an indexFolder cache file; refusing to overwrite it`);
  const same = config.by === 'hist'
    ? index instanceof HistogramIndex && index.bins === config.bins && index.channels.join() === config.channels.join()
    : index instanceof HashIndex && index.hash === config.by && index.recipe === 'imagehash' && index.size === config.size;
  return same ? { index, stamps } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Worker threads

// The worker module next to this one: worker.js in dist/, worker.ts when run from the sources.
const FROM_SOURCES = import.meta.url.endsWith('.ts');

function startWorker(config: FeatureConfig): Worker {
  const url = new URL(FROM_SOURCES ? './worker.ts' : './worker.js', import.meta.url);
  if (!FROM_SOURCES) return new Worker(url, { workerData: config });
  // Running the TypeScript sources (the tests, through tsx): a worker does not inherit tsx's
  // loader, so it registers tsx itself before importing the worker module.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData: config });
}

/**
 * Computes the features of `jobs` on `threads` workers, each kept busy with two files in flight.
 * Rejects (after stopping every worker) if a worker fails; a file that fails is a result, not a failure.
 */
function runWorkers(jobs: { i: number; path: string }[], config: FeatureConfig, threads: number,
  onResult: (i: number, result: Feature | { reason: string }) => void): Promise<void> {
  return new Promise((resolveAll, reject) => {
    const pool: Worker[] = [];
    let next = 0, pending = jobs.length, finished = false;
    const finish = (err?: unknown) => {
      if (finished) return;
      finished = true;
      for (const w of pool) void w.terminate();
      if (err === undefined) resolveAll(); else reject(err);
    };
    const feed = (w: Worker) => {
      if (next < jobs.length) w.postMessage(jobs[next++]);
    };
    for (let t = 0; t < threads; t++) {
      const w = startWorker(config);
      pool.push(w);
      w.on('message', (msg: { i: number; feature?: Feature; reason?: string }) => {
        if (finished) return;
        try {
          onResult(msg.i, msg.reason !== undefined ? { reason: msg.reason } : msg.feature!);
        } catch (err) {
          finish(err);
          return;
        }
        if (--pending === 0) finish();
        else feed(w);
      });
      w.on('error', (err) => finish(new Error(`indexFolder: a worker thread failed: ${err.message}`, { cause: err })));
      w.on('exit', (code) => {
        if (!finished) finish(new Error(`indexFolder: a worker thread exited (code ${code}) before the end`));
      });
      feed(w);
      feed(w);
    }
    if (pending === 0) finish();
  });
}
