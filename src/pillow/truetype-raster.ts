// The anti-aliased rasteriser for TrueType outlines: FreeType 2.12's "smooth" renderer (ftgrays.c),
// which Pillow 9.4 calls through FT_Load_Glyph(FT_LOAD_RENDER). Exact-area coverage: coordinates go
// from 26.6 to 24.8 fixed point (256 sub-steps per pixel), every line segment adds to each cell it
// crosses a `cover` (its signed height in the cell) and an `area` (height × twice the mean distance
// from the cell's left side); a left-to-right sweep turns the running cover and the cell's area into
// a grey level 0–255 with the non-zero winding rule. Quadratic arcs are cut into 2^n chords as
// gray_render_conic does. The cells are a dense grid over the glyph's pixel box (glyphs are small),
// in scratch buffers reused from glyph to glyph.

/** A scaled glyph outline: points in 26.6 fixed point (y up), quadratic TrueType contours. */
export interface Outline {
  /** x of each point, 1/64 pixel. */
  xs: Int32Array;
  /** y of each point, 1/64 pixel, upwards. */
  ys: Int32Array;
  /** 1 for an on-curve point, 0 for a quadratic control point. */
  onCurve: Uint8Array;
  /** Index of the last point of each contour. */
  contourEnds: Int32Array;
}

/** A rendered glyph as FreeType's `FT_GlyphSlot` holds it: `bitmap_left`, `bitmap_top`, the grey bitmap. */
export interface GlyphBitmap {
  /** Pixel column of the bitmap's left edge, relative to the pen. */
  left: number;
  /** Pixel row of the bitmap's top edge above the baseline (y up). */
  top: number;
  width: number;
  rows: number;
  /** `width × rows` coverage bytes, top row first. */
  pixels: Uint8Array;
}

const PIXEL_BITS = 8;
const ONE_PIXEL = 1 << PIXEL_BITS;

// scratch cell grid, grown on demand and left zeroed after each glyph
let cellArea = new Float64Array(0);
let cellCover = new Int32Array(0);
// the rasteriser's state: grid width (cells per row), current cell, pen in 24.8
let gridWidth = 0;
let gridHeight = 0;
let cell = -1;
let penX = 0;
let penY = 0;

/** `gray_set_cell`: the cell the next cover/area go to; cells outside the grid are dropped. */
function setCell(ex: number, ey: number): void {
  cell = ex >= 0 && ex < gridWidth && ey >= 0 && ey < gridHeight ? ey * gridWidth + ex : -1;
}

function addCell(cover: number, area: number): void {
  if (cell >= 0) { cellCover[cell] += cover; cellArea[cell] += area; }
}

/**
 * FT_UDIV of a 64-bit FreeType build: `a · ⌊(2⁵⁶ − 1) / b⌋ >> 56`, which is ⌊a / b⌋ except one
 * less when b divides a (a ≥ 0, 0 < b < 2²⁴).
 */
function udiv(a: number, b: number): number {
  if (a === 0) return 0;
  const q = Math.floor(a / b);
  return q * b === a ? q - 1 : q;
}

