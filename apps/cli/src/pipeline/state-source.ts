import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PairingOptions } from './pairing-options.js';

/**
 * Where a state's files were read from, and how they were paired. This version records the folders as
 * absolute real paths (links resolved); states of older versions hold them as typed (possibly relative
 * to the folder the run was started in) and have no `pairing`.
 */
export interface StateSource {
  readonly gt: string | null;
  readonly pred: string | null;
  /** `--gt-instances` (Cityscapes iIoU), when given. */
  readonly gtInstances?: string;
  /** The pairing options (absent in states of older versions). */
  readonly pairing?: PairingOptions;
}

/** A folder as the file it really is (resolved against the working folder), or resolved when missing. */
export async function realFolder(path: string): Promise<string> {
  return realpath(resolve(path)).catch(() => resolve(path));
}

/** `source` as a state records it: every folder an absolute real path. */
export async function absoluteSource(source: StateSource): Promise<StateSource> {
  return {
    gt: source.gt === null ? null : await realFolder(source.gt),
    pred: source.pred === null ? null : await realFolder(source.pred),
    ...(source.gtInstances === undefined ? {} : { gtInstances: await realFolder(source.gtInstances) }),
    ...(source.pairing === undefined ? {} : { pairing: source.pairing }),
  };
}
