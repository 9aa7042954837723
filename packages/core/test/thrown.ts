import { SegmetricsError } from '../src/errors/segmetrics-error.js';

/** The `SegmetricsError` that `fn` throws (any other error is rethrown; no error fails the test). */
export function thrown(fn: () => unknown): SegmetricsError {
  try {
    fn();
  } catch (error) {
    if (SegmetricsError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a SegmetricsError');
}
