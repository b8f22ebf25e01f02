// What the two search indexes share: result type, id order and the checks of their JSON forms.
import { describe, typeError } from '../core/errors.ts';

/** One search result: an id and its distance to the query (see each index for what it means). */
export interface SearchResult {
  id: string;
  distance: number;
}

/** Compares result ids by UTF-16 code units, as `<` does (for ASCII names: byte order). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ids are strings (any, the empty one too). */
export function checkId(id: unknown): string {
  if (typeof id !== 'string') throw typeError('id', 'a string', id);
  return id;
}

/** The common part of the JSON forms: an object of this `type` and version 1. */
export function checkJsonHeader(json: unknown, type: string): Record<string, unknown> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw typeError('json', `a ${type} JSON object`, json);
  const j = json as Record<string, unknown>;
  if (j.type !== type) throw new RangeError(`json.type: expected '${type}', got ${describe(j.type)}`);
  if (j.version !== 1) throw new RangeError(`json.version: expected 1, got ${describe(j.version)}`);
  return j;
}

/** `entries`: an array of `[id, value]` pairs with string ids. */
export function checkEntries(entries: unknown): [string, unknown][] {
  if (!Array.isArray(entries)) throw typeError('json.entries', 'an array of [id, value] pairs', entries);
  entries.forEach((e, i) => {
    if (!Array.isArray(e) || e.length !== 2) throw typeError(`json.entries[${i}]`, 'an [id, value] pair', e);
    if (typeof e[0] !== 'string') throw typeError(`json.entries[${i}][0]`, 'a string id', e[0]);
  });
  return entries as [string, unknown][];
}
