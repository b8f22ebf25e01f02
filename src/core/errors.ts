// Error helpers. Every message names the argument, what was expected and what was given,
// so a user can fix the call without reading our source.

/** A short, readable description of any value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (typeof value === 'function') return 'a function';
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as Uint8Array).length ?? value.byteLength})`;
  if (Array.isArray(value)) {
    if (value.length <= 6) return `[${value.map(describe).join(', ')}]`;
    return `an array of length ${value.length}`;
  }
  const shape = (value as { shape?: unknown }).shape;
  if (Array.isArray(shape)) return `a ${value.constructor?.name ?? 'object'} of shape [${shape.join(', ')}]`;
  return `a ${(value as object).constructor?.name ?? 'object'}`;
}

/** `TypeError` for an argument of the wrong kind: `name: expected …, got …`. */
export function typeError(name: string, expected: string, got: unknown): TypeError {
  return new TypeError(`${name}: expected ${expected}, got ${describe(got)}`);
}

/** `RangeError` for an argument of the right kind but an unusable value. */
export function rangeError(name: string, expected: string, got: unknown): RangeError {
  return new RangeError(`${name}: expected ${expected}, got ${describe(got)}`);
}

/**
 * `TypeError` for a call with more positional arguments than `fn` takes: an argument we would
 * otherwise ignore (NumPy's `axes` after `rot90(a, k)`) must not be dropped silently.
 */
export function tooManyArguments(fn: string, params: readonly string[], got: number): TypeError {
  const n = params.length;
  return new TypeError(`${fn}: takes at most ${n} argument${n === 1 ? '' : 's'} (${params.join(', ')}), got ${got}`);
}
