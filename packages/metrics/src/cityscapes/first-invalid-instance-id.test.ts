import { describe, expect, it } from 'vitest';
import { firstInvalidCityscapesInstanceId } from './first-invalid-instance-id.js';

describe('firstInvalidCityscapesInstanceId', () => {
  it('accepts labelIds, group regions and instances of labels with instances (ignored ones too)', () => {
    expect(
      firstInvalidCityscapesInstanceId(Uint16Array.of(0, 7, 26, 1000, 24000, 26003, 29001, 33999)),
    ).toBeUndefined();
    expect(firstInvalidCityscapesInstanceId([0, 7, 26, 1000, 24000, 26003, 29001, 33999])).toBeUndefined();
  });

  it('returns the first instance id whose label has no instances or is not a label', () => {
    expect(firstInvalidCityscapesInstanceId(Uint16Array.of(7, 26000, 7001, 34000))).toBe(7001);
    expect(firstInvalidCityscapesInstanceId(Uint16Array.of(7, 34000))).toBe(34000);
    expect(firstInvalidCityscapesInstanceId(Int32Array.of(7, 100000))).toBe(100000);
    expect(firstInvalidCityscapesInstanceId([1001, 8001])).toBe(8001);
  });
});
