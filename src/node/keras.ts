// Keras' image loading from files (keras_preprocessing 1.1.0 utils.py `load_img`, `img_to_array`
// and directory_iterator.py `DirectoryIterator`), in Node: the same class indices, file order,
// labels and batches as `ImageDataGenerator.flow_from_directory` for the same seed. Images are
// decoded as Pillow decodes them (pixelarray/codecs, EXIF orientation not applied, as
// `Image.open` does not), converted with Pillow's `convert` and resized with Pillow's `resize`.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { checkInt, checkOptions, checkOptionKeys } from '../core/check.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { isContiguous, type PixelArray } from '../core/pixelarray.ts';
import { imgToArray } from '../ml/keras/convert.ts';
import { ImageDataGenerator as BaseImageDataGenerator, kerasMatrix, type KerasTransformParams } from '../ml/keras/image-data-generator.ts';
import { ArrayIterator, checkFlowOptions, KerasIterator, type FlowImages, type FlowOptions, type Labels } from '../ml/keras/iterator.ts';
import { RandomState } from '../ml/keras/random-state.ts';
import type { Tensor3D, Tensor4D } from '../ml/tensor.ts';
import { CHANNELS, loadKerasImage, type KerasColorMode, type KerasInterpolation } from './keras-load.ts';
import { DEFAULT_START_TIMEOUT, LoadPool, type LoadJob } from './load-pool.ts';
import { describeFailure } from './read.ts';

export type { KerasColorMode, KerasInterpolation } from './keras-load.ts';

/** Options of `loadImg`. */
export interface LoadImgOptions {
  /** `[height, width]` to resize to (Keras' order); default: the file's size. */
  targetSize?: readonly [number, number] | null;
  /** 'rgb' (default), 'rgba' or 'grayscale'. */
  colorMode?: KerasColorMode;
  /** Pillow filter for the resize; default 'nearest', as Keras. */
  interpolation?: KerasInterpolation;
}

const COLOR_MODES: readonly KerasColorMode[] = ['grayscale', 'rgb', 'rgba'];
const INTERPOLATIONS: readonly KerasInterpolation[] = ['nearest', 'bilinear', 'bicubic', 'lanczos', 'box', 'hamming'];

function checkChoice<T extends string>(v: unknown, name: string, choices: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) throw rangeError(name, `one of ${choices.map((c) => `'${c}'`).join(', ')}`, v);
  return v as T;
}

function checkTargetSize(v: unknown, name: string): [number, number] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || v.length !== 2) throw typeError(name, 'a pair [height, width]', v);
  return [checkInt(v[0], `${name}[0]`, 1, 1 << 20), checkInt(v[1], `${name}[1]`, 1, 1 << 20)];
}

/**
 * `load_img(path, color_mode=…, target_size=(h, w), interpolation=…)`: the file (PNG or JPEG)
 * decoded as Pillow opens it, converted to the colour mode (Pillow's `convert`) and, when its size
 * differs, resized with Pillow's filter. Returns the uint8 image (Keras returns a PIL image).
 */
export function loadImg(path: string, options?: LoadImgOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('loadImg', ['path', 'options'], arguments.length);
  if (typeof path !== 'string') throw typeError('path', 'a file path (string)', path);
  const o = checkOptions(options);
  checkOptionKeys(o, ['targetSize', 'colorMode', 'interpolation']);
  return loadKerasImage(path, checkTargetSize(o.targetSize, 'options.targetSize'),
    checkChoice(o.colorMode, 'options.colorMode', COLOR_MODES, 'rgb'), checkChoice(o.interpolation, 'options.interpolation', INTERPOLATIONS, 'nearest'));
}

/** Keras' label kinds for directory iterators (`None` is null: batches are images only). */
export type KerasClassMode = 'categorical' | 'binary' | 'sparse' | 'input' | null;

