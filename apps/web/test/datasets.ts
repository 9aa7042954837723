import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { decodeLabelMap, encodeColorizedPng, encodeLabelPng, vocColorMap } from '@segmetrics/io';
import { parityFixtureRoot } from '@segmetrics/test-utils';
import { encode } from 'fast-png';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));

/** The CLI's entry (`segmetrics`), built before these tests (a dev dependency of the web app). */
export const CLI = resolve(here, '../../cli/dist/cli.js');

/** The built site. */
export const SITE = resolve(here, '../dist');

/** A parity fixture's folders (`<root>/<name>/gt`, `<root>/<name>/pred`). */
export function parityFolders(name: string): { gt: string; pred: string } {
  const dir = join(parityFixtureRoot(), name);
  return { gt: join(dir, 'gt'), pred: join(dir, 'pred') };
}

/** A fresh temporary folder. */
export function scratch(name: string): string {
  return mkdtempSync(join(tmpdir(), `segmetrics-web-${name}-`));
}

/**
 * `segmetrics eval --gt … --pred … <flags> --format json`: the CLI's JSON report, as text. Runs the
 * built CLI in a child process, as a user would.
 */
export async function cliJson(gt: string, pred: string, flags: readonly string[]): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    [CLI, 'eval', '--gt', gt, '--pred', pred, ...flags, '--format', 'json', '--quiet'],
    { maxBuffer: 64 * 2 ** 20, env: { ...process.env, NO_COLOR: '1' } },
  );
  return stdout;
}

function labelFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.png'))
    .sort();
}

/**
 * An RGB-coded copy of the VOC-like palette fixture: every label drawn in the VOC colour map (255 in
 * VOC's border colour), as 8-bit RGB PNGs. With `--dataset voc` both decode to the fixture's labels.
 */
export function rgbVocDataset(): { gt: string; pred: string } {
  const source = parityFolders('voc_like_palette');
  const out = scratch('rgb');
  const colors = vocColorMap(256);
  for (const side of ['gt', 'pred'] as const) {
    mkdirSync(join(out, side));
    for (const name of labelFiles(source[side])) {
      const map = decodeLabelMap(new Uint8Array(readFileSync(join(source[side], name))));
      const rgb = new Uint8Array(map.width * map.height * 3);
      for (let i = 0; i < map.data.length; i++) {
        const label = map.data[i]!;
        const color = label === 255 ? ([224, 224, 192] as const) : colors[label]!;
        rgb.set(color, 3 * i);
      }
      writeFileSync(
        join(out, side, name),
        encode({ width: map.width, height: map.height, data: rgb, channels: 3, depth: 8 }),
      );
    }
  }
  return { gt: join(out, 'gt'), pred: join(out, 'pred') };
}

/**
 * The VOC-like palette fixture with its predictions saved in another palette order (as PIL's `quantize()`
 * saves a colour mask): the same colours, but classes 1 and 2 at each other's palette index.
 */
export function swappedPaletteDataset(): { gt: string; pred: string } {
  const source = parityFolders('voc_like_palette');
  const out = scratch('swapped-palette');
  const colors = vocColorMap(256);
  const swapped = [colors[0]!, colors[2]!, colors[1]!, ...colors.slice(3)];
  mkdirSync(join(out, 'gt'));
  mkdirSync(join(out, 'pred'));
  for (const name of labelFiles(source.gt)) {
    copyFileSync(join(source.gt, name), join(out, 'gt', name));
    const map = decodeLabelMap(new Uint8Array(readFileSync(join(source.pred, name))));
    const data = map.data.map((v) => (v === 1 ? 2 : v === 2 ? 1 : v));
    writeFileSync(join(out, 'pred', name), encodeColorizedPng({ ...map, data }, swapped));
  }
  return { gt: join(out, 'gt'), pred: join(out, 'pred') };
}

/** A second model's predictions for a parity fixture: the ground truth on every other row, else A's. */
export function betterPredictions(name: string): string {
  const source = parityFolders(name);
  const out = join(scratch('pred-b'), 'pred-b');
  mkdirSync(out);
  for (const file of labelFiles(source.pred)) {
    const gt = decodeLabelMap(new Uint8Array(readFileSync(join(source.gt, file))));
    const pred = decodeLabelMap(new Uint8Array(readFileSync(join(source.pred, file))));
    const data = Uint16Array.from(pred.data);
    for (let y = 0; y < gt.height; y += 2) {
      for (let x = 0; x < gt.width; x++) data[y * gt.width + x] = gt.data[y * gt.width + x]!;
    }
    writeFileSync(join(out, file), encodeLabelPng(data, gt.width, gt.height, { bitDepth: 8 }));
  }
  return out;
}

/** Three 8×6 pairs whose second prediction is 6×6: the run must stop naming both files. */
export function sizeMismatchDataset(): { gt: string; pred: string } {
  const out = scratch('mismatch');
  const labels = (width: number, height: number) =>
    Uint8Array.from({ length: width * height }, (_, i) => (i * 7) % 3);
  for (const side of ['gt', 'pred']) {
    mkdirSync(join(out, side));
    for (const id of ['img_000', 'img_001', 'img_002']) {
      const width = side === 'pred' && id === 'img_001' ? 6 : 8;
      writeFileSync(join(out, side, `${id}.png`), encodeLabelPng(labels(width, 6), width, 6));
    }
  }
  return { gt: join(out, 'gt'), pred: join(out, 'pred') };
}

/** Two 8×6 pairs whose ground truth is all ignored (255): every ratio is 0/0, the mIoU undefined. */
export function allIgnoredDataset(): { gt: string; pred: string } {
  const out = scratch('ignored');
  for (const side of ['gt', 'pred'] as const) {
    mkdirSync(join(out, side));
    for (const id of ['img_000', 'img_001']) {
      const labels = Uint8Array.from({ length: 48 }, (_, i) => (side === 'gt' ? 255 : i % 3));
      writeFileSync(join(out, side, `${id}.png`), encodeLabelPng(labels, 8, 6));
    }
  }
  return { gt: join(out, 'gt'), pred: join(out, 'pred') };
}

/**
 * A copy of a parity fixture with the predictions of the first `missing` images left out and, with
 * `extra`, one prediction file (`extra.png`) that has no ground truth.
 */
export function unpairedDataset(name: string, missing: number, extra: boolean): { gt: string; pred: string } {
  const source = parityFolders(name);
  const out = scratch('unpaired');
  mkdirSync(join(out, 'gt'));
  mkdirSync(join(out, 'pred'));
  const files = labelFiles(source.gt);
  for (const file of files) copyFileSync(join(source.gt, file), join(out, 'gt', file));
  for (const file of files.slice(missing)) copyFileSync(join(source.pred, file), join(out, 'pred', file));
  if (extra) copyFileSync(join(source.pred, files[0]!), join(out, 'pred', 'extra.png'));
  return { gt: join(out, 'gt'), pred: join(out, 'pred') };
}
