// The JPEG decoder's memory (issue 16) and its two output paths. A single-scan file whose scan
// holds every component is decoded MCU row by MCU row straight into the output (peak ≈ output +
// O(width)); any other file keeps the whole coefficient arrays and runs the same row-wise output
// pass over them (peak ≈ coefficients + output, no full-size planes). Both paths must give the
// bytes libjpeg-turbo gives: checked on the golden fixtures (a baseline file with its scan repeated
// takes the whole-array path and must decode to the same pixels) and on synthetic files coding the
// same coefficients once interleaved, once one scan per component, over sampling layouts, odd
// sizes, restart intervals and every reduce.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeJpeg, DecodeError, encodeJpeg } from '../../src/codecs/index.ts';
import { deriveEncodeTable, HuffmanWriter } from '../../src/codecs/jpeg/huffenc.ts';
import {
  STD_AC_LUMINANCE_BITS, STD_AC_LUMINANCE_VALUES, STD_DC_LUMINANCE_BITS, STD_DC_LUMINANCE_VALUES,
} from '../../src/codecs/jpeg/jstdhuff.ts';
import { fromData } from '../../src/core/create.ts';
import { jpegSegment, readNpy } from '../fixtures/codecs/helpers.ts';

const concat = (parts: ArrayLike<number>[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

interface SynthOptions {
  width: number;
  height: number;
  /** Sampling factors [h, v] of each component (ids 1, 2, …). */
  factors: ReadonlyArray<readonly [number, number]>;
  /** One scan of all components, or one scan per component (a multi-scan sequential file). */
  interleaved: boolean;
  /** Restart interval in MCUs (0: none). */
  restart?: number;
  /** Segments written after SOI (no JFIF by default). */
  head?: Uint8Array[];
  /** Segments written after the scans, before EOI. */
  tail?: Uint8Array[];
}

/**
 * A baseline (SOF0) JPEG coding deterministic coefficients for every block of every component:
 * a DC gradient and a few random AC terms, with one flat quantisation table and the standard
 * luminance Huffman tables. The coefficients depend only on (component, block row, block column),
 * so an interleaved file and its one-scan-per-component twin decode to the same pixels.
 */
function synthJpeg(o: SynthOptions): Uint8Array {
  const { width, height, factors } = o;
  const maxH = Math.max(...factors.map((f) => f[0])), maxV = Math.max(...factors.map((f) => f[1]));
  const mcusX = Math.ceil(width / (8 * maxH)), mcusY = Math.ceil(height / (8 * maxV));
  const dcT = deriveEncodeTable(STD_DC_LUMINANCE_BITS, STD_DC_LUMINANCE_VALUES);
  const acT = deriveEncodeTable(STD_AC_LUMINANCE_BITS, STD_AC_LUMINANCE_VALUES);
  const dht = (cls: number, bits: readonly number[], values: readonly number[]): Uint8Array =>
    jpegSegment(0xc4, [cls << 4, ...bits.slice(1, 17), ...values]);
  const sof = [8, height >> 8, height & 255, width >> 8, width & 255, factors.length];
  factors.forEach(([h, v], i) => sof.push(i + 1, (h << 4) | v, 0));
  const head = concat([[0xff, 0xd8], ...(o.head ?? []), jpegSegment(0xdb, [0, ...new Array(64).fill(4)]), jpegSegment(0xc0, sof),
    dht(0, STD_DC_LUMINANCE_BITS, STD_DC_LUMINANCE_VALUES), dht(1, STD_AC_LUMINANCE_BITS, STD_AC_LUMINANCE_VALUES),
    o.restart ? jpegSegment(0xdd, [o.restart >> 8, o.restart & 255]) : []]);
  const w = new HuffmanWriter(new Uint8Array(1 << 16), 0);
  w.bytes(head);
  const zz = new Int32Array(64);
  const block = (ci: number, by: number, bx: number, lastDc: Int32Array, slot: number): void => {
    let s = (Math.imul(ci + 1, 0x9e3779b1) ^ Math.imul(by + 7, 0x85ebca6b) ^ Math.imul(bx + 13, 0xc2b2ae35)) >>> 0;
    const next = (n: number): number => {
      s = Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) >>> 0;
      s = (s ^ (s >>> 12)) >>> 0;
      return s % n;
    };
    zz.fill(0);
    zz[0] = ((bx * 5 + by * 3 + ci * 40) % 200) - 100 + next(9);
    for (let k = 1; k < 6; k++) zz[k] = next(31) - 15;
    zz[6 + next(58)] = next(9) - 4;
    w.reserve(1024);
    w.encodeBlock(zz, lastDc[slot], dcT, acT);
    lastDc[slot] = zz[0];
  };
  const scan = (comps: number[], mcus: number, mcu: (m: number, lastDc: Int32Array) => void): void => {
    const sos = [comps.length];
    for (const ci of comps) sos.push(ci + 1, 0x00);
    w.bytes(jpegSegment(0xda, [...sos, 0, 63, 0]));
    const lastDc = new Int32Array(comps.length);
    for (let m = 0, rst = 0; m < mcus; m++) {
      if (o.restart && m > 0 && m % o.restart === 0) {
        w.flush();
        w.bytes([0xff, 0xd0 + (rst++ & 7)]);
        lastDc.fill(0);
      }
      mcu(m, lastDc);
    }
    w.flush();
  };
  if (o.interleaved && factors.length > 1) {
    scan(factors.map((_, i) => i), mcusX * mcusY, (m, lastDc) => {
      const my = Math.floor(m / mcusX), mx = m % mcusX;
      factors.forEach(([h, v], ci) => {
        for (let y = 0; y < v; y++) for (let x = 0; x < h; x++) block(ci, my * v + y, mx * h + x, lastDc, ci);
      });
    });
  } else {
    factors.forEach(([h, v], ci) => {
      const bw = Math.ceil(Math.ceil(width * h / maxH) / 8), bh = Math.ceil(Math.ceil(height * v / maxV) / 8);
      scan([ci], bw * bh, (m, lastDc) => block(ci, Math.floor(m / bw), m % bw, lastDc, 0));
    });
  }
  w.bytes([...(o.tail ?? []).flatMap((t) => [...t]), 0xff, 0xd9]);
  return w.buf.slice(0, w.pos);
}

/**
 * The file with its (first and only) scan repeated before EOI, `gap` bytes between: libjpeg's
 * whole-coefficient path, and the same coefficients (a sequential scan rewrites the values).
 */
function withSecondScan(jpeg: Uint8Array, gap: number[] = []): Uint8Array {
  let sos = 2;
  while (!(jpeg[sos] === 0xff && jpeg[sos + 1] === 0xda)) sos += 2 + ((jpeg[sos + 2] << 8) | jpeg[sos + 3]);
  assert.ok(jpeg[jpeg.length - 2] === 0xff && jpeg[jpeg.length - 1] === 0xd9);
  const body = jpeg.subarray(0, jpeg.length - 2);
  return concat([body, gap, jpeg.subarray(sos, jpeg.length - 2), [0xff, 0xd9]]);
}

/** The SOF marker of a file (0xc0 baseline, 0xc2 progressive, …). */
function sofMarker(jpeg: Uint8Array): number {
  for (let p = 2; p + 3 < jpeg.length;) {
    const m = jpeg[p + 1];
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) return m;
    p += 2 + ((jpeg[p + 2] << 8) | jpeg[p + 3]);
  }
  return -1;
}

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.compare(a, b) === 0;
const REDUCES = [1, 2, 4, 8] as const;

