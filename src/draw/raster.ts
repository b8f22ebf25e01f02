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

/**
 * OpenCV's `FillConvexPoly` (non-antialiased): the outline by `line1` (shift 0) or `line2`, then
 * scanlines between a left and a right edge chain, with spans rounded as `(x + 0.5) >> 16`.
 * `v` holds x0, y0, x1, y1, … with `shift` fractional bits (0 or 16).
 */
export function fillConvexPoly(cv: Canvas, v: number[], lineType: number, shift: 0 | 16): void {
  const npts = v.length / 2;
  const delta = shift === 0 ? 0 : HALF;
  const up = shift === 0 ? XY_ONE : 1; // << (XY_SHIFT − shift)
  let imin = 0;
  let xmin = v[0], xmax = v[0], ymin = v[1], ymax = v[1];
  let p0x = v[2 * npts - 2] * up, p0y = v[2 * npts - 1] * up;
  for (let i = 0; i < npts; i++) {
    const x = v[2 * i], y = v[2 * i + 1];
    if (y < ymin) { ymin = y; imin = i; }
    ymax = Math.max(ymax, y);
    xmax = Math.max(xmax, x);
    xmin = Math.min(xmin, x);
    const px = x * up, py = y * up;
    if (shift === 0) line1(cv, shr16(p0x) | 0, shr16(p0y) | 0, shr16(px) | 0, shr16(py) | 0, lineType);
    else line2(cv, p0x, p0y, px, py);
    p0x = px; p0y = py;
  }
  const unshift = (t: number): number => (shift === 0 ? t : shr16(t + delta));
  xmin = unshift(xmin); xmax = unshift(xmax); ymin = unshift(ymin); ymax = unshift(ymax);
  const { w, h } = cv;
  if (npts < 3 || (xmax | 0) < 0 || (ymax | 0) < 0 || (xmin | 0) >= w || (ymin | 0) >= h) return;
  ymax = Math.min(ymax, h - 1) | 0;

  // Two edge chains walk from the top vertex: one forwards, one backwards through the vertices.
  const idx = [imin, imin], di = [1, npts - 1];
  const ex = new Float64Array([-XY_ONE, -XY_ONE]), edx = new Float64Array(2);
  let y = ymin | 0;
  const ye = new Int32Array([y, y]);
  let edges = npts;
  do {
    for (let i = 0; i < 2; i++) {
      if (y < ye[i]) continue;
      let idx0 = idx[i], k = idx0 + di[i];
      if (k >= npts) k -= npts;
      while (edges-- > 0) {
        const ty = unshift(v[2 * k + 1]) | 0;
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
    if (edges < 0) break;
    if (y >= 0) {
      const l = ex[0] > ex[1] ? 1 : 0;
      let x1 = shr16(ex[l] + HALF) | 0, x2 = shr16(ex[1 - l] + HALF) | 0;
      if (x2 >= 0 && x1 < w) {
        if (x1 < 0) x1 = 0;
        if (x2 >= w) x2 = w - 1;
        if (x1 <= x2) cv.hline(y, x1, x2);
      }
      ex[0] += edx[0]; ex[1] += edx[1];
    } else {
      // OpenCV walks the rows above the image one by one, drawing nothing; jump to the next row
      // where an edge changes or the image starts, advancing the edges by as many steps.
      const next = Math.min(0, ye[0], ye[1]);
      const n = Math.max(1, next - y);
      ex[0] += edx[0] * n; ex[1] += edx[1] * n;
      y += n - 1;
    }
  } while (++y <= ymax);
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

/**
 * OpenCV's `ThickLine` for integer ends (shift 0): one pixel wide it is `line1`; wider, a
 * quadrilateral whose half-width vector is rounded to 16.16, filled by `fillConvexPoly`, plus a
 * filled circle of radius ⌊(thickness + 1) / 2⌋ at the ends `flags` selects (1 start, 2 end).
 */
export function thickLine(cv: Canvas, x0: number, y0: number, x1: number, y1: number,
  thickness: number, lineType: number, flags: number): void {
  if (thickness <= 1) { line1(cv, x0, y0, x1, y1, lineType); return; }
  let p0x = x0 * XY_ONE, p0y = y0 * XY_ONE;
  const p1x = x1 * XY_ONE, p1y = y1 * XY_ONE;
  const dx = (p0x - p1x) / XY_ONE, dy = (p1y - p0y) / XY_ONE;
  let r = dx * dx + dy * dy;
  const odd = thickness & 1;
  const t = thickness * (XY_ONE >> 1); // thickness <<= XY_SHIFT − 1
  if ((x0 === x1) !== (y0 === y1)) {
    // Horizontal or vertical (rectangle sides): the half-width vector comes out as exactly
    // (0, ±H) or (±H, 0) pixels, H = ⌈thickness / 2⌉, so the quadrilateral is the box below with
    // integer corners; its outline and scanlines cover that box and nothing else. Filled directly.
    const half = (thickness + odd) / 2;
    const [bx0, bx1] = x0 < x1 ? [x0, x1] : [x1, x0];
    const [by0, by1] = y0 < y1 ? [y0, y1] : [y1, y0];
    if (y0 === y1) fillBox(cv, bx0, by0 - half, bx1, by0 + half);
    else fillBox(cv, bx0 - half, by0, bx0 + half, by1);
  } else if (Math.abs(r) > DBL_EPSILON) {
    r = (t + odd * XY_ONE * 0.5) / Math.sqrt(r);
    const dpx = roundHalfEven(dy * r), dpy = roundHalfEven(dx * r); // cvRound
    fillConvexPoly(cv, [p0x + dpx, p0y + dpy, p0x - dpx, p0y - dpy, p1x - dpx, p1y - dpy, p1x + dpx, p1y + dpy], lineType, XY_SHIFT);
  }
  const radius = shr16(t + HALF);
  for (let i = 0; i < 2; i++) {
    if (flags & (i + 1)) fillCircle(cv, shr16(p0x + HALF) | 0, shr16(p0y + HALF) | 0, radius);
    p0x = p1x; p0y = p1y;
  }
}

/** OpenCV's `PolyLine` (shift 0): consecutive thick segments; a closed one also joins last to first. */
export function polyLine(cv: Canvas, v: number[], closed: boolean, thickness: number, lineType: number): void {
  const count = v.length / 2;
  if (count === 0) return;
  let i = closed ? count - 1 : 0;
  let flags = closed ? 2 : 3;
  let p0x = v[2 * i], p0y = v[2 * i + 1];
  for (i = closed ? 0 : 1; i < count; i++) {
    const px = v[2 * i], py = v[2 * i + 1];
    thickLine(cv, p0x, p0y, px, py, thickness, lineType, flags);
    p0x = px; p0y = py;
    flags = 2;
  }
}