/** `gray_render_line`: the cells from the pen to (toX, toY), in 24.8, with ftgrays' exact exit points. */
function renderLine(toX: number, toY: number): void {
  let ex1 = penX >> PIXEL_BITS, ey1 = penY >> PIXEL_BITS;
  const ex2 = toX >> PIXEL_BITS, ey2 = toY >> PIXEL_BITS;
  let fx1 = penX & (ONE_PIXEL - 1), fy1 = penY & (ONE_PIXEL - 1);
  let fx2: number, fy2: number;
  const dx = toX - penX, dy = toY - penY;
  if (ex1 === ex2 && ey1 === ey2) {
    // inside one cell
  } else if (dy === 0) {
    setCell(ex2, ey2);
    penX = toX; penY = toY;
    return;
  } else if (dx === 0) {
    if (dy > 0) {
      do {
        addCell(ONE_PIXEL - fy1, (ONE_PIXEL - fy1) * fx1 * 2);
        fy1 = 0;
        ey1++;
        setCell(ex1, ey1);
      } while (ey1 !== ey2);
    } else {
      do {
        addCell(-fy1, -fy1 * fx1 * 2);
        fy1 = ONE_PIXEL;
        ey1--;
        setCell(ex1, ey1);
      } while (ey1 !== ey2);
    }
  } else {
    // `prod` tells on which side, and where exactly, the line leaves the current cell
    let prod = dx * fy1 - dy * fx1;
    do {
      if (prod - dx * ONE_PIXEL > 0 && prod <= 0) { // left
        fx2 = 0;
        fy2 = udiv(-prod, -dx);
        prod -= dy * ONE_PIXEL;
        addCell(fy2 - fy1, (fy2 - fy1) * (fx1 + fx2));
        fx1 = ONE_PIXEL; fy1 = fy2;
        ex1--;
      } else if (prod - dx * ONE_PIXEL + dy * ONE_PIXEL > 0 && prod - dx * ONE_PIXEL <= 0) { // up
        prod -= dx * ONE_PIXEL;
        fx2 = udiv(-prod, dy);
        fy2 = ONE_PIXEL;
        addCell(fy2 - fy1, (fy2 - fy1) * (fx1 + fx2));
        fx1 = fx2; fy1 = 0;
        ey1++;
      } else if (prod + dy * ONE_PIXEL >= 0 && prod - dx * ONE_PIXEL + dy * ONE_PIXEL <= 0) { // right
        prod += dy * ONE_PIXEL;
        fx2 = ONE_PIXEL;
        fy2 = udiv(prod, dx);
        addCell(fy2 - fy1, (fy2 - fy1) * (fx1 + fx2));
        fx1 = 0; fy1 = fy2;
        ex1++;
      } else { // down
        fx2 = udiv(prod, -dy);
        fy2 = 0;
        prod += dx * ONE_PIXEL;
        addCell(fy2 - fy1, (fy2 - fy1) * (fx1 + fx2));
        fx1 = fx2; fy1 = ONE_PIXEL;
        ey1--;
      }
      setCell(ex1, ey1);
    } while (ex1 !== ex2 || ey1 !== ey2);
  }
  fx2 = toX & (ONE_PIXEL - 1);
  fy2 = toY & (ONE_PIXEL - 1);
  addCell(fy2 - fy1, (fy2 - fy1) * (fx1 + fx2));
  penX = toX; penY = toY;
}

/** `gray_render_conic`: 2^shift chords, shift chosen so each chord deviates at most 1/4 pixel. */
function renderConic(cx: number, cy: number, toX: number, toY: number): void {
  const x0 = penX, y0 = penY;
  const bx = cx - x0, by = cy - y0;
  const ax = toX - cx - bx, ay = toY - cy - by;
  let d = Math.max(Math.abs(ax), Math.abs(ay));
  if (d <= ONE_PIXEL / 4) { renderLine(toX, toY); return; }
  let shift = 0;
  do { d >>= 2; shift++; } while (d > ONE_PIXEL / 4);
  // P(t) = P0 + 2·B·t + A·t², at t = k / n, floored as ftgrays' 32.32 forward differences are
  const n = 1 << shift, nn = n * n;
  for (let k = 1; k < n; k++) {
    renderLine(x0 + Math.floor((2 * bx * k * n + ax * k * k) / nn), y0 + Math.floor((2 * by * k * n + ay * k * k) / nn));
  }
  renderLine(toX, toY);
}

const upscale = (v: number): number => v * (ONE_PIXEL >> 6);

/**
 * `FT_Outline_Decompose` of one TrueType contour, after the renderer's move of the outline into
 * the grid by (dx, dy) (26.6): a contour may start on a control point (then at the last point, or
 * between the two), and two successive control points imply an on-curve point halfway (C
 * division, toward zero, on the moved coordinates).
 */
