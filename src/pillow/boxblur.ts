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
 * The box sums of one line of `n` positions, each of `m` elements side by side (`m` = channels for
 * a row, `m` = row length for the columns of a whole image), from `src` at `s0` to `dst` at `d0`:
 * `ImagingLineBoxBlur8/32` for all `m` elements at once, with its edge rules. `acc` holds `m`
 * running sums. Pillow's UINT32 arithmetic never wraps here: `acc·ww + (l + r)·fw + 2^23` is at most
 * 255·2^24 + 2^23 < 2^32, so plain doubles give its exact values and `>>> 24` its shift.
 */
function blurPositions(src: Uint8Array, s0: number, dst: Uint8Array, d0: number, n: number, m: number,
  p: LineParams, acc: Int32Array): void {
  const { radius, ww, fw, edgeA, edgeB } = p;
  const last = n - 1;
  const lastAt = s0 + last * m;
  for (let j = 0; j < m; j++) acc[j] = src[s0 + j] * (radius + 1) + src[lastAt + j] * (radius - edgeA + 1);
  for (let x = 0; x < edgeA - 1; x++) {
    const at = s0 + x * m;
    for (let j = 0; j < m; j++) acc[j] += src[at + j];
  }
  // Pillow's three loops: which positions enter (add) and leave (sub) the sum at x, and which two
  // give the fractional edge weights (left, right).
  const split = edgeA <= edgeB;
  for (let x = 0; x <= last; x++) {
    let add: number, sub: number, left: number, right: number;
    if (split) {
      if (x < edgeA) { add = x + radius; sub = 0; left = 0; right = x + radius + 1; }
      else if (x < edgeB) { add = x + radius; sub = x - radius - 1; left = sub; right = x + radius + 1; }
      else { add = last; sub = x - radius - 1; left = sub; right = last; }
    } else if (x < edgeB) { add = x + radius; sub = 0; left = 0; right = x + radius + 1; }
    else if (x < edgeA) { add = last; sub = 0; left = 0; right = last; }
    else { add = last; sub = x - radius - 1; left = sub; right = last; }
    const ai = s0 + add * m, si = s0 + sub * m, li = s0 + left * m, ri = s0 + right * m, o = d0 + x * m;
    for (let j = 0; j < m; j++) {
      const v = acc[j] + src[ai + j] - src[si + j];
      acc[j] = v;
      dst[o + j] = (v * ww + (src[li + j] + src[ri + j]) * fw + 8388608) >>> 24;
    }
  }
}

/** `passes` horizontal box blurs of every row of the contiguous `h×w×c` buffer, in place. */
function horizontalPasses(buf: Uint8Array, h: number, w: number, c: number, radius: number, passes: number): void {
  if (w === 0) return;
  const p = lineParams(radius, w);
  const len = w * c;
  const line = new Uint8Array(len);
  const acc = new Int32Array(c);
  for (let y = 0; y < h; y++) {
    const row = y * len;
    for (let i = 0; i < passes; i++) {
      blurPositions(buf, row, line, 0, w, c, p, acc);
      buf.set(line, row);
    }
  }
}

/**
 * `passes` vertical box blurs of the contiguous `h×w×c` buffer, in place. Pillow transposes the
 * image and blurs rows; blurring all columns at once, row by row, gives the same sums without the
 * two transposes and reads memory in order.
 */
function verticalPasses(buf: Uint8Array, h: number, w: number, c: number, radius: number, passes: number): void {
  if (h === 0) return;
  const p = lineParams(radius, h);
  const len = w * c;
  const acc = new Int32Array(len);
  let src: Uint8Array = buf, dst: Uint8Array = new Uint8Array(buf.length);
  for (let i = 0; i < passes; i++) {
    blurPositions(src, 0, dst, 0, h, len, p, acc);
    [src, dst] = [dst, src];
  }
  if (src !== buf) buf.set(src);
}

/**
 * `ImagingBoxBlur(radius, passes)` on a contiguous `h×w×c` buffer, in place: `passes` horizontal
 * passes, then `passes` vertical ones (Pillow's transposed horizontal passes).
 */
export function boxBlurBuffer(buf: Uint8Array, h: number, w: number, c: number, radius: number, passes: number): void {
  if (h === 0 || w === 0) return;
  horizontalPasses(buf, h, w, c, radius, passes);
  verticalPasses(buf, h, w, c, radius, passes);
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
