import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { pairingDifference } from '../pipeline/pairing-options.js';
import type { LoadedState } from '../pipeline/state-file.js';

/**
 * Refuses states whose files were paired with different options (`--pred-suffix _A.png` in one,
 * `_B.png` in another: two models' files of one folder), naming the option, both values and both files.
 * States of older versions record no pairing and are not compared. `INCOMPATIBLE_SETTINGS` (exit 1).
 */
export function assertSamePairing(states: readonly LoadedState[]): void {
  const recorded = states.filter((s) => s.state.source.pairing !== undefined);
  const first = recorded[0];
  if (first === undefined) return;
  for (const other of recorded.slice(1)) {
    const difference = pairingDifference(first.state.source.pairing!, other.state.source.pairing!);
    if (difference === null) continue;
    const [a, b] = difference.values;
    throw new SegmetricsError(
      ErrorCode.INCOMPATIBLE_SETTINGS,
      `${other.file} paired its files with ${difference.option} ${b}, but ${first.file} with ${difference.option} ${a}: the merged counts would mix two pairings (e.g. two models' files in one folder)`,
      {
        context: {
          file: other.file,
          otherFile: first.file,
          setting: `source.pairing.${difference.option.slice(2)}`,
          values: [a, b],
          hint: 'count every shard with the same pairing options (--gt-suffix, --pred-suffix, --gt-pattern, --pred-pattern, --match-by)',
        },
      },
    );
  }
}
