// Zlib for browsers: our own streaming inflate (inflate.ts) and fflate's deflate, both pure
// JavaScript. Node's native inflate (zlib-node.ts) gives the same bytes; png-zlib.test.ts checks it.
import { zlibSync } from 'fflate';
import { inflateInto } from './inflate.ts';
import type { Inflated, Zlib } from './zlib.ts';

/** Inflates into one buffer of `expected` bytes, stopping there (see `inflateInto`). */
export function inflateBounded(parts: readonly Uint8Array[], expected: number): Inflated & { corrupt: string | null } {
  const out = new Uint8Array(expected);
  let at = 0;
  const r = inflateInto(parts, expected, (piece) => { out.set(piece, at); at += piece.length; });
  return { data: out, ...r };
}

export const browserZlib: Zlib = {
  inflate: inflateBounded,
  inflateStream: inflateInto,
  deflate: (data, level) => zlibSync(data, { level: level as 0 }),
};
