/**
 * A result that does not cover the whole dataset (`merge --allow-partial`): shards without a state and
 * states of interrupted runs. The report's `settings.partial` (null or absent for a complete result).
 */
export interface ReportPartial {
  /** 1-based numbers of the shards no state was given for. */
  readonly missingShards: readonly number[];
  /** The shard count of the merged states (null: unsharded states). */
  readonly shardCount: number | null;
  /** State files of runs that were interrupted before counting all their pairs. */
  readonly interruptedStates: readonly string[];
  /** Images merged, and images a complete run would count (null when unknown). */
  readonly images: number;
  readonly expectedImages: number | null;
}

/**
 * One line saying what a partial result lacks, the same in every view (the table's `PARTIAL` line, the
 * Markdown banner, the HTML report's banner): `partial result: 20 of 30 images (missing shard 2 of 3)`.
 */
export function describePartial(partial: ReportPartial): string {
  const parts: string[] = [];
  if (partial.missingShards.length > 0) {
    const s = partial.missingShards.length === 1 ? '' : 's';
    parts.push(`missing shard${s} ${partial.missingShards.join(', ')} of ${partial.shardCount}`);
  }
  if (partial.interruptedStates.length > 0) {
    parts.push(`interrupted: ${partial.interruptedStates.join(', ')}`);
  }
  const of = partial.expectedImages === null ? '' : ` of ${partial.expectedImages}`;
  return `partial result: ${partial.images}${of} images (${parts.join('; ')})`;
}
