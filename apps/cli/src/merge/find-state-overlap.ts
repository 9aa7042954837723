/** The images a state file counted, by id. */
export interface CountedState {
  readonly file: string;
  readonly sampleIds: readonly string[];
}

/** An image counted in two state files: `file` is the later one in the order given, `otherFile` the earlier. */
export interface StateOverlap {
  readonly sampleId: string;
  readonly file: string;
  readonly otherFile: string;
}

/**
 * The first image (in the order the states are given, then their update order) that more than one
 * state counted, with both files; null when no image is counted twice. States that record no image
 * ids (`sampleIds` empty) never overlap here.
 */
export function findStateOverlap(states: readonly CountedState[]): StateOverlap | null {
  const countedIn = new Map<string, string>();
  for (const state of states) {
    for (const id of state.sampleIds) {
      const other = countedIn.get(id);
      if (other !== undefined) return { sampleId: id, file: state.file, otherFile: other };
    }
    for (const id of state.sampleIds) countedIn.set(id, state.file);
  }
  return null;
}
