// pixelarray/ml in Node (the "node" export condition): everything of index.ts, plus what reads
// files: `loadImg`, `flowFromDirectory`, and an ImageDataGenerator with `flowFromDirectory`.
export * from './index.ts';
export {
  ImageDataGenerator, loadImg, flowFromDirectory, DirectoryIterator, type LoadImgOptions, type FlowFromDirectoryOptions,
  type KerasColorMode, type KerasInterpolation, type KerasClassMode, type DirectoryBatch,
} from '../node/keras.ts';
