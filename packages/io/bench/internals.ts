// Internal functions the benchmark times phase by phase (bundled on the fly by bench/internals.mjs).
export { concatIdat, parsePngStructure } from '../src/internal/png-structure.js';
export { unfilterInPlace } from '../src/internal/unfilter.js';
export { unfilterWasm } from '../src/internal/unfilter-wasm.js';
export { readLabelFileSync } from '../src/node/read-label-file.js';
