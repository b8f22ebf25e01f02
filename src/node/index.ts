// Entry point `pixelarray/node`: reading image files, saving and loading search indexes, and
// indexing whole folders on worker threads. Node only (fs, worker_threads); the indexes themselves
// (HistogramIndex, HashIndex) are in the core entry `pixelarray`.
export { readImage, describeFailure } from './read.ts';
export { saveIndex, loadIndex, type AnyIndex, type FileStamps, type FolderIndexJSON } from './index-file.ts';
export { indexFolder, type IndexFolderOptions, type FolderIndex, type SkippedFile } from './folder.ts';
export {
  ImageDataGenerator, loadImg, flowFromDirectory, DirectoryIterator, type LoadImgOptions, type FlowFromDirectoryOptions,
  type KerasColorMode, type KerasInterpolation, type KerasClassMode, type DirectoryBatch,
} from './keras.ts';
