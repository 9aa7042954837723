import { type ConfusionMatrix, ErrorCode, type LabelArray, SegmetricsError } from '@segmetrics/core';
import { readLabelMapSync } from '@segmetrics/io/node';
import { firstInvalidCityscapesInstanceId } from '@segmetrics/metrics';
import { decodeBuffers } from '../pipeline/decode-buffers.js';

/**
 * Reads one `*_gtFine_instanceIds.png` (16-bit: `labelId * 1000 + k` for instances, plain labelIds
 * elsewhere) for the image of size `width` × `height`; a size mismatch is `SHAPE_MISMATCH` naming the file.
 * The ids are decoded into the thread's instance buffer: valid until the next call (they are counted at
 * once, with the pair's predictions).
 */
export function readInstanceIds(path: string, width: number, height: number): LabelArray {
  const map = readLabelMapSync(path, { file: path, into: decodeBuffers.instances });
  if (map.width !== width || map.height !== height) {
    throw new SegmetricsError(
      ErrorCode.SHAPE_MISMATCH,
      `${path}: instance ids are ${map.width}×${map.height} but the ground truth is ${width}×${height}`,
      {
        context: {
          file: path,
          side: 'instances',
          size: [map.width, map.height],
          groundTruthSize: [width, height],
        },
      },
    );
  }
  return map.data;
}

/**
 * Checks the instances the matrix found in image `sampleId` (read from `path`): an instance id
 * cityscapesScripts cannot evaluate — its labelId is not a label, or a label without instances, such as
 * 7001 — is `LABEL_OUT_OF_RANGE` naming the file. Looks at the image's instance list only (a few dozen
 * ids), not at its pixels.
 */
export function checkInstanceIds(matrix: ConfusionMatrix, sampleId: string, path: string): void {
  const stats = matrix.imageStats.find((image) => image.sampleId === sampleId);
  const bad = firstInvalidCityscapesInstanceId((stats?.instances ?? []).map((instance) => instance.id));
  if (bad === undefined) return;
  throw new SegmetricsError(
    ErrorCode.LABEL_OUT_OF_RANGE,
    `${path}: instance id ${bad} names labelId ${Math.floor(bad / 1000)}, which has no instances (ids above 1000 are labelId × 1000 + k for person, rider, car, truck, bus, caravan, trailer, train, motorcycle, bicycle)`,
    { context: { file: path, side: 'instances', value: bad, sampleId } },
  );
}
