// ndarray-ops ships no types; the tests use only these two functions.
declare module 'ndarray-ops' {
  import type { NdArray } from 'ndarray';
  const ops: {
    assign(out: NdArray, a: NdArray): NdArray;
    addseq(out: NdArray, s: number): NdArray;
  };
  export default ops;
}
