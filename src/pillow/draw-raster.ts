// The rasterisers of Pillow 9.4's libImaging/Draw.c, re-derived for pixelarray: spans (hline),
// points, Bresenham lines, the scanline polygon filler with its float32 edge arithmetic and
// corner rules, wide lines as 4-edge polygons, and the quarter-based ellipse (`ellipseNew`).
// Every C `int` is an int32, every C `float` a float32 (Math.fround), every C `double` a JS
// number, so the pixels are those Pillow draws (checked against Debian's Pillow 9.4).
import type { PixelArray } from '../core/pixelarray.ts';

const f32 = Math.fround;

/** Where the rasterisers write: a `width × height` grid taking inclusive, clipped spans. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  /** Fills `x0..x1` (inclusive, `0 ≤ x0 ≤ x1 < width`) of row `y` (`0 ≤ y < height`). */
  span(y: number, x0: number, x1: number): void;
}

/** A raster writing one ink (one byte per channel) into a PixelArray of any strides, in place. */
export class ImageRaster implements Raster {
  readonly width: number;
  readonly height: number;
  private readonly img: PixelArray;
  private readonly ink: readonly number[];

  constructor(img: PixelArray, ink: readonly number[]) {
    this.img = img;
    this.ink = ink;
    this.height = img.shape[0];
    this.width = img.shape[1];
  }

  span(y: number, x0: number, x1: number): void {
    const { data, stride, offset, shape } = this.img;
    const c = shape[2], s1 = stride[1], s2 = stride[2], ink = this.ink;
    let p = offset + y * stride[0] + x0 * s1;
    if (c === 1) {
      const v = ink[0];
      if (s1 === 1) data.fill(v, p, p + x1 - x0 + 1);
      else for (let x = x0; x <= x1; x++, p += s1) data[p] = v;
    } else if (c === 3 && s2 === 1) {
      const r = ink[0], g = ink[1], b = ink[2];
      for (let x = x0; x <= x1; x++, p += s1) { data[p] = r; data[p + 1] = g; data[p + 2] = b; }
    } else if (c === 4 && s2 === 1) {
      const r = ink[0], g = ink[1], b = ink[2], a = ink[3];
      for (let x = x0; x <= x1; x++, p += s1) { data[p] = r; data[p + 1] = g; data[p + 2] = b; data[p + 3] = a; }
    } else {
      for (let x = x0; x <= x1; x++, p += s1) for (let k = 0; k < c; k++) data[p + k * s2] = ink[k];
    }
  }
}

/** A mode "1"-like mask (`width × height` bytes, row-major): spans set bytes to 1. */
export class MaskRaster implements Raster {
  readonly width: number;
  readonly height: number;
  readonly bits: Uint8Array;
  /** The rows and columns any span touched: `top..bottom`, `left..right` (empty while `top > bottom`). */
  top = Infinity;
  bottom = -Infinity;
  left = Infinity;
  right = -Infinity;

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.bits = new Uint8Array(width * height);
  }

  span(y: number, x0: number, x1: number): void {
    this.bits.fill(1, y * this.width + x0, y * this.width + x1 + 1);
    if (y < this.top) this.top = y;
    if (y > this.bottom) this.bottom = y;
    if (x0 < this.left) this.left = x0;
    if (x1 > this.right) this.right = x1;
  }
}

/** `hline8`/`hline32`: row `y` from `x0` to `x1` inclusive, in either order, clipped. */
export function hline(r: Raster, x0: number, y: number, x1: number): void {
  if (y < 0 || y >= r.height) return;
  if (x0 > x1) { const t = x0; x0 = x1; x1 = t; }
  if (x0 < 0) x0 = 0;
  else if (x0 >= r.width) return;
  if (x1 < 0) return;
  else if (x1 >= r.width) x1 = r.width - 1;
  if (x0 <= x1) r.span(y, x0, x1);
}

/** `point8`/`point32`. */
export function point(r: Raster, x: number, y: number): void {
  if (x >= 0 && x < r.width && y >= 0 && y < r.height) r.span(y, x, x);
}

/** The steps `i` of `0..n-1` for which `start + i·step` lies in `0..size-1` (step ±1): `[lo, hi)`. */
function visibleSteps(start: number, step: number, n: number, size: number): [number, number] {
  let lo: number, hi: number;
  if (step > 0) { lo = -start; hi = size - start; } else { lo = start - size + 1; hi = start + 1; }
  return [Math.max(0, lo), Math.min(n, hi)];
}

