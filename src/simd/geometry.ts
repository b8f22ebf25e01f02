// SIMD materialised geometry. The core's flip, transpose and rot90 return views (NumPy-style), and
// so do these: what costs time is `clone` of such a view. This `clone` recognises, by its strides,
// a view that reads a block of packed rows mirrored (a left-right flip, a 180° rotation) or
// transposed (a transpose, a 90° rotation either way, an anti-transpose), copies that block into
// the arena row by row as it lies in memory, and runs a reverse-pixels or transpose kernel. Every
// other view (contiguous ones, crops, top-bottom flips: plain row copies already) is the core's.
import { clone as coreClone } from '../core/copy.ts';
import { PixelArray, type Shape } from '../core/pixelarray.ts';
import { callCore, MIN_KERNEL_BYTES, plainOut } from './dispatch.ts';
import { activeKernels, runPlan, type Plan } from './runtime.ts';

/**
 * The plan that turns a packed image of `shape` into its mirror: `flipX` reverses each row
 * (`cv2.flip(a, 1)`), `flipX` and `flipY` together rotate it by 180° (`cv2.flip(a, -1)`). Null
 * for anything else (a top-bottom flip alone is a row copy, no kernel), or more than 4 channels.
 */
export function mirrorPlan(shape: Shape, flipY: boolean, flipX: boolean): Plan | null {
  const [h, w, c] = shape;
  if (!flipX || c > 4) return null;
  return {
    shape,
    run(ws, src) {
      const dst = ws.alloc(h * w * c);
      // 180°: the whole image read backwards, pixel by pixel, is one reversed row.
      if (flipY) ws.k.reversePixelRows(src, dst, h * w, 1, c);
      else ws.k.reversePixelRows(src, dst, w, h, c);
      return dst;
    },
  };
}

/**
 * The plan that turns a packed image B of `shape` (M×N) into the N×M image
 * `out[y][x] = B[flipX ? M − 1 − x : x][flipY ? N − 1 − y : y]`: the transpose (no flips),
 * `np.rot90(B, 1)` (`flipY`), `np.rot90(B, −1)` (`flipX`) or the anti-transpose (both). Null for 2
 * or more than 4 channels.
 */
export function transposedPlan(shape: Shape, flipY: boolean, flipX: boolean): Plan | null {
  const [m, n, c] = shape;
  if (c !== 1 && c !== 3 && c !== 4) return null;
  return {
    shape: [n, m, c],
    run(ws, src) {
      // After src: the c = 3 kernel reads up to 4 bytes past its input, which must stay in memory.
      const dst = ws.alloc(m * n * c);
      const srcRow = n * c, dstRow = m * c;
      ws.k.transposePixels(flipX ? src + (m - 1) * srcRow : src, flipX ? -srcRow : srcRow,
        flipY ? dst + (n - 1) * dstRow : dst, flipY ? -dstRow : dstRow, m, n, c);
      return dst;
    },
  };
}

/**
 * For a view `a` that is a mirrored or transposed block of packed rows: that block, as a view
 * of the same memory with its rows and pixels forwards, and the plan that turns the packed block
 * into `a`'s elements. Null for any other view.
 */
export function orientedSource(a: PixelArray): { block: PixelArray; plan: Plan } | null {
  const [h, w, c] = a.shape;
  const [s0, s1, s2] = a.stride;
  if (c !== 1 && s2 !== 1) return null;
  // The offset of a's element with the lowest address along axes 0 and 1.
  const low = a.offset + (s0 < 0 ? (h - 1) * s0 : 0) + (s1 < 0 ? (w - 1) * s1 : 0);
  if (s1 === -c && Math.abs(s0) >= w * c) {
    // Pixels backwards along memory rows.
    const plan = mirrorPlan(a.shape, s0 < 0, true);
    return plan && { block: new PixelArray(a.data, [h, w, c], [Math.abs(s0), c, 1], low), plan };
  }
  if (Math.abs(s0) === c && Math.abs(s1) >= h * c) {
    // View rows run along memory rows' pixels, view columns across memory rows.
    const plan = transposedPlan([w, h, c], s0 < 0, s1 < 0);
    return plan && { block: new PixelArray(a.data, [w, h, c], [Math.abs(s1), c, 1], low), plan };
  }
  return null;
}

/**
 * `np.ascontiguousarray(a).copy()` (see the core's `clone`): SIMD for views that are mirrored or
 * transposed blocks of rows — `clone(flip(a, 1))`, `clone(flip(a, -1))`, `clone(transpose(a))`,
 * `clone(rot90(a, k))` — of 1, 3 or 4 channels (2 for the flips).
 */
export function clone(a: PixelArray, options?: { out?: PixelArray }): PixelArray {
  const k = activeKernels();
  if (k !== null && arguments.length <= 2 && a instanceof PixelArray && a.size >= MIN_KERNEL_BYTES) {
    const source = orientedSource(a);
    const out = source ? plainOut(options, a.shape) : false;
    if (source && out !== false) {
      const r = runPlan(k, source.block, source.plan, out);
      if (r) return r;
    }
  }
  return callCore(coreClone, arguments);
}
