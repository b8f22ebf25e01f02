// Shared by the Keras modules: NumPy's global generator and the float32 image check.
import { rangeError, typeError, tooManyArguments } from '../../core/errors.ts';
import type { Tensor3D } from '../tensor.ts';
import { RandomState } from './random-state.ts';

/** NumPy's global generator (`np.random`), shared by every ImageDataGenerator as in Python. Seeded on first use. */
let globalState: RandomState | null = null;

/** `np.random.seed(seed)` for the draws of every ImageDataGenerator that is not given a seed. */
export function seedRandom(seed: number): void {
  if (arguments.length > 1) throw tooManyArguments('seedRandom', ['seed'], arguments.length);
  if (globalState === null) globalState = new RandomState(seed);
  else globalState.seed(seed);
}

/** The shared stream, seeded from Math.random when nobody seeded it (NumPy seeds from the OS). */
export function globalRandom(): RandomState {
  return globalState ?? (globalState = new RandomState(Math.floor(Math.random() * 2 ** 32)));
}

/** A float32 image `{ data, shape: [h, w, c] }` with data of exactly h·w·c values. */
export function checkTensor3D(x: unknown, name = 'x'): Tensor3D {
  if (x === null || typeof x !== 'object') throw typeError(name, 'a float32 image { data: Float32Array, shape: [h, w, c] }', x);
  const { data, shape } = x as Partial<Tensor3D>;
  if (!(data instanceof Float32Array)) throw typeError(`${name}.data`, 'a Float32Array', data);
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((s) => Number.isSafeInteger(s) && s >= 0)) {
    throw typeError(`${name}.shape`, 'a shape [height, width, channels] of non-negative integers', shape);
  }
  if (shape[2] < 1) throw rangeError(`${name}.shape[2]`, 'at least 1 channel', shape[2]);
  if (data.length !== shape[0] * shape[1] * shape[2]) {
    throw new RangeError(`${name}: expected ${shape[0] * shape[1] * shape[2]} values for shape [${shape.join(', ')}], got ${data.length}`);
  }
  return x as Tensor3D;
}