/** Options of `flowFromDirectory`. */
export interface FlowFromDirectoryOptions extends FlowOptions {
  /** `[height, width]`; default `[256, 256]`, as Keras. */
  targetSize?: readonly [number, number];
  colorMode?: KerasColorMode;
  /** Class subfolders to use, in label order; default: every subfolder, sorted. */
  classes?: readonly string[] | null;
  /** Default 'categorical' (one-hot labels). */
  classMode?: KerasClassMode;
  /** Keras' `subset` with the generator's `validationSplit`: the first part of each class is 'validation'. */
  subset?: 'training' | 'validation' | null;
  interpolation?: KerasInterpolation;
  /** Follow symbolic links to folders; default false, as Keras. */
  followLinks?: boolean;
  /**
   * Worker threads that load (decode and resize) the files of `nextAsync()` batches. Default 0:
   * on the calling thread. `next()` always loads on the calling thread. See docs/ml.md for when
   * workers pay.
   */
  workers?: number;
  /**
   * With `workers`: while a batch is handed out, the files of the next one are already being
   * loaded (when the next batch is known: always within an epoch, and at an epoch's start unless
   * it shuffles without a seed). Default true.
   */
  prefetch?: boolean;
  /** With `workers`: milliseconds a worker may take to start before `nextAsync()` rejects. Default 10 000. */
  startTimeout?: number;
}

/** What a DirectoryIterator yields: images, or `[images, labels]` (see `classMode`). */
export type DirectoryBatch = Tensor4D | [Tensor4D, Float32Array | Tensor4D | { data: Float32Array; shape: [number, number] }];

/** Keras' file-name filter: a lower-cased name that ends with one of these (no dot required, as in Keras). */
const WHITE_LIST = ['png', 'jpg', 'jpeg', 'bmp', 'ppm', 'tif', 'tiff'];

/** `os.walk(root)` sorted by folder path, each folder's files sorted: [folder, file] pairs. */
function walk(root: string, followLinks: boolean): Array<[string, string]> {
  const folders: Array<[string, string[]]> = [];
  const visit = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true });
    const files: string[] = [];
    for (const e of entries) {
      const p = join(dir, e.name);
      let isDir = e.isDirectory(), isFile = e.isFile();
      if (e.isSymbolicLink()) {
        // os.walk lists a link to a folder among the folders (entered only with followlinks), any other among the files.
        try { isDir = statSync(p).isDirectory(); } catch { isDir = false; }
        isFile = !isDir;
        if (isDir && !followLinks) continue;
      }
      if (isDir) visit(p); else if (isFile) files.push(e.name);
    }
    folders.push([dir, files]);
  };
  visit(root);
  folders.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Array<[string, string]> = [];
  for (const [dir, files] of folders) for (const f of files.sort()) {
    if (WHITE_LIST.some((ext) => f.toLowerCase().endsWith(ext))) out.push([dir, f]);
  }
  return out;
}

/**
 * Keras' `DirectoryIterator`: one class per subfolder (sorted), its images in `os.walk` order;
 * batches `[x, y]` (or `x` for classMode null) as Keras builds them, from the same seed. Labels:
 * 'categorical' one-hot `{ data, shape: [n, classes] }`, 'binary'/'sparse' a Float32Array of
 * class indices, 'input' the images again. Only PNG and JPEG files decode (Keras also lists
 * BMP, PPM and TIFF names; those throw DecodeError when their batch is built).
 */
export class DirectoryIterator extends KerasIterator<DirectoryBatch> implements AsyncIterable<DirectoryBatch> {
  readonly directory: string;
  /** Class name → label, as Keras' `class_indices`. */
  readonly classIndices: Record<string, number>;
  /** Paths relative to `directory`, `class/…/file`, in Keras' order. */
  readonly filenames: string[];
  /** Label of each file. */
  readonly classes: Int32Array;
  readonly numClasses: number;
  readonly targetSize: [number, number];
  readonly colorMode: KerasColorMode;
  readonly classMode: KerasClassMode;
  readonly interpolation: KerasInterpolation;
  readonly generator: BaseImageDataGenerator | null;
  /** Worker threads loading the files of `nextAsync()` (0: the calling thread). */
  readonly workers: number;
  /** Whether `nextAsync()` loads the next batch's files ahead (with workers). */
  readonly prefetch: boolean;
  readonly #startTimeout: number;
  #pool: LoadPool | null = null;
  /** Loads started ahead for the next batch, by file index. */
  #ahead = new Map<number, LoadJob>();
  #closed = false;

