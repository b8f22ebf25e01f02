// The rasterisers behind cv2.line and cv2.rectangle (OpenCV 4.6, modules/imgproc/src/drawing.cpp),
// rewritten from their arithmetic: clipLine, the Bresenham LineIterator (4- and 8-connected), Line2
// (16.16 fixed point), FillConvexPoly, the filled midpoint Circle, ThickLine and PolyLine.
//
// OpenCV keeps coordinates in int64 (16.16 fixed point for thick lines). Here they are doubles
// holding integers: points are limited to ±2^28 (draw.ts), so even shifted left by 16 every sum,
// difference and product below stays under 2^53 and is exact; `>> 16` is `Math.floor(v / 65536)`,
// C's truncating division `Math.trunc(a / b)` and `(int)` casts `| 0`. The one place OpenCV 4.6
// computes in double (clipLine's intersections) is done in double here too, operation for operation.
// Every pixel is written with the same colour, so the order of the writes does not matter: only
// the set of pixels does.
import type { PixelArray } from '../core/pixelarray.ts';
import { roundHalfEven } from '../core/numeric.ts';

const XY_SHIFT = 16;
const XY_ONE = 65536;
const HALF = XY_ONE >> 1;
const DBL_EPSILON = 2.220446049250313e-16;

/** `v >> 16` on an int64 held in a double (arithmetic shift: floor). */
const shr16 = (v: number): number => Math.floor(v / XY_ONE);

/** The image being drawn on and the colour, unpacked for the inner loops. */
export class Canvas {
  readonly data: Uint8Array;
  readonly offset: number;
  readonly sy: number;
  readonly sx: number;
  readonly sc: number;
  readonly w: number;
  readonly h: number;
  readonly c: number;
  readonly color: Uint8Array;
  /** Channels adjacent (stride 1) and pixels adjacent (|column stride| = channels): a span is one run. */
  readonly packed: boolean;
  private readonly c0: number;
  private readonly c1: number;
  private readonly c2: number;
  /** The colour repeated along a whole row, made on the first long span (copied with one `set`). */
  private pattern: Uint8Array | null = null;

  constructor(img: PixelArray, color: Uint8Array) {
    this.data = img.data;
    this.offset = img.offset;
    [this.h, this.w, this.c] = img.shape;
    [this.sy, this.sx, this.sc] = img.stride;
    this.color = color;
    this.c0 = color[0];
    this.c1 = color[1] ?? 0;
    this.c2 = color[2] ?? 0;
    this.packed = (this.sc === 1 || this.c === 1) && (this.sx === this.c || this.sx === -this.c);
  }

  /** Writes the colour at element index `base` (pixel start). */
  putAt(base: number): void {
    const { data, c } = this;
    if (c === 1) { data[base] = this.c0; return; }
    const sc = this.sc;
    if (c === 3) { data[base] = this.c0; data[base + sc] = this.c1; data[base + 2 * sc] = this.c2; return; }
    const color = this.color;
    for (let k = 0; k < c; k++) data[base + k * sc] = color[k];
  }

  /** Writes the colour at (x, y) when it lies inside the image. */
  putClipped(x: number, y: number): void {
    if (x >= 0 && x < this.w && y >= 0 && y < this.h) this.putAt(this.offset + y * this.sy + x * this.sx);
  }

  /** Fills row `y` from `x1` to `x2` inclusive; the caller has clipped them (0 ≤ x1 ≤ x2 < w). */
  hline(y: number, x1: number, x2: number): void {
    const { data, c } = this;
    if (this.packed) {
      // The span is one run of memory (reversed pixel order when the columns are flipped, which
      // changes nothing for a single colour).
      const start = this.offset + y * this.sy + (this.sx > 0 ? x1 : x2) * this.sx;
      const n = (x2 - x1 + 1) * c;
      if (c === 1) { data.fill(this.c0, start, start + n); return; }
      if (n <= 192) { // short spans: a plain loop beats making a subarray
        if (c === 3) {
          const c0 = this.c0, c1 = this.c1, c2 = this.c2;
          for (let i = start, end = start + n; i < end; i += 3) { data[i] = c0; data[i + 1] = c1; data[i + 2] = c2; }
        } else {
          const color = this.color;
          for (let i = 0; i < n; i += c) for (let k = 0; k < c; k++) data[start + i + k] = color[k];
        }
        return;
      }
      let pattern = this.pattern;
      if (pattern === null) {
        pattern = this.pattern = new Uint8Array(this.w * c);
        for (let i = 0; i < pattern.length; i += c) pattern.set(this.color, i);
      }
      data.set(n === pattern.length ? pattern : pattern.subarray(0, n), start);
      return;
    }
    const step = this.sx;
    for (let x = x1, base = this.offset + y * this.sy + x1 * step; x <= x2; x++, base += step) this.putAt(base);
  }
}

/**
 * cv::clipLine on a `w × h` box: moves the ends of p = [x1, y1, x2, y2] onto the box edges and
 * says whether any part of the segment is inside. OpenCV 4.6 computes each intersection as
 * `(int64)((double)(a − y1) * (x2 − x1) / (y2 − y1))`: the same double operations here.
 */
