// pixelarray/search: near-duplicates by average hash and similar images by colour histograms.
// A separate entry point (browser-safe, no dependencies) so that the core bundle stays small; the
// Node-only folder indexing and the `pixelarray` command build on it (src/node, src/cli).
export {
  averageHash, hammingDistance, HashIndex, type AverageHash, type AverageHashOptions, type HashIndexOptions,
  type HashSearchOptions, type HashIndexJSON, type SearchResult,
} from './ahash.ts';
export {
  colorHistogram, HistogramIndex, type ColorHistogramOptions, type HistogramIndexOptions,
  type HistogramSearchOptions, type HistogramIndexJSON,
} from './histogram-index.ts';
