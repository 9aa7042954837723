// README checks of the pack check: runnable example blocks and relative links.

/**
 * Code blocks fenced as ```ts runnable or ```js runnable (the word after the language marks a block that
 * the pack check runs from a folder where the packages are installed; GitHub and npm show it as plain
 * `ts`/`js`). Returns `{ lang, code, line }` for each, `line` being the fence's 1-based line number.
 */
export function extractRunnableBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(ts|typescript|js|javascript)\s+runnable\s*$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const body = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith(`${indent}${fence}`))
      body.push(lines[j++].slice(indent.length));
    if (j === lines.length) throw new Error(`README line ${i + 1}: the runnable block is not closed`);
    blocks.push({ lang: lang.startsWith('t') ? 'ts' : 'js', code: `${body.join('\n')}\n`, line: i + 1 });
    i = j;
  }
  return blocks;
}

/**
 * Link and image targets that are relative paths (`../../docs/x.md`, `images/a.png`): on npm they resolve
 * against npmjs.com and break. Anchors (`#api`), absolute URLs and `mailto:` are fine. Code blocks are
 * skipped.
 */
export function relativeLinks(markdown) {
  const prose = markdown
    .replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\2\s*$/gm, '')
    .replace(/`[^`\n]*`/g, '');
  const targets = [
    ...[...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    ...[...prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]),
    ...[...prose.matchAll(/\b(?:src|href)=["']([^"']+)["']/g)].map((m) => m[1]),
  ];
  return [...new Set(targets.filter((target) => !/^(#|[a-z][a-z0-9+.-]*:)/i.test(target)))];
}