export function clipLine(w: number, h: number, p: number[]): boolean {
  if (w <= 0 || h <= 0) return false;
  const right = w - 1, bottom = h - 1;
  let [x1, y1, x2, y2] = p;
  let c1 = (x1 < 0 ? 1 : 0) + (x1 > right ? 2 : 0) + (y1 < 0 ? 4 : 0) + (y1 > bottom ? 8 : 0);
  let c2 = (x2 < 0 ? 1 : 0) + (x2 > right ? 2 : 0) + (y2 < 0 ? 4 : 0) + (y2 > bottom ? 8 : 0);
  if ((c1 & c2) === 0 && (c1 | c2) !== 0) {
    if (c1 & 12) {
      const a = c1 < 8 ? 0 : bottom;
      x1 += Math.trunc((a - y1) * (x2 - x1) / (y2 - y1));
      y1 = a;
      c1 = (x1 < 0 ? 1 : 0) + (x1 > right ? 2 : 0);
    }
    if (c2 & 12) {
      const a = c2 < 8 ? 0 : bottom;
      x2 += Math.trunc((a - y2) * (x2 - x1) / (y2 - y1));
      y2 = a;
      c2 = (x2 < 0 ? 1 : 0) + (x2 > right ? 2 : 0);
    }
    if ((c1 & c2) === 0 && (c1 | c2) !== 0) {
      if (c1) {
        const a = c1 === 1 ? 0 : right;
        y1 += Math.trunc((a - x1) * (y2 - y1) / (x2 - x1));
        x1 = a;
        c1 = 0;
      }
      if (c2) {
        const a = c2 === 1 ? 0 : right;
        y2 += Math.trunc((a - x2) * (y2 - y1) / (x2 - x1));
        x2 = a;
        c2 = 0;
      }
    }
  }
  p[0] = x1; p[1] = y1; p[2] = x2; p[3] = y2;
  return (c1 | c2) === 0;
}

/**
 * OpenCV's `Line`: the LineIterator walk between two integer points (clipped to the image first),
 * left to right, 8-connected (`dx + 1` pixels along the major axis) or 4-connected (`dx + dy + 1`).
 */
export function line1(cv: Canvas, x1: number, y1: number, x2: number, y2: number, connectivity: number): void {
  const { w, h } = cv;
  if (x1 < 0 || x1 >= w || x2 < 0 || x2 >= w || y1 < 0 || y1 >= h || y2 < 0 || y2 >= h) {
    const p = [x1, y1, x2, y2];
    if (!clipLine(w, h, p)) return;
    // (int) casts of the clipped ends, which lie inside the image
    x1 = p[0] | 0; y1 = p[1] | 0; x2 = p[2] | 0; y2 = p[3] | 0;
  }
  let dx = x2 - x1, dy = y2 - y1;
  if (dx < 0) { dx = -dx; dy = -dy; x1 = x2; y1 = y2; } // left to right: start at the other end
  let sx = 1, sy = 1;
  if (dy < 0) { dy = -dy; sy = -1; }
  const vert = dy > dx;
  if (vert) { const t = dx; dx = dy; dy = t; const s = sx; sx = sy; sy = s; }
  // A "minus" step moves along the major axis; when err < 0 the "plus" part is added as well.
  let mx: number, my: number, px: number, py: number, err: number, count: number;
  const plusDelta = connectivity === 8 ? 2 * dx : 2 * dx + 2 * dy, minusDelta = -2 * dy;
  if (connectivity === 8) {
    err = dx - 2 * dy; count = dx + 1;
    [mx, my, px, py] = vert ? [0, sx, sy, 0] : [sx, 0, 0, sy];
  } else {
    err = 0; count = dx + dy + 1;
    [mx, my, px, py] = vert ? [0, sx, sy, -sx] : [sx, 0, -sx, sy];
  }
  const minusStep = mx * cv.sx + my * cv.sy, plusStep = px * cv.sx + py * cv.sy;
  let ptr = cv.offset + y1 * cv.sy + x1 * cv.sx;
  if (cv.c === 3 && cv.sc === 1) {
    const { data } = cv, [c0, c1, c2] = cv.color;
    for (let i = 0; i < count; i++) {
      data[ptr] = c0; data[ptr + 1] = c1; data[ptr + 2] = c2;
      if (err < 0) { err += minusDelta + plusDelta; ptr += minusStep + plusStep; } else { err += minusDelta; ptr += minusStep; }
    }
    return;
  }
  for (let i = 0; i < count; i++) {
    cv.putAt(ptr);
    if (err < 0) { err += minusDelta + plusDelta; ptr += minusStep + plusStep; } else { err += minusDelta; ptr += minusStep; }
  }
}

