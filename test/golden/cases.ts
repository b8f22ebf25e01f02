// Loader for the golden fixtures made by test/golden/generate.py (OpenCV / NumPy / Pillow outputs).
// Dependency-free and library-free: images are built through a `fromData` function that the
// caller passes in, and results are read only through the public fields data/shape/stride/offset.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding manifest.json and the .npy files. */
export const FIXTURES_DIR: string = fileURLToPath(new URL('./fixtures/', import.meta.url));

export type NpyData = Uint8Array | Float32Array | Float64Array;
export interface Npy {
  shape: number[];
  data: NpyData;
}

export type Tolerance = { kind: 'exact' } | { kind: 'maxabs'; value: number } | { kind: 'rel'; value: number; abs?: number };

/** One manifest entry: `call(...args)` must give `expect` within `tol`. */
export interface Case {
  id: string;
  call: string;
  /** JSON arguments; `{ "$img": "f.npy" }` stands for an image, `{ "$f32": "f.npy" }` for a Float32Array. */
  args: unknown[];
  /**
   * An image file, a list of image files (`split`), a float .npy of numbers (histograms), a number
   * (`compareHist`) or nested numbers (`getRotationMatrix2D`).
   */
  expect: string | string[] | number | unknown[];
  /** The Python expression that made `expect`. */
  ref: string;
  tol: Tolerance;
  /** `'arg0'`: an in-place call (`paste`); the first argument is compared after the call. */
  result?: 'arg0';
}

export interface Manifest {
  set: string;
  generator: string;
  inputs: Record<string, string>;
  cases: Case[];
}

/** What `pixelsOf` reads: any strided uint8 view (a PixelArray, or a scijs ndarray). */
export interface StridedLike {
  data: ArrayLike<number>;
  shape: readonly number[];
  stride: readonly number[];
  offset?: number;
}

export type FromData<T> = (data: Uint8Array, height: number, width: number, channels: number) => T;

const DTYPES: Record<string, { bytes: number; make: (buf: ArrayBuffer) => NpyData }> = {
  '|u1': { bytes: 1, make: (b) => new Uint8Array(b) },
  '<f4': { bytes: 4, make: (b) => new Float32Array(b) },
  '<f8': { bytes: 8, make: (b) => new Float64Array(b) },
};

/** Reads a .npy file (versions 1–3, C order, dtype uint8, float32 or float64, little-endian). */
export function readNpy(file: string): Npy {
  const buf = fs.readFileSync(file);
  if (buf.length < 10 || buf[0] !== 0x93 || buf.toString('latin1', 1, 6) !== 'NUMPY') {
    throw new Error(`${file}: not a .npy file`);
  }
  const major = buf[6];
  if (major !== 1 && major !== 2 && major !== 3) throw new Error(`${file}: .npy version ${major} not handled`);
  const headerStart = major === 1 ? 10 : 12;
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const header = buf.toString(major === 3 ? 'utf8' : 'latin1', headerStart, headerStart + headerLen);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new Error(`${file}: unreadable header ${JSON.stringify(header)}`);
  }
  if (fortran === 'True') throw new Error(`${file}: Fortran order not handled`);
  const dtype = DTYPES[descr];
  if (!dtype) throw new Error(`${file}: dtype ${descr} not handled`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  const count = shape.reduce((n, d) => n * d, 1);
  const body = buf.subarray(headerStart + headerLen);
  if (body.length !== count * dtype.bytes) {
    throw new Error(`${file}: ${body.length} data bytes for shape (${shape.join(', ')}) of ${descr}`);
  }
  // Copy into a fresh, aligned buffer (the file buffer may be pooled or misaligned for floats).
  const copy = new ArrayBuffer(body.length);
  new Uint8Array(copy).set(body);
  return { shape, data: dtype.make(copy) };
}

const cache = new Map<string, Npy>();
function load(file: string, dir: string): Npy {
  const full = path.resolve(dir, file);
  let npy = cache.get(full);
  if (!npy) {
    npy = readNpy(full);
    cache.set(full, npy);
  }
  return npy;
}

/** A stored uint8 image as `[h, w, c]` (a 2-D array is `h×w×1`) over a fresh copy of its bytes. */
export function loadImage(file: string, dir: string = FIXTURES_DIR): { shape: [number, number, number]; data: Uint8Array } {
  const { shape, data } = load(file, dir);
  if (!(data instanceof Uint8Array)) throw new Error(`${file}: expected uint8 data`);
  if (shape.length !== 2 && shape.length !== 3) throw new Error(`${file}: expected a 2-D or 3-D array, got (${shape.join(', ')})`);
  const [h, w, c] = shape.length === 2 ? [shape[0], shape[1], 1] : shape;
  return { shape: [h, w, c], data: data.slice() };
}

/** Reads fixtures/manifest.json. */
export function loadManifest(dir: string = FIXTURES_DIR): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

/** The golden cases, in manifest order. */
export function loadCases(dir: string = FIXTURES_DIR): Case[] {
  return loadManifest(dir).cases;
}

/**
 * Turns manifest arguments into real values: `{ $img }` becomes `fromData(bytes, h, w, c)` (over a
 * fresh copy each time, so in-place calls cannot leak between cases), `{ $f32 }` a Float32Array;
 * arrays and option objects are walked; numbers, strings and booleans pass through.
 */