function renderContour(o: Outline, first: number, last: number, dx: number, dy: number): void {
  const { xs, ys, onCurve } = o;
  let startX = xs[first] + dx, startY = ys[first] + dy;
  let i = first;
  if (!onCurve[first]) {
    if (onCurve[last]) { startX = xs[last] + dx; startY = ys[last] + dy; last--; }
    else { startX = Math.trunc((startX + xs[last] + dx) / 2); startY = Math.trunc((startY + ys[last] + dy) / 2); }
    i--; // the first point is then a control point, taken by the loop
  }
  penX = upscale(startX); penY = upscale(startY);
  setCell(penX >> PIXEL_BITS, penY >> PIXEL_BITS);
  let ctrl = false, ctrlX = 0, ctrlY = 0;
  while (i < last) {
    i++;
    const x = xs[i] + dx, y = ys[i] + dy;
    if (onCurve[i]) {
      if (ctrl) renderConic(upscale(ctrlX), upscale(ctrlY), upscale(x), upscale(y));
      else renderLine(upscale(x), upscale(y));
      ctrl = false;
    } else {
      if (ctrl) renderConic(upscale(ctrlX), upscale(ctrlY), upscale(Math.trunc((ctrlX + x) / 2)), upscale(Math.trunc((ctrlY + y) / 2)));
      ctrl = true; ctrlX = x; ctrlY = y;
    }
  }
  // close the contour back to its start
  if (ctrl) renderConic(upscale(ctrlX), upscale(ctrlY), upscale(startX), upscale(startY));
  else renderLine(upscale(startX), upscale(startY));
}

/** The outline's control box in 26.6, `[xMin, yMin, xMax, yMax]` (all zero for an empty outline). */
export function controlBox(o: Outline): [number, number, number, number] {
  const n = o.xs.length;
  if (n === 0) return [0, 0, 0, 0];
  let x0 = o.xs[0], x1 = x0, y0 = o.ys[0], y1 = y0;
  for (let i = 1; i < n; i++) {
    const x = o.xs[i], y = o.ys[i];
    if (x < x0) x0 = x; else if (x > x1) x1 = x;
    if (y < y0) y0 = y; else if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

/**
 * Renders an outline as FreeType's smooth renderer does (FT_RENDER_MODE_NORMAL): the bitmap spans
 * the control box widened to whole pixels, coverage is exact area in 1/256 levels, clamped to 255.
 */
export function rasterize(o: Outline): GlyphBitmap {
  const [cx0, cy0, cx1, cy1] = controlBox(o);
  const left = Math.floor(cx0 / 64), bottom = Math.floor(cy0 / 64);
  const right = Math.ceil(cx1 / 64), top = Math.ceil(cy1 / 64);
  const width = right - left, rows = top - bottom;
  const pixels = new Uint8Array(width * rows);
  if (width === 0 || rows === 0) return { left, top, width, rows, pixels };
  // one spare column and row: a point on the box's right or top edge opens a cell there
  gridWidth = width + 1;
  gridHeight = rows + 1;
  const cells = gridWidth * gridHeight;
  if (cellCover.length < cells) { cellCover = new Int32Array(cells); cellArea = new Float64Array(cells); }
  const ends = o.contourEnds;
  const dx = -left * 64, dy = -bottom * 64;
  for (let c = 0, first = 0; c < ends.length; c++) {
    const last = ends[c];
    if (last >= first) renderContour(o, first, last, dx, dy);
    first = last + 1;
  }
  // gray_sweep: running cover across the row; coverage = (cover · 2·256 − area) / 2^(2·8+1−8)
  for (let ey = 0; ey < rows; ey++) {
    let acc = 0;
    const row = ey * gridWidth, out = (rows - 1 - ey) * width;
    for (let ex = 0; ex < width; ex++) {
      acc += cellCover[row + ex] * (ONE_PIXEL * 2);
      let v = Math.floor((acc - cellArea[row + ex]) / (1 << (PIXEL_BITS * 2 + 1 - 8)));
      if (v < 0) v = -v - 1; // ~coverage: the non-zero rule for reversed contours
      pixels[out + ex] = v >= 256 ? 255 : v;
    }
  }
  cellCover.fill(0, 0, cells);
  cellArea.fill(0, 0, cells);
  return { left, top, width, rows, pixels };
}