/** OpenCV's `Line2`: a line between 16.16 fixed-point ends, one pixel per step of the major axis. */
export function line2(cv: Canvas, x1: number, y1: number, x2: number, y2: number): void {
  const p = [x1, y1, x2, y2];
  if (!clipLine(cv.w * XY_ONE, cv.h * XY_ONE, p)) return;
  [x1, y1, x2, y2] = p;
  let dx = x2 - x1, dy = y2 - y1;
  const ax = Math.abs(dx), ay = Math.abs(dy);
  let xStep = XY_ONE, yStep = XY_ONE, ecount: number;
  if (ax > ay) {
    if (dx < 0) { dy = -dy; [x1, x2] = [x2, x1]; [y1, y2] = [y2, y1]; }
    yStep = Math.trunc(dy * XY_ONE / (ax % 2 === 0 ? ax + 1 : ax)); // (ax | 1) on an int64
    ecount = shr16(x2 - x1) | 0;
  } else {
    if (dy < 0) { dx = -dx; [x1, x2] = [x2, x1]; [y1, y2] = [y2, y1]; }
    xStep = Math.trunc(dx * XY_ONE / (ay % 2 === 0 ? ay + 1 : ay));
    ecount = shr16(y2 - y1) | 0;
  }
  x1 += HALF;
  y1 += HALF;
  cv.putClipped(shr16(x2 + HALF) | 0, shr16(y2 + HALF) | 0);
  // The minor coordinate (16.16) grows by `step` per pixel; its integer part is kept apart from
  // its fraction so that `m >> 16` needs no division (the same values as OpenCV's int64 sum), and
  // the element index follows both incrementally.
  const horizontal = ax > ay;
  let major = horizontal ? shr16(x1) : shr16(y1);
  const m0 = horizontal ? y1 : x1, step = horizontal ? yStep : xStep;
  let mi = shr16(m0), mf = m0 - mi * XY_ONE;
  const si = shr16(step), sf = step - si * XY_ONE;
  const majStride = horizontal ? cv.sx : cv.sy, minStride = horizontal ? cv.sy : cv.sx;
  const majLimit = horizontal ? cv.w : cv.h, minLimit = horizontal ? cv.h : cv.w;
  let base = cv.offset + major * majStride + mi * minStride;
  const advance = majStride + si * minStride;
  const rgb = cv.c === 3 && cv.sc === 1, data = cv.data, [c0, c1, c2] = cv.color;
  for (; ecount >= 0; ecount--) {
    if (major >= 0 && major < majLimit && mi >= 0 && mi < minLimit) {
      if (rgb) { data[base] = c0; data[base + 1] = c1; data[base + 2] = c2; } else cv.putAt(base);
    }
    major++;
    mi += si;
    mf += sf;
    base += advance;
    if (mf >= XY_ONE) { mf -= XY_ONE; mi++; base += minStride; }
  }
}

/** Fills the box [x0, x1] × [y0, y1] (inclusive), clipped to the image. */
export function fillBox(cv: Canvas, x0: number, y0: number, x1: number, y1: number): void {
  x0 = Math.max(x0, 0); y0 = Math.max(y0, 0);
  x1 = Math.min(x1, cv.w - 1); y1 = Math.min(y1, cv.h - 1);
  for (let y = y0; y <= y1 && x0 <= x1; y++) cv.hline(y, x0, x1);
}

/** OpenCV's filled `Circle` (midpoint algorithm), clipped to the image: the round caps. */
export function fillCircle(cv: Canvas, cx: number, cy: number, radius: number): void {
  const { w, h } = cv;
  if (cx + radius < 0 || cx - radius >= w || cy + radius < 0 || cy - radius >= h) return;
  let err = 0, dx = radius, dy = 0, plus = 1, minus = 2 * radius - 1;
  const span = (y: number, x1: number, x2: number): void => {
    if (y < 0 || y >= h || x2 < 0 || x1 >= w) return;
    cv.hline(y, Math.max(x1, 0), Math.min(x2, w - 1));
  };
  while (dx >= dy) {
    span(cy - dy, cx - dx, cx + dx);
    span(cy + dy, cx - dx, cx + dx);
    span(cy - dx, cx - dy, cx + dy);
    span(cy + dx, cx - dy, cx + dy);
    dy++;
    err += plus;
    plus += 2;
    if (err > 0) { err -= minus; dx--; minus -= 2; }
  }
}

// ---------------------------------------------------------------------------------------------
// The general rasterisers (any shift 0..16, LINE_AA): OpenCV 4.6's LineAA, FillConvexPoly,
// CollectPolyEdges + FillEdgeCollection, the outline Circle, ThickLine, PolyLine and EllipseEx
// with ellipse2Poly. Used by circle, ellipse, polylines, fillPoly, putText and the 'aa' line type.
// ---------------------------------------------------------------------------------------------

/** OpenCV's `LINE_AA`. */
export const LINE_AA = 16;

/** 2^k for the shifts (`<< k` on an int64 held in a double is `* 2^k`). */
const POW2 = /* @__PURE__ */ Array.from({ length: 17 }, (_, k) => 2 ** k);

/** `v >> k` (arithmetic) on an int64 held in a double. */
const shr = (v: number, k: number): number => Math.floor(v / POW2[k]);

