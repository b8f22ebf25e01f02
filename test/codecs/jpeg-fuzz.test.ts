// Seeded fuzz of the JPEG decoder: bit flips, truncations, length lies, absurd dimensions, huge
// restart intervals, missing tables. Each input decodes or throws DecodeError, within a time bound.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeJpeg, DecodeError } from '../../src/codecs/index.ts';
import { fixture } from '../fixtures/codecs/helpers.ts';

const SOURCES = ['color444.jpg', 'color420.jpg', 'progressive.jpg', 'restart.jpg', 'gray.jpg', 'cmyk.jpg'].map(fixture);

function check(bytes: Uint8Array, allowTruncated: boolean, reduce: 1 | 2 | 4 | 8): void {
  const start = performance.now();
  try {
    const a = decodeJpeg(bytes, { allowTruncated, reduce, maxPixels: 1 << 22 });
    assert.equal(a.data.length, a.height * a.width * a.channels);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw new Error(`non-DecodeError ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, { cause: e });
  }
  assert.ok(performance.now() - start < 2000, 'decode took over 2 s');
}

test('fuzz: mutated JPEGs decode or throw DecodeError, quickly', { timeout: 20000 }, () => {
  fc.assert(fc.property(
    fc.nat(SOURCES.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(255), fc.constantFrom('flip', 'set', 'cut', 'ff')), { minLength: 1, maxLength: 4 }),
    fc.boolean(), fc.constantFrom<1 | 2 | 4 | 8>(1, 2, 4, 8),
    (k, edits, allowTruncated, reduce) => {
      let b = SOURCES[k].slice();
      for (const [at, v, kind] of edits) {
        const i = at % b.length;
        if (kind === 'flip') b[i] ^= 1 << (v & 7);
        else if (kind === 'set') b[i] = v;
        else if (kind === 'ff') b[i] = 0xff;
        else b = b.slice(0, Math.max(i, 2));
      }
      check(b, allowTruncated, reduce);
    }), { numRuns: 1500, seed: 11 });
});

test('fuzz: a mutated JPEG gives the same warnings at every reduce (the entropy decoding does not depend on the scale)', () => {
  const run = (b: Uint8Array, reduce: 1 | 2 | 4 | 8): string => {
    const warnings: string[] = [];
    try {
      const img = decodeJpeg(b, { allowTruncated: true, reduce, maxPixels: 1 << 22, onWarning: (m) => warnings.push(m) });
      return `${JSON.stringify(warnings)} ${img.shape[2]} channels`;
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      return 'throws';
    }
  };
  fc.assert(fc.property(
    fc.nat(SOURCES.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(255), fc.constantFrom('flip', 'set', 'cut', 'ff')), { minLength: 1, maxLength: 3 }),
    (k, edits) => {
      let b = SOURCES[k].slice();
      for (const [at, v, kind] of edits) {
        const i = at % b.length;
        if (kind === 'flip') b[i] ^= 1 << (v & 7);
        else if (kind === 'set') b[i] = v;
        else if (kind === 'ff') b[i] = 0xff;
        else b = b.slice(0, Math.max(i, 2));
      }
      const full = run(b, 1), reduced = run(b, 8);
      if (full !== 'throws' && reduced !== 'throws') assert.equal(reduced, full);
    }), { numRuns: 400, seed: 12 });
});

test('fuzz: removed DHT / DQT / SOF segments and huge restart intervals', () => {
  for (const src of SOURCES) {
    for (const marker of [0xc4, 0xdb, 0xc0, 0xc2, 0xdd]) {
      let p = 2;
      const out: number[] = [0xff, 0xd8];
      while (p + 4 <= src.length && src[p] === 0xff && src[p + 1] !== 0xda) {
        const len = (src[p + 2] << 8) | src[p + 3];
        if (src[p + 1] !== marker) out.push(...src.subarray(p, p + 2 + len));
        p += 2 + len;
      }
      out.push(...src.subarray(p));
      check(Uint8Array.from(out), false, 1);
      // A DRI of 65535 MCUs before the scan.
      const dri = Uint8Array.from([...out.slice(0, 2), 0xff, 0xdd, 0, 4, 0xff, 0xff, ...out.slice(2)]);
      check(dri, true, 1);
    }
  }
});
