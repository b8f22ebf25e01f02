// pixelarray/search: near-duplicates by perceptual hashes (imagehash's average, difference, DCT) and similar images by colour histograms.
// A separate entry point (browser-safe, no dependencies) so that the core bundle stays small; the
// Node-only folder indexing and the `pixelarray` command build on it (src/node, src/cli).
export {
  averageHash, hammingDistance, hashImage, HashIndex, type AverageHash, type AverageHashOptions, type HashIndexOptions,
  type HashKind, type HashSearchOptions, type HashIndexJSON, type SearchResult,
} from './ahash.ts';
export {
  differenceHash, perceptualHash, type ImageHash, type DifferenceHashOptions, type PerceptualHashOptions,
} from './imagehash.ts';
export {
  colorHistogram, HistogramIndex, type ColorHistogramOptions, type HistogramIndexOptions,
  type HistogramSearchOptions, type HistogramIndexJSON,
} from './histogram-index.ts';
