import { createHash } from 'node:crypto';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { renderScene } from './render-scene.js';

function sha256(...parts: Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

function labelsOf(data: Uint8Array): Set<number> {
  const seen = new Uint8Array(256);
  for (let i = 0; i < data.length; i++) seen[data[i]!] = 1;
  const labels = new Set<number>();
  seen.forEach((flag, label) => {
    if (flag) labels.add(label);
  });
  return labels;
}

describe('renderScene', () => {
  it('renderScene returns the same bytes for the same seed and size', () => {
    const a = renderScene(7, 256, 128);
    const b = renderScene(7, 256, 128);
    expect(Buffer.from(a.gt).equals(Buffer.from(b.gt))).toBe(true);
    expect(Buffer.from(a.pred).equals(Buffer.from(b.pred))).toBe(true);
  });

  it('renderScene returns different scenes for different seeds', () => {
    const a = renderScene(7, 256, 128);
    const b = renderScene(8, 256, 128);
    expect(Buffer.from(a.gt).equals(Buffer.from(b.gt))).toBe(false);
  });

  it('renderScene output is pinned: a change to the generator shows up as a new hash', () => {
    // Regression pin of the label content (independent of PNG encoding). Regenerate on purpose only.
    const { gt, pred } = renderScene(1, 512, 256);
    expect(sha256(gt, pred)).toBe('6ba1c63eb45eca2dc0f5b16cef4eaa8a93f2a15833275fe87788d0fa45cb26f3');
  });

  it('renderScene returns row-major maps of width × height labels', () => {
    const scene = renderScene(3, 300, 170);
    expect(scene.width).toBe(300);
    expect(scene.height).toBe(170);
    expect(scene.gt).toHaveLength(300 * 170);
    expect(scene.pred).toHaveLength(300 * 170);
  });

  it('renderScene uses train ids 0–18 except 16 and 255 in ground truth, and no 255 in predictions', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { gt, pred } = renderScene(seed, 512, 256);
      const gtLabels = labelsOf(gt);
      const predLabels = labelsOf(pred);
      for (const label of gtLabels) expect(label === 255 || (label < 19 && label !== 16)).toBe(true);
      for (const label of predLabels) expect(label < 19 && label !== 16).toBe(true);
      // The ego vehicle's bonnet is always unlabeled; road and sky are always visible.
      expect(gtLabels.has(255)).toBe(true);
      expect(gtLabels.has(0)).toBe(true);
      expect(gtLabels.has(10)).toBe(true);
    }
  });

  it('renderScene predicts most pixels right but not all', () => {
    const { gt, pred } = renderScene(11, 512, 256);
    let valid = 0;
    let wrong = 0;
    for (let i = 0; i < gt.length; i++) {
      if (gt[i] === 255) continue;
      valid++;
      if (gt[i] !== pred[i]) wrong++;
    }
    expect(wrong / valid).toBeGreaterThan(0.01);
    expect(wrong / valid).toBeLessThan(0.3);
  });

  it('renderScene works at the smallest size and at other aspect ratios', () => {
    expect(renderScene(1, 16, 16).gt).toHaveLength(256);
    expect(renderScene(1, 100, 400).pred).toHaveLength(40_000);
  });

  it('renderScene rejects a seed or size outside its range with INVALID_OPTION', () => {
    const cases: [number, number, number][] = [
      [-1, 64, 64],
      [2 ** 32, 64, 64],
      [1.5, 64, 64],
      [1, 15, 64],
      [1, 64, 16385],
      [1, 64.5, 64],
      [1, Number.NaN, 64],
      [1, 16384, 16384],
    ];
    for (const [seed, width, height] of cases) {
      let error: unknown;
      try {
        renderScene(seed, width, height);
      } catch (caught) {
        error = caught;
      }
      expect(SegmetricsError.isInstance(error, ErrorCode.INVALID_OPTION)).toBe(true);
    }
  });
});
