import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { decode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITYSCAPES_CLASS_NAMES } from './cityscapes-classes.js';
import {
  generateSampleDataset,
  type SampleDataset,
  sampleName,
  sampleSceneSeed,
} from './generate-sample-dataset.js';
import { majorityFilter5x5 } from './internal/majority-filter.js';
import { renderScene } from './render-scene.js';

const C = 19;

async function readLabels(file: string): Promise<Uint8Array> {
  const png = decode(await readFile(file));
  expect(png.depth).toBe(8);
  expect(png.channels).toBe(1);
  return png.data as Uint8Array;
}

async function hashFolder(root: string): Promise<string> {
  const hash = createHash('sha256');
  for (const side of ['gt', 'pred']) {
    for (const name of (await readdir(join(root, side))).sort()) {
      hash.update(`${side}/${name}\n`);
      hash.update(await readFile(join(root, side, name)));
    }
  }
  return hash.digest('hex');
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<SegmetricsError> {
  let error: unknown;
  try {
    await promise;
  } catch (caught) {
    error = caught;
  }
  expect(SegmetricsError.isInstance(error, code)).toBe(true);
  return error as SegmetricsError;
}

describe('generateSampleDataset', () => {
  let dir: string;
  let dataset: SampleDataset;
  /** Confusion matrix of the whole default set (rows = ground truth), ignoring 255. */
  const matrix = new Float64Array(C * C);
  const gtPresent = new Set<number>();
  let ignored = 0;
  let counted = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'segmetrics-demo-'));
    dataset = await generateSampleDataset(join(dir, 'default'));
    for (const name of dataset.names) {
      const gt = await readLabels(join(dataset.gtDir, `${name}.png`));
      const pred = await readLabels(join(dataset.predDir, `${name}.png`));
      for (let i = 0; i < gt.length; i++) {
        const g = gt[i]!;
        if (g === 255) {
          ignored++;
          continue;
        }
        gtPresent.add(g);
        counted++;
        matrix[g * C + pred[i]!]! += 1;
      }
    }
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('generateSampleDataset writes 20 pairs of 512 × 256 PNGs with the same names in gt/ and pred/', async () => {
    expect(dataset.pairs).toBe(20);
    expect(dataset.names).toHaveLength(20);
    expect(dataset.names[0]).toBe('sample_000');
    expect((await readdir(dataset.gtDir)).sort()).toEqual(dataset.names.map((n) => `${n}.png`));
    expect((await readdir(dataset.predDir)).sort()).toEqual(dataset.names.map((n) => `${n}.png`));
    const png = decode(await readFile(join(dataset.gtDir, 'sample_000.png')));
    expect([png.width, png.height]).toEqual([512, 256]);
  });

  it('generateSampleDataset describes the Cityscapes setting it used', async () => {
    expect(dataset.numClasses).toBe(19);
    expect(dataset.ignoreIndex).toBe(255);
    expect(dataset.classNames).toEqual(CITYSCAPES_CLASS_NAMES);
    expect(dataset.classNames[0]).toBe('road');
    expect(dataset.classNames[18]).toBe('bicycle');
    expect(dataset.neverPresentClass).toEqual({ id: 16, name: 'train' });
    expect(await readFile(dataset.classesFile, 'utf8')).toBe(`${CITYSCAPES_CLASS_NAMES.join('\n')}\n`);
  });

  it('generateSampleDataset files decode back to the arrays renderScene returns', async () => {
    for (const index of [0, 7, 19]) {
      const scene = renderScene(sampleSceneSeed(1, index), 512, 256);
      const name = sampleName(index, 20);
      expect(
        Buffer.from(await readLabels(join(dataset.gtDir, `${name}.png`))).equals(Buffer.from(scene.gt)),
      ).toBe(true);
      expect(
        Buffer.from(await readLabels(join(dataset.predDir, `${name}.png`))).equals(Buffer.from(scene.pred)),
      ).toBe(true);
    }
  });

  it('generateSampleDataset writes identical bytes for the same options, pinned by a hash', async () => {
    const again = await generateSampleDataset(join(dir, 'again'));
    const hash = await hashFolder(again.outDir);
    expect(hash).toBe(await hashFolder(dataset.outDir));
    // fast-png (pako deflate) output for the default set; regenerate on purpose only.
    expect(hash).toBe('651f624d54272649182e13009ccaa2baa887201325159666801cfe75985f096d');
  });

  it('generateSampleDataset ground truth holds every class but the never-present one, and ignored pixels', () => {
    const expected = [...Array(C).keys()].filter((c) => c !== dataset.neverPresentClass.id);
    expect([...gtPresent].sort((a, b) => a - b)).toEqual(expected);
    expect(ignored / (ignored + counted)).toBeGreaterThan(0.01);
    expect(ignored / (ignored + counted)).toBeLessThan(0.2);
  });

  it('generateSampleDataset predictions never hold the never-present class', () => {
    let predictedTrain = 0;
    for (let g = 0; g < C; g++) predictedTrain += matrix[g * C + 16]!;
    expect(predictedTrain).toBe(0);
  });

  it('generateSampleDataset predictions are plausibly wrong: 3–20 % of pixels, dataset mIoU 0.6–0.8', () => {
    let correct = 0;
    const ious: number[] = [];
    for (let c = 0; c < C; c++) {
      const tp = matrix[c * C + c]!;
      correct += tp;
      let support = 0;
      let predicted = 0;
      for (let k = 0; k < C; k++) {
        support += matrix[c * C + k]!;
        predicted += matrix[k * C + c]!;
      }
      const union = support + predicted - tp;
      if (union > 0) ious.push(tp / union);
    }
    const wrong = 1 - correct / counted;
    expect(wrong).toBeGreaterThan(0.03);
    expect(wrong).toBeLessThan(0.2);
    expect(ious).toHaveLength(18);
    const mIoU = ious.reduce((a, b) => a + b, 0) / ious.length;
    expect(mIoU).toBeGreaterThan(0.6);
    expect(mIoU).toBeLessThan(0.8);
  });

  it('generateSampleDataset honours pairs, width, height and seed', async () => {
    const small = await generateSampleDataset(join(dir, 'small'), {
      pairs: 3,
      width: 64,
      height: 48,
      seed: 9,
    });
    expect(small.names).toEqual(['sample_000', 'sample_001', 'sample_002']);
    const gt = decode(await readFile(join(small.gtDir, 'sample_002.png')));
    expect([gt.width, gt.height]).toEqual([64, 48]);
    expect(
      Buffer.from(gt.data as Uint8Array).equals(Buffer.from(renderScene(sampleSceneSeed(9, 2), 64, 48).gt)),
    ).toBe(true);
  });

  it('generateSampleDataset rejects invalid options with INVALID_OPTION before writing anything', async () => {
    const target = join(dir, 'invalid');
    await expectCode(generateSampleDataset(target, { pairs: 0 }), ErrorCode.INVALID_OPTION);
    await expectCode(generateSampleDataset(target, { pairs: 2.5 }), ErrorCode.INVALID_OPTION);
    await expectCode(generateSampleDataset(target, { width: 8 }), ErrorCode.INVALID_OPTION);
    await expectCode(generateSampleDataset(target, { seed: -3 }), ErrorCode.INVALID_OPTION);
    await expect(readdir(target)).rejects.toThrow();
  });

  it('generateSampleDataset reports a folder it cannot create with IO_FAILED naming the path', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    const error = await expectCode(
      generateSampleDataset(join(file, 'out'), { pairs: 1 }),
      ErrorCode.IO_FAILED,
    );
    expect(String(error.context.file)).toContain(join(file, 'out'));
  });
});

