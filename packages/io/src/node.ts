// @segmetrics/io/node — file system, node:zlib fast path, dataset pairing, file writers.
export { decodePngFast, fastPathEligible } from './node/decode-png-fast.js';
export {
  decodeLabelMapNode,
  type ReadOptions,
  readLabelMap,
  readLabelMapSync,
} from './node/read-label-map.js';
