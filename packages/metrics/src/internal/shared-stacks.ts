import type { ConfusionMatrix } from '@segmetrics/core';
import type { StackCache } from './stacked-units.js';

/** Per matrix: its stacks, for the revision they were built at, held weakly. */
const shared = new WeakMap<
  ConfusionMatrix,
  { readonly revision: number; readonly stacks: WeakRef<StackCache> }
>();

/**
 * The image stacks of `matrix` at its current revision, shared by every evaluation of it until it changes
 * (`evaluate` then `comparePresets`, as a report does, stack the per-image counts once: 14 MB of fresh
 * memory at 2,000 images × 150 classes). Held by a `WeakRef`: kept at least until the current job ends
 * (so a report's evaluations run one after the other share them), then only while an engine uses them.
 */
export function sharedStacks(matrix: ConfusionMatrix): StackCache {
  const entry = shared.get(matrix);
  const cached = entry !== undefined && entry.revision === matrix.revision ? entry.stacks.deref() : undefined;
  if (cached !== undefined) return cached;
  const stacks: StackCache = new Map();
  shared.set(matrix, { revision: matrix.revision, stacks: new WeakRef(stacks) });
  return stacks;
}
