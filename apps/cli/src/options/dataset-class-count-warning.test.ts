import { describe, expect, it } from 'vitest';
import { datasetClassCountWarning } from './dataset-class-count-warning.js';

describe('datasetClassCountWarning', () => {
  it("warns when --num-classes overrides the preset's class count without --classes", () => {
    expect(datasetClassCountWarning({ dataset: 'cityscapes', numClasses: 4 })).toBe(
      "--num-classes 4 is not the cityscapes preset's 19 classes: its class names are not used (classes are named class_0 … class_3; give --classes FILE for names); its other defaults (ignore labels, label mapping, mask palette) still apply where no option replaces them",
    );
    expect(datasetClassCountWarning({ dataset: 'ade20k', numClasses: 1 })).toContain('named class_0;');
  });

  it('says nothing for the preset’s own count, with --classes, or without --dataset', () => {
    expect(datasetClassCountWarning({ dataset: 'cityscapes', numClasses: 19 })).toBeNull();
    expect(datasetClassCountWarning({ dataset: 'voc', classes: 'names.txt', numClasses: 4 })).toBeNull();
    expect(datasetClassCountWarning({ numClasses: 4 })).toBeNull();
  });
});
