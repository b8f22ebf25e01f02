// The decoder's fast paths against the plain libjpeg-turbo arithmetic they stand in for: the fused
// fancy upsampling + YCbCr→RGB rows against jdsample.ts's upsampler followed by yccToRgbRow, the
// packed full-size row against yccToRgbRow, and
// the sparse-block IDCTs against the full jpeg_idct_islow (and idct2x2Low against idct2x2), on
// random data (wild coefficient values included) at every small width; and the AC-skipping
// Huffman loop against the storing one on random bit streams.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { yccH2v1FancyRow, yccH2v2FancyRow, yccToRgbRow, yccToRgbRowPacked } from '../../src/codecs/jpeg/jdcolor.ts';
import { BitReader, decodeBlockSequential, deriveTable, NATURAL_ORDER } from '../../src/codecs/jpeg/jdhuff.ts';
import { STD_AC_LUMINANCE_BITS, STD_AC_LUMINANCE_VALUES, STD_DC_LUMINANCE_BITS, STD_DC_LUMINANCE_VALUES } from '../../src/codecs/jpeg/jstdhuff.ts';
import { idctDcOnly, idctIslow, idctIslowLeft, idctIslowQuarter, LEFT_LAST, QUARTER_LAST } from '../../src/codecs/jpeg/jidctint.ts';
import { idct2x2, idct2x2Low, idct4x4, LOW2_LAST } from '../../src/codecs/jpeg/jidctred.ts';
import { reserveUpsampleScratch, upsampleRow } from '../../src/codecs/jpeg/jdsample.ts';

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('fused h2v2 / h2v1 fancy upsampling + YCbCr→RGB rows equal upsampleRow + yccToRgbRow', () => {
  const rand = rng(11);
  reserveUpsampleScratch(256);
  for (let w = 3; w <= 41; w++) {
    for (const width of [2 * w - 1, 2 * w]) {
      const stride = w + 5, rows = 3;
      const y = Uint8Array.from({ length: width + 12 }, () => (rand() * 256) | 0), y32 = new Uint32Array(y.buffer, 0, y.length >> 2);
      // Extreme chroma now and then, so the clamp is exercised.
      const chroma = (): Uint8Array => Uint8Array.from({ length: stride * rows }, () => (rand() < 0.2 ? (rand() < 0.5 ? 0 : 255) : (rand() * 256) | 0));
      const cb = chroma(), cr = chroma();
      const yAt = 4;
      for (const [method, yRow] of [['h2v2_fancy', 2], ['h2v2_fancy', 3], ['h2v1_fancy', 2]] as const) {
        const plane = (d: Uint8Array) => ({ data: d, stride, width: w, height: rows });
        const ucb = new Uint8Array(width + 2), ucr = new Uint8Array(width + 2);
        upsampleRow(method, plane(cb), yRow, 2, method === 'h2v1_fancy' ? 1 : 2, ucb, width);
        upsampleRow(method, plane(cr), yRow, 2, method === 'h2v1_fancy' ? 1 : 2, ucr, width);
        const want = new Uint8ClampedArray(width * 3);
        yccToRgbRow(y, yAt, ucb, 0, ucr, 0, width, want, 0);
        for (const o of [0, 4, 8]) {
          const words = new Uint32Array(Math.ceil((o + width * 3) / 4) + 3), bytes = new Uint8Array(words.buffer);
          if (method === 'h2v2_fancy') {
            const j = yRow >> 1, far = (yRow & 1) === 0 ? Math.max(j - 1, 0) : Math.min(j + 1, rows - 1);
            yccH2v2FancyRow(y, y32, yAt, cb, cr, j * stride, far * stride, w, width, words, bytes, o);
          } else {
            yccH2v1FancyRow(y, y32, yAt, cb, yRow * stride, cr, yRow * stride, w, width, words, bytes, o);
          }
          assert.deepEqual(Array.from(bytes.subarray(o, o + width * 3)), Array.from(want), `${method} w=${w} width=${width} row ${yRow} at ${o}`);
        }
      }
    }
  }
});

test('the packed full-size YCbCr→RGB row equals yccToRgbRow', () => {
  const rand = rng(5);
  for (let width = 1; width <= 37; width++) {
    const byte = (): number => (rand() < 0.2 ? (rand() < 0.5 ? 0 : 255) : (rand() * 256) | 0);
    const y = Uint8Array.from({ length: width + 3 }, byte), cb = Uint8Array.from({ length: width + 1 }, byte);
    const cr = Uint8Array.from({ length: width + 2 }, byte);
    const want = new Uint8ClampedArray(width * 3);
    yccToRgbRow(y, 3, cb, 1, cr, 2, width, want, 0);
    for (const o of [0, 4]) {
      const words = new Uint32Array(Math.ceil((o + width * 3) / 4) + 3), bytes = new Uint8Array(words.buffer);
      yccToRgbRowPacked(y, 3, cb, 1, cr, 2, width, words, bytes, o);
      assert.deepEqual(Array.from(bytes.subarray(o, o + width * 3)), Array.from(want), `width ${width} at ${o}`);
    }
  }
});

