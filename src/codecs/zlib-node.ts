// Zlib on Node's native zlib, the fast path of decodePng in Node; whatever Node's one-shot inflate
// refuses (more data than the image needs, bytes broken after the last needed one) goes through
// the bounded streaming inflate instead, which stops where libpng and Pillow stop.
import { Buffer } from 'node:buffer';
import { deflateSync, inflateSync } from 'node:zlib';
import { inflateInto } from './inflate.ts';
import { inflateBounded } from './zlib-browser.ts';
import type { Zlib } from './zlib.ts';

export const nodeZlib: Zlib = {
  inflate(parts, expected) {
    const input = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    try {
      // One output chunk of exactly the image's size: no growing and no final concatenation.
      const out = inflateSync(input, { maxOutputLength: Math.max(expected, 1), chunkSize: Math.max(expected, 64) });
      if (out.length === expected) return { data: out, length: expected, overflow: false, corrupt: null };
    } catch {
      // Too much data, a cut stream or a bad checksum: let the streaming path decide.
    }
    return inflateBounded(parts, expected);
  },
  // Node has no synchronous streaming inflate; rows consumed as they come go through ours.
  inflateStream: inflateInto,
  deflate: (data, level) => deflateSync(data, { level }),
};
