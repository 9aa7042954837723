import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const IMPORT = /^(?:import|export)\s+(?:(?!type\b)[^;]*?from\s+)?'([^']+)'/gms;

/**
 * The packages a TypeScript entry point loads when it is imported: the bare specifiers of its static
 * `import … from` and `export … from` declarations and side-effect `import '…'`, following relative imports (`./x.js` is read as
 * `./x.ts`). `import type` and dynamic `import()` load nothing at start-up and are not followed. For
 * tests that keep an entry point light (e.g. "this module loads no PNG decoder").
 */
export function staticImports(entryFile: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
  };
  visit(entryFile);
  return packages;
}
