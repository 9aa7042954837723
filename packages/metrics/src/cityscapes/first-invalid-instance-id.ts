import { labelById } from './internal/label-sets.js';

/**
 * The first value of an instance-id map (`*_gtFine_instanceIds.png`) that cityscapesScripts cannot
 * evaluate, or `undefined`: an id > 1000 whose labelId ⌊id / 1000⌋ is not a label (> 33), or is an
 * evaluated label without instances (e.g. 7001, "road #1"). Ids ≤ 1000 (plain labelIds and group
 * regions) and instances of ignored labels are valid. Scans the map once.
 */
export function firstInvalidCityscapesInstanceId(ids: ArrayLike<number>): number | undefined {
  const valid = new Uint8Array(66);
  for (let labelId = 0; labelId < valid.length; labelId++) {
    const label = labelById(labelId);
    valid[labelId] = label !== undefined && (label.hasInstances || label.ignoreInEval) ? 1 : 0;
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id <= 1000) continue;
    const labelId = Math.floor(id / 1000);
    if (!(labelId < valid.length && valid[labelId] === 1)) return id;
  }
  return undefined;
}
