// The page: load a photo into the input canvas, run the chosen operation, draw the result and
// show how long the operation took. The operations themselves live in ops.js.
import { cvtColor, fromCanvas, toCanvas } from 'pixelarray';
import { OPERATIONS } from './ops.js';

/** Photos larger than this (on their long side) are scaled down when loaded. */
const MAX_SIDE = 1920;

const $ = (id) => document.getElementById(id);
const sourceCanvas = $('source');
const resultCanvas = $('result');
const opSelect = $('op');
const param = $('param');
const status = $('status');

/** The input as an H×W×3 RGB PixelArray, once an image is loaded. */
let source = null;

for (const op of OPERATIONS) opSelect.add(new Option(op.label, op.id));

function currentOp() {
  return OPERATIONS.find((op) => op.id === opSelect.value);
}

/** Shows the operation's parameter (if any) with its default value. */
function showParam(op) {
  $('param-row').hidden = !op.param;
  if (!op.param) return;
  const { label, min, max, step, value } = op.param;
  $('param-label').textContent = label;
  Object.assign(param, { min, max, step });
  param.value = String(value);
  $('param-value').value = param.value;
}

function setStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

async function load(blob, name) {
  setStatus(`Decoding ${name}…`);
  let bitmap = await createImageBitmap(blob);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  if (scale < 1) {
    const resized = await createImageBitmap(bitmap, {
      resizeWidth: Math.round(bitmap.width * scale),
      resizeHeight: Math.round(bitmap.height * scale),
      resizeQuality: 'high',
    });
    bitmap.close();
    bitmap = resized;
  }
  sourceCanvas.width = bitmap.width;
  sourceCanvas.height = bitmap.height;
  // This canvas exists to be read back (fromCanvas), so ask for a CPU-side one.
  sourceCanvas.getContext('2d', { willReadFrequently: true }).drawImage(bitmap, 0, 0);
  bitmap.close();
  // The canvas is RGBA; every operation here works on RGB.
  source = cvtColor(fromCanvas(sourceCanvas), 'RGBA2RGB');
  $('source-caption').textContent = `Input: ${name}, ${source.width}×${source.height}`;
  run();
}

async function loadUrl(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  await load(await response.blob(), url);
}

function run() {
  if (!source) return;
  const op = currentOp();
  const value = op.param ? Number(param.value) : undefined;
  let result, ms;
  try {
    const start = performance.now();
    result = op.run(source, value);
    ms = performance.now() - start;
  } catch (error) {
    setStatus(`${op.label}: ${error.message}`, true);
    return;
  }
  toCanvas(result, resultCanvas);
  // For the end-to-end test (and anyone curious): what the result canvas shows.
  resultCanvas.dataset.op = op.id;
  resultCanvas.dataset.param = value === undefined ? '' : String(value);
  const setting = op.param ? ` · ${op.param.label} ${value}` : '';
  $('result-caption').textContent = `${op.label}${setting} · ${result.width}×${result.height}`;
  setStatus(`${op.label} took ${ms.toFixed(1)} ms on ${source.width}×${source.height} pixels.`);
}

function fail(error) {
  setStatus(error.message, true);
}

opSelect.addEventListener('change', () => { showParam(currentOp()); run(); });
param.addEventListener('input', () => { $('param-value').value = param.value; });
param.addEventListener('change', run);
$('again').addEventListener('click', run);
for (const button of [$('sample'), $('sample-hd')]) {
  button.addEventListener('click', () => loadUrl(button.dataset.src).catch(fail));
}
$('file').addEventListener('change', (event) => {
  const file = event.target.files[0];
  if (file) load(file, file.name).catch(() => fail(new Error(`${file.name}: not an image this browser can decode`)));
});

showParam(currentOp());
loadUrl($('sample').dataset.src).catch(fail);