/* Correction table depending on the slope, and the Gaussian of the antialiasing filter (drawing.cpp). */
const SLOPE_CORR = /* @__PURE__ */ new Int32Array([
  181, 181, 181, 182, 182, 183, 184, 185, 187, 188, 190, 192, 194, 196, 198, 201,
  203, 206, 209, 211, 214, 218, 221, 224, 227, 231, 235, 238, 242, 246, 250, 254,
]);
const FILTER = /* @__PURE__ */ new Int32Array([
  168, 177, 185, 194, 202, 210, 218, 224, 231, 236, 241, 246, 249, 252, 254, 254,
  254, 254, 252, 249, 246, 241, 236, 231, 224, 218, 210, 202, 194, 185, 177, 168,
  158, 149, 140, 131, 122, 114, 105, 97, 89, 82, 75, 68, 62, 56, 50, 45,
  40, 36, 32, 28, 25, 22, 19, 16, 14, 12, 11, 9, 8, 7, 5, 5,
]);

/** Blends the colour into pixel (x, y) (inside) with weight a/256, twice, as LineAA's ICV_PUT_POINT. */
function blendAt(cv: Canvas, x: number, y: number, a: number): void {
  const { data, c, sc, color } = cv;
  const base = cv.offset + y * cv.sy + x * cv.sx;
  for (let k = 0; k < c; k++) {
    const i = base + k * sc, col = color[k];
    let v = data[i];
    v += ((col - v) * a + 127) >> 8;
    v += ((col - v) * a + 127) >> 8;
    data[i] = v;
  }
}

/**
 * OpenCV's `LineAA` between 16.16 fixed-point ends: a 3-pixel-wide Gaussian profile along the
 * minor axis, blended into the image, with end-point and slope corrections; each pixel is clipped
 * on its own. Images with other than 1, 3 or 4 channels get OpenCV's fallback, a `Line` between
 * the truncated integer ends.
 */
export function lineAA(cv: Canvas, x1: number, y1: number, x2: number, y2: number): void {
  const c = cv.c;
  if (c !== 1 && c !== 3 && c !== 4) {
    line1(cv, shr16(x1) | 0, shr16(y1) | 0, shr16(x2) | 0, shr16(y2) | 0, 8);
    return;
  }
  const W = cv.w, H = cv.h;
  const p = [x1, y1, x2, y2];
  if (!clipLine(W * XY_ONE, H * XY_ONE, p)) return;
  [x1, y1, x2, y2] = p;
  let dx = x2 - x1, dy = y2 - y1;
  const ax = Math.abs(dx), ay = Math.abs(dy);
  let xStep: number, yStep: number, ecount: number, slope: number, i: number, j: number;
  if (ax > ay) {
    if (dx < 0) { dy = -dy; [x1, x2] = [x2, x1]; y1 = y2; }
    xStep = XY_ONE;
    yStep = Math.trunc(dy * XY_ONE / (ax % 2 === 0 ? ax + 1 : ax));
    x2 += XY_ONE;
    ecount = shr16(x2) - shr16(x1);
    const f = -(x1 - shr16(x1) * XY_ONE);
    y1 += shr16(yStep * f) + HALF;
    slope = shr(yStep, 11) & 0x3f;
    slope ^= yStep < 0 ? 0x3f : 0;
    i = shr(x1, 9) & 0x78;
    j = shr(x2, 9) & 0x78;
  } else {
    if (dy < 0) { dx = -dx; [y1, y2] = [y2, y1]; x1 = x2; }
    yStep = XY_ONE;
    xStep = Math.trunc(dx * XY_ONE / (ay % 2 === 0 ? ay + 1 : ay));
    y2 += XY_ONE;
    ecount = shr16(y2) - shr16(y1);
    const f = -(y1 - shr16(y1) * XY_ONE);
    x1 += shr16(xStep * f) + HALF;
    slope = shr(xStep, 11) & 0x3f;
    slope ^= xStep < 0 ? 0x3f : 0;
    i = shr(y1, 9) & 0x78;
    j = shr(y2, 9) & 0x78;
  }
  slope = slope & 0x20 ? 0x100 : SLOPE_CORR[slope];
  const ep = new Int32Array(9);
  {
    const t0 = slope << 7;
    const t1 = ((0x78 - i) | 4) * slope;
    const t2 = (j | 4) * slope;
    ep[0] = 0;
    ep[8] = slope;
    ep[1] = ep[3] = ((((j - i) & 0x78) | 4) * slope >> 8) & 0x1ff;
    ep[2] = (t1 >> 8) & 0x1ff;
    ep[4] = ((((j - i) + 0x80) | 4) * slope >> 8) & 0x1ff;
    ep[5] = ((t1 + t0) >> 8) & 0x1ff;
    ep[6] = (t2 >> 8) & 0x1ff;
    ep[7] = ((t2 + t0) >> 8) & 0x1ff;
  }
  let scount = 0;
  if (ax > ay) {
    for (let x = shr16(x1); ecount >= 0; x++, y1 += yStep, scount++, ecount--) {
      if (x < 0 || x >= W) continue;
      const y = shr16(y1) - 1;
      const epCorr = ep[(((scount >= 2 ? 1 : 0) + 1) & (scount | 2)) * 3 + (((ecount >= 2 ? 1 : 0) + 1) & (ecount | 2))];
      const dist = shr(y1, 11) & 31;
      let a = (epCorr * FILTER[dist + 32] >> 8) & 0xff;
      if (y >= 0 && y < H) blendAt(cv, x, y, a);
      a = (epCorr * FILTER[dist] >> 8) & 0xff;
      if (y + 1 >= 0 && y + 1 < H) blendAt(cv, x, y + 1, a);
      a = (epCorr * FILTER[63 - dist] >> 8) & 0xff;
      if (y + 2 >= 0 && y + 2 < H) blendAt(cv, x, y + 2, a);
    }
  } else {
    for (let y = shr16(y1); ecount >= 0; y++, x1 += xStep, scount++, ecount--) {
      if (y < 0 || y >= H) continue;
      const x = shr16(x1) - 1;
      const epCorr = ep[(((scount >= 2 ? 1 : 0) + 1) & (scount | 2)) * 3 + (((ecount >= 2 ? 1 : 0) + 1) & (ecount | 2))];
      const dist = shr(x1, 11) & 31;
      let a = (epCorr * FILTER[dist + 32] >> 8) & 0xff;
      if (x >= 0 && x < W) blendAt(cv, x, y, a);
      a = (epCorr * FILTER[dist] >> 8) & 0xff;
      if (x + 1 >= 0 && x + 1 < W) blendAt(cv, x + 1, y, a);
      a = (epCorr * FILTER[63 - dist] >> 8) & 0xff;
      if (x + 2 >= 0 && x + 2 < W) blendAt(cv, x + 2, y, a);
    }
  }
}

