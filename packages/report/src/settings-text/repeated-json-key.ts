/**
 * The first key that the top-level object of a JSON text names twice, or null (also for a text that is
 * not an object). `JSON.parse` keeps the last of repeated keys without a word, so a settings file whose
 * key appears twice would silently lose an entry: readers check with this first. Keys are compared after
 * unescaping (`"a"` and `"\u0061"` are one key). Assumes the text parses as JSON.
 */
export function repeatedJsonKey(text: string): string | null {
  const seen = new Set<string>();
  let depth = 0;
  // At depth 1, the string after `{` or `,` is a key.
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (depth === 1 && expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (seen.has(key)) return key;
        seen.add(key);
        expectKey = false;
      }
      i = end;
    } else if (ch === '{' || ch === '[') {
      depth++;
      expectKey = ch === '{' && depth === 1;
    } else if (ch === '}' || ch === ']') {
      depth--;
    } else if (ch === ',' && depth === 1) {
      expectKey = true;
    }
  }
  return null;
}
