// cv2.contourArea, cv2.boundingRect, cv2.arcLength, cv2.approxPolyDP and cv2.moments on a
// contour (integer points, as findContours returns and as cv2 takes them in an int32 array),
// bit-exact with OpenCV 4.6 (shapedescr.cpp, contours.cpp, approx.cpp, moments.cpp).
//
// The doubles come out identical because every sum is made in OpenCV's order with OpenCV's
// operations: contourArea sums `x·y' − y·x'` from the last point round, arcLength converts the
// points to float32 and adds float32 square roots of float32 sums into a double, moments
// accumulates its ten polynomial sums point by point in double. approxPolyDP is OpenCV's
// Douglas–Peucker: for a closed curve it first looks (three times, from the first point) for
// the point farthest from a start point, splits there, splits each part at its point farthest
// from the chord (perpendicular distance to the line) while that is more than epsilon, and
// finally removes points lying on almost straight lines; an open curve whose ends coincide is
// treated as closed. Its int32 arithmetic (products of coordinate differences) wraps as C does.
import { checkFinite } from '../core/check.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';

/** What `moments` returns: cv2.moments' dictionary (spatial, central and normalised central moments). */
export interface Moments {
  m00: number; m10: number; m01: number; m20: number; m11: number; m02: number;
  m30: number; m21: number; m12: number; m03: number;
  mu20: number; mu11: number; mu02: number; mu30: number; mu21: number; mu12: number; mu03: number;
  nu20: number; nu11: number; nu02: number; nu30: number; nu21: number; nu12: number; nu03: number;
}

/** Largest |coordinate| of a contour point: differences of two coordinates fit in an int32, as in OpenCV. */
export const MAX_CONTOUR_COORD = 2 ** 30 - 1;

/**
 * The points of a contour as x0, y0, x1, y1, … (an Int32Array). Each point must be `[x, y]`
 * with integers within ±(2^30 − 1).
 */
export function contourPoints(c: unknown, name: string): Int32Array {
  if (!Array.isArray(c)) throw typeError(name, 'a contour: an array of points [x, y]', c);
  const out = new Int32Array(2 * c.length);
  for (let i = 0; i < c.length; i++) {
    const p: unknown = c[i];
    if (!Array.isArray(p) || p.length !== 2) throw typeError(`${name}[${i}]`, 'a point [x, y]', p);
    for (let k = 0; k < 2; k++) {
      const v: unknown = p[k];
      if (typeof v !== 'number') throw typeError(`${name}[${i}][${k}]`, 'an integer', v);
      if (!Number.isInteger(v) || Math.abs(v) > MAX_CONTOUR_COORD) {
        throw rangeError(`${name}[${i}][${k}]`, `an integer in -${MAX_CONTOUR_COORD}..${MAX_CONTOUR_COORD}`, v);
      }
      out[2 * i + k] = v;
    }
  }
  return out;
}

function checkBoolean(v: unknown, name: string): boolean {
  if (typeof v !== 'boolean') throw typeError(name, 'a boolean', v);
  return v;
}

/**
 * `cv2.contourArea(c, oriented)`: the area the polygon `c` encloses (Green's formula over its
 * vertices, last to first included), bit for bit as cv2. With `oriented` the sign says the
 * direction: negative for counter-clockwise on screen (findContours' outer borders), positive
 * for clockwise (its holes). Fewer than 3 points give 0.
 */
export function contourArea(c: readonly (readonly [number, number])[], oriented = false): number {
  if (arguments.length > 2) throw tooManyArguments('contourArea', ['c', 'oriented'], arguments.length);
  const v = contourPoints(c, 'c');
  checkBoolean(oriented, 'oriented');
  const n = v.length >> 1;
  if (n === 0) return 0;
  let a00 = 0;
  let px = Math.fround(v[2 * n - 2]), py = Math.fround(v[2 * n - 1]);
  for (let i = 0; i < n; i++) {
    const x = Math.fround(v[2 * i]), y = Math.fround(v[2 * i + 1]);
    a00 += px * y - py * x;
    px = x; py = y;
  }
  a00 *= 0.5;
  return oriented ? a00 : Math.abs(a00);
}

/**
 * `cv2.boundingRect(c)` for a point set: `[x, y, w, h]`, the smallest upright rectangle holding
 * every point, with `w = maxX − minX + 1` and `h = maxY − minY + 1` (points are pixels). No
 * points give `[0, 0, 0, 0]`.
 */
