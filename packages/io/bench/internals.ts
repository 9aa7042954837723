// Internal functions the benchmark times phase by phase (bundled on the fly by bench/internals.mjs).
export { parsePngStructure, concatIdat } from '../src/internal/png-structure.js';
export { unfilterInPlace } from '../src/internal/unfilter.js';
export { readLabelFileSync } from '../src/node/read-label-file.js';
