// Keras' Iterator and NumpyArrayIterator (keras_preprocessing 1.1.0 iterator.py and
// numpy_array_iterator.py): the same batches in the same order from the same seed. Each batch
// reseeds NumPy's generator with `seed + batchesSeen`, draws a permutation at the start of each
// epoch when shuffling, then one random transform per image, in batch order.
import { checkInt, checkOptionKeys, checkOptions } from '../../core/check.ts';
import { typeError, tooManyArguments } from '../../core/errors.ts';
import type { Tensor3D, Tensor4D } from '../tensor.ts';
import { checkTensor3D, globalRandom, seedRandom } from './common.ts';
import type { ImageDataGenerator } from './image-data-generator.ts';

/** Options of `flow` (and the directory iterator): Keras' keyword arguments in camelCase. */
export interface FlowOptions {
  /** Images per batch; default 32. */
  batchSize?: number;
  /** Shuffle the order at the start of every epoch; default true. */
  shuffle?: boolean;
  /** Seed: batch k reseeds NumPy's generator with `seed + k`, as Keras does. Default: no reseeding. */
  seed?: number | null;
}

/** Checks the common iterator options; returns them with Keras' defaults. */
export function checkFlowOptions(options: FlowOptions | undefined, extra: readonly string[] = []):
  { batchSize: number; shuffle: boolean; seed: number | null; rest: Record<string, unknown> } {
  const o = checkOptions(options) as Record<string, unknown>;
  checkOptionKeys(o, ['batchSize', 'shuffle', 'seed', ...extra]);
  const batchSize = o.batchSize === undefined ? 32 : checkInt(o.batchSize, 'options.batchSize', 1);
  if (o.shuffle !== undefined && typeof o.shuffle !== 'boolean') throw typeError('options.shuffle', 'a boolean', o.shuffle);
  const seed = o.seed === undefined || o.seed === null ? null : checkInt(o.seed, 'options.seed', 0, 0xffffffff);
  return { batchSize, shuffle: o.shuffle === undefined ? true : (o.shuffle as boolean), seed, rest: o };
}

/**
 * Keras' `Iterator`: an endless iterator of batches (`next()` gives `{ value, done: false }`,
 * `for … of` loops forever, as Python's does), with `length` batches per epoch and `reset()`.
 */
export abstract class KerasIterator<B> implements IterableIterator<B> {
  readonly n: number;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly seed: number | null;
  /** Batches handed out so far (the reseeding counter). */
  totalBatchesSeen = 0;
  #batchIndex = 0;
  #indexArray: Int32Array | null = null;

  protected constructor(n: number, options: { batchSize: number; shuffle: boolean; seed: number | null }) {
    this.n = n;
    this.batchSize = options.batchSize;
    this.shuffle = options.shuffle;
    this.seed = options.seed;
  }

  /** Batches per epoch: ceil(n / batchSize) (`len(iterator)`). */
  get length(): number {
    return Math.ceil(this.n / this.batchSize);
  }

  /** Starts the next `next()` at the beginning of an epoch. */
  reset(): void {
    this.#batchIndex = 0;
  }

