// Pillow 9.4's pie slices (libImaging/Draw.c: normalize_angles, the half-plane clipping tree,
// pie_init, pie_side_init, ImagingDrawPieslice), used by ImageDraw.line's `joint="curve"`. C
// floats are float32 (Math.fround), doubles JS numbers; sin and cos are glibc's (libm.ts), as the C
// code calls them.
import { ellipse, ellipseSpans, hline, type Raster } from './draw-raster.ts';
import { glibcCos as cos, glibcSin as sin } from './libm.ts';

const f32 = Math.fround;

/** A clipping-tree node: a half-plane `a·x + b·y + c ≥ 0`, or the AND / OR of two subtrees. */
type ClipNode =
  | { type: 'clip'; a: number; b: number; c: number }
  | { type: 'and' | 'or'; l: ClipNode; r: ClipNode };

interface ClipEvent { x: number; type: 1 | -1 }

/** C `lround`: to nearest, halves away from zero. */
function lround(v: number): number {
  const t = Math.trunc(v);
  return Math.abs(v - t) >= 0.5 ? t + Math.sign(v) : t;
}

/** `clip_tree_do_clip`: the parts of the span `x0..x1` of row `y` inside the tree, as sorted open/close events. */
function clip(root: ClipNode | null, x0: number, y: number, x1: number): ClipEvent[] {
  if (root === null) return [{ x: x0, type: 1 }, { x: x1, type: -1 }];
  if (root.type === 'clip') {
    const eps = 1e-9;
    const { a: A, b: B, c: C } = root;
    if (Math.abs(A) < eps) {
      if (B * y + C < -eps) { x0 = 1; x1 = 0; }
    } else {
      const ix = -(B * y + C) / A;
      if (A * x0 + B * y + C < eps) x0 = lround(Math.max(x0, ix));
      if (A * x1 + B * y + C < eps) x1 = lround(Math.min(x1, ix));
    }
    return x0 <= x1 ? [{ x: x0, type: 1 }, { x: x1, type: -1 }] : [];
  }
  const l1 = clip(root.l, x0, y, x1), l2 = clip(root.r, x0, y, x1);
  const out: ClipEvent[] = [];
  let i1 = 0, i2 = 0, k1 = 0, k2 = 0;
  let tail: ClipEvent | null = null;
  while (i1 < l1.length || i2 < l2.length) {
    let t: ClipEvent;
    if (i2 === l2.length || (i1 < l1.length && (l1[i1].x < l2[i2].x || (l1[i1].x === l2[i2].x && l1[i1].type > l2[i2].type)))) {
      t = l1[i1++];
      k1 += t.type;
    } else {
      t = l2[i2++];
      k2 += t.type;
    }
    const opens = t.type === 1 && (tail === null || tail.type === -1);
    const keep = root.type === 'or'
      ? opens || (t.type === -1 && k1 === 0 && k2 === 0)
      : (opens && k1 > 0 && k2 > 0) || (t.type === -1 && tail !== null && tail.type === 1 && (k1 === 0 || k2 === 0));
    if (keep) { out.push(t); tail = t; }
  }
  return out;
}

/** `normalize_angles` on C floats: `0 ≤ al < 360`, `al ≤ ar ≤ al + 360`. */
function normalizeAngles(al: number, ar: number): [number, number] {
  if (f32(ar - al) >= 360) return [0, 360];
  const nal = f32((al < 0 ? 360 - (-al % 360) : al) % 360);
  const nar = f32(nal + ((ar < nal ? 360 - (f32(nal - ar) % 360) : f32(ar - nal)) % 360));
  return [nal, nar];
}

