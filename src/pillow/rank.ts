// Pillow 9.4's RankFilter.c (min, max, median, any rank) and ModeFilter.c, bit for bit. Both run
// one band at a time (Image.filter splits the bands, as they are not MultibandFilters); here every
// channel of a contiguous H×W×C buffer is handled in turn, with a sliding 256-bin histogram.

/**
 * `RankFilter(size, rank)`: the image is first extended by `size >> 1` pixels on every side with
 * copies of its edge pixels (`Image.expand`, i.e. ImagingExpand), then each output value is the
 * `rank`-th smallest (0-based) of its `size × size` window. `size` must be odd.
 */
export function rankBuffer(src: Uint8Array, dst: Uint8Array, h: number, w: number, c: number, size: number, rank: number): void {
  if (h === 0 || w === 0) return;
  const m = size >> 1;
  // Replicated coordinates of the window's rows and columns.
  const rowOf = new Int32Array(h + 2 * m), colOf = new Int32Array(w + 2 * m);
  for (let i = 0; i < h + 2 * m; i++) rowOf[i] = Math.min(h - 1, Math.max(0, i - m));
  for (let i = 0; i < w + 2 * m; i++) colOf[i] = Math.min(w - 1, Math.max(0, i - m));
  const hist = new Int32Array(256);
  const len = w * c;
  const target = rank + 1;
  for (let k = 0; k < c; k++) {
    for (let y = 0; y < h; y++) {
      hist.fill(0);
      for (let dy = 0; dy < size; dy++) {
        const r = rowOf[y + dy] * len + k;
        for (let dx = 0; dx < size; dx++) hist[src[r + colOf[dx] * c]]++;
      }
      for (let x = 0; x < w; x++) {
        if (x > 0) {
          const cOut = colOf[x - 1] * c, cIn = colOf[x + size - 1] * c;
          for (let dy = 0; dy < size; dy++) {
            const r = rowOf[y + dy] * len + k;
            hist[src[r + cOut]]--;
            hist[src[r + cIn]]++;
          }
        }
        let v = 0, seen = hist[0];
        while (seen < target) seen += hist[++v];
        dst[y * len + x * c + k] = v;
      }
    }
  }
}

/**
 * `ModeFilter(size)`: the most frequent value of the window of half-size `size / 2` (C integer
 * division) clipped to the image (no padding); ties go to the lowest value; when that value occurs
 * at most twice the pixel keeps its own value.
 */
export function modeBuffer(src: Uint8Array, dst: Uint8Array, h: number, w: number, c: number, size: number): void {
  if (h === 0 || w === 0) return;
  const half = Math.trunc(size / 2);
  const hist = new Int32Array(256);
  const len = w * c;
  for (let k = 0; k < c; k++) {
    for (let y = 0; y < h; y++) {
      const y0 = Math.max(0, y - half), y1 = Math.min(h - 1, y + half);
      hist.fill(0);
      for (let yy = y0; yy <= y1; yy++) {
        for (let xx = 0; xx <= Math.min(w - 1, half); xx++) hist[src[yy * len + xx * c + k]]++;
      }
      for (let x = 0; x < w; x++) {
        if (x > 0) {
          const xOut = x - half - 1, xIn = x + half;
          for (let yy = y0; yy <= y1; yy++) {
            const r = yy * len + k;
            if (xOut >= 0) hist[src[r + xOut * c]]--;
            if (xIn < w) hist[src[r + xIn * c]]++;
          }
        }
        let best = 0, count = hist[0];
        for (let i = 1; i < 256; i++) if (hist[i] > count) { count = hist[i]; best = i; }
        const o = y * len + x * c + k;
        dst[o] = count > 2 ? best : src[o];
      }
    }
  }
}
