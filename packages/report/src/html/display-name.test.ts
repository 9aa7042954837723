import { describe, expect, it } from 'vitest';
import { displayName, nameHtml } from './display-name.js';

describe('displayName', () => {
  it('displayName writes every bidirectional control visibly and keeps every other character', () => {
    const controls = [
      0x61c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
    ];
    for (const code of controls) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      expect(displayName(`a${String.fromCharCode(code)}b`)).toBe(`a⟨U+${hex}⟩b`);
    }
    expect(displayName('\u202Etxt.gnp')).toBe('⟨U+202E⟩txt.gnp');
    expect(displayName('שלום road 日本 \u200B <&>')).toBe('שלום road 日本 \u200B <&>');
  });

  it('nameHtml escapes the displayed name for HTML', () => {
    expect(nameHtml('<b>\u2067x</b>')).toBe('&lt;b&gt;⟨U+2067⟩x&lt;/b&gt;');
  });
});
