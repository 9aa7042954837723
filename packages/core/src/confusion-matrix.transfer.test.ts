import { describe, expect, it } from 'vitest';
import { thrown } from '../test/thrown.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import type { ConfusionMatrixTransfer } from './types.js';

/** Every optional part on: Cityscapes-like mapping, instances, both splits and Boundary IoU. */
function featured(): ConfusionMatrix {
  const cm = new ConfusionMatrix({
    numClasses: 2,
    ignoreIndex: 255,
    perImage: true,
    instances: { minInstanceId: 1001 },
    splitPredictedIgnore: true,
    splitIgnoredGroundTruth: true,
    boundary: { dilationRatio: 0.1 },
    labelMapping: { table: { 1: 255, 7: 0, 26: 1, 29: null, 255: 255 }, unmapped: 'invalid' },
  });
  cm.update(new Uint8Array([26, 29, 29, 7, 1, 26]), new Uint8Array([26, 26, 26, 7, 29, 7]), {
    sampleId: 'b',
    width: 3,
    height: 2,
    instances: new Uint16Array([26001, 26001, 26002, 7, 29001, 7]),
  });
  cm.update(new Uint8Array([26, 1, 7]), new Uint8Array([26, 7, 255]), {
    sampleId: 'a',
    width: 3,
    height: 1,
    instances: new Uint16Array([26001, 0, 26001]),
  });
  return cm;
}

describe('ConfusionMatrix transfer', () => {
  it('toTransfer, structured clone and fromTransfer give the same state as toJSON describes, every part on', () => {
    const cm = featured();
    const back = ConfusionMatrix.fromTransfer(structuredClone(cm.toTransfer()));
    expect(JSON.stringify(back)).toBe(JSON.stringify(cm));
    // Merging the copy into an empty matrix equals merging the original (as the CLI does with workers).
    const merged = new ConfusionMatrix(cm.toTransfer().options).merge(back);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(cm));
  });

  it('copies: neither side sees later changes of the other', () => {
    const cm = featured();
    const transfer = cm.toTransfer();
    const back = ConfusionMatrix.fromTransfer(transfer);
    const before = JSON.stringify(back);
    cm.update(new Uint8Array([7]), new Uint8Array([7]), {
      sampleId: 'c',
      width: 1,
      height: 1,
      instances: new Uint16Array([1]),
    });
    transfer.counts[0] = 99;
    transfer.imageStats[0]!.tp[0] = 99;
    expect(JSON.stringify(back)).toBe(before);
    expect(ConfusionMatrix.fromTransfer(cm.toTransfer()).images).toBe(3);
    // merge copies each image's statistics too (all of them in one allocation, not shared).
    const merged = new ConfusionMatrix(transfer.options).merge(back);
    const mergedBefore = JSON.stringify(merged);
    for (const stats of back.imageStats) {
      stats.tp[0] = 77;
      stats.support[1] = 77;
      stats.predicted[0] = 77;
    }
    expect(JSON.stringify(merged)).toBe(mergedBefore);
    const [first, second] = merged.imageStats;
    expect(first!.tp.buffer).toBe(second!.tp.buffer);
    expect(first!.tp.buffer).not.toBe(back.imageStats[0]!.tp.buffer);
  });

  it('refuses a transfer of the wrong shape with INVALID_STATE naming the field', () => {
    const edits: [string, (t: Record<string, unknown>) => void][] = [
      [
        'kind',
        (t) => {
          t.kind = 'other';
        },
      ],
      [
        'counts',
        (t) => {
          t.counts = new Float64Array(3);
        },
      ],
      [
        'counts[2]',
        (t) => {
          (t.counts as Float64Array)[2] = -1;
        },
      ],
      [
        'predictedIgnore[1]',
        (t) => {
          (t.predictedIgnore as Float64Array)[1] = 0.5;
        },
      ],
      [
        'predictedIgnoreByValue',
        (t) => {
          t.predictedIgnoreByValue = null;
        },
      ],
      [
        'boundaryCounts',
        (t) => {
          t.boundaryCounts = null;
        },
      ],
      [
        'ignoredGroundTruthByValue',
        (t) => {
          t.ignoredGroundTruthByValue = null;
        },
      ],
      [
        'images',
        (t) => {
          t.images = -1;
        },
      ],
      [
        'sampleIds',
        (t) => {
          t.sampleIds = ['a', 'a'];
        },
      ],
      [
        'imageStats',
        (t) => {
          t.imageStats = [];
        },
      ],
      [
        'imageStats[1].tp',
        (t) => {
          (t.imageStats as { tp: unknown }[])[1]!.tp = [1, 2];
        },
      ],
      [
        'imageStats[0].instances',
        (t) => {
          delete (t.imageStats as { instances?: unknown }[])[0]!.instances;
        },
      ],
      [
        'imageStats[0].boundary.support[0]',
        (t) => {
          (t.imageStats as { boundary: { support: Float64Array } }[])[0]!.boundary.support[0] = Number.NaN;
        },
      ],
    ];
    for (const [path, edit] of edits) {
      const transfer = structuredClone(featured().toTransfer()) as unknown as Record<string, unknown>;
      edit(transfer);
      const error = thrown(() =>
        ConfusionMatrix.fromTransfer(transfer as unknown as ConfusionMatrixTransfer),
      );
      expect(error.code, path).toBe('INVALID_STATE');
      expect(error.context.path, path).toBe(path);
    }
    expect(thrown(() => ConfusionMatrix.fromTransfer(null as never)).code).toBe('INVALID_STATE');
  });
});
