import { describe, expect, it } from 'vitest';
import { findStateOverlap } from './find-state-overlap.js';

describe('findStateOverlap', () => {
  it('findStateOverlap returns null for states with disjoint images, and for no state', () => {
    expect(findStateOverlap([])).toBeNull();
    expect(
      findStateOverlap([
        { file: 'a.json', sampleIds: ['img_000', 'img_001'] },
        { file: 'b.json', sampleIds: ['img_002'] },
        { file: 'c.json', sampleIds: [] },
      ]),
    ).toBeNull();
  });

  it('findStateOverlap names the first image counted twice, the later file and the earlier one', () => {
    expect(
      findStateOverlap([
        { file: 'x.json', sampleIds: ['img_000', 'img_001', 'img_002', 'img_003'] },
        { file: 'other.json', sampleIds: ['img_100'] },
        { file: 'y.json', sampleIds: ['img_004', 'img_002', 'img_000'] },
      ]),
    ).toEqual({ sampleId: 'img_002', file: 'y.json', otherFile: 'x.json' });
  });

  it('findStateOverlap does not take an id repeated within one state for an overlap between states', () => {
    // A state never lists an id twice (its matrix refuses it); the check is between files only.
    expect(findStateOverlap([{ file: 'a.json', sampleIds: ['img_000', 'img_000'] }])).toBeNull();
  });
});
