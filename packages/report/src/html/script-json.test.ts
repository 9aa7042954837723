import { describe, expect, it } from 'vitest';
import { scriptJson } from './script-json.js';

describe('scriptJson', () => {
  it('writes < as \\u003c so that no </script or <!-- survives, and parses to the same value', () => {
    const value = { names: ['</script><script>alert(1)</script>', '<!-- x -->', 'a<b', '</SCRIPT >'] };
    const text = scriptJson(JSON.stringify(value, null, 2));
    expect(text.toLowerCase()).not.toContain('</script');
    expect(text).not.toContain('<!--');
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('returns JSON without < byte for byte', () => {
    const json = '{\n  "a": [1, null],\n  "b": "x > y & z"\n}\n';
    expect(scriptJson(json)).toBe(json);
  });
});
