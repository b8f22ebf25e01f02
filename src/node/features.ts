// What indexFolder computes per file, shared by the main thread and the worker threads.
import { hashImage } from '../apps/ahash.ts';
import { colorHistogram } from '../apps/histogram-index.ts';
import { readImage } from './read.ts';

/** What to compute for each file: a recipe histogram, or an imagehash hash. Plain data (sent to workers). */
export type FeatureConfig =
  | { by: 'hist'; bins: number; channels: number[] }
  | { by: 'ahash' | 'dhash' | 'phash'; size: number };

/** A histogram (`by: 'hist'`) or a hash's hex string (`by: 'ahash'`, `'dhash'`, `'phash'`). */
export type Feature = Float32Array | string;

/** Reads the image at `path` and computes its feature; throws what readImage throws. */
export function computeFeature(path: string, config: FeatureConfig): Feature {
  const img = readImage(path);
  return config.by === 'hist'
    ? colorHistogram(img, { bins: config.bins, channels: config.channels })
    : hashImage(img, config.by, config.size).hex;
}
