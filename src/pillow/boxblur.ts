// Pillow 9.4's extended box blur (libImaging/BoxBlur.c), its Gaussian approximation and
// UnsharpMask.c, bit for bit: 8.24 fixed-point weights, horizontal passes then vertical ones.

/**
 * The fractional box radius Pillow's `ImagingGaussianBlur` derives from a Gaussian radius (the
 * standard deviation) for `passes` box passes (Gwosdek et al. 2011), in C `float` arithmetic:
 * `σ² = r²/n`, `L = √(12σ² + 1)`, `l = ⌊(L − 1)/2⌋`, `a = (2l + 1)(l(l + 1) − 3σ²) / (6(σ² − (l + 1)²))`,
 * result `l + a`.
 */
export function gaussianBoxRadius(radius: number, passes = 3): number {
  const f = Math.fround;
  const r = f(radius);
  const sigma2 = f(f(r * r) / passes);
  const L = f(Math.sqrt(12.0 * sigma2 + 1.0));
  const l = f(Math.floor((L - 1.0) / 2.0));
  const l1 = f(l + 1);
  let a = f(f(f(2 * l) + 1) * f(f(l * l1) - f(3 * sigma2)));
  a = f(a / f(6 * f(sigma2 - f(l1 * l1))));
  return f(l + a);
}

/** The per-line constants of `ImagingHorizontalBoxBlur` for a float radius and a line length. */
interface LineParams { radius: number; ww: number; fw: number; edgeA: number; edgeB: number }

function lineParams(floatRadius: number, xsize: number): LineParams {
  const f = Math.fround;
  const fr = f(floatRadius);
  const radius = Math.trunc(fr);
  const ww = Math.trunc(f(16777216 / f(f(fr * 2) + 1))) >>> 0;
  // UINT32 arithmetic, as in C.
  const fw = ((16777216 - Math.imul(radius * 2 + 1, ww)) >>> 0) >>> 1;
  return { radius, ww, fw, edgeA: Math.min(radius + 1, xsize), edgeB: Math.max(xsize - radius - 1, 0) };
}

/**
 * One channel of one line (`n` elements `step` apart from `si` in `src`), blurred into `dst` (same
 * layout from `di`): `ImagingLineBoxBlur8/32` with its UINT32 accumulators.
 */
function blurLine(src: Uint8Array, si: number, dst: Uint8Array, di: number, step: number, n: number, p: LineParams): void {
  const { radius, ww, fw, edgeA, edgeB } = p;
  const lastx = n - 1;
  const at = (x: number): number => src[si + x * step];
  let acc = Math.imul(at(0), radius + 1);
  for (let x = 0; x < edgeA - 1; x++) acc += at(x);
  acc = (acc + Math.imul(at(lastx), radius - edgeA + 1)) | 0;
  const save = (x: number, left: number, right: number): void => {
    const bulk = (Math.imul(acc, ww) + Math.imul(at(left) + at(right), fw)) >>> 0;
    dst[di + x * step] = ((bulk + 8388608) >>> 0) >>> 24;
  };
  let x = 0;
  if (edgeA <= edgeB) {
    for (; x < edgeA; x++) { acc = (acc + at(x + radius) - at(0)) | 0; save(x, 0, x + radius + 1); }
    for (; x < edgeB; x++) { acc = (acc + at(x + radius) - at(x - radius - 1)) | 0; save(x, x - radius - 1, x + radius + 1); }
    for (; x <= lastx; x++) { acc = (acc + at(lastx) - at(x - radius - 1)) | 0; save(x, x - radius - 1, lastx); }
  } else {
    for (; x < edgeB; x++) { acc = (acc + at(x + radius) - at(0)) | 0; save(x, 0, x + radius + 1); }
    for (; x < edgeA; x++) { acc = (acc + at(lastx) - at(0)) | 0; save(x, 0, lastx); }
    for (; x <= lastx; x++) { acc = (acc + at(lastx) - at(x - radius - 1)) | 0; save(x, x - radius - 1, lastx); }
  }
}

/** `passes` horizontal box blurs of every row of the contiguous `h×w×c` buffer, in place. */
function horizontalPasses(buf: Uint8Array, h: number, w: number, c: number, radius: number, passes: number): void {
  if (w === 0) return;
  const p = lineParams(radius, w);
  const len = w * c;
  const line = new Uint8Array(len);
  for (let y = 0; y < h; y++) {
    const row = y * len;
    for (let i = 0; i < passes; i++) {
      for (let k = 0; k < c; k++) blurLine(buf, row + k, line, k, c, w, p);
      buf.set(line, row);
    }
  }
}

/** Transposes the contiguous `h×w×c` `src` into the contiguous `w×h×c` `dst`. */
function transposeInto(src: Uint8Array, dst: Uint8Array, h: number, w: number, c: number): void {
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = (y * w + x) * c, d = (x * h + y) * c;
      for (let k = 0; k < c; k++) dst[d + k] = src[s + k];
    }
  }
}

/**
 * `ImagingBoxBlur(radius, passes)` on a contiguous `h×w×c` buffer, in place: `passes` horizontal
 * passes, a transpose, `passes` more (the vertical ones), a transpose back.
 */
export function boxBlurBuffer(buf: Uint8Array, h: number, w: number, c: number, radius: number, passes: number): void {
  if (h === 0 || w === 0) return;
  horizontalPasses(buf, h, w, c, radius, passes);
  const t = new Uint8Array(buf.length);
  transposeInto(buf, t, h, w, c);
  horizontalPasses(t, w, h, c, radius, passes);
  transposeInto(t, buf, w, h, c);
}

/**
 * `ImagingUnsharpMask`: `blurred` (a Gaussian blur of `src`, same layout) becomes the result, in
 * place. Where `|src − blurred| > threshold` the value is `clip(src + trunc(diff · percent / 100))`
 * (C integer division), elsewhere `src`.
 */
export function unsharpInPlace(src: Uint8Array, blurred: Uint8Array, percent: number, threshold: number): void {
  for (let i = 0; i < src.length; i++) {
    const s = src[i];
    const diff = s - blurred[i];
    if (Math.abs(diff) > threshold) {
      const v = s + Math.trunc((diff * percent) / 100);
      blurred[i] = v >= 255 ? 255 : v <= 0 ? 0 : v;
    } else blurred[i] = s;
  }
}