/**
 * OpenCV's `FillConvexPoly` for any shift 0..16 and line type (4, 8 or LINE_AA): the outline
 * (Line, Line2 or LineAA), then the scanlines between the two edge chains; AA spans are
 * `[⌈xl⌉, ⌊xr⌋]`, the others rounded. `v` holds x0, y0, x1, y1, … with `shift` fractional bits.
 */
export function fillConvexPolyEx(cv: Canvas, v: ArrayLike<number>, lineType: number, shift: number): void {
  const npts = v.length >> 1;
  if (npts === 0) return;
  const delta = shift === 0 ? 0 : POW2[shift - 1];
  const up = POW2[XY_SHIFT - shift];
  const aa = lineType >= LINE_AA;
  const delta1 = aa ? XY_ONE - 1 : HALF, delta2 = aa ? 0 : HALF;
  let imin = 0;
  let xmin = v[0], xmax = v[0], ymin = v[1], ymax = v[1];
  let p0x = v[2 * npts - 2] * up, p0y = v[2 * npts - 1] * up;
  for (let i = 0; i < npts; i++) {
    const x = v[2 * i], y = v[2 * i + 1];
    if (y < ymin) { ymin = y; imin = i; }
    if (y > ymax) ymax = y;
    if (x > xmax) xmax = x;
    if (x < xmin) xmin = x;
    const px = x * up, py = y * up;
    if (!aa) {
      if (shift === 0) line1(cv, shr16(p0x), shr16(p0y), shr16(px), shr16(py), lineType);
      else line2(cv, p0x, p0y, px, py);
    } else lineAA(cv, p0x, p0y, px, py);
    p0x = px; p0y = py;
  }
  xmin = shr(xmin + delta, shift); xmax = shr(xmax + delta, shift);
  ymin = shr(ymin + delta, shift); ymax = shr(ymax + delta, shift);
  const { w, h } = cv;
  if (npts < 3 || (xmax | 0) < 0 || (ymax | 0) < 0 || (xmin | 0) >= w || (ymin | 0) >= h) return;
  ymax = Math.min(ymax, h - 1) | 0;
  const yminI = ymin | 0;
  const idx = [imin, imin], di = [1, npts - 1];
  const ex = [-XY_ONE, -XY_ONE], edx = [0, 0];
  let y = yminI;
  const ye = [y, y];
  let edges = npts;
  do {
    if (!aa || y < ymax || y === yminI) {
      for (let i = 0; i < 2; i++) {
        if (y < ye[i]) continue;
        let idx0 = idx[i], k = idx0 + di[i];
        if (k >= npts) k -= npts;
        while (edges-- > 0) {
          const ty = shr(v[2 * k + 1] + delta, shift) | 0;
          if (ty > y) {
            const xs = v[2 * idx0] * up, xe = v[2 * k] * up;
            ye[i] = ty;
            edx[i] = Math.trunc(((xe - xs) * 2 + (ty - y)) / (2 * (ty - y)));
            ex[i] = xs;
            idx[i] = k;
            break;
          }
          idx0 = k;
          k += di[i];
          if (k >= npts) k -= npts;
        }
      }
    }
    if (edges < 0) break;
    if (y >= 0) {
      const l = ex[0] > ex[1] ? 1 : 0;
      let xx1 = shr16(ex[l] + delta1) | 0, xx2 = shr16(ex[1 - l] + delta2) | 0;
      if (xx2 >= 0 && xx1 < w) {
        if (xx1 < 0) xx1 = 0;
        if (xx2 >= w) xx2 = w - 1;
        if (xx1 <= xx2) cv.hline(y, xx1, xx2);
      }
      ex[0] += edx[0]; ex[1] += edx[1];
    } else {
      // Rows above the image draw nothing: jump to the next row where an edge changes or the
      // image starts, advancing both edges by as many steps.
      const next = Math.min(0, ye[0], ye[1]);
      const n = Math.max(1, next - y);
      ex[0] += edx[0] * n; ex[1] += edx[1] * n;
      y += n - 1;
    }
  } while (++y <= ymax);
}

