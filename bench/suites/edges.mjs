// Edges (issue 13): Sobel, Scharr, Laplacian, Canny, against opencv.js. Case format: see
// arithmetic.mjs; `unary` (an op on the photo with an `out` on both sides) is in unary.mjs.
import { missing, unary } from './unary.mjs';

/** `lib` is the built library (dist/index.js): functions it lacks make their rows unavailable. */
export default function cases(lib) {
  return [
    unary('sobel dx 3×3 delta 128', 'edges', {
      unavailable: missing(lib, 'sobel'),
      pa: (l, A, out) => l.sobel(A, 1, 0, { delta: 128, out }),
      cv: (cv, src, dst) => () => cv.Sobel(src, dst, -1, 1, 0, 3, 1, 128, cv.BORDER_DEFAULT),
    }),
    unary('sobel dx+dy 5×5', 'edges', {
      unavailable: missing(lib, 'sobel'),
      pa: (l, A, out) => l.sobel(A, 1, 1, { ksize: 5, out }),
      cv: (cv, src, dst) => () => cv.Sobel(src, dst, -1, 1, 1, 5, 1, 0, cv.BORDER_DEFAULT),
    }),
    unary('scharr dy delta 128', 'edges', {
      unavailable: missing(lib, 'scharr'),
      pa: (l, A, out) => l.scharr(A, 0, 1, { delta: 128, scale: 0.25, out }),
      cv: (cv, src, dst) => () => cv.Scharr(src, dst, -1, 0, 1, 0.25, 128, cv.BORDER_DEFAULT),
    }),
    unary('laplacian 3×3', 'edges', {
      unavailable: missing(lib, 'laplacian'),
      pa: (l, A, out) => l.laplacian(A, { ksize: 3, delta: 128, out }),
      cv: (cv, src, dst) => () => cv.Laplacian(src, dst, -1, 3, 1, 128, cv.BORDER_DEFAULT),
    }),
    unary('canny 50/150 (max over channels)', 'edges', {
      unavailable: missing(lib, 'canny'),
      outShape: ([h, w]) => [h, w, 1],
      pa: (l, A, out) => l.canny(A, 50, 150, { out }),
      cv: (cv, src, dst) => () => cv.Canny(src, dst, 50, 150, 3, false),
    }),
    unary('canny 50/150 L2', 'edges', {
      unavailable: missing(lib, 'canny'),
      outShape: ([h, w]) => [h, w, 1],
      pa: (l, A, out) => l.canny(A, 50, 150, { L2gradient: true, out }),
      cv: (cv, src, dst) => () => cv.Canny(src, dst, 50, 150, 3, true),
    }),
  ];
}