  /** The indices of the next batch (`_flow_index`), before its images are made. */
  nextIndices(): Int32Array {
    if (this.seed !== null) seedRandom(this.seed + this.totalBatchesSeen);
    if (this.#batchIndex === 0) {
      this.#indexArray = this.shuffle ? globalRandom().permutation(this.n) : Int32Array.from({ length: this.n }, (_, i) => i);
    }
    const current = this.n === 0 ? 0 : (this.#batchIndex * this.batchSize) % this.n;
    if (this.n > current + this.batchSize) this.#batchIndex++;
    else this.#batchIndex = 0;
    this.totalBatchesSeen++;
    return this.#indexArray!.subarray(current, current + this.batchSize);
  }

  /** The next batch (Keras' `next(iterator)`). */
  next(): IteratorResult<B> {
    return { value: this.batchOf(this.nextIndices()), done: false };
  }

  [Symbol.iterator](): IterableIterator<B> {
    return this;
  }

  /** Builds the batch of the given sample indices (`_get_batches_of_transformed_samples`). */
  protected abstract batchOf(indices: Int32Array): B;
}

/** Labels of a batch: the entries of `y` at the batch's indices, as the same kind of array. */
export type Labels = readonly unknown[] | Float32Array | Float64Array | Int32Array | Uint8Array;

/** The images `flow` takes: a 4-D float32 tensor `[n, h, w, c]`, or a list of same-shaped 3-D ones. */
export type FlowImages = Tensor4D | readonly Tensor3D[];

function toTensor4D(x: unknown): Tensor4D {
  if (Array.isArray(x)) {
    if (x.length === 0) throw new RangeError('x: expected at least one image');
    const first = checkTensor3D(x[0], 'x[0]');
    const [h, w, c] = first.shape, size = h * w * c;
    const data = new Float32Array(x.length * size);
    x.forEach((t, i) => {
      const img = checkTensor3D(t, `x[${i}]`);
      if (img.shape[0] !== h || img.shape[1] !== w || img.shape[2] !== c) {
        throw new RangeError(`x[${i}]: expected shape [${h}, ${w}, ${c}] like x[0], got [${img.shape.join(', ')}]`);
      }
      data.set(img.data, i * size);
    });
    return { data, shape: [x.length, h, w, c] };
  }
  if (x === null || typeof x !== 'object') throw typeError('x', 'a float32 tensor { data, shape: [n, h, w, c] } or a list of images', x);
  const { data, shape } = x as Partial<Tensor4D>;
  if (!(data instanceof Float32Array)) throw typeError('x.data', 'a Float32Array', data);
  if (!Array.isArray(shape) || shape.length !== 4 || !shape.every((s) => Number.isSafeInteger(s) && s >= 0)) {
    throw typeError('x.shape', 'a shape [n, height, width, channels]', shape);
  }
  if (data.length !== shape[0] * shape[1] * shape[2] * shape[3]) {
    throw new RangeError(`x: expected ${shape[0] * shape[1] * shape[2] * shape[3]} values for shape [${shape.join(', ')}], got ${data.length}`);
  }
  return x as Tensor4D;
}

function pick(y: Labels, indices: Int32Array): Labels {
  if (Array.isArray(y)) return Array.from(indices, (i) => y[i]);
  const typed = y as Float32Array;
  const out = new (typed.constructor as Float32ArrayConstructor)(indices.length);
  indices.forEach((i, k) => { out[k] = typed[i]; });
  return out;
}

/**
 * Keras' `NumpyArrayIterator` (what `ImageDataGenerator.flow` returns): batches `[x, y]` (or `x`
 * alone when `y` is null), each image transformed with its own random draw and standardised.
 */
export class ArrayIterator extends KerasIterator<Tensor4D | [Tensor4D, Labels]> {
  readonly x: Tensor4D;
  readonly y: Labels | null;
  readonly generator: ImageDataGenerator;

  constructor(x: FlowImages, y: Labels | null | undefined, generator: ImageDataGenerator, options?: FlowOptions) {
    if (arguments.length > 4) throw tooManyArguments('ArrayIterator', ['x', 'y', 'generator', 'options'], arguments.length);
    const t = toTensor4D(x);
    if (y !== null && y !== undefined) {
      if (!Array.isArray(y) && !ArrayBuffer.isView(y)) throw typeError('y', 'an array of labels or null', y);
      if ((y as ArrayLike<unknown>).length !== t.shape[0]) {
        throw new RangeError(`y: expected ${t.shape[0]} labels (one per image of x), got ${(y as ArrayLike<unknown>).length}`);
      }
    }
    super(t.shape[0], checkFlowOptions(options));
    this.x = t;
    this.y = y ?? null;
    this.generator = generator;
  }

  protected batchOf(indices: Int32Array): Tensor4D | [Tensor4D, Labels] {
    const [, h, w, c] = this.x.shape, size = h * w * c;
    const data = new Float32Array(indices.length * size);
    indices.forEach((j, i) => {
      const img: Tensor3D = { data: this.x.data.subarray(j * size, (j + 1) * size), shape: [h, w, c] };
      const params = this.generator.getRandomTransform(img.shape);
      const out = this.generator.standardize(this.generator.applyTransform(img, params));
      data.set(out.data, i * size);
    });
    const batch: Tensor4D = { data, shape: [indices.length, h, w, c] };
    return this.y === null ? batch : [batch, pick(this.y, indices)];
  }
}