/** The edge list of `CollectPolyEdges`, filled by `fillEdgeCollection`. */
export class EdgeList {
  y0: number[] = [];
  y1: number[] = [];
  x: number[] = [];
  dx: number[] = [];
}

/**
 * OpenCV's `CollectPolyEdges` (4.6): draws the outline of one polygon (`Line` between the ends
 * with x rounded to pixels, or LineAA) and appends its non-horizontal edges to `edges`: x in 16.16
 * (not rounded), rows rounded, `dx = Δx / Δrows` truncated. `offX`, `offY` are in the vertices'
 * units (1/2^shift pixel).
 */
export function collectPolyEdges(cv: Canvas, v: ArrayLike<number>, edges: EdgeList, lineType: number,
  shift: number, offX = 0, offY = 0): void {
  const count = v.length >> 1;
  if (count === 0) return;
  const delta = offY + (shift === 0 ? 0 : POW2[shift - 1]);
  const up = POW2[XY_SHIFT - shift];
  const aa = lineType >= LINE_AA;
  let p0x = (v[2 * count - 2] + offX) * up, p0y = shr(v[2 * count - 1] + delta, shift);
  for (let i = 0; i < count; i++) {
    const p1x = (v[2 * i] + offX) * up, p1y = shr(v[2 * i + 1] + delta, shift);
    if (!aa) line1(cv, shr16(p0x + HALF), p0y, shr16(p1x + HALF), p1y, lineType);
    else lineAA(cv, p0x, p0y * XY_ONE, p1x, p1y * XY_ONE);
    if (p0y !== p1y) {
      edges.dx.push(Math.trunc((p1x - p0x) / (p1y - p0y)));
      if (p0y < p1y) { edges.y0.push(p0y); edges.y1.push(p1y); edges.x.push(p0x); } else { edges.y0.push(p1y); edges.y1.push(p0y); edges.x.push(p1x); }
    }
    p0x = p1x; p0y = p1y;
  }
}

/**
 * OpenCV's `FillEdgeCollection`: the even-odd scanline fill of the collected edges (active edge
 * list kept sorted by x with a bubble sort, spans `[⌈xl⌉, ⌊xr⌋]` whatever the line type, as in
 * 4.6; later versions round differently).
 */
export function fillEdgeCollection(cv: Canvas, edges: EdgeList): void {
  const delta = XY_ONE - 1;
  const total = edges.y0.length;
  if (total < 2) return;
  const { w, h } = cv;
  let yMax = -Infinity, yMin = Infinity, xMax = -Infinity, xMin = Infinity;
  for (let i = 0; i < total; i++) {
    const x0 = edges.x[i], x1 = x0 + (edges.y1[i] - edges.y0[i]) * edges.dx[i];
    yMin = Math.min(yMin, edges.y0[i]); yMax = Math.max(yMax, edges.y1[i]);
    xMin = Math.min(xMin, x0, x1); xMax = Math.max(xMax, x0, x1);
  }
  if (yMax < 0 || yMin >= h || xMax < 0 || xMin >= w * XY_ONE) return;
  const order = Array.from({ length: total }, (_, i) => i);
  order.sort((a, b) => (edges.y0[a] - edges.y0[b]) || (edges.x[a] - edges.x[b]) || (edges.dx[a] - edges.dx[b]));
  // sorted copies, plus the sentinel (y0 = INT_MAX) at index `total` and the list head at total + 1
  const n = total + 2, HEAD = total + 1, NIL = -1;
  const Y0 = new Float64Array(n), Y1 = new Float64Array(n), X = new Float64Array(n), DX = new Float64Array(n);
  const next = new Int32Array(n).fill(NIL);
  for (let k = 0; k < total; k++) {
    const i = order[k];
    Y0[k] = edges.y0[i]; Y1[k] = edges.y1[i]; X[k] = edges.x[i]; DX[k] = edges.dx[i];
  }
  Y0[total] = 2147483647;
  let i = 0, e = 0;
  yMax = Math.min(yMax, h);
  for (let y = Y0[e]; y < yMax; y++) {
    let draw = false;
    const clip = y < 0;
    let prelast = HEAD, last = next[HEAD], keep: number;
    while (last !== NIL || Y0[e] === y) {
      if (last !== NIL && Y1[last] === y) {
        next[prelast] = next[last];
        last = next[last];
        continue;
      }
      keep = prelast;
      if (last !== NIL && (Y0[e] > y || X[last] < X[e])) {
        prelast = last;
        last = next[last];
      } else if (i < total) {
        next[prelast] = e;
        next[e] = last;
        prelast = e;
        e = ++i;
      } else break;
      if (draw) {
        if (!clip) {
          let x1: number, x2: number;
          if (X[keep] > X[prelast]) { x1 = shr16(X[prelast] + delta); x2 = shr16(X[keep]); } else { x1 = shr16(X[keep] + delta); x2 = shr16(X[prelast]); }
          if (x1 < w && x2 >= 0) {
            if (x1 < 0) x1 = 0;
            if (x2 >= w) x2 = w - 1;
            if (x1 <= x2) cv.hline(y, x1, x2);
          }
        }
        X[keep] += DX[keep];
        X[prelast] += DX[prelast];
      }
      draw = !draw;
    }
    // bubble sort of the active list by x
    let stop = NIL;
    for (;;) {
      prelast = HEAD;
      last = next[HEAD];
      let lastExchange = NIL;
      while (last !== stop && last !== NIL && next[last] !== NIL) {
        const te = next[last];
        if (X[last] > X[te]) {
          next[prelast] = te;
          next[last] = next[te];
          next[te] = last;
          prelast = te;
          lastExchange = prelast;
        } else {
          prelast = last;
          last = te;
        }
      }
      if (lastExchange === NIL) break;
      stop = lastExchange;
      if (stop === next[HEAD] || stop === HEAD) break;
    }
  }
}