  constructor(directory: string, generator: BaseImageDataGenerator | null, options?: FlowFromDirectoryOptions) {
    if (arguments.length > 3) throw tooManyArguments('DirectoryIterator', ['directory', 'generator', 'options'], arguments.length);
    if (typeof directory !== 'string') throw typeError('directory', 'a folder path (string)', directory);
    if (generator !== null && !(generator instanceof BaseImageDataGenerator)) {
      throw typeError('generator', 'an ImageDataGenerator or null (no transforms)', generator);
    }
    const flow = checkFlowOptions(options, ['targetSize', 'colorMode', 'classes', 'classMode', 'subset', 'interpolation', 'followLinks',
      'workers', 'prefetch', 'startTimeout']);
    const o = flow.rest as FlowFromDirectoryOptions;
    const targetSize = checkTargetSize(o.targetSize, 'options.targetSize') ?? [256, 256];
    const colorMode = checkChoice(o.colorMode, 'options.colorMode', COLOR_MODES, 'rgb');
    const interpolation = checkChoice(o.interpolation, 'options.interpolation', INTERPOLATIONS, 'nearest');
    const classMode = o.classMode === null ? null : checkChoice(o.classMode, 'options.classMode', ['categorical', 'binary', 'sparse', 'input'] as const, 'categorical');
    if (o.followLinks !== undefined && typeof o.followLinks !== 'boolean') throw typeError('options.followLinks', 'a boolean', o.followLinks);
    const workers = o.workers === undefined ? 0 : checkInt(o.workers, 'options.workers', 0, MAX_WORKERS);
    if (o.prefetch !== undefined && typeof o.prefetch !== 'boolean') throw typeError('options.prefetch', 'a boolean', o.prefetch);
    const startTimeout = o.startTimeout === undefined ? DEFAULT_START_TIMEOUT
      : o.startTimeout === Infinity ? Infinity : checkInt(o.startTimeout, 'options.startTimeout', 1, 2 ** 31 - 1);
    let split: [number, number] | null = null;
    if (o.subset !== undefined && o.subset !== null) {
      const v = generator?.validationSplit ?? 0;
      if (o.subset === 'validation') split = [0, v];
      else if (o.subset === 'training') split = [v, 1];
      else throw rangeError('options.subset', "'training', 'validation' or null", o.subset);
    }
    let classNames: string[];
    if (o.classes === undefined || o.classes === null || o.classes.length === 0) {
      let names: string[];
      try { names = readdirSync(directory); } catch (e) { throw new RangeError(`directory: cannot read ${JSON.stringify(directory)}: ${(e as Error).message}`, { cause: e }); }
      classNames = names.sort().filter((n) => { try { return statSync(join(directory, n)).isDirectory(); } catch { return false; } });
    } else {
      if (!Array.isArray(o.classes) || !o.classes.every((c) => typeof c === 'string')) throw typeError('options.classes', 'a list of subfolder names', o.classes);
      classNames = [...o.classes];
    }
    const filenames: string[] = [], labels: number[] = [];
    classNames.forEach((name, label) => {
      const dir = join(directory, name);
      let files = walk(dir, o.followLinks ?? false);
      if (split) files = files.slice(Math.trunc(split[0] * files.length), Math.trunc(split[1] * files.length));
      for (const [root, f] of files) {
        filenames.push([name, relative(dir, join(root, f))].join(sep));
        labels.push(label);
      }
    });
    super(filenames.length, flow);
    this.directory = directory;
    this.classIndices = Object.fromEntries(classNames.map((n, i) => [n, i]));
    this.filenames = filenames;
    this.classes = Int32Array.from(labels);
    this.numClasses = classNames.length;
    this.targetSize = targetSize;
    this.colorMode = colorMode;
    this.classMode = classMode;
    this.interpolation = interpolation;
    this.generator = generator;
    this.workers = workers;
    this.prefetch = o.prefetch ?? true;
    this.#startTimeout = startTimeout;
  }

