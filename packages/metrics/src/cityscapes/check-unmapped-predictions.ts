import { type ConfusionMatrixOptions, ErrorCode, type LabelArray, SegmetricsError } from '@segmetrics/core';

const cache = new WeakMap<object, Uint8Array>();

/** valid[v] = 1 when raw value v (0 … 65535) is a key of the mapping table. */
function validValues(
  table: NonNullable<NonNullable<ConfusionMatrixOptions['labelMapping']>['table']>,
): Uint8Array {
  let valid = cache.get(table);
  if (valid !== undefined) return valid;
  valid = new Uint8Array(65536);
  const keys = Array.isArray(table) ? table.map((_, raw) => raw) : Object.keys(table).map(Number);
  for (const raw of keys) if (Number.isInteger(raw) && raw >= 0 && raw < valid.length) valid[raw] = 1;
  cache.set(table, valid);
  return valid;
}

/**
 * Under `labelMapping.unmapped: 'invalid'` (the `cityscapes-labelids` preset), refuses a prediction value
 * that is not a key of the mapping table anywhere in the image — also where the ground truth is ignored,
 * which the counting skips (a trainId map's 255 on void pixels): `LABEL_OUT_OF_RANGE` with the side,
 * value and position, as the counting reports it elsewhere. cityscapesScripts fails there too (its
 * Python path with an IndexError). One pass over 8- and 16-bit maps; other arrays are left to the
 * counting. Call it before `ConfusionMatrix.update` (the CLI and the web app both do, so that they refuse
 * the same files).
 */
export function checkUnmappedPredictions(
  options: ConfusionMatrixOptions,
  prediction: LabelArray,
  width: number,
  sampleId: string,
): void {
  const mapping = options.labelMapping;
  if (mapping?.unmapped !== 'invalid' || mapping.applyTo === 'gt' || mapping.table === undefined) return;
  if (!(prediction instanceof Uint8Array || prediction instanceof Uint16Array)) return;
  const valid = validValues(mapping.table);
  for (let i = 0; i < prediction.length; i++) {
    if (valid[prediction[i]!] === 1) continue;
    const value = prediction[i]!;
    const x = width > 0 ? i % width : i;
    const y = width > 0 ? Math.floor(i / width) : 0;
    throw new SegmetricsError(
      ErrorCode.LABEL_OUT_OF_RANGE,
      `prediction label ${value} at pixel ${i} (x=${x}, y=${y}) is not in the label mapping table (labelMapping.unmapped: 'invalid') in sample "${sampleId}"`,
      { context: { side: 'prediction', value, index: i, x, y, sampleId, unmapped: true } },
    );
  }
}