/** OpenCV's `Circle` with fill 0: the one-pixel midpoint outline, clipped pixel by pixel. */
export function circleOutline(cv: Canvas, cx: number, cy: number, radius: number): void {
  const { w, h } = cv;
  if (cx + radius < 0 || cx - radius >= w || cy + radius < 0 || cy - radius >= h) return;
  let err = 0, dx = radius, dy = 0, plus = 1, minus = 2 * radius - 1;
  while (dx >= dy) {
    cv.putClipped(cx - dx, cy - dy); cv.putClipped(cx + dx, cy - dy);
    cv.putClipped(cx - dx, cy + dy); cv.putClipped(cx + dx, cy + dy);
    cv.putClipped(cx - dy, cy - dx); cv.putClipped(cx + dy, cy - dx);
    cv.putClipped(cx - dy, cy + dx); cv.putClipped(cx + dy, cy + dx);
    dy++;
    err += plus;
    plus += 2;
    if (err > 0) { err -= minus; dx--; minus -= 2; }
  }
}

/**
 * OpenCV's `ThickLine` for any shift and line type: one pixel wide it is Line (ends rounded,
 * for LINE_4 or shift 0), Line2 or LineAA; wider, the quadrilateral of half-width
 * (thickness / 2) rounded to 16.16, filled, plus round caps at the ends `flags` selects (1 start,
 * 2 end): a filled `Circle`, or for LINE_AA a filled antialiased ellipse.
 */
export function thickLineEx(cv: Canvas, x0: number, y0: number, x1: number, y1: number,
  thickness: number, lineType: number, flags: number, shift: number): void {
  const up = POW2[XY_SHIFT - shift];
  let p0x = x0 * up, p0y = y0 * up;
  const p1x = x1 * up, p1y = y1 * up;
  if (thickness <= 1) {
    if (lineType < LINE_AA) {
      if (lineType === 4 || shift === 0) {
        line1(cv, shr16(p0x + HALF), shr16(p0y + HALF), shr16(p1x + HALF), shr16(p1y + HALF), lineType);
      } else line2(cv, p0x, p0y, p1x, p1y);
    } else lineAA(cv, p0x, p0y, p1x, p1y);
    return;
  }
  const dx = (p0x - p1x) / XY_ONE, dy = (p1y - p0y) / XY_ONE;
  let r = dx * dx + dy * dy;
  const odd = thickness & 1;
  const t = thickness * HALF;
  if (shift === 0 && lineType < LINE_AA && (x0 === x1) !== (y0 === y1)) {
    // Horizontal or vertical with integer ends (rectangle sides): the half-width vector comes out
    // as exactly (0, ±H) or (±H, 0) pixels, H = ⌈thickness / 2⌉, so the quadrilateral is the box
    // below with integer corners; its outline and scanlines cover that box and nothing else.
    const half = (thickness + odd) / 2;
    const [bx0, bx1] = x0 < x1 ? [x0, x1] : [x1, x0];
    const [by0, by1] = y0 < y1 ? [y0, y1] : [y1, y0];
    if (y0 === y1) fillBox(cv, bx0, by0 - half, bx1, by0 + half);
    else fillBox(cv, bx0 - half, by0, bx0 + half, by1);
  } else if (Math.abs(r) > DBL_EPSILON) {
    r = (t + odd * XY_ONE * 0.5) / Math.sqrt(r);
    const dpx = roundHalfEven(dy * r), dpy = roundHalfEven(dx * r);
    fillConvexPolyEx(cv, [p0x + dpx, p0y + dpy, p0x - dpx, p0y - dpy, p1x - dpx, p1y - dpy, p1x + dpx, p1y + dpy], lineType, XY_SHIFT);
  }
  for (let i = 0; i < 2; i++) {
    if (flags & (i + 1)) {
      if (lineType < LINE_AA) fillCircle(cv, shr16(p0x + HALF), shr16(p0y + HALF), shr16(t + HALF));
      else ellipseEx(cv, p0x, p0y, t, t, 0, 0, 360, -1, lineType);
    }
    p0x = p1x; p0y = p1y;
  }
}

