// scipy.ndimage.affine_transform of one float32 channel, orders 0 and 1, as SciPy 1.10 computes it
// (scipy/ndimage/src/ni_interpolation.c: NI_GeometricTransform, map_coordinate,
// _get_spline_boundary_mode; ni_splines.c: get_spline_interpolation_weights). Keras' random
// transforms call it once per channel with the fill modes below. Facts, re-derived here:
// - the input coordinate is `((0 + r·m00) + c·m01) + offset0` (rows), likewise for columns;
// - except in 'nearest' mode it is first folded into the image by the mode; a coordinate that is
//   then still ≤ −1 (only 'constant' gives −1: anything outside [0, len − 1]) yields `cval`;
// - order 1 takes `floor(cc)` and `floor(cc) + 1` with weights `1 − f` and `1 − (1 − f)`; order 0
//   takes `floor(cc + 0.5)`; taps that fall outside are folded by the "spline mode" (mirror for
//   'constant' and 'wrap', the mode itself otherwise), integer-wise;
// - the value is `Σ ((v · w_row) · w_col)` in double, taps in row-major order, stored as float32.

/** Keras' fill modes (scipy.ndimage's names). */
export type NdimageMode = 'constant' | 'nearest' | 'reflect' | 'wrap';
type FoldMode = NdimageMode | 'mirror';

/** `map_coordinate`: folds a coordinate outside [0, len − 1] back in (−1 for 'constant'). */
export function mapCoordinate(x: number, len: number, mode: FoldMode): number {
  if (x < 0) {
    switch (mode) {
      case 'mirror': {
        if (len <= 1) return 0;
        const sz2 = 2 * len - 2;
        x = sz2 * Math.trunc(-x / sz2) + x;
        return x <= 1 - len ? x + sz2 : -x;
      }
      case 'reflect': {
        if (len <= 1) return 0;
        const sz2 = 2 * len;
        if (x < -sz2) x = sz2 * Math.trunc(-x / sz2) + x;
        return x < -len ? x + sz2 : (x > -1e-15 ? 1e-15 : -x) - 1;
      }
      case 'wrap': {
        if (len <= 1) return 0;
        const sz = len - 1;
        return x + sz * (Math.trunc(-x / sz) + 1);
      }
      case 'nearest': return 0;
      case 'constant': return -1;
    }
  } else if (x > len - 1) {
    switch (mode) {
      case 'mirror': {
        if (len <= 1) return 0;
        const sz2 = 2 * len - 2;
        x -= sz2 * Math.trunc(x / sz2);
        return x >= len ? sz2 - x : x;
      }
      case 'reflect': {
        if (len <= 1) return 0;
        const sz2 = 2 * len;
        x -= sz2 * Math.trunc(x / sz2);
        return x >= len ? sz2 - x - 1 : x;
      }
      case 'wrap': {
        if (len <= 1) return 0;
        const sz = len - 1;
        return x - sz * Math.trunc(x / sz);
      }
      case 'nearest': return len - 1;
      case 'constant': return -1;
    }
  }
  return x;
}

/**
 * For one axis: the folded coordinate's two taps (`i0`, `i1`, already folded into 0..len−1) and
 * the weight of the first, or null where the result is `cval`.
 */
interface Taps { i0: number; i1: number; w0: number; w1: number }

function taps(coord: number, len: number, mode: NdimageMode, order: 0 | 1, out: Taps): boolean {
  let cc = coord;
  if (mode !== 'nearest') cc = mapCoordinate(cc, len, mode);
  if (!(cc > -1 || mode === 'nearest')) return false;
  const spline: FoldMode = mode === 'constant' || mode === 'wrap' ? 'mirror' : mode;
  const start = order === 1 ? Math.floor(cc) : Math.floor(cc + 0.5);
  const edge = start < 0 || start + order >= len;
  out.i0 = edge ? mapCoordinate(start, len, spline) : start;
  out.i1 = order === 0 ? out.i0 : edge ? mapCoordinate(start + 1, len, spline) : start + 1;
  if (order === 1) {
    const f = cc - Math.floor(cc);
    out.w0 = 1.0 - f;
    out.w1 = 1.0 - out.w0;
  } else {
    out.w0 = 1; out.w1 = 0;
  }
  return true;
}

/**
 * `scipy.ndimage.affine_transform(channel, matrix, offset, order, mode, cval)` for channel `k` of
 * an `h×w×c` float32 image, written into channel `k` of `dst` (same shape): output pixel (r, c)
 * takes the input at `matrix · (r, c) + offset`.
 */
export function affineTransformChannel(src: Float32Array, dst: Float32Array, h: number, w: number, c: number, k: number,
  m: readonly [number, number, number, number], offset: readonly [number, number], order: 0 | 1, mode: NdimageMode, cval: number): void {
  const [m00, m01, m10, m11] = m;
  const rowTaps: Taps = { i0: 0, i1: 0, w0: 0, w1: 0 }, colTaps: Taps = { i0: 0, i1: 0, w0: 0, w1: 0 };
  const rowStride = w * c;
  for (let r = 0; r < h; r++) {
    for (let col = 0; col < w; col++) {
      let y = 0; y += r * m00; y += col * m01; y += offset[0];
      let x = 0; x += r * m10; x += col * m11; x += offset[1];
      const o = r * rowStride + col * c + k;
      if (!taps(y, h, mode, order, rowTaps) || !taps(x, w, mode, order, colTaps)) {
        dst[o] = cval;
        continue;
      }
      const r0 = rowTaps.i0 * rowStride + k, r1 = rowTaps.i1 * rowStride + k;
      const c0 = colTaps.i0 * c, c1 = colTaps.i1 * c;
      if (order === 0) {
        dst[o] = src[r0 + c0];
        continue;
      }
      let t = 0.0;
      t += (src[r0 + c0] * rowTaps.w0) * colTaps.w0;
      t += (src[r0 + c1] * rowTaps.w0) * colTaps.w1;
      t += (src[r1 + c0] * rowTaps.w1) * colTaps.w0;
      t += (src[r1 + c1] * rowTaps.w1) * colTaps.w1;
      dst[o] = t;
    }
  }
}
