import { describe, expect, it } from 'vitest';
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
        "decodeNpy",
        "decodePng",
        "encodeColorizedPng",
        "encodeErrorMapPng",
        "encodeLabelPng",
        "formatColor",
        "getDatasetPreset",
        "hasNpyMagic",
        "hasPngSignature",
        "labelMapFromArray",
        "labelMapFromImageData",
        "mapColorsToLabels",
        "parseColor",
        "parseNpyHeader",
        "resolveFormat",
        "sniffFormat",
        "vocColorMap",
      ]
    `);
  });

  it('the @segmetrics/io/node export list is the reviewed API surface', () => {
    expect(Object.keys(node).sort()).toMatchInlineSnapshot(`
      [
        "CITYSCAPES_INSTANCE_IDS_SUFFIX",
        "CITYSCAPES_LABEL_IDS_SUFFIX",
        "decodeLabelMapNode",
        "decodePngFast",
        "fastPathEligible",
        "iteratePairs",
        "pairCityscapes",
        "pairDatasets",
        "readLabelMap",
        "readLabelMapSync",
        "writeColorizedPng",
        "writeErrorMapPng",
        "writeFileAtomic",
        "writeLabelPng",
      ]
    `);
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
