// Pillow's own Tests/images, a corpus nobody here wrote (issue 18): each PNG or JPEG decodes to the
// shape (PNG: and the pixels) Pillow 9.4 gives, or is refused with DecodeError where Pillow refuses
// it too. The files named in test/fixtures/pillow-corpus/outcomes.json's "kept" list are committed
// and always run; the whole corpus runs when a Pillow checkout is at hand (PILLOW_REPO, a git dir or
// a work tree; test/golden/generate_pillow_corpus.py made the outcomes from it).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeImage, DecodeError } from '../../src/codecs/index.ts';
import { toRgba } from '../fixtures/codecs/helpers.ts';
import type { PixelArray } from '../../src/core/pixelarray.ts';

const DIR = new URL('../fixtures/pillow-corpus/', import.meta.url);
interface Outcome { format?: string; pillow?: string; shape?: number[]; sha256?: string; error?: string }
const doc = JSON.parse(readFileSync(new URL('outcomes.json', DIR), 'utf8')) as { kept: string[]; files: Record<string, Outcome> };

/**
 * Where pixelarray knowingly differs from Pillow 9.4 (docs/codecs.md, "Pillow's test images"),
 * and why. Every other file must agree.
 */
const KNOWN: Record<string, string> = {
  '1_trns.png': 'tRNS gray key 255 on a 1-bit image: out of range, matches no sample (PNG spec, libpng); Pillow compares it with the sample scaled to 0/255',
  'apng/chunk_no_fctl.png': 'an APNG whose frames are broken: pixelarray reads the default image, as a non-APNG reader (libpng) does; Pillow refuses',
  'hopper_bad_exif.jpg': 'a bit pattern that is no Huffman code in the scan: libjpeg warns and decodes garbage from there on; pixelarray refuses with a DecodeError (deliberate)',
  'truncated_exif_dpi.jpg': 'an EXIF block cut short: Pillow cannot identify the file; pixelarray skips the APP1 segment, as libjpeg and cv2 do, and decodes the image',
  'png_decompression_dos.png': 'a zTXt text chunk that inflates to gigabytes: pixelarray never inflates text chunks and decodes the 1×1 image; Pillow refuses',
};

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function pixelsOf(a: PixelArray): Uint8Array {
  const n = a.shape[0] * a.shape[1] * a.shape[2];
  return a.data.subarray(a.offset, a.offset + n);
}

/** null when pixelarray agrees with Pillow on this file, else what differs. */
function disagreement(name: string, bytes: Uint8Array, expected: Outcome, warnings: string[]): string | null {
  let img: PixelArray;
  try {
    img = decodeImage(bytes, { orientation: 'ignore', onWarning: (m: string) => warnings.push(m) });
  } catch (err) {
    if (!(err instanceof DecodeError)) return `threw ${String(err)}, not a DecodeError`;
    return expected.pillow === 'refused' ? null : `refused (${err.message}) where Pillow decodes ${expected.shape?.join('×')}`;
  }
  if (expected.pillow === 'refused') return `decoded ${img.shape.join('×')} where Pillow refuses (${expected.error})`;
  const shape = expected.format === 'PNG' ? [img.shape[0], img.shape[1], 4] : [...img.shape];
  if (shape.join('×') !== expected.shape!.join('×')) return `shape ${img.shape.join('×')}, Pillow ${expected.shape!.join('×')}`;
  const got = expected.format === 'PNG' ? toRgba(img) : pixelsOf(img);
  if (sha(got) !== expected.sha256) return `${expected.format} pixels differ from Pillow's`;
  return null;
}

test('the malformed files Pillow and libpng/libjpeg read are read too, with warnings', () => {
  assert.ok(doc.kept.length >= 7);
  const failures: string[] = [];
  for (const name of doc.kept.filter((n) => !(n in KNOWN))) {
    const warnings: string[] = [];
    const why = disagreement(name, new Uint8Array(readFileSync(new URL(name, DIR))), doc.files[name], warnings);
    if (why) failures.push(`${name}: ${why}`);
  }
  assert.deepEqual(failures, []);
});

function corpusReader(names: string[]): ((name: string) => Uint8Array) | null {
  const repo = process.env.PILLOW_REPO ?? '/work/.mirror/python-pillow+Pillow/repo';
  if (existsSync(join(repo, 'Tests', 'images'))) return (n) => new Uint8Array(readFileSync(join(repo, 'Tests', 'images', n)));
  if (!existsSync(join(repo, 'HEAD'))) return null;
  // One `git cat-file --batch` for every file: "<oid> blob <size>\n<bytes>\n" each.
  const out = execFileSync('git', ['--git-dir', repo, 'cat-file', '--batch'],
    { input: names.map((n) => `HEAD:Tests/images/${n}\n`).join(''), maxBuffer: 1 << 30 });
  const files = new Map<string, Uint8Array>();
  let at = 0;
  for (const n of names) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString('latin1').split(' ');
    if (header[1] !== 'blob') { at = eol + 1; continue; }
    const size = Number(header[2]);
    files.set(n, new Uint8Array(out.subarray(eol + 1, eol + 1 + size)));
    at = eol + 1 + size + 1;
  }
  return (n) => files.get(n) ?? new Uint8Array(0);
}

test('the whole Tests/images corpus: Pillow\'s shape and pixels, or a DecodeError where Pillow refuses', { timeout: 120000 }, (t) => {
  const names = Object.keys(doc.files);
  const read = corpusReader(names);
  if (read === null) {
    t.skip('no Pillow checkout (set PILLOW_REPO to a python-pillow/Pillow git dir or work tree)');
    return;
  }
  const failures: string[] = [];
  let agreed = 0;
  for (const name of names) {
    const bytes = read(name);
    if (sha(bytes) !== (doc.files[name] as { file_sha256?: string }).file_sha256) continue; // another Pillow revision
    const why = disagreement(name, bytes, doc.files[name], []);
    if (why && !(name in KNOWN)) failures.push(`${name}: ${why}`);
    else if (!why && name in KNOWN) failures.push(`${name}: now agrees with Pillow; drop it from KNOWN`);
    else if (!why) agreed++;
  }
  t.diagnostic(`${agreed} of ${names.length} files agree with Pillow; ${Object.keys(KNOWN).length} known, documented differences`);
  assert.deepEqual(failures, []);
});
