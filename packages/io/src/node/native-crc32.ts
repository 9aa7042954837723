import * as zlib from 'node:zlib';
import { type Crc32, crc32 as jsCrc32 } from '../internal/crc32.js';

// A namespace import, not `import { crc32 }`: zlib.crc32 exists from Node 20.15 / 22.2 only, and a named
// import of a missing export fails to link the whole module on older versions that `engines` admits.
const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** CRC-32 of PNG chunks: node:zlib's native `crc32` where Node has it, else the package's JS table. */
export const nativeCrc32: Crc32 = typeof native === 'function' ? (bytes) => native(bytes) >>> 0 : jsCrc32;
