// @segmetrics/io/node — file system, node:zlib fast path, dataset pairing, file writers.
export { decodePngFast, fastPathEligible } from './node/decode-png-fast.js';
export { type DecodedPair, type IteratePairsOptions, iteratePairs } from './node/iterate-pairs.js';
export {
  type DatasetPair,
  type PairDatasetsOptions,
  type PairedDataset,
  pairDatasets,
  type SkippedEntry,
} from './node/pair-datasets.js';
export {
  decodeLabelMapNode,
  type ReadOptions,
  readLabelMap,
  readLabelMapSync,
} from './node/read-label-map.js';
export type { SkipReason } from './node/walk-files.js';
export {
  writeColorizedPng,
  writeErrorMapPng,
  writeFileAtomic,
  writeLabelPng,
} from './node/write-file-atomic.js';