  /** Absolute paths of `filenames`. */
  get filepaths(): string[] {
    return this.filenames.map((f) => join(this.directory, f));
  }

  protected batchOf(indices: Int32Array): DirectoryBatch {
    // Keras' order, image by image: load, img_to_array, draw the random transform, apply it, standardize.
    return this.#assemble(indices, (i) => loadKerasImage(join(this.directory, this.filenames[indices[i]]), this.targetSize, this.colorMode, this.interpolation), null);
  }

  /**
   * The next batch, as `next()` gives it (the same bytes for the same seed), with the files loaded
   * on `workers` threads. The batch's indices and every random draw (the epoch's permutation, the
   * transform parameters of each image, in Keras' order) are taken when `nextAsync()` is called,
   * so calls may overlap and mix with `next()`: batches come out in call order. The images are
   * then transformed and standardised on this thread. A file that cannot be loaded rejects the
   * promise with an error naming it. Without workers the batch is made on this thread at once.
   */
  async nextAsync(): Promise<IteratorResult<DirectoryBatch>> {
    if (arguments.length > 0) throw tooManyArguments('DirectoryIterator.nextAsync', [], arguments.length);
    if (this.#closed) throw new Error('DirectoryIterator: nextAsync() after close()');
    const raw = this.nextIndices();
    const indices = Int32Array.from(raw);
    const gen = this.generator;
    // getRandomTransform only depends on the image's shape, known before the file is read: the
    // draws are made now, in Keras' order (applyTransform and standardize draw nothing).
    const shape = [this.targetSize[0], this.targetSize[1], CHANNELS[this.colorMode]];
    const params = gen === null ? null : Array.from(indices, () => gen.getRandomTransform(shape));
    if (this.workers === 0) {
      return { value: this.#assemble(indices, (i) => this.#loadHere(indices[i]), params), done: false };
    }
    const promises = this.#dispatch(raw, indices);
    const images = await Promise.all(promises);
    return { value: this.#assemble(indices, (i) => images[i], params), done: false };
  }

  /** `for await (const batch of iterator)`: endless, as `for … of`; `nextAsync()` each time. */
  [Symbol.asyncIterator](): AsyncIterableIterator<DirectoryBatch> {
    if (arguments.length > 0) throw tooManyArguments('DirectoryIterator[Symbol.asyncIterator]', [], arguments.length);
    const it = {
      next: () => this.nextAsync(),
      // Leaving the loop does not stop the workers (idle workers do not keep the process alive): close() does.
      return: async (): Promise<IteratorResult<DirectoryBatch>> => ({ value: undefined, done: true }),
      [Symbol.asyncIterator]: () => it,
    };
    return it;
  }

  /**
   * Stops the loading workers; pending `nextAsync()` calls reject, and so do later ones. Idempotent;
   * `next()` still works. Idle workers do not keep the process alive, so this is only needed to
   * free the threads early.
   */
  close(): Promise<void> {
    if (arguments.length > 0) throw tooManyArguments('DirectoryIterator.close', [], arguments.length);
    this.#closed = true;
    for (const job of this.#ahead.values()) job.cancel();
    this.#ahead.clear();
    return this.#pool === null ? Promise.resolve() : this.#pool.close();
  }

  /** Starts the loads of a batch on the workers (reusing those started ahead), then those of the next batch. */
  #dispatch(raw: Int32Array, indices: Int32Array): Promise<PixelArray>[] {
    if (this.#pool === null || this.#pool.broken) {
      // A broken pool's loads are lost: start again with new workers.
      this.#ahead.clear();
      this.#pool = new LoadPool(this.workers, { startTimeout: this.#startTimeout });
    }
    const pool = this.#pool;
    const load = (j: number): LoadJob => pool.load(join(this.directory, this.filenames[j]), this.targetSize, this.colorMode, this.interpolation);
    const current = new Map<number, LoadJob>();
    for (const j of indices) current.set(j, this.#ahead.get(j) ?? load(j));
    // Loads started for a batch that did not come (reset(), another order): dropped.
    for (const [j, job] of this.#ahead) if (!current.has(j)) job.cancel();
    this.#ahead.clear();
    if (this.prefetch) {
      for (const j of nextBatchGuess(raw, this.n, this.batchSize, this.shuffle, this.seed, this.totalBatchesSeen) ?? []) {
        const shared = current.get(j);
        // A file of this batch too: the same load, which the next batch must not cancel.
        const job = shared === undefined ? load(j) : { promise: shared.promise, cancel: () => {} };
        // Handled here: a failure surfaces when its batch is asked for, not as an unhandled rejection.
        job.promise.catch(() => {});
        this.#ahead.set(j, job);
      }
    }
    return Array.from(indices, (j) => current.get(j)!.promise);
  }

  /** A file loaded on this thread, for nextAsync(): an error names the file. */
  #loadHere(j: number): PixelArray {
    const path = join(this.directory, this.filenames[j]);
    try {
      return loadKerasImage(path, this.targetSize, this.colorMode, this.interpolation);
    } catch (e) {
      throw new Error(`cannot load ${path}: ${describeFailure(e)}`, { cause: e });
    }
  }

  /**
   * The batch of `indices` from their images (`image(i)` for the i-th), transformed with
   * `params[i]` (null: each drawn when its image is ready, as Keras does) and standardised.
   */
  #assemble(indices: Int32Array, image: (i: number) => PixelArray, params: KerasTransformParams[] | null): DirectoryBatch {
    const [h, w] = this.targetSize, c = CHANNELS[this.colorMode], size = h * w * c;
    const data = new Float32Array(indices.length * size);
    const gen = this.generator;
    const shape: [number, number, number] = [h, w, c];
    for (let i = 0; i < indices.length; i++) {
      const img = image(i);
      // img_to_array straight into the batch (a native uint8 → float32 copy) when the image is contiguous.
      const slot = data.subarray(i * size, (i + 1) * size);
      let x: Tensor3D;
      if (isContiguous(img)) {
        slot.set(img.data.subarray(img.offset, img.offset + size));
        x = { data: slot, shape };
      } else x = imgToArray(img);
      if (gen !== null) {
        const p = params === null ? gen.getRandomTransform(x.shape) : params[i];
        // applyTransform returns a copy even when it has nothing to do: skipped then (same values).
        if (gen.applyTransform !== BaseImageDataGenerator.prototype.applyTransform || !isIdentity(p, h, w)) x = gen.applyTransform(x, p);
        // standardize works in place; a preprocessingFunction gets an array of its own, as in Keras.
        if (gen.preprocessingFunction !== null && x.data === slot) x = { data: slot.slice(), shape };
        x = gen.standardize(x);
      }
      if (x.data !== slot) slot.set(x.data);
    }
    const batch: Tensor4D = { data, shape: [indices.length, h, w, c] };
    switch (this.classMode) {
      case null: return batch;
      case 'input': return [batch, { data: data.slice(), shape: [indices.length, h, w, c] }];
      case 'binary':
      case 'sparse': return [batch, Float32Array.from(indices, (j) => this.classes[j])];
      case 'categorical': {
        const y = new Float32Array(indices.length * this.numClasses);
        indices.forEach((j, i) => { y[i * this.numClasses + this.classes[j]] = 1; });
        return [batch, { data: y, shape: [indices.length, this.numClasses] }];
      }
    }
  }
}

/** True when `applyTransform(x, p)` would return `x`'s values unchanged (the tests of applyTransform, in its order). */
function isIdentity(p: KerasTransformParams, h: number, w: number): boolean {
  return kerasMatrix(p, h, w) === null && (p.channelShiftIntensity === undefined || p.channelShiftIntensity === null)
    && !p.flipHorizontal && !p.flipVertical && (p.brightness === undefined || p.brightness === null);
}

/** Most loading workers an iterator accepts. */
const MAX_WORKERS = 256;

/**
 * @internal The indices of the batch after the one `nextIndices()` just returned (`raw`, a view
 * of the epoch's index array), as the next `nextIndices()` will give them, or null when they
 * cannot be known ahead (an epoch starts with a shuffle and no seed). `totalBatchesSeen` is the
 * count after `raw`. A guess only steers prefetching: a wrong one costs time, never bytes.
 */
export function nextBatchGuess(raw: Int32Array, n: number, batchSize: number, shuffle: boolean, seed: number | null,
  totalBatchesSeen: number): Int32Array | null {
  if (n === 0 || raw.buffer.byteLength !== 4 * n) return null;
  const current = raw.byteOffset / 4;
  if (n > current + batchSize) return new Int32Array(raw.buffer, 4 * (current + batchSize), Math.min(batchSize, n - current - batchSize));
  // The next batch starts an epoch.
  if (!shuffle) return Int32Array.from({ length: Math.min(batchSize, n) }, (_, i) => i);
  if (seed === null || seed + totalBatchesSeen > 0xffffffff) return null;
  return new RandomState(seed + totalBatchesSeen).permutation(n).subarray(0, batchSize);
}

/**
 * `ImageDataGenerator().flow_from_directory(directory, …)` as a function: `flowFromDirectory(dir,
 * options)` (no transforms, as a default `ImageDataGenerator()`), or with a generator first,
 * `flowFromDirectory(generator, dir, options)` (null: no transforms). The method
 * `generator.flowFromDirectory(dir, options)` is the same.
 */
export function flowFromDirectory(directory: string, options?: FlowFromDirectoryOptions): DirectoryIterator;
export function flowFromDirectory(generator: BaseImageDataGenerator | null, directory: string, options?: FlowFromDirectoryOptions): DirectoryIterator;
export function flowFromDirectory(first: BaseImageDataGenerator | null | string, second?: string | FlowFromDirectoryOptions,
  third?: FlowFromDirectoryOptions): DirectoryIterator {
  if (typeof first === 'string') {
    if (arguments.length > 2) throw tooManyArguments('flowFromDirectory', ['directory', 'options'], arguments.length);
    return new DirectoryIterator(first, null, second as FlowFromDirectoryOptions | undefined);
  }
  if (arguments.length > 3) throw tooManyArguments('flowFromDirectory', ['generator', 'directory', 'options'], arguments.length);
  return new DirectoryIterator(second as string, first, third);
}

/**
 * `ImageDataGenerator` with Keras' `flow_from_directory` (Node only: it reads files). The same
 * class as the browser-safe one of `pixelarray/ml` otherwise; `pixelarray/ml` gives this one in Node.
 */
export class ImageDataGenerator extends BaseImageDataGenerator {
  // The base class's methods, declared here too so that this class's own API lists them whole.
  /** `get_random_transform(img_shape, seed)`, as the base class (`pixelarray/ml`). */
  override getRandomTransform(shape: readonly number[], seed?: number): KerasTransformParams {
    if (arguments.length > 2) throw tooManyArguments('ImageDataGenerator.getRandomTransform', ['shape', 'seed'], arguments.length);
    return super.getRandomTransform(shape, seed);
  }

  /** `flow(x, y, batch_size=…, shuffle=…, seed=…)`, as the base class (`pixelarray/ml`). */
  override flow(x: FlowImages, y?: Labels | null, options?: FlowOptions): ArrayIterator {
    if (arguments.length > 3) throw tooManyArguments('ImageDataGenerator.flow', ['x', 'y', 'options'], arguments.length);
    return super.flow(x, y, options);
  }

  /** `flow_from_directory(directory, target_size=…, color_mode=…, class_mode=…, batch_size=…, shuffle=…, seed=…, …)`. */
  flowFromDirectory(directory: string, options?: FlowFromDirectoryOptions): DirectoryIterator {
    if (arguments.length > 2) throw tooManyArguments('ImageDataGenerator.flowFromDirectory', ['directory', 'options'], arguments.length);
    return new DirectoryIterator(directory, this, options);
  }
}