/**
 * Bresenham's `k` after `i` steps of `line8`'s loop (the number of minor-axis moves so far), from
 * the invariant `e ∈ [2·dMinor − 2·dMajor, 2·dMinor)`: `floor((e0 + (i − 1)·2·dMinor) / (2·dMajor)) + 1`
 * with `e0 = 2·dMinor − dMajor`. BigInt, since the products outgrow 2⁵³ for far-away ends.
 */
function minorMoves(i: number, dMajor: number, dMinor: number): number {
  if (i === 0) return 0;
  const D = 2n * BigInt(dMinor), E = 2n * BigInt(dMajor);
  const num = D - BigInt(dMajor) + BigInt(i - 1) * D;
  // floor division for a possibly negative numerator (E > 0)
  let q = num / E;
  if (num % E !== 0n && num < 0n) q -= 1n;
  return Number(q) + 1;
}

/**
 * `line8`: the Bresenham segment from `(x0, y0)` towards `(x1, y1)`, the last point left out (Pillow
 * draws it separately where it wants it). Steps off the image are skipped, not walked.
 */
export function line(r: Raster, x0: number, y0: number, x1: number, y1: number): void {
  let dx = (x1 - x0) | 0, dy = (y1 - y0) | 0, xs = 1, ys = 1;
  if (dx < 0) { dx = -dx; xs = -1; }
  if (dy < 0) { dy = -dy; ys = -1; }
  if (dx === 0) {
    if (x0 < 0 || x0 >= r.width) return;
    const [lo, hi] = visibleSteps(y0, ys, dy, r.height);
    for (let i = lo; i < hi; i++) r.span(y0 + i * ys, x0, x0);
  } else if (dy === 0) {
    if (y0 < 0 || y0 >= r.height) return;
    const [lo, hi] = visibleSteps(x0, xs, dx, r.width);
    if (lo < hi) {
      const a = x0 + lo * xs, b = x0 + (hi - 1) * xs;
      r.span(y0, Math.min(a, b), Math.max(a, b));
    }
  } else if (dx > dy) {
    const [lo, hi] = visibleSteps(x0, xs, dx, r.width);
    if (lo >= hi) return;
    const D = dy + dy, E = dx + dx;
    const k = minorMoves(lo, dx, dy);
    let e = D - dx + lo * D - k * E;
    let x = x0 + lo * xs, y = y0 + k * ys;
    if (!Number.isSafeInteger(e)) e = Number(BigInt(D - dx) + BigInt(lo) * BigInt(D) - BigInt(k) * BigInt(E));
    for (let i = lo; i < hi; i++) {
      if (y >= 0 && y < r.height) r.span(y, x, x);
      if (e >= 0) { y += ys; e -= E; }
      e += D;
      x += xs;
    }
  } else {
    const [lo, hi] = visibleSteps(y0, ys, dy, r.height);
    if (lo >= hi) return;
    const D = dx + dx, E = dy + dy;
    const k = minorMoves(lo, dy, dx);
    let e = D - dy + lo * D - k * E;
    if (!Number.isSafeInteger(e)) e = Number(BigInt(D - dy) + BigInt(lo) * BigInt(D) - BigInt(k) * BigInt(E));
    let x = x0 + k * xs, y = y0 + lo * ys;
    for (let i = lo; i < hi; i++) {
      if (x >= 0 && x < r.width) r.span(y, x, x);
      if (e >= 0) { x += xs; e -= E; }
      e += D;
      y += ys;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// polygons

/** Draw.c's `Edge` (its unused `d` left out). `dx` is a float32. */
export interface Edge {
  x0: number; y0: number;
  xmin: number; ymin: number; xmax: number; ymax: number;
  dx: number;
}

/** `add_edge`. */
export function makeEdge(x0: number, y0: number, x1: number, y1: number): Edge {
  return {
    x0, y0,
    xmin: Math.min(x0, x1), xmax: Math.max(x0, x1),
    ymin: Math.min(y0, y1), ymax: Math.max(y0, y1),
    dx: y0 === y1 ? 0 : f32(f32((x1 - x0) | 0) / f32((y1 - y0) | 0)),
  };
}

/** `ROUND_UP` of a float: `f ≥ 0 ? floor(f + 0.5F)` (a float sum) `: -floor(fabs(f) + 0.5F)` (a double sum). */
function roundUpF(f: number): number {
  return f >= 0 ? Math.floor(f32(f + 0.5)) : -Math.floor(Math.abs(f) + 0.5);
}

/** `ROUND_DOWN` of a float: `f ≥ 0 ? ceil(f − 0.5F)` (float) `: -ceil(fabs(f) − 0.5F)` (double). */
function roundDownF(f: number): number {
  return f >= 0 ? Math.ceil(f32(f - 0.5)) : -Math.ceil(Math.abs(f) - 0.5);
}

/** `ROUND_UP` / `ROUND_DOWN` of a double. */
export function roundUpD(f: number): number {
  return f >= 0 ? Math.floor(f + 0.5) : -Math.floor(Math.abs(f) + 0.5);
}
export function roundDownD(f: number): number {
  return f >= 0 ? Math.ceil(f - 0.5) : -Math.ceil(Math.abs(f) - 0.5);
}

/** A C `(int)` of a double on x86-64 (`cvttsd2si`): truncation, and INT_MIN when out of range or NaN. */
export function toInt(v: number): number {
  return v > -2147483649 && v < 2147483648 ? Math.trunc(v) | 0 : -2147483648;
}

/** `(ymin - e->y0) * e->dx + e->x0` in float32, as Draw.c computes it. */
function edgeX(e: Edge, y: number): number {
  return f32(f32(f32((y - e.y0) | 0) * e.dx) + f32(e.x0));
}

/**
 * `polygon_generic` without alpha blending (the path every L, RGB and RGBA image takes): horizontal
 * edges drawn first as they come, then each scanline's sorted float32 crossings paired up and filled
 * from `ROUND_UP(left)` to `ROUND_DOWN(right)`, with Pillow's corner fix-ups (including its writes
 * into `xx[k]` by edge index, kept as they are).
 */
export function fillPolygon(r: Raster, edges: readonly Edge[]): void {
  const n = edges.length;
  if (n <= 0) return;
  let ymin = r.height - 1, ymax = 0;
  const table: Edge[] = [];
  for (const e of edges) {
    if (ymin > e.ymin) ymin = e.ymin;
    if (ymax < e.ymax) ymax = e.ymax;
    if (e.ymin === e.ymax) { hline(r, e.xmin, e.ymin, e.xmax); continue; }
    table.push(e);
  }
  if (ymin < 0) ymin = 0;
  if (ymax > r.height) ymax = r.height;
  const count = table.length;
  const xx = new Float32Array(count * 2);
  for (let y = ymin; y <= ymax; y++) {
    let j = 0;
    for (let i = 0; i < count; i++) {
      const cur = table[i];
      if (y < cur.ymin || y > cur.ymax) continue;
      xx[j++] = edgeX(cur, y);
      if (y === cur.ymax && y < ymax) {
        xx[j] = xx[j - 1];
        j++;
      } else if (cur.dx !== 0 && Math.round(xx[j - 1]) === xx[j - 1]) {
        // "Connect discontiguous corners"
        for (let k = 0; k < i; k++) {
          const other = table[k];
          if ((cur.dx > 0 && other.dx <= 0) || (cur.dx < 0 && other.dx >= 0)) continue;
          if (((y === cur.ymin && y === other.ymin) || (y === cur.ymax && y === other.ymax)) &&
            xx[j - 1] === edgeX(other, y)) {
            const offset = y === ymax ? -1 : 1;
            const adj = edgeX(cur, y + offset);
            const adjOther = edgeX(other, y + offset);
            if (y === cur.ymax) {
              xx[k] = cur.dx > 0 ? Math.max(adj, adjOther) + 1 : Math.min(adj, adjOther) - 1;
            } else {
              xx[k] = cur.dx > 0 ? Math.min(adj, adjOther) : Math.max(adj, adjOther) + 1;
            }
            break;
          }
        }
      }
    }
    const row = xx.subarray(0, j);
    row.sort();
    for (let i = 1; i < j; i += 2) hline(r, toInt(roundUpF(row[i - 1])), y, toInt(roundDownF(row[i])));
  }
}

/**
 * `ImagingDrawPolygon(…, fill = 1)`'s edge list: one edge per side, a horizontal side that follows
 * another horizontal side in the same x direction merged into it, and a closing side unless the last
 * vertex repeats the first. `xy` holds int32 vertex coordinates `[x0, y0, x1, y1, …]`.
 */
export function polygonEdges(xy: readonly number[]): Edge[] {
  const count = xy.length / 2;
  const e: Edge[] = [];
  let i: number;
  for (i = 0; i < count - 1; i++) {
    const x0 = xy[i * 2], y0 = xy[i * 2 + 1], x1 = xy[i * 2 + 2], y1 = xy[i * 2 + 3];
    if (y0 === y1 && i !== 0 && y0 === xy[i * 2 - 1]) {
      const last = e[e.length - 1];
      if (x1 > x0 && x0 > xy[i * 2 - 2]) { last.xmax = x1; continue; }
      if (x1 < x0 && x0 < xy[i * 2 - 2]) { last.xmin = x1; continue; }
    }
    e.push(makeEdge(x0, y0, x1, y1));
  }
  if (count > 0 && (xy[i * 2] !== xy[0] || xy[i * 2 + 1] !== xy[1])) e.push(makeEdge(xy[i * 2], xy[i * 2 + 1], xy[0], xy[1]));
  return e;
}

/**
 * `ImagingDrawWideLine`: a point when both ends coincide, otherwise the 4-edge polygon around the
 * segment whose half-widths are `ROUND_UP` and `ROUND_DOWN` of `(width − 1)/2`, scaled by the
 * segment's direction (`hypot`) and rounded with `ROUND_DOWN`.
 */
export function wideLine(r: Raster, x0: number, y0: number, x1: number, y1: number, width: number): void {
  const dx = (x1 - x0) | 0, dy = (y1 - y0) | 0;
  if (dx === 0 && dy === 0) { point(r, x0, y0); return; }
  const big = hypot(dx, dy);
  const small = (width - 1) / 2.0;
  const ratioMax = roundUpD(small) / big;
  const ratioMin = roundDownD(small) / big;
  const dxmin = toInt(roundDownD(ratioMin * dy));
  const dxmax = toInt(roundDownD(ratioMax * dy));
  const dymin = toInt(roundDownD(ratioMin * dx));
  const dymax = toInt(roundDownD(ratioMax * dx));
  const v = [
    [x0 - dxmin, y0 + dymax], [x1 - dxmin, y1 + dymax],
    [x1 + dxmax, y1 - dymin], [x0 + dxmax, y0 - dymin],
  ].map(([x, y]) => [x | 0, y | 0]);
  fillPolygon(r, [
    makeEdge(v[0][0], v[0][1], v[1][0], v[1][1]),
    makeEdge(v[1][0], v[1][1], v[2][0], v[2][1]),
    makeEdge(v[2][0], v[2][1], v[3][0], v[3][1]),
    makeEdge(v[3][0], v[3][1], v[0][0], v[0][1]),
  ]);
}

/** `hypot` of two int32 values: exact sums of squares make `sqrt` correctly rounded, as glibc's hypot is. */
function hypot(a: number, b: number): number {
  const s = a * a + b * b;
  return Number.isSafeInteger(s) ? Math.sqrt(s) : Math.hypot(a, b);
}

// ---------------------------------------------------------------------------------------------
// ellipses (`quarter_*`, `ellipse_*` and `ellipseNew` of Draw.c)

/**
 * One quarter of an ellipse on the doubled grid: Bresenham steps from `(a, b % 2)` to `(a % 2, b)`
 * choosing among up, up-left and left the point with the least `|a²y² + b²x² − a²b²|`. `a²` and `b²`
 * are int32 products as in C; the deltas are int64 (exact doubles while they fit, BigInt beyond).
 */
class Quarter {
  finished = true;
  cx = 0; cy = 0;
  private ex = 0; private ey = 0;
  private a2 = 0; private b2 = 0; private a2b2 = 0;
  private big = false;
  private a2n = 0n; private b2n = 0n; private a2b2n = 0n;

  constructor(a: number, b: number) {
    if (a < 0 || b < 0) return;
    this.cx = a;
    this.cy = b % 2;
    this.ex = a % 2;
    this.ey = b;
    this.a2 = Math.imul(a, a);
    this.b2 = Math.imul(b, b);
    // |a2·y² + b2·x² − a2b2| stays below 2⁵³ for x ≤ a, y ≤ b + 2 when this bound holds
    const ya = b + 2, xa = a + 2;
    const bound = Math.abs(this.a2) * ya * ya + Math.abs(this.b2) * xa * xa + Math.abs(this.a2 * this.b2);
    this.big = !(bound < 2 ** 53);
    if (this.big) {
      this.a2n = BigInt(this.a2);
      this.b2n = BigInt(this.b2);
      this.a2b2n = BigInt.asIntN(64, this.a2n * this.b2n);
    } else {
      this.a2b2 = this.a2 * this.b2;
    }
    this.finished = false;
  }

  private delta(x: number, y: number): number | bigint {
    if (!this.big) return Math.abs(this.a2 * y * y + this.b2 * x * x - this.a2b2);
    const X = BigInt(x), Y = BigInt(y);
    const v = BigInt.asIntN(64, BigInt.asIntN(64, BigInt.asIntN(64, this.a2n * Y * Y) + BigInt.asIntN(64, this.b2n * X * X)) - this.a2b2n);
    return v < 0n ? BigInt.asIntN(64, -v) : v;
  }

  /** `quarter_next`: false when finished; otherwise the point is in `px`, `py`. */
  next(): boolean {
    if (this.finished) return false;
    this.px = this.cx;
    this.py = this.cy;
    if (this.cx === this.ex && this.cy === this.ey) {
      this.finished = true;
    } else {
      let nx = this.cx, ny = this.cy + 2;
      let nd = this.delta(nx, ny);
      if (nx > 1) {
        let d = this.delta(this.cx - 2, this.cy + 2);
        if (nd > d) { nx = this.cx - 2; ny = this.cy + 2; nd = d; }
        d = this.delta(this.cx - 2, this.cy);
        if (nd > d) { nx = this.cx - 2; ny = this.cy; }
      }
      this.cx = nx;
      this.cy = ny;
    }
    return true;
  }

  px = 0;
  py = 0;
}

/**
 * `ellipse_init` + `ellipse_next` on the doubled grid for semi-axes `a`, `b` (`a, b ≥ 0`) and width
 * `w`: the spans `(X0, Y, X1)` between the outer quarter and the inner one (`a − 2(w − 1)`,
 * `b − 2(w − 1)`), mirrored to four quarters, in Pillow's order (each row's buffer last-in first-out).
 */
export function ellipseSpans(a: number, b: number, w: number, emit: (X0: number, Y: number, X1: number) => void): void {
  const leftmost = a % 2;
  const outer = new Quarter(a, b);
  if (w < 1 || !outer.next()) return;
  let pr = outer.px, py = outer.py;
  const inner = new Quarter((a - 2 * (w - 1)) | 0, (b - 2 * (w - 1)) | 0);
  let pl = leftmost;
  let finished = false;
  const buf: number[] = [];
  while (!finished) {
    const y = py;
    let l = pl;
    const rr = pr;
    let more: boolean;
    while ((more = outer.next()) && outer.py <= y) { /* skip */ }
    if (!more) finished = true;
    else { pr = outer.px; py = outer.py; }
    while ((more = inner.next()) && inner.py <= y) l = inner.px;
    pl = more ? inner.px : leftmost;
    buf.length = 0;
    if ((l > 0 || l < rr) && y > 0) buf.push(l === 0 ? 2 : l, y, rr);
    if (y > 0) buf.push(-rr, y, -l);
    if (l > 0 || l < rr) buf.push(l === 0 ? 2 : l, -y, rr);
    buf.push(-rr, -y, -l);
    for (let k = buf.length - 3; k >= 0; k -= 3) emit(buf[k], buf[k + 1], buf[k + 2]);
  }
}

/**
 * `ellipseNew`: the box `(x0, y0)`–`(x1, y1)` (int32, inclusive), nothing when `x1 < x0` or
 * `y1 < y0`; filled (`width = a + b`) or a ring `width` pixels thick.
 */
export function ellipse(r: Raster, x0: number, y0: number, x1: number, y1: number, fill: boolean, width: number): void {
  const a = (x1 - x0) | 0, b = (y1 - y0) | 0;
  if (a < 0 || b < 0) return;
  ellipseSpans(a, b, fill ? (a + b) | 0 : width, (X0, Y, X1) => {
    hline(r, x0 + Math.trunc((X0 + a) / 2), y0 + Math.trunc((Y + b) / 2), x0 + Math.trunc((X1 + a) / 2));
  });
}
