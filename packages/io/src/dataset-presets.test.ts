import { ConfusionMatrix, ErrorCode } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { colorLookup } from './color-palette.js';
import { cityscapesLabelIdToTrainId, datasetPresets, getDatasetPreset } from './dataset-presets.js';

describe('datasetPresets', () => {
  it('datasetPresets.cityscapes lists the 19 cityscapesScripts train classes with their colours', () => {
    const preset = datasetPresets.cityscapes;
    expect(preset.numClasses).toBe(19);
    expect(preset.classNames).toHaveLength(19);
    expect(preset.classNames[0]).toBe('road');
    expect(preset.classNames[18]).toBe('bicycle');
    expect(preset.colors[13]).toEqual([0, 0, 142]); // car
    expect(preset.ignoreIndex).toEqual([255]);
    expect(preset.labelMapping).toBeUndefined();
  });

  it('cityscapesLabelIdToTrainId maps labelIds 0…33 to trainIds, void ids to 255', () => {
    expect(Object.keys(cityscapesLabelIdToTrainId)).toHaveLength(34);
    expect(cityscapesLabelIdToTrainId[7]).toBe(0); // road
    expect(cityscapesLabelIdToTrainId[26]).toBe(13); // car
    expect(cityscapesLabelIdToTrainId[33]).toBe(18); // bicycle
    expect(cityscapesLabelIdToTrainId[0]).toBe(255);
    const trainIds = new Set(Object.values(cityscapesLabelIdToTrainId).filter((v) => v !== 255));
    expect(trainIds.size).toBe(19);
    expect(datasetPresets['cityscapes-labelids'].labelMapping?.table).toBe(cityscapesLabelIdToTrainId);
  });

  it('datasetPresets cityscapes-labelids refuses values that are not labelIds (a trainId file)', () => {
    const preset = datasetPresets['cityscapes-labelids'];
    expect(preset.labelMapping?.unmapped).toBe('invalid');
    const matrix = new ConfusionMatrix({
      numClasses: preset.numClasses,
      ignoreIndex: preset.ignoreIndex,
      ...(preset.labelMapping === undefined ? {} : { labelMapping: preset.labelMapping }),
    });
    matrix.update([7, 26], [7, 0]);
    expect(() => matrix.update([7, 7], [7, 255])).toThrow(
      expect.objectContaining({ code: ErrorCode.LABEL_OUT_OF_RANGE }) as Error,
    );
  });

  it('datasetPresets.ade20k has 150 names and colours and reduces the zero label', () => {
    const preset = datasetPresets.ade20k;
    expect([preset.classNames.length, preset.colors.length]).toEqual([150, 150]);
    expect([preset.classNames[0], preset.classNames[7], preset.classNames[149]]).toEqual([
      'wall',
      'bed',
      'flag',
    ]);
    expect(preset.reduceZeroLabel).toBe(true);
    expect(preset.labelMapping?.reduceZeroLabel).toBe(true);
  });

  it('datasetPresets.voc has 21 classes coloured by the VOC colour map', () => {
    const preset = datasetPresets.voc;
    expect(preset.classNames).toHaveLength(21);
    expect(preset.colors[0]).toEqual([0, 0, 0]);
    expect(preset.colors[15]).toEqual([192, 128, 128]); // person
    expect(preset.ignoreIndex).toEqual([255]);
  });
});

describe('getDatasetPreset', () => {
  it('getDatasetPreset finds presets case-insensitively and rejects unknown names with UNKNOWN_PRESET', () => {
    expect(getDatasetPreset('VOC')).toBe(datasetPresets.voc);
    expect(() => getDatasetPreset('coco')).toThrowError(expect.objectContaining({ code: 'UNKNOWN_PRESET' }));
  });

  it('getDatasetPreset looks up own names only: __proto__, constructor and toString are unknown presets listing the known names', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', ' __PROTO__ ']) {
      expect(() => getDatasetPreset(name), name).toThrowError(
        expect.objectContaining({
          code: 'UNKNOWN_PRESET',
          context: expect.objectContaining({ known: ['cityscapes', 'cityscapes-labelids', 'ade20k', 'voc'] }),
        }),
      );
    }
    expect(Object.getPrototypeOf(datasetPresets)).toBeNull();
    expect((datasetPresets as Record<string, unknown>).constructor).toBeUndefined();
    expect(Object.isFrozen(datasetPresets)).toBe(true);
  });
});

describe('DatasetPreset.maskPalette', () => {
  it('maps the VOC class colours to 0 … 20 and the border colour (224, 224, 192) to 255', () => {
    const lookup = colorLookup(getDatasetPreset('voc').maskPalette!);
    expect(lookup.size).toBe(22);
    expect(lookup.get((128 << 16) | 0 | 0)).toBe(1); // aeroplane
    expect(lookup.get((224 << 16) | (224 << 8) | 192)).toBe(255);
  });

  it('maps Cityscapes colour masks to trainIds, void colours to 255, and to labelIds for cityscapes-labelids', () => {
    const train = colorLookup(getDatasetPreset('cityscapes').maskPalette!);
    expect(train.get((128 << 16) | (64 << 8) | 128)).toBe(0); // road
    expect(train.get((119 << 16) | (11 << 8) | 32)).toBe(18); // bicycle
    expect(train.get(0)).toBe(255); // unlabeled / ego vehicle / static
    expect(train.get((81 << 16) | 81)).toBe(255); // ground
    const ids = colorLookup(getDatasetPreset('cityscapes-labelids').maskPalette!);
    expect(ids.get((128 << 16) | (64 << 8) | 128)).toBe(7);
    expect(ids.get(0)).toBe(0);
  });

  it('is absent for ADE20K, whose colour list gives two classes one colour', () => {
    expect(getDatasetPreset('ade20k').maskPalette).toBeUndefined();
  });
});
