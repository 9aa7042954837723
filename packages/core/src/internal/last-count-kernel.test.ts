import { describe, expect, it } from 'vitest';
import { ConfusionMatrix } from '../confusion-matrix.js';
import { PAIR_HISTOGRAM_MIN_PIXELS } from './count-image.js';
import { lastCountKernel } from './last-count-kernel.js';

/** A ground truth and prediction of `n` pixels in classes 0–2, as arrays of the given kind. */
function maps<T extends ArrayLike<number>>(n: number, make: (values: number[]) => T): [T, T] {
  const gt = Array.from({ length: n }, (_, i) => i % 3);
  const pred = Array.from({ length: n }, (_, i) => (i >> 4) % 3);
  return [make(pred), make(gt)];
}

describe('lastCountKernel', () => {
  it('names the WebAssembly SIMD kernel for two large 8-bit maps (Node has WebAssembly SIMD)', () => {
    const matrix = new ConfusionMatrix({ numClasses: 3 });
    matrix.update(...maps(PAIR_HISTOGRAM_MIN_PIXELS, (v) => Uint8Array.from(v)));
    expect(lastCountKernel()).toBe('wasm-simd-8bit');
  });

  it('names the 16-bit WebAssembly SIMD kernel for two Uint16Array maps', () => {
    const matrix = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 65535 });
    matrix.update(...maps(1000, (v) => Uint16Array.from(v)));
    expect(lastCountKernel()).toBe('wasm-simd-16bit');
  });

  it('names the general path for mixed 8-bit and 16-bit maps and for plain arrays', () => {
    const matrix = new ConfusionMatrix({ numClasses: 3 });
    const [pred, gt] = maps(1000, (v) => v);
    matrix.update(Uint8Array.from(pred), Uint16Array.from(gt));
    expect(lastCountKernel()).toBe('general');
    matrix.update(...maps(1000, (v) => Uint16Array.from(v)));
    matrix.update(pred, gt);
    expect(lastCountKernel()).toBe('general');
  });

  it('names the reference loop after an update that found an invalid label', () => {
    const matrix = new ConfusionMatrix({ numClasses: 3 });
    const [pred, gt] = maps(1000, (v) => Uint16Array.from(v));
    gt[500] = 7;
    expect(() => matrix.update(pred, gt)).toThrow();
    expect(lastCountKernel()).toBe('reference');
  });
});