export function boundingRect(c: readonly (readonly [number, number])[]): [number, number, number, number] {
  if (arguments.length > 1) throw tooManyArguments('boundingRect', ['c'], arguments.length);
  const v = contourPoints(c, 'c');
  if (v.length === 0) return [0, 0, 0, 0];
  let x0 = v[0], x1 = v[0], y0 = v[1], y1 = v[1];
  for (let i = 2; i < v.length; i += 2) {
    const x = v[i], y = v[i + 1];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1 - x0 + 1, y1 - y0 + 1];
}

/**
 * `cv2.arcLength(c, closed)`: the length of the polyline through the points (with the segment
 * from the last point back to the first when `closed`), bit for bit as cv2 (float32 segment
 * lengths summed in double). Fewer than 2 points give 0.
 */
export function arcLength(c: readonly (readonly [number, number])[], closed: boolean): number {
  if (arguments.length > 2) throw tooManyArguments('arcLength', ['c', 'closed'], arguments.length);
  const v = contourPoints(c, 'c');
  checkBoolean(closed, 'closed');
  const n = v.length >> 1;
  if (n <= 1) return 0;
  const f = Math.fround;
  const last = closed ? n - 1 : 0;
  let px = f(v[2 * last]), py = f(v[2 * last + 1]);
  let perimeter = 0;
  for (let i = 0; i < n; i++) {
    const x = f(v[2 * i]), y = f(v[2 * i + 1]);
    const dx = f(x - px), dy = f(y - py);
    perimeter += f(Math.sqrt(f(f(dx * dx) + f(dy * dy))));
    px = x; py = y;
  }
  return perimeter;
}

/**
 * `cv2.approxPolyDP(c, epsilon, closed)`: a polygon with fewer vertices, all taken from `c`, that
 * stays within `epsilon` pixels of it (OpenCV's Douglas–Peucker, start point and final clean-up
 * included: the same vertices in the same order as cv2). `epsilon` must be in 0 ≤ ε < 1e30.
 * No points give `[]` (cv2 returns None).
 */