/** OpenCV's `PolyLine` for any shift: consecutive thick segments, closed or open. */
export function polyLineEx(cv: Canvas, v: ArrayLike<number>, closed: boolean, thickness: number,
  lineType: number, shift: number): void {
  const count = v.length >> 1;
  if (count === 0) return;
  let i = closed ? count - 1 : 0;
  let flags = closed ? 2 : 3;
  let p0x = v[2 * i], p0y = v[2 * i + 1];
  for (i = closed ? 0 : 1; i < count; i++) {
    const px = v[2 * i], py = v[2 * i + 1];
    thickLineEx(cv, p0x, p0y, px, py, thickness, lineType, flags, shift);
    p0x = px; p0y = py;
    flags = 2;
  }
}

/** drawing.cpp's SinTable: sin of 0..450 whole degrees to 7 decimals, as float32. */
let sinTable: Float64Array | null = null;
function getSinTable(): Float64Array {
  if (sinTable === null) {
    sinTable = new Float64Array(451);
    for (let k = 0; k <= 450; k++) sinTable[k] = Math.fround(Math.round(Math.sin(k * Math.PI / 180) * 1e7) / 1e7);
  }
  return sinTable;
}

/** `while (a < 0) a += 360` and friends, without the loop. */
function wrapUp(a: number): number { return a < 0 ? a + 360 * Math.ceil(-a / 360) : a; }

/**
 * OpenCV's `ellipse2Poly` (the Point2d overload): the arc from `arcStart` to `arcEnd` degrees in
 * steps of `delta`, rotated by `angle` (integers), from drawing.cpp's float sin table.
 * Returns x0, y0, x1, y1, … (doubles).
 */
export function ellipse2PolyD(cx: number, cy: number, ax: number, ay: number, angle: number,
  arcStart: number, arcEnd: number, delta: number): number[] {
  const T = getSinTable();
  angle = wrapUp(angle);
  if (angle > 360) angle -= 360 * Math.ceil((angle - 360) / 360);
  if (arcStart > arcEnd) { const s = arcStart; arcStart = arcEnd; arcEnd = s; }
  if (arcStart < 0) { const k = Math.ceil(-arcStart / 360) * 360; arcStart += k; arcEnd += k; }
  if (arcEnd > 360) { const k = Math.ceil((arcEnd - 360) / 360) * 360; arcEnd -= k; arcStart -= k; }
  if (arcEnd - arcStart > 360) { arcStart = 0; arcEnd = 360; }
  const alpha = T[450 - (angle < 0 ? angle + 360 : angle)], beta = T[angle < 0 ? angle + 360 : angle];
  const pts: number[] = [];
  for (let i = arcStart; i < arcEnd + delta; i += delta) {
    let a = i;
    if (a > arcEnd) a = arcEnd;
    if (a < 0) a += 360;
    const x = ax * T[450 - a], y = ay * T[a];
    pts.push(cx + x * alpha - y * beta, cy + x * beta + y * alpha);
  }
  if (pts.length === 2) { pts.push(cx, cy); pts[0] = cx; pts[1] = cy; }
  return pts;
}

/**
 * OpenCV's `EllipseEx` on 16.16 fixed-point centre and axes: the polygon of `ellipse2Poly` (step
 * 90, 30, 18 or 5 degrees by the size), snapped to 16.16, then drawn as an open polyline, filled
 * convex (full turn) or filled with the centre (a pie slice).
 */
export function ellipseEx(cv: Canvas, cx: number, cy: number, ax: number, ay: number, angle: number,
  arcStart: number, arcEnd: number, thickness: number, lineType: number): void {
  ax = Math.abs(ax); ay = Math.abs(ay);
  let delta = shr16(Math.max(ax, ay) + HALF);
  delta = delta < 3 ? 90 : delta < 10 ? 30 : delta < 15 ? 18 : 5;
  const d = ellipse2PolyD(cx, cy, ax, ay, angle, arcStart, arcEnd, delta);
  const v: number[] = [];
  let px = NaN, py = NaN;
  for (let i = 0; i < d.length; i += 2) {
    let x = roundHalfEven(d[i] / XY_ONE) * XY_ONE, y = roundHalfEven(d[i + 1] / XY_ONE) * XY_ONE;
    x += roundHalfEven(d[i] - x);
    y += roundHalfEven(d[i + 1] - y);
    if (x !== px || y !== py) { v.push(x, y); px = x; py = y; }
  }
  if (v.length <= 2) { v.length = 0; v.push(cx, cy, cx, cy); }
  if (thickness >= 0) polyLineEx(cv, v, false, thickness, lineType, XY_SHIFT);
  else if (arcEnd - arcStart >= 360) fillConvexPolyEx(cv, v, lineType, XY_SHIFT);
  else {
    v.push(cx, cy);
    const edges = new EdgeList();
    collectPolyEdges(cv, v, edges, lineType, XY_SHIFT);
    fillEdgeCollection(cv, edges);
  }
}
