// Saving and loading indexes as JSON files (written atomically: a temporary file, then a rename).
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { HashIndex, type HashIndexJSON } from '../apps/ahash.ts';
import { HistogramIndex, type HistogramIndexJSON } from '../apps/histogram-index.ts';
import { typeError, tooManyArguments } from '../core/errors.ts';

/** Either kind of index. */
export type AnyIndex = HistogramIndex | HashIndex;

/** Size and modification time of each indexed file, to tell which files changed since. */
export type FileStamps = Record<string, [size: number, mtimeMs: number]>;

/** What `indexFolder`'s `cache` file holds: the index and the stamps of its files. */
export interface FolderIndexJSON {
  type: 'pixelarray.FolderIndex';
  version: 1;
  stamps: FileStamps;
  index: HistogramIndexJSON | HashIndexJSON;
}

function checkIndex(index: unknown): AnyIndex {
  if (!(index instanceof HistogramIndex || index instanceof HashIndex)) throw typeError('index', 'a HistogramIndex or a HashIndex', index);
  return index;
}

function checkPath(path: unknown): string {
  if (typeof path !== 'string' || path === '') throw typeError('path', 'a file path', path);
  return path;
}

/** Writes `text` to `path` through a temporary file in the same folder, so readers never see half a file. */
export function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Saves `index` (its `toJSON()`) to `path` as JSON, replacing the file atomically. */
export function saveIndex(index: AnyIndex, path: string): void {
  if (arguments.length > 2) throw tooManyArguments('saveIndex', ['index', 'path'], arguments.length);
  checkIndex(index);
  writeAtomically(checkPath(path), JSON.stringify(index.toJSON()));
}

/**
 * Parses an index file: a saved index (`saveIndex`) or an `indexFolder` cache. Throws the file
 * system's error, or an Error saying why the file is not a pixelarray index.
 */
export function readIndexFile(path: string): { index: AnyIndex; stamps?: FileStamps } {
  const text = readFileSync(checkPath(path), 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path}: not a pixelarray index file (${(err as Error).message})`, { cause: err });
  }
  try {
    const type = (json as { type?: unknown } | null)?.type;
    if (type === 'pixelarray.FolderIndex') {
      const j = json as Partial<FolderIndexJSON>;
      if (j.version !== 1) throw new RangeError(`json.version: expected 1, got ${String(j.version)}`);
      const stamps = j.stamps;
      if (stamps === null || typeof stamps !== 'object' || Array.isArray(stamps)) throw new TypeError('json.stamps: expected an object');
      return { index: parseIndex(j.index), stamps };
    }
    return { index: parseIndex(json) };
  } catch (err) {
    throw new Error(`${path}: not a pixelarray index file (${(err as Error).message})`, { cause: err });
  }
}

function parseIndex(json: unknown): AnyIndex {
  const type = (json as { type?: unknown } | null)?.type;
  if (type === 'pixelarray.HashIndex') return HashIndex.fromJSON(json);
  return HistogramIndex.fromJSON(json);
}

/** Loads an index saved by `saveIndex` (or an `indexFolder` cache file): a HistogramIndex or a HashIndex. */
export function loadIndex(path: string): AnyIndex {
  if (arguments.length > 1) throw tooManyArguments('loadIndex', ['path'], arguments.length);
  return readIndexFile(path).index;
}
