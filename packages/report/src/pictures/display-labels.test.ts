import { ConfusionMatrix, type ConfusionMatrixOptions, normalizeSettings } from '@segmetrics/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayLabels, errorStates } from './display-labels.js';

/** How core's counting classifies one value of one side: class k, 'ignored' or 'invalid'. */
function coreClass(
  options: ConfusionMatrixOptions,
  value: number,
  side: 'gt' | 'pred',
): number | 'ignored' | 'invalid' {
  const m = new ConfusionMatrix(options);
  const c = options.numClasses;
  // The other side holds a value that is always class 0 after mapping: found by trying the raw values.
  const anchor = [...Array(400).keys()].find((v) => {
    try {
      const probe = new ConfusionMatrix(options);
      probe.update([v], [v]);
      return probe.get(0, 0) === 1;
    } catch {
      return false;
    }
  });
  if (anchor === undefined) throw new Error('no raw value maps to class 0');
  try {
    if (side === 'gt') m.update([anchor], [value]);
    else m.update([value], [anchor]);
  } catch {
    return 'invalid';
  }
  if (side === 'gt') {
    if (m.ignoredPixels === 1) return 'ignored';
    for (let k = 0; k < c; k++) if (m.get(k, 0) === 1) return k;
  } else {
    if (m.predictedIgnore[0] === 1) return 'ignored';
    for (let k = 0; k < c; k++) if (m.get(0, k) === 1) return k;
  }
  throw new Error('unclassified');
}

describe('displayLabels', () => {
  it('classifies every raw value exactly as the matrix counts it (mapping, reduce-zero-label, ignore labels)', () => {
    const setup = fc.record({
      numClasses: fc.integer({ min: 2, max: 6 }),
      ignoreIndex: fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 2 }),
      reduceZeroLabel: fc.boolean(),
      table: fc.dictionary(
        fc.integer({ min: 1, max: 12 }).map(String),
        fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 7 })),
        { maxKeys: 4 },
      ),
      applyTo: fc.constantFrom('both' as const, 'gt' as const),
      unmapped: fc.constantFrom('pass' as const, 'invalid' as const),
    });
    fc.assert(
      fc.property(
        setup,
        fc.integer({ min: 0, max: 14 }),
        fc.constantFrom('gt' as const, 'pred' as const),
        (s, value, side) => {
          const options: ConfusionMatrixOptions = {
            numClasses: s.numClasses,
            ignoreIndex: s.ignoreIndex,
            labelMapping: {
              table: s.table,
              reduceZeroLabel: s.reduceZeroLabel,
              applyTo: s.applyTo,
              unmapped: s.unmapped,
            },
          };
          let settings: ReturnType<typeof normalizeSettings>;
          let expected: number | 'ignored' | 'invalid';
          try {
            settings = normalizeSettings(options);
            expected = coreClass(options, value, side);
          } catch {
            return; // settings core refuses, or no raw value maps to class 0
          }
          const mapped = side === 'gt' || s.applyTo === 'both';
          const code = displayLabels([value], settings, mapped)[0];
          const c = s.numClasses;
          expect(code).toBe(expected === 'ignored' ? c : expected === 'invalid' ? c + 1 : expected);
          // The table path of 8- and 16-bit maps gives the same code, also for a value seen twice.
          if (Number.isInteger(value) && value >= 0 && value < 65536) {
            expect(displayLabels(Uint16Array.of(value, value), settings, mapped)).toEqual(
              Uint16Array.of(code!, code!),
            );
            if (value < 256) {
              expect(displayLabels(Uint8Array.of(value, value), settings, mapped)).toEqual(
                Uint16Array.of(code!, code!),
              );
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('errorStates', () => {
  it('marks correct, wrong (including predictions of ignored values) and ignored ground truth', () => {
    const gt = Uint16Array.from([0, 1, 2, 3, 3, 1]);
    const pred = Uint16Array.from([0, 2, 3, 3, 0, 3]);
    // class count 3: code 3 = ignored
    expect([...errorStates(pred, gt, 3)]).toEqual([0, 1, 1, 2, 2, 1]);
  });
});
