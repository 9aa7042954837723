import { expect, it } from 'vitest';
import { byteArraysModule } from './byte-arrays-module.js';

it('byteArraysModule writes each array as a literal, 24 bytes a line, under the header', () => {
  const bytes = Uint8Array.from({ length: 30 }, (_, i) => i * 8);
  const source = byteArraysModule(
    ['Generated.', 'Do not edit.'],
    [{ name: 'A', doc: 'The A bytes.', bytes }],
  );
  const lines = source.split('\n');
  expect(lines.slice(0, 5)).toEqual([
    '// Generated.',
    '// Do not edit.',
    '/* biome-ignore-all format: generated */',
    '',
    '/** The A bytes. */',
  ]);
  expect(lines[6]!.split(', ')).toHaveLength(24);
  const values = source
    .slice(source.indexOf('[') + 1, source.indexOf(']'))
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  expect(values.map(Number)).toEqual(Array.from(bytes));
});
