#!/usr/bin/env node
// Codec speed on the bench photo (bench/assets/photo-1080p.jpg, 1920×1080): our JPEG decoder at
// full size and with DCT-domain `reduce`, jpeg-js (the decoder it replaced), our encoders and the
// PNG decoder, beside native libjpeg-turbo / zlib through Debian's python3 (cv2, Pillow) when it is
// installed. One run, medians (the JPEG decoders interleaved); compare ratios within a run only.
//
//   node bench/codecs.mjs [--quick]      (npm run bench:codecs; it builds dist/ first)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpegJs from 'jpeg-js';
import { decodeJpeg, decodePng, encodeJpeg, encodePng } from '../dist/codecs/index.js';
import { fmtMs, machineInfo, renderTable } from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const PHOTO = join(HERE, 'assets', 'photo-1080p.jpg');
const quick = process.argv.includes('--quick');
const unknown = process.argv.slice(2).filter((a) => a !== '--quick');
if (unknown.length) { console.error(`bench/codecs.mjs: unknown argument ${unknown[0]} (only --quick)`); process.exit(2); }

function median(fn, runs) {
  for (let i = 0; i < Math.min(3, runs); i++) fn();
  const t = [];
  for (let i = 0; i < runs; i++) { const s = performance.now(); fn(); t.push(performance.now() - s); }
  return t.sort((a, b) => a - b)[t.length >> 1];
}

/**
 * Medians of `runs` calls of each of `fns` (after 3 warm-up calls of each): round i calls them all,
 * in turn from the (i mod n)-th on, so that each follows each other one equally often (a call may
 * pay for collecting what the previous one left behind).
 */
function interleavedMedians(fns, runs) {
  for (let i = 0; i < 3; i++) for (const fn of fns) fn();
  const t = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < fns.length; j++) {
      const k = (i + j) % fns.length;
      const s = performance.now();
      fns[k]();
      t[k].push(performance.now() - s);
    }
  }
  return t.map((x) => x.sort((a, b) => a - b)[x.length >> 1]);
}

const jpeg = readFileSync(PHOTO);
const img = decodeJpeg(jpeg, { orientation: 'ignore' });
const png = encodePng(img);
const dir = mkdtempSync(join(tmpdir(), 'pixelarray-codecs-'));
const pngPath = join(dir, 'photo.png');
writeFileSync(pngPath, png);
const runs = quick ? 5 : 21;
// The JPEG decoders are timed interleaved (one call of each in turn), so that load drifting during
// the run moves all of them alike and their ratios hold.
const decodes = interleavedMedians([
  () => decodeJpeg(jpeg), () => decodeJpeg(jpeg, { reduce: 2 }), () => decodeJpeg(jpeg, { reduce: 4 }),
  () => decodeJpeg(jpeg, { reduce: 8 }), () => jpegJs.decode(jpeg, { useTArray: true, formatAsRGBA: false }),
], runs);
const rows = [
  ['decodeJpeg (libjpeg-turbo exact)', decodes[0], 'jpeg'],
  ['decodeJpeg reduce 2', decodes[1], 'jpeg2'],
  ['decodeJpeg reduce 4', decodes[2], 'jpeg4'],
  ['decodeJpeg reduce 8', decodes[3], 'jpeg8'],
  ['jpeg-js decode', decodes[4], null],
  ['encodeJpeg q90 4:2:0 (Pillow\'s bytes)', median(() => encodeJpeg(img, { quality: 90 }), runs), 'enc'],
  ['decodePng (level 6, Node zlib)', median(() => decodePng(png), runs), 'png'],
  ['encodePng level 6', median(() => encodePng(img), quick ? 3 : 7), 'pngenc'],
];

// Native figures: cv2.imdecode / IMREAD_REDUCED_COLOR_*, Pillow's save and PNG decode, one thread.
let native = {};
const PY = '/usr/bin/python3';
if (existsSync(PY)) {
  const script = `
import cv2, io, json, statistics, sys, time
import numpy as np
from PIL import Image
cv2.setNumThreads(1)
jpeg = open(sys.argv[1], 'rb').read(); png = open(sys.argv[2], 'rb').read(); runs = int(sys.argv[3])
buf = np.frombuffer(jpeg, np.uint8); pbuf = np.frombuffer(png, np.uint8)
im = Image.open(io.BytesIO(jpeg)); im.load()
def med(f):
    for _ in range(3): f()
    t = []
    for _ in range(runs):
        s = time.perf_counter(); f(); t.append((time.perf_counter() - s) * 1000)
    return statistics.median(t)
def pil_png():
    i = Image.open(io.BytesIO(png)); i.load()
out = {
  'jpeg': med(lambda: cv2.imdecode(buf, cv2.IMREAD_COLOR)),
  'jpeg2': med(lambda: cv2.imdecode(buf, cv2.IMREAD_REDUCED_COLOR_2)),
  'jpeg4': med(lambda: cv2.imdecode(buf, cv2.IMREAD_REDUCED_COLOR_4)),
  'jpeg8': med(lambda: cv2.imdecode(buf, cv2.IMREAD_REDUCED_COLOR_8)),
  'enc': med(lambda: im.save(io.BytesIO(), 'JPEG', quality=90)),
  'png': med(pil_png),
  'pngenc': med(lambda: im.save(io.BytesIO(), 'PNG', compress_level=6)),
}
print(json.dumps(out))
`;
  const r = spawnSync(PY, ['-c', script, PHOTO, pngPath, String(runs)], { encoding: 'utf8' });
  if (r.status === 0) native = JSON.parse(r.stdout);
  else console.error(`native figures skipped: ${(r.stderr || '').trim().split('\n').pop()}`);
} else {
  console.error('native figures skipped: no /usr/bin/python3 (apt-get install python3-opencv python3-pil)');
}
rmSync(dir, { recursive: true, force: true });

const m = machineInfo();
console.log(`codecs on ${PHOTO.split('/').slice(-2).join('/')} (${img.shape[1]}×${img.shape[0]}); ${m.cpuModel}, node ${process.version}${quick ? ', --quick' : ''}`);
const full = rows[0][1];
console.log(renderTable(['op', 'pixelarray ms', 'native ms (cv2 / Pillow)', 'pixelarray / native'],
  rows.map(([name, ms, key]) => [name, fmtMs(ms), key && native[key] !== undefined ? fmtMs(native[key]) : '',
    key && native[key] ? `${(ms / native[key]).toFixed(1)}×` : '']),
  ['l', 'r', 'r', 'r']));
console.log(`decodeJpeg is ${(rows[4][1] / full).toFixed(2)}× faster than jpeg-js; reduce 8 is ${(full / rows[3][1]).toFixed(2)}× faster than a full decode.`);
console.log('native: cv2.imdecode (IMREAD_COLOR, IMREAD_REDUCED_COLOR_2/4/8), Pillow save JPEG q90 / PNG level 6, Pillow PNG decode; one thread.');