describe('sampleName', () => {
  it('sampleName pads the index to at least three digits and to the width of the largest index', () => {
    expect(sampleName(4, 20)).toBe('sample_004');
    expect(sampleName(4, 1000)).toBe('sample_004');
    expect(sampleName(4, 1001)).toBe('sample_0004');
  });
});

describe('sampleSceneSeed', () => {
  it('sampleSceneSeed gives distinct 32-bit seeds for neighbouring pairs and set seeds', () => {
    const seeds = new Set<number>();
    for (let seed = 0; seed < 20; seed++) for (let i = 0; i < 50; i++) seeds.add(sampleSceneSeed(seed, i));
    expect(seeds.size).toBe(1000);
    for (const value of seeds) expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
  });
});

describe('generateSampleDataset secondModel', () => {
  it('writes pred-b: the first model followed by the 5×5 majority filter', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'segmetrics-demo-b-'));
    try {
      const dataset = await generateSampleDataset(dir, {
        pairs: 3,
        width: 32,
        height: 16,
        secondModel: true,
      });
      expect(dataset.predBDir).toBe(join(dataset.outDir, 'pred-b'));
      for (const name of dataset.names) {
        const pred = await readLabels(join(dataset.predDir, `${name}.png`));
        const b = await readLabels(join(dataset.predBDir!, `${name}.png`));
        expect(b).toEqual(majorityFilter5x5(pred, 32, 16));
      }
      const plain = await generateSampleDataset(join(dir, 'plain'), { pairs: 1, width: 32, height: 16 });
      expect(plain.predBDir).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
