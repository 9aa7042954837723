import { describe, expect, it } from 'vitest';
import { repeatedJsonKey } from './repeated-json-key.js';

describe('repeatedJsonKey', () => {
  it('finds a key the top-level object repeats, after unescaping, and nothing else', () => {
    expect(repeatedJsonKey('{"1": 3, "2": 4, "1": 2}')).toBe('1');
    expect(repeatedJsonKey('{"#960000": 3, "#96000\\u0030": 2}')).toBe('#960000');
    expect(repeatedJsonKey('{"a": {"b": 1, "b": 2}, "c": [ {"a": 1} ], "d": "a,\\"a\\""}')).toBeNull();
    expect(repeatedJsonKey('{"a": "}", "b": "{\\"a\\": 1}", "a": 0}')).toBe('a');
    expect(repeatedJsonKey('[{"a": 1}, {"a": 2}]')).toBeNull();
    expect(repeatedJsonKey('{}')).toBeNull();
  });
});
