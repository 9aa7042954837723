/** One exported array of {@link byteArraysModule}. */
export interface ByteArrayExport {
  /** The exported constant's name. */
  readonly name: string;
  /** Its TSDoc line. */
  readonly doc: string;
  readonly bytes: Uint8Array;
}

/**
 * The source of a generated TypeScript module that exports byte arrays as number-array literals, 24
 * bytes a line, under `header` (comment lines, without the `//`), formatting left alone by Biome. For
 * stored WebAssembly modules whose test regenerates them and fails when they differ from their emitter.
 */
export function byteArraysModule(header: readonly string[], arrays: readonly ByteArrayExport[]): string {
  const list = (bytes: Uint8Array): string => {
    const lines: string[] = [];
    for (let i = 0; i < bytes.length; i += 24)
      lines.push(`  ${Array.from(bytes.subarray(i, i + 24)).join(', ')},`);
    return lines.join('\n');
  };
  const body = arrays.map(
    ({ name, doc, bytes }) => `/** ${doc} */\nexport const ${name} = [\n${list(bytes)}\n];\n`,
  );
  return `${header.map((line) => `// ${line}`).join('\n')}\n/* biome-ignore-all format: generated */\n\n${body.join('\n')}`;
}
