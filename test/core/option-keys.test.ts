// Unknown option keys are refused, never ignored: a misspelt `{ interpolaton: 'nearest' }` must not
// quietly give the default. One call per function that takes options, each with a bogus key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as px from '../../src/index.ts';
import * as ml from '../../src/ml/index.ts';
import * as search from '../../src/apps/index.ts';

const img = px.fromData(Uint8Array.from({ length: 8 * 9 * 3 }, (_, i) => (i * 37) & 255), 8, 9, 3);
const gray = px.fromData(Uint8Array.from({ length: 8 * 9 }, (_, i) => (i * 53) & 255), 8, 9, 1);
const B = { bogus: 1 } as never;
const K = [[1, 1, 1], [1, 1, 1], [1, 1, 1]];

const CALLS: Record<string, () => unknown> = {
  clone: () => px.clone(img, B),
  addSaturate: () => px.addSaturate(img, img, B),
  subtractModulo: () => px.subtractModulo(img, img, B),
  addWeighted: () => px.addWeighted(img, 0.5, img, 0.5, 0, B),
  convertScaleAbs: () => px.convertScaleAbs(img, 1, 0, B),
  bitwiseAnd: () => px.bitwiseAnd(img, img, B),
  bitwiseNot: () => px.bitwiseNot(img, B),
  merge: () => px.merge([gray, gray, gray], B),
  concat: () => px.concat([img, img], 0, B),
  roll: () => px.roll(img, 1, 0, B),
  crop: () => px.crop(img, [0, 0, 2, 2], B),
  resize: () => px.resize(img, 4, 4, B),
  warpAffine: () => px.warpAffine(img, [[1, 0, 0], [0, 1, 0]], 9, 8, B),
  warpPerspective: () => px.warpPerspective(img, [[1, 0, 0], [0, 1, 0], [0, 0, 1]], 9, 8, B),
  gaussianBlur: () => px.gaussianBlur(img, 1, B),
  blur: () => px.blur(img, 3, B),
  medianBlur: () => px.medianBlur(img, 3, B),
  filter2D: () => px.filter2D(img, K, B),
  emboss: () => px.emboss(img, B),
  calcHist: () => px.calcHist(img, B),
  normalizeHist: () => px.normalizeHist([1, 2, 3], B),
  line: () => px.line(px.clone(img), [0, 0], [3, 3], [255, 0, 0], B),
  rectangle: () => px.rectangle(px.clone(img), [0, 0], [3, 3], [255, 0, 0], B),
  erode: () => px.erode(img, K, B),
  morphologyEx: () => px.morphologyEx(img, 'open', K, B),
  sobel: () => px.sobel(img, 1, 0, B),
  scharr: () => px.scharr(img, 1, 0, B),
  laplacian: () => px.laplacian(img, B),
  copyMakeBorder: () => px.copyMakeBorder(img, 1, 1, 1, 1, 'constant', 0, B),
  threshold: () => px.threshold(gray, 100, 255, 'binary', B),
  clahe: () => px.clahe(gray, B),
  enhanceBrightness: () => ml.enhanceBrightness(img, 1.2, B),
  toFloat32: () => ml.toFloat32(img, B),
  toBatch: () => ml.toBatch([img], B),
  fromFloat32: () => ml.fromFloat32(new Float32Array(8 * 9 * 3), [8, 9, 3], B),
  colorHistogram: () => search.colorHistogram(img, B),
  averageHash: () => search.averageHash(img, B),
  HistogramIndex: () => new search.HistogramIndex(B),
  HashIndexSearch: () => new search.HashIndex().search(img, B),
};

test('every function that takes options refuses a key it does not know, naming it', () => {
  for (const [name, call] of Object.entries(CALLS)) {
    assert.throws(call, (e: unknown) => e instanceof TypeError && /unknown option 'bogus'/.test(e.message), name);
  }
});