test('golden fixtures: the streamed baseline decode and the whole-coefficient strip pass give the reference bytes', () => {
  const dir = new URL('../golden/fixtures-jpeg/', import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as
    { cases: Array<{ file: string; expect: Record<string, string> }> };
  const failures: string[] = [];
  let checked = 0;
  for (const c of manifest.cases) {
    const jpeg = new Uint8Array(readFileSync(new URL(c.file, dir)));
    // Progressive fixtures take the strip pass already (jpeg-golden.test.ts); a baseline one does
    // once its scan is repeated.
    const files = sofMarker(jpeg) === 0xc2 ? [jpeg] : [jpeg, withSecondScan(jpeg)];
    for (const [kind, npy] of Object.entries(c.expect)) {
      const reduce = kind.startsWith('reduce') ? Number(kind.slice(6)) as 2 | 4 | 8 : 1;
      const ref = readNpy(new Uint8Array(readFileSync(new URL(npy, dir))));
      files.forEach((f, i) => {
        const got = decodeJpeg(f, { reduce, orientation: 'ignore' });
        checked++;
        if (!same(got.data, ref.data)) failures.push(`${c.file} ${kind}${i ? ' (scan repeated)' : ''}`);
      });
    }
  }
  assert.ok(checked >= 700, `only ${checked} decodes`);
  assert.deepEqual(failures, []);
});

test('one interleaved scan (streamed) and one scan per component (whole arrays) decode identically: layouts, odd sizes, restarts, reduce', () => {
  const layouts: Array<{ factors: Array<[number, number]>; adobe?: number }> = [
    { factors: [[1, 1], [1, 1], [1, 1]] },
    { factors: [[2, 2], [1, 1], [1, 1]] },
    { factors: [[2, 1], [1, 1], [1, 1]] },
    { factors: [[1, 2], [1, 1], [1, 1]] },
    { factors: [[4, 1], [1, 1], [1, 1]] },
    { factors: [[1, 4], [1, 1], [1, 1]] },
    { factors: [[4, 2], [1, 1], [1, 1]] },
    { factors: [[3, 1], [1, 1], [1, 1]] },
    { factors: [[2, 2], [1, 2], [2, 1]] },
    { factors: [[2, 2], [2, 1], [2, 1]] },
    { factors: [[1, 1], [2, 2], [2, 2]] }, // the first component upsampled too
    { factors: [[1, 1]] },
    { factors: [[2, 2]] }, // gray whose iMCU row is two block rows
    { factors: [[1, 1], [1, 1], [1, 1], [1, 1]] }, // CMYK
    { factors: [[2, 2], [1, 1], [1, 1], [2, 2]], adobe: 2 }, // YCCK
    { factors: [[1, 1], [1, 1], [1, 1]], adobe: 0 }, // RGB
  ];
  const sizes: Array<[number, number]> = [[1, 1], [17, 9], [9, 17], [33, 2], [67, 45], [130, 70]];
  const failures: string[] = [];
  let checked = 0;
  for (const { factors, adobe } of layouts) {
    const head = adobe === undefined ? [] : [jpegSegment(0xee, [0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, adobe])];
    for (const [width, height] of sizes) {
      for (const restart of [0, 1, 3]) {
        const streamed = synthJpeg({ width, height, factors, interleaved: true, restart, head });
        const perComponent = synthJpeg({ width, height, factors, interleaved: false, restart, head });
        const variants = factors.length > 1 ? [perComponent, withSecondScan(streamed)] : [withSecondScan(streamed)];
        for (const reduce of REDUCES) {
          const ref = decodeJpeg(streamed, { reduce });
          assert.deepEqual(ref.shape, [Math.ceil(height / reduce), Math.ceil(width / reduce), factors.length === 1 ? 1 : 3]);
          for (const v of variants) {
            checked++;
            if (!same(decodeJpeg(v, { reduce }).data, ref.data)) {
              failures.push(`${JSON.stringify(factors)} ${width}×${height} restart ${restart} reduce ${reduce}${v === perComponent ? '' : ' (scan repeated)'}`);
            }
          }
        }
      }
    }
  }
  assert.ok(checked > 1000, `only ${checked} comparisons`);
  assert.deepEqual(failures, []);
  // Fractional sampling is refused by both paths, after the scans, with libjpeg's reason.
  for (const interleaved of [true, false]) {
    assert.throws(() => decodeJpeg(synthJpeg({ width: 40, height: 16, factors: [[3, 1], [2, 1], [1, 1]], interleaved })),
      (e: unknown) => e instanceof DecodeError && /fractional sampling factors 2×1 \(of 3×1\)/.test(e.message));
  }
});

test('a second scan or a late colour-space marker after a streamed scan: the same pixels, each warning once', () => {
  const factors: Array<[number, number]> = [[2, 2], [1, 1], [1, 1]];
  const base = synthJpeg({ width: 67, height: 45, factors, interleaved: true, restart: 2 });
  const expected = decodeJpeg(base).data;
  const heard: string[] = [];
  const twice = decodeJpeg(withSecondScan(base, [0x12, 0x34]), { onWarning: (m) => heard.push(m) });
  assert.ok(same(twice.data, expected));
  // (The entropy decoder's read-ahead takes the first byte of the gap, as libjpeg's does.)
  assert.deepEqual(heard, ['Corrupt JPEG data: 1 extraneous bytes before marker 0xda']);
  // An Adobe marker (transform 0: RGB) decides the colour space wherever it stands, as it always did.
  const adobe = jpegSegment(0xee, [0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, 0]);
  const before = decodeJpeg(synthJpeg({ width: 67, height: 45, factors, interleaved: true, head: [adobe] })).data;
  const after = decodeJpeg(synthJpeg({ width: 67, height: 45, factors, interleaved: true, tail: [adobe] })).data;
  assert.ok(same(after, before));
  assert.ok(!same(after, decodeJpeg(synthJpeg({ width: 67, height: 45, factors, interleaved: true })).data), 'RGB differs from YCbCr');
});

// The child decodes a file it reads; peak growth is maxRSS after the decode minus the RSS before,
// the method of png-zlib.test.ts. A small file of the same kind is decoded first, so that compiling
// the decoder (JIT code, type feedback) is not counted. On Linux the high-water mark is then reset
// to the current RSS (clear_refs 5): else the peak of startup (transpiling) hides up to ~20 MB of
// the decode's growth, which is the difference this test looks for. Elsewhere the measure is just
// more lenient.
const CHILD = `
  import { readFileSync, writeFileSync } from 'node:fs';
  import { decodeJpeg } from './src/codecs/jpeg.ts';
  const [warm, path] = process.argv.slice(-2).map((p) => new Uint8Array(readFileSync(p)));
  for (let i = 0; i < 3; i++) decodeJpeg(warm);
  // V8 frees array buffers on a background thread: let it finish before taking the baseline.
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 200));
  globalThis.gc();
  try { writeFileSync('/proc/self/clear_refs', '5'); } catch {}
  const before = Math.max(process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const img = decodeJpeg(path);
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ size: img.data.length, extra: peak - before }));`;

/** A 3000×2000 test picture: gradients, a checkerboard and a little noise (so the entropy data is real). */
function picture(channels: 1 | 3): Uint8Array {
  const w = 3000, h = 2000, d = new Uint8Array(w * h * channels);
  let s = 12345;
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const check = ((x >> 5) ^ (y >> 5)) & 1 ? 40 : 0;
      for (let c = 0; c < channels; c++, i++) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        d[i] = (((x * (c + 1) + y * (3 - c)) >> 4) & 255) ^ check ^ ((s >>> 24) & 7);
      }
    }
  }
  return d;
}