export function approxPolyDP(c: readonly (readonly [number, number])[], epsilon: number, closed: boolean): [number, number][] {
  if (arguments.length > 3) throw tooManyArguments('approxPolyDP', ['c', 'epsilon', 'closed'], arguments.length);
  const src = contourPoints(c, 'c');
  checkFinite(epsilon, 'epsilon');
  if (epsilon < 0 || !(epsilon < 1e30)) throw rangeError('epsilon', 'a number in 0 ≤ epsilon < 1e30', epsilon);
  checkBoolean(closed, 'closed');
  const dst = approxPolyDPFlat(src, epsilon, closed);
  const out: [number, number][] = new Array(dst.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = [dst[2 * i], dst[2 * i + 1]];
  return out;
}

/** OpenCV's approxPolyDP_ on int32 points x0, y0, …; returns the kept points the same way. */
export function approxPolyDPFlat(src: Int32Array, epsilon: number, closed0: boolean): Int32Array {
  const count0 = src.length >> 1;
  if (count0 === 0) return new Int32Array(0);
  const dst = new Int32Array(2 * count0);
  // the stack of slices [start, end] (point indices), two ints each
  let stack = new Int32Array(Math.max(16, 2 * count0));
  let top = 0;
  const push = (s: number, e: number): void => {
    if (top + 2 > stack.length) { const b = new Int32Array(stack.length * 2); b.set(stack); stack = b; }
    stack[top++] = s; stack[top++] = e;
  };
  let count = count0;
  let newCount = 0;
  let initIters = 3;
  let isClosed = closed0;
  let leEps = false;
  let sliceStart: number, sliceEnd: number, rightStart = 0, rightEnd: number;
  // OpenCV starts an open curve at its last point
  let startX = src[2 * count0 - 2], startY = src[2 * count0 - 1], endX: number, endY: number, x: number, y: number;
  let pos = 0;
  const eps = epsilon * epsilon;

  if (!isClosed) {
    rightStart = count;
    endX = src[0]; endY = src[1];
    if (startX !== endX || startY !== endY) {
      sliceStart = 0; sliceEnd = count - 1;
      push(sliceStart, sliceEnd);
    } else {
      isClosed = true;
      initIters = 1;
    }
  }

  if (isClosed) {
    // 1. roughly the two farthest points of the contour
    rightStart = 0;
    for (let i = 0; i < initIters; i++) {
      let maxDist = 0;
      pos = (pos + rightStart) % count;
      startX = src[2 * pos]; startY = src[2 * pos + 1];
      if (++pos >= count) pos = 0;
      for (let j = 1; j < count; j++) {
        x = src[2 * pos]; y = src[2 * pos + 1];
        if (++pos >= count) pos = 0;
        const dx = (x - startX) | 0, dy = (y - startY) | 0;
        const dist = dx * dx + dy * dy;
        if (dist > maxDist) { maxDist = dist; rightStart = j; }
      }
      leEps = maxDist <= eps;
    }
    // 2. the first two slices
    if (!leEps) {
      rightEnd = sliceStart = pos % count;
      sliceEnd = rightStart = (rightStart + sliceStart) % count;
      push(rightStart, rightEnd);
      push(sliceStart, sliceEnd);
    } else {
      dst[2 * newCount] = startX; dst[2 * newCount + 1] = startY; newCount++;
    }
  }

  // 3. split the slices
  while (top > 0) {
    sliceEnd = stack[--top];
    sliceStart = stack[--top];
    endX = src[2 * sliceEnd]; endY = src[2 * sliceEnd + 1];
    pos = sliceStart;
    startX = src[2 * pos]; startY = src[2 * pos + 1];
    if (++pos >= count) pos = 0;
    if (pos !== sliceEnd) {
      const dx = (endX - startX) | 0, dy = (endY - startY) | 0;
      let maxDist = 0;
      while (pos !== sliceEnd) {
        x = src[2 * pos]; y = src[2 * pos + 1];
        if (++pos >= count) pos = 0;
        const dist = Math.abs(((y - startY) | 0) * dx - ((x - startX) | 0) * dy);
        if (dist > maxDist) { maxDist = dist; rightStart = (pos + count - 1) % count; }
      }
      leEps = maxDist * maxDist <= eps * (dx * dx + dy * dy);
    } else {
      leEps = true;
      startX = src[2 * sliceStart]; startY = src[2 * sliceStart + 1];
    }
    if (leEps) {
      dst[2 * newCount] = startX; dst[2 * newCount + 1] = startY; newCount++;
    } else {
      rightEnd = sliceEnd;
      sliceEnd = rightStart;
      push(rightStart, rightEnd);
      push(sliceStart, sliceEnd);
    }
  }

  if (!isClosed) {
    dst[2 * newCount] = src[2 * count - 2]; dst[2 * newCount + 1] = src[2 * count - 1]; newCount++;
  }

  // 4. remove points on (almost) straight lines
  isClosed = closed0;
  count = newCount;
  pos = isClosed ? count - 1 : 0;
  startX = dst[2 * pos]; startY = dst[2 * pos + 1];
  if (++pos >= count) pos = 0;
  let wpos = pos;
  x = dst[2 * pos]; y = dst[2 * pos + 1];
  if (++pos >= count) pos = 0;
  const open = isClosed ? 0 : 1;
  for (let i = open; i < count - open && newCount > 2; i++) {
    endX = dst[2 * pos]; endY = dst[2 * pos + 1];
    if (++pos >= count) pos = 0;
    const dx = (endX - startX) | 0, dy = (endY - startY) | 0;
    const dist = Math.abs(((x - startX) | 0) * dy - ((y - startY) | 0) * dx);
    const inner = (Math.imul((x - startX) | 0, (endX - x) | 0) + Math.imul((y - startY) | 0, (endY - y) | 0)) | 0;
    if (dist * dist <= 0.5 * eps * (dx * dx + dy * dy) && dx !== 0 && dy !== 0 && inner >= 0) {
      newCount--;
      dst[2 * wpos] = startX = endX; dst[2 * wpos + 1] = startY = endY;
      if (++wpos >= count) wpos = 0;
      x = dst[2 * pos]; y = dst[2 * pos + 1];
      if (++pos >= count) pos = 0;
      i++;
      continue;
    }
    dst[2 * wpos] = startX = x; dst[2 * wpos + 1] = startY = y;
    if (++wpos >= count) wpos = 0;
    x = endX; y = endY;
  }
  if (!isClosed) { dst[2 * wpos] = x; dst[2 * wpos + 1] = y; }
  return dst.slice(0, 2 * newCount);
}

/**
 * `cv2.moments(c)` for a contour: the spatial moments m00 … m03 of the polygon `c` (Green's
 * formula over its edges; m00 is its area, positive whatever the direction), the central
 * moments mu20 … mu03 and the normalised central moments nu20 … nu03, with cv2's keys and bit
 * for bit cv2's values. A polygon of (almost) no area (|2·area| ≤ FLT_EPSILON) has all zeros.
 */
export function moments(c: readonly (readonly [number, number])[]): Moments {
  if (arguments.length > 1) throw tooManyArguments('moments', ['c'], arguments.length);
  const v = contourPoints(c, 'c');
  const m: Moments = {
    m00: 0, m10: 0, m01: 0, m20: 0, m11: 0, m02: 0, m30: 0, m21: 0, m12: 0, m03: 0,
    mu20: 0, mu11: 0, mu02: 0, mu30: 0, mu21: 0, mu12: 0, mu03: 0,
    nu20: 0, nu11: 0, nu02: 0, nu30: 0, nu21: 0, nu12: 0, nu03: 0,
  };
  const n = v.length >> 1;
  if (n === 0) return m;
  let a00 = 0, a10 = 0, a01 = 0, a20 = 0, a11 = 0, a02 = 0, a30 = 0, a21 = 0, a12 = 0, a03 = 0;
  let xi1 = v[2 * n - 2], yi1 = v[2 * n - 1];
  let xi12 = xi1 * xi1, yi12 = yi1 * yi1;
  for (let i = 0; i < n; i++) {
    const xi = v[2 * i], yi = v[2 * i + 1];
    const xi2 = xi * xi, yi2 = yi * yi;
    const dxy = xi1 * yi - xi * yi1;
    const xii1 = xi1 + xi, yii1 = yi1 + yi;
    a00 += dxy;
    a10 += dxy * xii1;
    a01 += dxy * yii1;
    a20 += dxy * (xi1 * xii1 + xi2);
    a11 += dxy * (xi1 * (yii1 + yi1) + xi * (yii1 + yi));
    a02 += dxy * (yi1 * yii1 + yi2);
    a30 += dxy * xii1 * (xi12 + xi2);
    a03 += dxy * yii1 * (yi12 + yi2);
    a21 += dxy * (xi12 * (3 * yi1 + yi) + 2 * xi * xi1 * yii1 + xi2 * (yi1 + 3 * yi));
    a12 += dxy * (yi12 * (3 * xi1 + xi) + 2 * yi * yi1 * xii1 + yi2 * (xi1 + 3 * xi));
    xi1 = xi; yi1 = yi;
    xi12 = xi2; yi12 = yi2;
  }
  const FLT_EPSILON = 1.1920928955078125e-7;
  if (!(Math.abs(a00) > FLT_EPSILON)) return m;
  const sign = a00 > 0 ? 1 : -1;
  // OpenCV's constants, written to more digits than a double holds
  const d2 = sign * 0.5, d6 = sign * 0.16666666666666666, d12 = sign * 0.08333333333333333;
  const d24 = sign * 0.041666666666666664, d20 = sign * 0.05, d60 = sign * 0.016666666666666666;
  m.m00 = a00 * d2;
  m.m10 = a10 * d6;
  m.m01 = a01 * d6;
  m.m20 = a20 * d12;
  m.m11 = a11 * d24;
  m.m02 = a02 * d12;
  m.m30 = a30 * d20;
  m.m21 = a21 * d60;
  m.m12 = a12 * d60;
  m.m03 = a03 * d20;
  completeMomentState(m);
  return m;
}

/** moments.cpp's completeMomentState: the central and normalised moments from the spatial ones. */
function completeMomentState(m: Moments): void {
  const DBL_EPSILON = 2.220446049250313e-16;
  let cx = 0, cy = 0, invM00 = 0;
  if (Math.abs(m.m00) > DBL_EPSILON) {
    invM00 = 1 / m.m00;
    cx = m.m10 * invM00;
    cy = m.m01 * invM00;
  }
  const mu20 = m.m20 - m.m10 * cx;
  let mu11 = m.m11 - m.m10 * cy;
  const mu02 = m.m02 - m.m01 * cy;
  m.mu20 = mu20;
  m.mu11 = mu11;
  m.mu02 = mu02;
  m.mu30 = m.m30 - cx * (3 * mu20 + cx * m.m10);
  mu11 += mu11;
  m.mu21 = m.m21 - cx * (mu11 + cx * m.m01) - cy * mu20;
  m.mu12 = m.m12 - cy * (mu11 + cy * m.m10) - cx * mu02;
  m.mu03 = m.m03 - cy * (3 * mu02 + cy * m.m01);
  const invSqrtM00 = Math.sqrt(Math.abs(invM00));
  const s2 = invM00 * invM00, s3 = s2 * invSqrtM00;
  m.nu20 = m.mu20 * s2; m.nu11 = m.mu11 * s2; m.nu02 = m.mu02 * s2;
  m.nu30 = m.mu30 * s3; m.nu21 = m.mu21 * s3; m.nu12 = m.mu12 * s3; m.nu03 = m.mu03 * s3;
}
