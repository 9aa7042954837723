import { labelById } from './internal/label-sets.js';

/** valid[id] = 1 when instance id `id` (0 … 65535) can be evaluated; built on first use. */
let validIds: Uint8Array | null = null;

function validIdTable(): Uint8Array {
  if (validIds !== null) return validIds;
  const table = new Uint8Array(65536);
  for (let id = 0; id < table.length; id++) {
    const label = id <= 1000 ? undefined : labelById(Math.floor(id / 1000));
    table[id] = id <= 1000 || (label !== undefined && (label.hasInstances || label.ignoreInEval)) ? 1 : 0;
  }
  validIds = table;
  return table;
}

/**
 * The first value of an instance-id map (`*_gtFine_instanceIds.png`) that cityscapesScripts cannot
 * evaluate, or `undefined`: an id > 1000 whose labelId ⌊id / 1000⌋ is not a label (> 33), or is an
 * evaluated label without instances (e.g. 7001, "road #1"). Ids ≤ 1000 (plain labelIds and group
 * regions) and instances of ignored labels are valid. One pass with a lookup table.
 */
export function firstInvalidCityscapesInstanceId(ids: ArrayLike<number>): number | undefined {
  const valid = validIdTable();
  if (ids instanceof Uint16Array || ids instanceof Uint8Array) {
    for (let i = 0; i < ids.length; i++) if (valid[ids[i]!] === 0) return ids[i];
    return undefined;
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id > 1000 && !(id < 65536 && valid[id] === 1)) return id;
  }
  return undefined;
}
