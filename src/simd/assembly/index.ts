// The pixelarray/simd kernel module (AssemblyScript, compiled to WebAssembly SIMD128 by
// scripts/build-simd.mjs). Every export works on byte addresses in this module's memory, laid out
// by the JS side (../runtime.ts); nothing here allocates.

/** First byte after the module's static data: where the JS arena may begin. */
export function heapBase(): usize { return __heap_base; }

export * from './elementwise';
export * from './color';
export * from './filters';
export * from './channels';
export * from './hsv';
export * from './resize';
export * from './threshold';
export * from './morphology';
export * from './histogram';
export * from './pyramid';
export * from './derivatives';
