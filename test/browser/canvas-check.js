// Runs in Chromium (served by e2e.test.ts next to the core bundle at /pixelarray.js): fromCanvas
// and toCanvas on real canvases, OffscreenCanvas and their 2D contexts. Returns the failures.
import { fromCanvas, fromData, toCanvas, zeros } from '/pixelarray.js';

// 2×3 opaque images with 1 to 4 channels, and the RGBA a canvas must then hold.
const IMAGES = [
  [1, [0, 50, 100, 150, 200, 255], [0, 0, 0, 255, 50, 50, 50, 255, 100, 100, 100, 255, 150, 150, 150, 255, 200, 200, 200, 255, 255, 255, 255, 255]],
  [2, [7, 255, 8, 255, 9, 255, 10, 255, 11, 255, 12, 255], [7, 7, 7, 255, 8, 8, 8, 255, 9, 9, 9, 255, 10, 10, 10, 255, 11, 11, 11, 255, 12, 12, 12, 255]],
  [3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18], [1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255, 10, 11, 12, 255, 13, 14, 15, 255, 16, 17, 18, 255]],
  [4, [9, 8, 7, 255, 6, 5, 4, 255, 3, 2, 1, 255, 0, 1, 2, 255, 3, 4, 5, 255, 6, 7, 8, 255], [9, 8, 7, 255, 6, 5, 4, 255, 3, 2, 1, 255, 0, 1, 2, 255, 3, 4, 5, 255, 6, 7, 8, 255]],
];

const TARGETS = {
  'canvas element': () => document.createElement('canvas'),
  'canvas element 2D context': () => document.createElement('canvas').getContext('2d'),
  'OffscreenCanvas': () => new OffscreenCanvas(5, 5),
  'OffscreenCanvas 2D context': () => new OffscreenCanvas(1, 1).getContext('2d'),
};

export function run() {
  const fails = [];
  const same = (got, want, what) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) fails.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  const throws = (f, pattern, what) => {
    try { f(); fails.push(`${what}: did not throw`); } catch (e) {
      if (!pattern.test(`${e.name}: ${e.message}`)) fails.push(`${what}: threw ${e.name}: ${e.message}`);
    }
  };
  for (const [kind, make] of Object.entries(TARGETS)) {
    for (const [c, data, rgba] of IMAGES) {
      const what = `${kind}, ${c} channels`;
      const target = make();
      if (toCanvas(fromData(data, 2, 3, c), target) !== target) fails.push(`${what}: toCanvas does not return its target`);
      const isContext = 'getImageData' in target;
      const surface = isContext ? target.canvas : target;
      same([surface.width, surface.height], [3, 2], `${what}: canvas size`);
      const read = fromCanvas(target);
      same(read.shape, [2, 3, 4], `${what}: fromCanvas shape`);
      same([...read.data], rgba, `${what}: fromCanvas pixels`);
      const ctx = isContext ? target : target.getContext('2d');
      same([...ctx.getImageData(0, 0, 3, 2).data], rgba, `${what}: getImageData`);
    }
  }
  const canvas = document.createElement('canvas');
  toCanvas(zeros(0, 3, 3), canvas);
  same([canvas.width, canvas.height, fromCanvas(canvas).shape], [3, 0, [0, 3, 4]], 'empty image');
  const bitmapCanvas = document.createElement('canvas');
  bitmapCanvas.getContext('bitmaprenderer');
  throws(() => fromCanvas(bitmapCanvas), /^TypeError: canvas: expected a canvas with a 2D context/, 'a canvas with another context');
  throws(() => toCanvas(zeros(1, 1, 3), document.createElement('div')), /^TypeError: canvas: expected a canvas \(HTMLCanvasElement/, 'a div');
  return fails;
}
