// SIMD calcHist: the core's function (src/imgproc/histogram.ts) with a counting kernel for its
// plain case — no mask, distinct channels of a 1-, 3- or 4-channel image, every range [0, 256)
// and power-of-two bins (the bins dividing 256), at most 2^16 bins in all. There the core's bin
// table maps v to v >> (8 − log2 bins) exactly (t = bins / 256 is a power of two), which the
// kernel computes with shifts. Everything else (masks, other ranges or bins, bad arguments) is the
// core's call. The result is a histogram, not an image, so this does not go through planOrCore.
import { calcHist as coreCalcHist, type CalcHistOptions } from '../imgproc/histogram.ts';
import { copyInto } from '../core/copy.ts';
import { LITTLE_ENDIAN } from '../core/packed.ts';
import { isContiguous, PixelArray } from '../core/pixelarray.ts';
import { callCore, MIN_KERNEL_BYTES } from './dispatch.ts';
import { activeKernels, ArenaFull, Workspace, type Kernels } from './runtime.ts';

/** Most bins the kernel counts (eight copies of 4-byte counters: 2 MB). */
const MAX_KERNEL_BINS = 1 << 16;
/** Pixels per chunk of a contiguous image streamed through the arena (96 KB of RGB). */
const CHUNK_PIXELS = 32768;
/** From this many pixels a one-dimensional histogram is counted in pairs (one increment per two pixels, then folded). */
const PAIRS_MIN = 1 << 16;
/** Bytes the kernel may read past the last pixel. */
const READ_SLACK = 16;

/** The kernel's description of a plain histogram: its dimensions' (shift, mask, pos) triples and its size. */
interface HistLayout {
  readonly params: Int32Array;
  readonly dims: number;
  readonly total: number;
}

const isRange256 = (p: unknown): boolean => Array.isArray(p) && p.length === 2 && p[0] === 0 && p[1] === 256;

/**
 * The kernel layout of `calcHist(a, options)` for an image of `c` channels, or null when the call
 * is not the plain case (the core then runs it, with its own errors).
 */
export function calcHistLayout(c: number, options: unknown): HistLayout | null {
  if (c !== 1 && c !== 3 && c !== 4) return null;
  let o: CalcHistOptions = {};
  if (options !== undefined) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) return null;
    if (Object.keys(options).some((key) => key !== 'channels' && key !== 'bins' && key !== 'ranges')) return null;
    o = options as CalcHistOptions;
  }
  const channels = o.channels ?? [0];
  if (!Array.isArray(channels) || channels.length < 1 || channels.length > c) return null;
  // Index loops, not every(): every() skips the holes of sparse arrays.
  for (let i = 0; i < channels.length; i++) {
    const ch: unknown = channels[i];
    if (!Number.isInteger(ch) || (ch as number) < 0 || (ch as number) >= c || channels.indexOf(ch as number) !== i) return null;
  }
  const dims = channels.length;
  const bins = o.bins === undefined ? new Array<number>(dims).fill(256) : typeof o.bins === 'number' ? new Array<number>(dims).fill(o.bins) : o.bins;
  if (!Array.isArray(bins) || bins.length !== dims) return null;
  for (let i = 0; i < dims; i++) {
    const b: unknown = bins[i];
    if (!Number.isInteger(b) || (b as number) < 1 || (b as number) > 256 || ((b as number) & ((b as number) - 1)) !== 0) return null;
  }
  const r = o.ranges;
  if (r !== undefined) {
    if (!Array.isArray(r)) return null;
    let flat = r.length === 2 * dims, pairs = r.length === dims;
    for (let i = 0; i < r.length; i++) {
      flat &&= r[i] === (i % 2 === 0 ? 0 : 256);
      pairs &&= isRange256(r[i]);
    }
    if (!flat && !pairs) return null;
  }
  const params = new Int32Array(12);
  let pos = 0, total = 1;
  for (let i = dims - 1; i >= 0; i--) {
    const bits = Math.log2(bins[i] as number), shift = 8 - bits;
    // Word lanes hold channel k in bits 8k…8k+7 (c = 1: the byte itself).
    params.set([8 * (channels[i] as number) + shift, 255 >> shift, pos], 3 * i);
    pos += bits;
    total *= bins[i] as number;
  }
  if (total > MAX_KERNEL_BINS) return null;
  return { params, dims, total };
}

/** Counts `a` (copied into the arena chunk by chunk when contiguous) into a new Float32Array. */
function runHist(k: Kernels, a: PixelArray, layout: HistLayout): Float32Array | null {
  const ws = new Workspace(k);
  try {
    const { total, dims } = layout;
    const c = a.shape[2], pixels = a.shape[0] * a.shape[1];
    const counts = ws.alloc(32 * total), out = ws.alloc(4 * total), params = ws.putInt32(layout.params);
    const bits = Math.log2(total), pairBytes = dims === 1 && pixels >= PAIRS_MIN ? 4 << (2 * bits) : 0;
    const pairs = pairBytes > 0 ? ws.alloc(pairBytes) : 0;
    const count = (at: number, n: number): void => {
      if (pairBytes > 0) k.histPairs(at, n, c, params, bits, pairs, counts);
      else k.histPacked(at, n, c, dims, params, counts, total);
    };
    const contiguous = isContiguous(a);
    const src = ws.alloc((contiguous ? Math.min(CHUNK_PIXELS, pixels) : pixels) * c + READ_SLACK);
    const heap = ws.heap(); // no alloc below: the view stays valid
    heap.fill(0, counts, counts + 32 * total);
    heap.fill(0, pairs, pairs + pairBytes);
    if (contiguous) {
      for (let p = 0; p < pixels; p += CHUNK_PIXELS) {
        const n = Math.min(CHUNK_PIXELS, pixels - p), from = a.offset + p * c;
        heap.set(a.data.subarray(from, from + n * c), src);
        count(src, n);
      }
    } else {
      copyInto(a, new PixelArray(heap, a.shape, undefined, src));
      count(src, pixels);
    }
    if (pairBytes > 0) k.histFoldPairs(pairs, bits, counts);
    k.histFinish(counts, total, out);
    return new Float32Array(k.memory.buffer.slice(out, out + 4 * total));
  } catch (e) {
    if (e instanceof ArenaFull) return null;
    throw e;
  }
}

/**
 * `cv2.calcHist` (see the core's `calcHist`): SIMD for uniform power-of-two bins over `[0, 256)`
 * of distinct channels without a mask (e.g. 256 bins of one channel, 8×8×8 of RGB).
 */
export function calcHist(a: PixelArray, options?: CalcHistOptions): Float32Array {
  const k = activeKernels();
  if (k !== null && LITTLE_ENDIAN && arguments.length <= 2 && a instanceof PixelArray && a.size >= MIN_KERNEL_BYTES) {
    const layout = calcHistLayout(a.shape[2], options);
    if (layout) {
      const r = runHist(k, a, layout);
      if (r) return r;
    }
  }
  return callCore(coreCalcHist, arguments);
}
