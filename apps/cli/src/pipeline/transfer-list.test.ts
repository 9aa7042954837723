import { ConfusionMatrix } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { transferList } from './transfer-list.js';

describe('transferList', () => {
  it('lists each owned buffer once, through arrays and objects; views of a larger buffer are left out', () => {
    const owned = new Float64Array(3);
    const shared = new ArrayBuffer(64);
    const view = new Uint8Array(shared, 8, 8);
    const whole = new Uint8Array(shared);
    const value = { a: owned, b: [owned, { c: view }], d: [[1, new Uint32Array(2)]], e: 'x', f: null };
    const list = transferList(value);
    expect(list).toHaveLength(2);
    expect(list).toContain(owned.buffer);
    expect(transferList({ view, whole })).toEqual([shared]);
    expect(transferList(42)).toEqual([]);
  });

  it('moves every array of a matrix transfer: the received state is the same matrix', () => {
    const matrix = new ConfusionMatrix({
      numClasses: 3,
      ignoreIndex: 255,
      perImage: true,
      boundary: { dilationRatio: 0.02 },
    });
    matrix.update([0, 1, 2, 255], [0, 1, 1, 2], { width: 2, height: 2, sampleId: 'a' });
    const state = matrix.toTransfer();
    const list = transferList(state);
    expect(list.length).toBeGreaterThanOrEqual(5);
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<unknown>((resolve) => port2.once('message', resolve));
    port1.postMessage(state, list);
    return received.then((copy) => {
      expect(state.counts.byteLength).toBe(0); // moved, not copied
      expect(ConfusionMatrix.fromTransfer(copy as typeof state).toJSON()).toEqual(matrix.toJSON());
      port1.close();
    });
  });
});
