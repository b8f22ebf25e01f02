// Keras' image loading from files (keras_preprocessing 1.1.0 utils.py `load_img`, `img_to_array`
// and directory_iterator.py `DirectoryIterator`), in Node: the same class indices, file order,
// labels and batches as `ImageDataGenerator.flow_from_directory` for the same seed. Images are
// decoded as Pillow decodes them (pixelarray/codecs, EXIF orientation not applied, as
// `Image.open` does not), converted with Pillow's `convert` and resized with Pillow's `resize`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { checkInt, checkOptions, checkOptionKeys } from '../core/check.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import type { PixelArray } from '../core/pixelarray.ts';
import { decodeImage } from '../codecs/index.ts';
import { imgToArray } from '../ml/keras/convert.ts';
import { ImageDataGenerator as BaseImageDataGenerator } from '../ml/keras/image-data-generator.ts';
import { checkFlowOptions, KerasIterator, type FlowOptions } from '../ml/keras/iterator.ts';
import type { Tensor4D } from '../ml/tensor.ts';
import { convert } from '../pillow/convert.ts';
import { resize, type Resample } from '../pillow/resample.ts';

/** Keras' colour modes: Pillow's L, RGB and RGBA. */
export type KerasColorMode = 'grayscale' | 'rgb' | 'rgba';
/** Keras' interpolation names (Pillow's resampling filters). */
export type KerasInterpolation = 'nearest' | 'bilinear' | 'bicubic' | 'lanczos' | 'box' | 'hamming';

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
const PIL_MODE = { grayscale: 'L', rgb: 'RGB', rgba: 'RGBA' } as const;
const CHANNELS = { grayscale: 1, rgb: 3, rgba: 4 } as const;

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

function loadChecked(path: string, target: [number, number] | null, colorMode: KerasColorMode, interpolation: KerasInterpolation): PixelArray {
  const img = decodeImage(new Uint8Array(readFileSync(path)), { orientation: 'ignore' });
  let out = img.shape[2] === CHANNELS[colorMode] && !(img.shape[2] === 1 && colorMode !== 'grayscale') ? img : convert(img, PIL_MODE[colorMode]);
  if (target !== null && (out.shape[0] !== target[0] || out.shape[1] !== target[1])) {
    out = resize(out, [target[1], target[0]], { resample: interpolation as Resample });
  }
  return out;
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
  return loadChecked(path, checkTargetSize(o.targetSize, 'options.targetSize'),
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
}

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
export class DirectoryIterator extends KerasIterator<Tensor4D | [Tensor4D, Float32Array | Tensor4D | { data: Float32Array; shape: [number, number] }]> {
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

  constructor(directory: string, generator: BaseImageDataGenerator | null, options?: FlowFromDirectoryOptions) {
    if (typeof directory !== 'string') throw typeError('directory', 'a folder path (string)', directory);
    const flow = checkFlowOptions(options, ['targetSize', 'colorMode', 'classes', 'classMode', 'subset', 'interpolation', 'followLinks']);
    const o = flow.rest as FlowFromDirectoryOptions;
    const targetSize = checkTargetSize(o.targetSize, 'options.targetSize') ?? [256, 256];
    const colorMode = checkChoice(o.colorMode, 'options.colorMode', COLOR_MODES, 'rgb');
    const interpolation = checkChoice(o.interpolation, 'options.interpolation', INTERPOLATIONS, 'nearest');
    const classMode = o.classMode === null ? null : checkChoice(o.classMode, 'options.classMode', ['categorical', 'binary', 'sparse', 'input'] as const, 'categorical');
    if (o.followLinks !== undefined && typeof o.followLinks !== 'boolean') throw typeError('options.followLinks', 'a boolean', o.followLinks);
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
  }

  /** Absolute paths of `filenames`. */
  get filepaths(): string[] {
    return this.filenames.map((f) => join(this.directory, f));
  }

  protected batchOf(indices: Int32Array): Tensor4D | [Tensor4D, Float32Array | Tensor4D | { data: Float32Array; shape: [number, number] }] {
    const [h, w] = this.targetSize, c = CHANNELS[this.colorMode], size = h * w * c;
    const data = new Float32Array(indices.length * size);
    indices.forEach((j, i) => {
      const path = join(this.directory, this.filenames[j]);
      let x = imgToArray(loadChecked(path, this.targetSize, this.colorMode, this.interpolation));
      if (this.generator) {
        x = this.generator.applyTransform(x, this.generator.getRandomTransform(x.shape));
        x = this.generator.standardize(x);
      }
      data.set(x.data, i * size);
    });
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

/** `ImageDataGenerator.flow_from_directory(directory, …)` as a function of the generator (null: no transforms). */
export function flowFromDirectory(generator: BaseImageDataGenerator | null, directory: string, options?: FlowFromDirectoryOptions): DirectoryIterator {
  if (arguments.length > 3) throw tooManyArguments('flowFromDirectory', ['generator', 'directory', 'options'], arguments.length);
  return new DirectoryIterator(directory, generator, options);
}

/**
 * `ImageDataGenerator` with Keras' `flow_from_directory` (Node only: it reads files). The same
 * class as the browser-safe one of `pixelarray/ml` otherwise; `pixelarray/ml` gives this one in Node.
 */
export class ImageDataGenerator extends BaseImageDataGenerator {
  /** `flow_from_directory(directory, target_size=…, color_mode=…, class_mode=…, batch_size=…, shuffle=…, seed=…, …)`. */
  flowFromDirectory(directory: string, options?: FlowFromDirectoryOptions): DirectoryIterator {
    return new DirectoryIterator(directory, this, options);
  }
}
