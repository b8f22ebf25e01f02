// Run by api-fuzz.test.ts in a child process (so that a call that hangs can be killed): calls every
// function and class exported by the entry points with wrong types, NaN, ±Infinity, huge sizes,
// empty and 0×0 images, negative-stride views, aliasing `out` and frozen objects, and prints one
// JSON line per finding. Before each call it prints the call's label, so that a hang names itself.
import { PixelArray, fromData, flip, zeros } from '../../src/index.ts';

type Lib = Record<string, unknown>;
const ENTRY_POINTS: Record<string, () => Promise<Lib>> = {
  pixelarray: () => import('../../src/index.ts'),
  'pixelarray/ml': () => import('../../src/ml/index.ts'),
  'pixelarray/search': () => import('../../src/apps/index.ts'),
  'pixelarray/codecs': () => import('../../src/codecs/index.ts'),
  'pixelarray/pillow': () => import('../../src/pillow/index.ts'),
  // With its kernels loaded, so that the SIMD paths meet the same hostile arguments.
  'pixelarray/simd': async () => { const simd = await import('../../src/simd/index.ts'); await simd.ready(); return simd; },
};

/** Functions that write into their first argument by contract (drawing, paste). */
const IN_PLACE = new Set(['paste', 'line', 'rectangle', 'circle', 'ellipse', 'polylines', 'fillPoly', 'putText',
  'drawContours', 'polygon', 'point', 'text', 'arc', 'chord', 'pieslice', 'regularPolygon', 'roundedRectangle']);

/** Messages that betray an unchecked argument reaching the engine. */
const INTERNAL = /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not a constructor|undefined is not|null is not|Cannot convert|Invalid array length|Invalid typed array length|Array buffer allocation failed|Maximum call stack|out of memory|Cannot destructure|Offset is outside|Start offset|Reduce of empty array|Invalid count value/;

function image(h: number, w: number, c: number, seed = 7): PixelArray {
  const data = new Uint8Array(h * w * c);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + seed * 17) & 255;
  return fromData(data, h, w, c);
}

function inputs() {
  const rgb = image(6, 5, 3), gray = image(6, 5, 1), rgba = image(6, 5, 4);
  const frozen = image(4, 4, 3, 3);
  Object.freeze(frozen.shape); Object.freeze(frozen.stride); Object.freeze(frozen);
  return {
    rgb, gray, rgba, frozen,
    empty: zeros(0, 0, 3), emptyRows: zeros(0, 5, 1), emptyCols: zeros(4, 0, 3),
    negative: flip(image(6, 5, 3, 5), -1), // negative strides
    bytes: new Uint8Array([1, 2, 3]),
  };
}

function vectors(x: ReturnType<typeof inputs>): Array<[string, unknown[]]> {
  const { rgb, gray, rgba, frozen, empty, emptyRows, emptyCols, negative, bytes } = x;
  const v: Array<[string, unknown[]]> = [
    ['()', []], ['(undefined)', [undefined]], ['(null)', [null]], ['("x")', ['x']], ['(NaN)', [NaN]], ['({})', [{}]], ['([])', [[]]],
    ['(5)', [5]], ['(bytes)', [bytes]], ['(Symbol)', [Symbol('s')]], ['(bigint)', [10n]],
  ];
  const scalars: Array<[string, unknown]> = [
    ['undefined', undefined], ['null', null], ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['1e9', 1e9],
    ['-1', -1], ['0', 0], ['0.5', 0.5], ['"x"', 'x'], ['{}', {}], ['[]', []], ['[NaN]', [NaN]], ['[1e9, 1e9]', [1e9, 1e9]],
    ['{ bogus: 1 }', { bogus: 1 }], ['true', true],
  ];
  for (const [name, img] of Object.entries({ rgb, gray, rgba, frozen, empty, emptyRows, emptyCols, negative })) {
    v.push([`(${name})`, [img]]);
    for (const [s, val] of scalars) {
      v.push([`(${name}, ${s})`, [img, val]]);
      v.push([`(${name}, 3, ${s})`, [img, 3, val]]);
      v.push([`(${name}, 3, 3, ${s})`, [img, 3, 3, val]]);
      v.push([`(${name}, 3, 3, 3, ${s})`, [img, 3, 3, 3, val]]);
    }
    v.push([`(${name}, ${name})`, [img, img]]);
    v.push([`(${name}, { out: ${name} })`, [img, { out: img }]]);
    v.push([`(${name}, 3, { out: ${name} })`, [img, 3, { out: img }]]);
    v.push([`(${name}, ${name}, { out: ${name} })`, [img, img, { out: img }]]);
    v.push([`(${name}, 1e9, 1e9)`, [img, 1e9, 1e9]]);
    v.push([`(${name}, [1e9, 1e9])`, [img, [1e9, 1e9]]]);
    v.push([`(${name}, 3, 3, 3, 3, 3, 3, 3, 3)`, [img, 3, 3, 3, 3, 3, 3, 3, 3]]);
  }
  v.push(['(rgb, gray)', [rgb, gray]], ['(gray, rgb)', [gray, rgb]], ['(rgb, rgba)', [rgb, rgba]], ['([rgb, gray])', [[rgb, gray]]], ['([rgb, empty])', [[rgb, empty]]]);
  return v;
}

function snapshot(args: unknown[]): string[] {
  return args.map((a) => (a instanceof PixelArray ? `${a.shape}|${a.stride}|${a.offset}|${Array.from(a.data).join(',')}` : ''));
}

const out = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');

for (const [entry, load] of Object.entries(ENTRY_POINTS)) {
  let lib: Lib;
  try { lib = await load(); } catch (e) { out({ entry, skipped: String(e) }); continue; }
  for (const [name, fn] of Object.entries(lib).sort()) {
    if (typeof fn !== 'function') continue;
    const isClass = /^class\b/.test(Function.prototype.toString.call(fn));
    for (const [label, args] of vectors(inputs())) {
      const call = `${entry}: ${isClass ? 'new ' : ''}${name}${label}`;
      out({ call });
      const before = snapshot(args);
      const started = performance.now();
      let error: unknown = null;
      try {
        if (isClass) new (fn as new (...a: unknown[]) => unknown)(...args); else (fn as (...a: unknown[]) => unknown)(...args);
      } catch (e) { error = e; }
      const ms = performance.now() - started;
      const after = snapshot(args);
      const problems: string[] = [];
      if (ms > 3000) problems.push(`took ${ms.toFixed(0)} ms`);
      // Arrays passed as someone's `out` are written by request.
      const outs = new Set(args.flatMap((a) => (a && typeof a === 'object' && 'out' in a ? [(a as { out: unknown }).out] : [])));
      for (let i = 0; i < args.length; i++) {
        if (before[i] !== after[i] && !(i === 0 && IN_PLACE.has(name)) && !outs.has(args[i])) problems.push(`argument ${i} was mutated`);
      }
      if (error !== null) {
        const e = error as Error;
        const ok = e instanceof TypeError || e instanceof RangeError || e?.name === 'DecodeError';
        if (!ok) problems.push(`threw ${e?.name ?? typeof e}: ${e?.message ?? String(e)}`);
        else if (INTERNAL.test(e.message)) problems.push(`engine message: ${e.name}: ${e.message}`);
        else if (!/expected|must|unknown|not |cannot|at most|at least|too |only|needs|empty/i.test(e.message)) problems.push(`unclear message: ${e.message}`);
      }
      if (problems.length) out({ finding: call, problems });
    }
  }
}
out({ done: true });