/** `clipEllipseNew`: the ellipse of width `w` in the box, each span clipped by `root`. */
function clippedEllipse(r: Raster, x0: number, y0: number, x1: number, y1: number, w: number,
  root: (a: number, b: number) => ClipNode | null): void {
  const a = (x1 - x0) | 0, b = (y1 - y0) | 0;
  if (a < 0 || b < 0) return;
  const tree = root(a, b);
  ellipseSpans(a, b, w, (X0, Y, X1) => {
    const ev = clip(tree, X0, Y, X1);
    for (let i = 0; i + 1 < ev.length; i += 2) {
      hline(r, x0 + Math.trunc((ev[i].x + a) / 2), y0 + Math.trunc((Y + b) / 2), x0 + Math.trunc((ev[i + 1].x + a) / 2));
    }
  });
}

const rad = (deg: number): number => deg * Math.PI / 180.0;

/** `pie_init`'s tree: the two sides' half-planes (AND under 180°, else OR), plus the spike clipper under 90°. */
function pieTree(al: number, ar: number): (a: number, b: number) => ClipNode {
  return (a, b) => {
    const xl = a * cos(rad(al)), xr = a * cos(rad(ar));
    const yl = b * sin(rad(al)), yr = b * sin(rad(ar));
    const lc: ClipNode = { type: 'clip', a: -yl, b: xl, c: 0 };
    const rc: ClipNode = { type: 'clip', a: yr, b: -xr, c: 0 };
    let root: ClipNode = { type: f32(ar - al) < 180 ? 'and' : 'or', l: lc, r: rc };
    if (f32(ar - al) < 90) root = { type: 'and', l: root, r: { type: 'clip', a: (xl + xr) / 2.0, b: (yl + yr) / 2.0, c: 0 } };
    return root;
  };
}

/** `pie_side_init`'s tree: a band `w` wide along the side at angle `al`, on the ray's side. */
function pieSideTree(al: number, w: number): (a: number, b: number) => ClipNode {
  return (a, b) => {
    const xl = a * cos(rad(al)), yl = b * sin(rad(al));
    const a1 = -yl, b1 = xl, c1 = w * Math.sqrt(a1 * a1 + b1 * b1);
    return {
      type: 'and',
      l: { type: 'and', l: { type: 'clip', a: a1, b: b1, c: c1 }, r: { type: 'clip', a: -a1, b: -b1, c: c1 } },
      r: { type: 'clip', a: b1, b: -a1, c: 0 },
    };
  };
}

/**
 * `ImagingDrawPieslice(im, x0, y0, x1, y1, start, end, ink, fill, width)`: `start` and `end` are the
 * C floats (degrees, clockwise from 3 o'clock); a full turn is the ellipse, an empty one nothing.
 */
export function pieslice(r: Raster, x0: number, y0: number, x1: number, y1: number, start: number, end: number,
  fill: boolean, width: number): void {
  [start, end] = normalizeAngles(start, end);
  if (f32(start + 360) === end) { ellipse(r, x0, y0, x1, y1, fill, width); return; }
  if (start === end) return;
  if (fill) {
    clippedEllipse(r, x0, y0, x1, y1, (x1 + y1 - x0 - y0) | 0, pieTree(start, end));
  } else {
    sideWithWidth(r, x0, y0, x1, y1, start, width);
    sideWithWidth(r, x0, y0, x1, y1, end, width);
    const xc = lround((x0 + x1 - width) / 2.0), yc = lround((y0 + y1 - width) / 2.0);
    ellipse(r, xc, yc, (xc + width - 1) | 0, (yc + width - 1) | 0, true, 0);
    clippedEllipse(r, x0, y0, x1, y1, width, pieTree(start, end));
  }
}

/** `pieSideNew`: pie_side_init builds the ellipse with width `a + b + 1` (solid) and clips it to the side band. */
function sideWithWidth(r: Raster, x0: number, y0: number, x1: number, y1: number, al: number, width: number): void {
  const a = (x1 - x0) | 0, b = (y1 - y0) | 0;
  clippedEllipse(r, x0, y0, x1, y1, (a + b + 1) | 0, pieSideTree(al, width));
}
