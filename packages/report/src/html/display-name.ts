import { escapeHtml } from './escape-html.js';

/**
 * The Unicode bidirectional controls (the `Bidi_Control` property): ALM U+061C, LRM U+200E, RLM U+200F,
 * the embeddings and overrides U+202A–U+202E and the isolates U+2066–U+2069.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * A class or file name as the report page shows it: every Unicode bidirectional control written
 * visibly as `⟨U+202E⟩`, so that no name can reorder its own characters or the text around it (the
 * right-to-left override in `‮txt.gnp` would otherwise display it as `png.txt`). Other characters are
 * kept; the embedded JSON keeps the true name. Not HTML-escaped.
 *
 * @example displayName('\u202Etxt.gnp'); // '⟨U+202E⟩txt.gnp'
 */
export function displayName(name: string): string {
  return name.replace(
    BIDI_CONTROLS,
    (ch) => `⟨U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}

/** {@link displayName}, HTML-escaped: for element content and quoted attribute values. */
export function nameHtml(name: string): string {
  return escapeHtml(displayName(name));
}
