import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error.js';
import { ExitCode } from './exit-code.js';

describe('describeError', () => {
  it('maps usage codes to exit code 2 and asks for the usage', () => {
    for (const code of [ErrorCode.INVALID_OPTION, ErrorCode.UNKNOWN_METRIC, ErrorCode.UNKNOWN_PRESET]) {
      const d = describeError(new SegmetricsError(code, 'bad'));
      expect(d.exitCode).toBe(ExitCode.USAGE);
      expect(d.usage).toBe(true);
    }
  });

  it('maps evaluation failures to exit code 1 with the message on one line', () => {
    const d = describeError(new SegmetricsError(ErrorCode.SHAPE_MISMATCH, 'a.png: 2×2\nvs 3×3'));
    expect(d.exitCode).toBe(ExitCode.FAILED);
    expect(d.message).toBe('a.png: 2×2 vs 3×3');
    expect(d.hint).toBeDefined();
    expect(d.usage).toBe(false);
  });

  it('reports unexpected errors as internal errors with exit code 1', () => {
    const d = describeError(new TypeError('x is undefined'));
    expect(d.exitCode).toBe(ExitCode.FAILED);
    expect(d.message).toContain('unexpected error');
  });
});