test('a decode needs little more memory than the decoded image; a multi-scan one, its coefficients besides (child process, maxRSS)', { timeout: 180000 }, (t) => {
  const MB = 1 << 20;
  const dir = mkdtempSync(join(tmpdir(), 'pixelarray-jpeg-memory-'));
  try {
    const rgb = fromData(picture(3), 2000, 3000, 3), gray = fromData(picture(1), 2000, 3000, 1);
    const small = (a: typeof rgb): typeof rgb => fromData(a.data.slice(0, 200 * 3000 * a.shape[2]), 200, 3000, a.shape[2]);
    // A little slack for allocator and heap granularity.
    const slack = 4 * MB;
    // A 4:4:4 multi-scan file keeps 3 × 375×250 blocks of 128 bytes. The old decoder also held three
    // full-size planes, one more image's worth, which this bound leaves no room for.
    const coefs444 = 3 * 375 * 250 * 128;
    const multiScan = (width: number, height: number): Uint8Array =>
      synthJpeg({ width, height, factors: [[1, 1], [1, 1], [1, 1]], interleaved: false, restart: 5 });
    const cases: Array<{ name: string; file: Uint8Array; warm: Uint8Array; bound: (size: number) => number }> = [
      { name: 'baseline 4:2:0', file: encodeJpeg(rgb), warm: encodeJpeg(small(rgb)), bound: (size) => 1.5 * size + slack },
      {
        name: 'baseline 4:4:4', file: encodeJpeg(rgb, { subsampling: '4:4:4' }), warm: encodeJpeg(small(rgb), { subsampling: '4:4:4' }),
        bound: (size) => 1.5 * size + slack,
      },
      { name: 'baseline gray', file: encodeJpeg(gray), warm: encodeJpeg(small(gray)), bound: (size) => 1.5 * size + slack },
      {
        name: 'sequential 4:4:4, one scan per component, restart interval 5', file: multiScan(3000, 2000), warm: multiScan(3000, 200),
        bound: (size) => coefs444 + 1.25 * size + slack,
      },
    ];
    for (const { name, file, warm, bound } of cases) {
      const path = join(dir, 'in.jpg'), warmPath = join(dir, 'warm.jpg');
      writeFileSync(path, file);
      writeFileSync(warmPath, warm);
      const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', CHILD, warmPath, path],
        { cwd: new URL('../..', import.meta.url), encoding: 'utf8', timeout: 60000 });
      assert.equal(child.status, 0, child.stderr);
      const { size, extra } = JSON.parse(child.stdout.trim().split('\n').pop()!) as { size: number; extra: number };
      assert.equal(size, 3000 * 2000 * (name.includes('gray') ? 1 : 3));
      t.diagnostic(`${name}: peak +${(extra / MB).toFixed(1)} MB for a ${(size / MB).toFixed(1)} MB image (bound ${(bound(size) / MB).toFixed(1)} MB)`);
      assert.ok(extra < bound(size), `${name}: peak grew by ${(extra / MB).toFixed(1)} MB for a ${(size / MB).toFixed(1)} MB image (bound ${(bound(size) / MB).toFixed(1)} MB)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
