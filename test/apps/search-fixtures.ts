// The search fixtures (test/fixtures/search/, made by test/golden/generate_search.py) for the
// library and CLI tests: the expected rankings, hashes and histograms, and the decoded images.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeImage } from '../../src/codecs/index.ts';
import type { PixelArray } from '../../src/index.ts';

export const SEARCH_DIR = resolve(import.meta.dirname, '..', 'fixtures', 'search');
export const IMAGES_DIR = join(SEARCH_DIR, 'images');

export interface ExpectedCase {
  query: string;
  args: string[];
  by: 'hist' | 'ahash' | 'dhash' | 'phash';
  bins?: number;
  method?: string;
  size?: number;
  top: number;
  ranking: { file: string; distance: number }[];
}

export interface Expected {
  folder: string;
  unreadable: string[];
  nearDuplicates: { maxBits: number; groups: Record<string, string[]> };
  cases: ExpectedCase[];
  hashes: Record<string, {
    ahash: string; ahash16: string; dhash: string; phash: string; ahashOpencv: string; ahashOpencv16: string;
    imagehash: string; bitsDiffer: number;
  }>;
  histograms4: Record<string, number[]>;
}

export const EXPECTED = JSON.parse(readFileSync(join(SEARCH_DIR, 'expected.json'), 'utf8')) as Expected;

/** The readable fixture images, by path relative to images/. */
export function fixtureImages(): Map<string, PixelArray> {
  const out = new Map<string, PixelArray>();
  for (const f of Object.keys(EXPECTED.hashes)) out.set(f, decodeImage(readFileSync(join(IMAGES_DIR, f))));
  return out;
}