export function materialize<T>(args: unknown, fromData: FromData<T>, dir: string = FIXTURES_DIR): unknown {
  if (Array.isArray(args)) return args.map((v) => materialize(v, fromData, dir));
  if (args !== null && typeof args === 'object') {
    const o = args as Record<string, unknown>;
    if (typeof o.$img === 'string') {
      const { shape, data } = loadImage(o.$img, dir);
      return fromData(data, shape[0], shape[1], shape[2]);
    }
    if (typeof o.$f32 === 'string') return Float32Array.from(load(o.$f32, dir).data);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, materialize(v, fromData, dir)]));
  }
  return args;
}

/** The pixels of any strided `h×w×c` view, as a flat contiguous row-major Uint8Array. */
export function pixelsOf(a: StridedLike): Uint8Array {
  const [h, w, c] = a.shape;
  const [s0, s1, s2] = a.stride;
  const o = a.offset ?? 0;
  const out = new Uint8Array(h * w * c);
  let k = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const base = o + y * s0 + x * s1;
      for (let ch = 0; ch < c; ch++) out[k++] = a.data[base + ch * s2];
    }
  }
  return out;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}`;
  if (Array.isArray(v)) return `Array(${v.length})`;
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return `${typeof v} ${String(v)}`;
}

function isStrided(v: unknown): v is StridedLike {
  if (v === null || typeof v !== 'object') return false;
  const o = v as Partial<StridedLike>;
  return o.data !== undefined && Array.isArray(o.shape) && o.shape.length === 3 &&
    Array.isArray(o.stride) && o.stride.length === 3;
}

function compareImage(got: unknown, file: string, tol: Tolerance, dir: string): string | null {
  if (!isStrided(got)) return `expected an image, got ${describe(got)}`;
  const e = loadImage(file, dir);
  if (got.shape.join() !== e.shape.join()) return `shape ${got.shape.join('x')} != expected ${e.shape.join('x')} (${file})`;
  const g = pixelsOf(got);
  const limit = tol.kind === 'maxabs' ? tol.value : 0;
  let worst = 0;
  let bad = 0;
  let first = -1;
  for (let i = 0; i < g.length; i++) {
    const d = Math.abs(g[i] - e.data[i]);
    if (d > 0) {
      bad++;
      if (first < 0) first = i;
      if (d > worst) worst = d;
    }
  }
  if (worst <= limit) return null;
  const [, w, c] = e.shape;
  const y = Math.floor(first / (w * c));
  const x = Math.floor(first / c) % w;
  const ch = first % c;
  return `${bad} of ${g.length} values differ, max |diff| ${worst} (allowed ${limit}); ` +
    `first at y=${y} x=${x} c=${ch}: got ${g[first]}, expected ${e.data[first]} (${file})`;
}

/**
 * Compares a result with the expected file (or files, for a list result such as `split`).
 * Returns null when it matches within `tol`, otherwise a message saying where it differs.
 */
export function compare(got: unknown, expect: Case['expect'], tol: Tolerance, dir: string = FIXTURES_DIR): string | null {
  if (Array.isArray(expect) && typeof expect[0] === 'string') {
    if (!Array.isArray(got)) return `expected ${expect.length} arrays, got ${describe(got)}`;
    if (got.length !== expect.length) return `expected ${expect.length} arrays, got ${got.length}`;
    for (let i = 0; i < expect.length; i++) {
      const m = compareImage(got[i], expect[i] as string, tol, dir);
      if (m) return `part ${i}: ${m}`;
    }
    return null;
  }
  if (typeof expect === 'number') return typeof got === 'number' ? compareNumbers([got], [expect], tol) : `expected a number, got ${describe(got)}`;
  if (Array.isArray(expect)) return compareNumbers(flatNumbers(got), expect.flat(Infinity) as number[], tol);
  const e = load(expect, dir);
  if (e.data instanceof Uint8Array) return compareImage(got, expect, tol, dir);
  return compareNumbers(flatNumbers(got), Array.from(e.data), tol);
}

function flatNumbers(v: unknown): number[] {
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) return v.flat(Infinity) as number[];
  return [];
}

/** Numbers within `tol` ('rel': |g − e| ≤ abs + value·|e|); NaN matches NaN. */
function compareNumbers(got: number[], expected: number[], tol: Tolerance): string | null {
  if (got.length !== expected.length) return `length ${got.length} != expected ${expected.length}`;
  for (let i = 0; i < got.length; i++) {
    const g = got[i], e = expected[i], d = Math.abs(g - e);
    const limit = tol.kind === 'exact' ? 0 : tol.kind === 'maxabs' ? tol.value : (tol.abs ?? 0) + tol.value * Math.abs(e);
    if (!(d <= limit || (Number.isNaN(g) && Number.isNaN(e)))) return `value ${i}: got ${g}, expected ${e} (${tol.kind})`;
  }
  return null;
}

/**
 * Runs one case against a library object (the module namespace: `fromData` and the called
 * function). Returns null when it passes, otherwise a message (a throw is a failure too).
 */
export function runCase(c: Case, lib: { fromData: FromData<unknown> } & Record<string, unknown>,
  dir: string = FIXTURES_DIR): string | null {
  const fn = lib[c.call];
  if (typeof fn !== 'function') return `'${c.call}' is not exported`;
  const args = materialize(c.args, lib.fromData, dir) as unknown[];
  let got: unknown;
  try {
    got = (fn as (...a: unknown[]) => unknown)(...args);
  } catch (e) {
    const err = e as Error;
    return `threw ${err?.name ?? ''}: ${String(err?.message ?? e).split('\n')[0]}`;
  }
  return compare(c.result === 'arg0' ? args[0] : got, c.expect, c.tol, dir);
}
