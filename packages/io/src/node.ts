// @segmetrics/io/node — file system, node:zlib fast path, dataset pairing, file writers.
export { DecodeBuffer } from './node/decode-buffer.js';
export { decodePngFast, type FastDecodeOptions, fastPathEligible } from './node/decode-png-fast.js';
export { type DecodedPair, type IteratePairsOptions, iteratePairs } from './node/iterate-pairs.js';
export { makeFolder, makeFolderSync } from './node/make-folder.js';
export {
  CITYSCAPES_INSTANCE_IDS_SUFFIX,
  CITYSCAPES_LABEL_IDS_SUFFIX,
  type CityscapesPair,
  type PairCityscapesOptions,
  type PairedCityscapes,
  pairCityscapes,
} from './node/pair-cityscapes.js';
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
  type FileToWrite,
  removeStaleTempFiles,
  type WriteFilesOptions,
  type WriteProblem,
  whyNotWritable,
  writeColorizedPng,
  writeErrorMapPng,
  writeFileAtomic,
  writeFileAtomicSync,
  writeFilesAtomic,
  writeLabelPng,
} from './node/write-file-atomic.js';
export {
  createNodeZlibCompress,
  type NodeZlibCompressOptions,
  type ZlibStrategy,
} from './node/zlib-compress.js';
export {
  labelPaletteConflict,
  type PaletteDifference,
  paletteDifference,
  readPngPalette,
} from './read-png-palette.js';
// Pure and small (no decoder): for listing the files a folder holds that no reader takes, without loading
// the main entry.
export {
  describeSkippedGroundTruth,
  describeUnreadLabelFiles,
  type FindUnreadOptions,
  findUnreadLabelFiles,
  type UnreadLabelFiles,
} from './unread-label-files.js';
