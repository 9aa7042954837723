import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { staticImports } from './static-imports.js';

it('staticImports follows static relative imports and re-exports, not types or dynamic imports', () => {
  const root = mkdtempSync(join(tmpdir(), 'static-imports-'));
  mkdirSync(join(root, 'sub'));
  writeFileSync(
    join(root, 'entry.ts'),
    [
      "import { a } from './sub/a.js';",
      "import type { T } from 'types-only';",
      "export { b } from './b.js';",
      "export {\n  c,\n  d,\n} from 'multi-line';",
      "const lazy = () => import('lazy-package');",
    ].join('\n'),
  );
  writeFileSync(join(root, 'sub', 'a.ts'), "import * as zlib from 'node:zlib';\nimport '../c.js';\n");
  writeFileSync(join(root, 'c.ts'), "import 'from-c';\n");
  writeFileSync(join(root, 'b.ts'), "import { x } from 'from-b';\nexport type { Y } from 'type-export';\n");
  expect([...staticImports(join(root, 'entry.ts'))].sort()).toEqual([
    'from-b',
    'from-c',
    'multi-line',
    'node:zlib',
  ]);
});