test('sparse-block IDCTs equal jpeg_idct_islow (and the reduced IDCTs for DC-only blocks)', () => {
  const rand = rng(7);
  const q = Int32Array.from({ length: 64 }, () => 1 + ((rand() * 255) | 0));
  const ws = new Int32Array(64);
  const full = new Uint8Array(8 * 12), fast = new Uint8Array(8 * 12);
  for (let trial = 0; trial < 3000; trial++) {
    const kind = trial % 3; // 0: DC only, 1: quarter, 2: left half
    const last = kind === 0 ? 0 : kind === 1 ? 1 + ((rand() * QUARTER_LAST) | 0) : QUARTER_LAST + 1 + ((rand() * (LEFT_LAST - QUARTER_LAST)) | 0);
    const coefs = new Int16Array(64);
    const wild = trial % 10 === 9;
    for (let k = 0; k <= last; k++) {
      if (k === 0 || k === last || rand() < 0.6) {
        const v = wild ? ((rand() * 65536) | 0) - 32768 : Math.round((rand() - 0.5) * (k === 0 ? 2000 : 200 / (1 + k)));
        coefs[NATURAL_ORDER[k]] = v;
      }
    }
    full.fill(0); fast.fill(0);
    idctIslow(coefs, 0, q, full, 2, 12, ws);
    if (kind === 0) idctDcOnly(coefs[0] * q[0], fast, 2, 12, 8);
    else if (kind === 1) idctIslowQuarter(coefs, 0, q, fast, 2, 12, ws);
    else idctIslowLeft(coefs, 0, q, fast, 2, 12, ws);
    assert.deepEqual(fast, full, `trial ${trial} kind ${kind}`);
    if (kind === 0) {
      for (const [idct, n] of [[idct4x4, 4], [idct2x2, 2]] as const) {
        full.fill(0); fast.fill(0);
        idct(coefs, 0, q, full, 0, 12, ws);
        idctDcOnly(coefs[0] * q[0], fast, 0, 12, n);
        assert.deepEqual(fast, full, `trial ${trial} ${n}×${n}`);
      }
    }
  }
});

test('idct2x2Low equals jpeg_idct_2x2 for blocks ending at zigzag index ≤ LOW2_LAST', () => {
  const rand = rng(13);
  const q = Int32Array.from({ length: 64 }, () => 1 + ((rand() * 255) | 0));
  const ws = new Int32Array(64);
  const full = new Uint8Array(2 * 12), fast = new Uint8Array(2 * 12);
  for (let trial = 0; trial < 5000; trial++) {
    const last = 1 + ((rand() * LOW2_LAST) | 0);
    const coefs = new Int16Array(64);
    const wild = trial % 10 === 9;
    for (let k = 0; k <= last; k++) {
      if (k === 0 || k === last || rand() < 0.5) {
        const v = wild ? ((rand() * 65536) | 0) - 32768 : Math.round((rand() - 0.5) * (k === 0 ? 2000 : 200 / (1 + k)));
        coefs[NATURAL_ORDER[k]] = v;
      }
    }
    full.fill(0); fast.fill(0);
    idct2x2(coefs, 0, q, full, 1, 12, ws);
    idct2x2Low(coefs, 0, q, fast, 1, 12);
    assert.deepEqual(fast, full, `trial ${trial} last ${last}`);
  }
});

test('a block whose AC is not needed consumes the same bits as one decoded in full (refills, marker, end of data, bad codes)', () => {
  const spec = (bits: readonly number[], values: readonly number[]) => {
    const v = new Uint8Array(256);
    v.set(values);
    return { bits: Uint8Array.from(bits), values: v };
  };
  const dc = deriveTable(spec(STD_DC_LUMINANCE_BITS, STD_DC_LUMINANCE_VALUES), true, 'DC 0');
  // The standard AC table has codes up to 16 bits long (the long-code path) and leaves 1111111111111111 unused (a bad code).
  const ac = deriveTable(spec(STD_AC_LUMINANCE_BITS, STD_AC_LUMINANCE_VALUES), false, 'AC 0');
  const rand = rng(17);
  const state = (br: BitReader) => [br.acc, br.bits, br.pos, br.padBits, br.marker, br.hitEnd].join(' ');
  for (let trial = 0; trial < 400; trial++) {
    // Random bytes (mostly small, so that EOBs and short codes dominate), FF 00 stuffing, now and
    // then a marker or the end of the data in the middle.
    const n = 8 + ((rand() * 600) | 0);
    const data = Uint8Array.from({ length: n }, () => (rand() < 0.02 ? 0xff : (rand() * (rand() < 0.5 ? 256 : 64)) | 0));
    for (let i = 0; i + 1 < n; i++) if (data[i] === 0xff) data[i + 1] = rand() < 0.8 ? 0 : 0xd0 + ((rand() * 8) | 0);
    const a = new BitReader(data, 0), b = new BitReader(data, 0);
    const pa = new Int32Array(1), pb = new Int32Array(1);
    const ca = new Int16Array(64), cb = new Int16Array(64);
    for (let blk = 0; blk < 200; blk++) {
      let ea = '', eb = '';
      try { decodeBlockSequential(a, dc, ac, ca, 0, pa, 0, true); } catch (e) { ea = (e as Error).message; }
      try { decodeBlockSequential(b, dc, ac, cb, 0, pb, 0, false); } catch (e) { eb = (e as Error).message; }
      assert.equal(eb, ea, `trial ${trial} block ${blk}`);
      if (ea !== '') break;
      assert.equal(state(b), state(a), `trial ${trial} block ${blk}`);
      assert.equal(cb[0], ca[0]);
      a.checkInsufficient(); b.checkInsufficient();
      assert.equal(b.insufficient, a.insufficient);
      if (a.insufficient && a.padBits > 64) break;
    }
  }
});
