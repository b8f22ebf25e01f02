// Loads the peer libraries the benchmark compares pixelarray with, and converts the input
// image into each peer's own representation (outside any timed region).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The peers, in table column order. `key` is used in suites and JSON. */
export const PEERS = [
  { key: 'opencv', label: 'opencv.js', pkg: '@techstark/opencv-js' },
  { key: 'imagejs', label: 'image-js', pkg: 'image-js' },
  { key: 'jimp', label: 'jimp', pkg: 'jimp' },
  { key: 'ndarray', label: 'ndarray-ops', pkg: 'ndarray-ops' },
];

/** Installed version of a package, read from its package.json (its `exports` may hide it). */
export function packageVersion(pkg) {
  try {
    // Resolve any file of the package, then walk up to its package.json.
    let dir = dirname(require.resolve(pkg));
    for (let i = 0; i < 6; i++) {
      try {
        const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        if (meta.name === pkg) return meta.version;
      } catch { /* keep walking */ }
      dir = dirname(dir);
    }
  } catch { /* not installed */ }
  return 'unknown';
}

async function loadOpencv() {
  // The module object is a thenable that never settles: do not await it; wait for the runtime.
  const cv = require('@techstark/opencv-js');
  if (!cv.Mat) await new Promise((resolve) => { cv.onRuntimeInitialized = resolve; });
  // Returned inside an object: an async function returning the thenable itself would adopt it.
  return { cv };
}

async function loadImagejs() {
  const mod = await import('image-js');
  return { Image: mod.Image, merge: mod.merge };
}

async function loadJimp() {
  const { Jimp } = await import('jimp');
  return { Jimp };
}

async function loadNdarray() {
  return { ndarray: require('ndarray'), ops: require('ndarray-ops') };
}

const LOADERS = { opencv: loadOpencv, imagejs: loadImagejs, jimp: loadJimp, ndarray: loadNdarray };

/**
 * Loads every peer; one that fails to load is reported and left out (its column stays empty).
 * Returns `{ libs: { opencv, imagejs, jimp, ndarray }, versions, errors }`.
 */
export async function loadPeers() {
  const libs = {}, versions = {}, errors = {};
  for (const p of PEERS) {
    const t = performance.now();
    try {
      const loaded = await LOADERS[p.key]();
      libs[p.key] = p.key === 'opencv' ? loaded.cv : loaded;
      versions[p.key] = packageVersion(p.pkg);
    } catch (e) {
      libs[p.key] = null;
      errors[p.key] = String(e?.message ?? e);
    }
    versions[`${p.key}LoadMs`] = Math.round(performance.now() - t);
  }
  versions.ndarray = `${versions.ndarray} (ndarray ${packageVersion('ndarray')})`;
  return { libs, versions, errors };
}

// ---------------------------------------------------------------------------------------------
// Converting a PixelArray (contiguous H×W×C) into each peer's type. Outside timed regions only.

/** A continuous cv.Mat (CV_8UC1/3/4) holding a copy of the pixels. Caller deletes it. */
export function toMat(cv, pa) {
  const [h, w, c] = pa.shape;
  const type = c === 1 ? cv.CV_8UC1 : c === 3 ? cv.CV_8UC3 : cv.CV_8UC4;
  const mat = new cv.Mat(h, w, type);
  mat.data.set(packedBytes(pa));
  return mat;
}

/** The pixels of a continuous cv.Mat, copied out of the wasm heap. */
export function matBytes(mat) {
  if (!mat.isContinuous()) throw new Error('matBytes: Mat is not continuous');
  return mat.data.slice(0, mat.total() * mat.elemSize());
}

/** An uninitialised cv.Mat of a PixelArray shape. */
export function emptyMat(cv, [h, w, c]) {
  return new cv.Mat(h, w, c === 1 ? cv.CV_8UC1 : c === 3 ? cv.CV_8UC3 : cv.CV_8UC4);
}

/** image-js Image (RGB or GREY) with a copy of the pixels. */
export function toImagejs(Image, pa) {
  const [h, w, c] = pa.shape;
  return new Image(w, h, { data: packedBytes(pa).slice(), colorModel: c === 1 ? 'GREY' : 'RGB' });
}

/** A jimp image: RGBA with alpha 255 (jimp's only layout). */
export function toJimp(Jimp, pa) {
  const [h, w] = pa.shape;
  const rgb = packedBytes(pa);
  const rgba = Buffer.alloc(h * w * 4);
  for (let p = 0, q = 0; p < h * w; p++, q += 3) {
    rgba[4 * p] = rgb[q]; rgba[4 * p + 1] = rgb[q + 1]; rgba[4 * p + 2] = rgb[q + 2]; rgba[4 * p + 3] = 255;
  }
  return new Jimp({ data: rgba, width: w, height: h });
}

/** An ndarray view over the same memory (no copy): scijs field names match PixelArray's. */
export function toNd(ndarray, pa) {
  return ndarray(pa.data, [...pa.shape], [...pa.stride], pa.offset);
}

/** Packed row-major bytes of any PixelArray view. */
export function packedBytes(pa) {
  const [h, w, c] = pa.shape;
  const [s0, s1, s2] = pa.stride;
  if (s2 === 1 && s1 === c && s0 === w * c) return pa.data.subarray(pa.offset, pa.offset + h * w * c);
  const out = new Uint8Array(h * w * c);
  let i = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) out[i++] = pa.data[pa.offset + y * s0 + x * s1 + k * s2];
  return out;
}

/**
 * Timing caps for the pure-JS peers that take 0.3–8 s per call (image-js and jimp filters and
 * resizes): 1 warm-up run and at least 3 timed runs instead of 2 and 7. A system's `preset`.
 */
export const SLOW_CAP = { slowWarmRuns: 1, slowMinRuns: 3 };
/** jimp's gaussian takes ~27 s per call on 1080p: 1 warm-up run and 1 timed run, the harness's minimum. */
export const VERY_SLOW_CAP = { slowWarmRuns: 1, slowMinRuns: 1 };

/** A reusable jimp working copy of the photo whose bitmap `reset` restores (untimed) before every run. */
export function jimpWork(ctx) {
  const base = ctx.jimpA;
  const work = base.clone();
  const { width, height } = base.bitmap;
  const reset = () => {
    if (work.bitmap.width === width && work.bitmap.height === height) work.bitmap.data.set(base.bitmap.data);
    else work.bitmap = { data: Buffer.from(base.bitmap.data), width, height };
  };
  return { work, reset };
}
