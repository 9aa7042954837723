import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { byteArraysModule } from '@segmetrics/test-utils';
import { expect, it } from 'vitest';
import wabt from 'wabt';
import { THUMBNAIL_KERNEL_BYTES } from './thumbnail-kernel-bytes.js';

const FILE = fileURLToPath(new URL('./thumbnail-kernel-bytes.ts', import.meta.url));
const SOURCE = fileURLToPath(new URL('./thumbnail-kernel.wat', import.meta.url));

/** thumbnail-kernel.wat compiled by wabt (the WebAssembly Binary Toolkit). */
async function compiled(): Promise<Uint8Array> {
  const module = (await wabt()).parseWat('thumbnail-kernel.wat', readFileSync(SOURCE, 'utf8'));
  try {
    return Uint8Array.from(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

/** The source of thumbnail-kernel-bytes.ts for these bytes. */
function generated(bytes: Uint8Array): string {
  return byteArraysModule(
    [
      'Compiled from thumbnail-kernel.wat by wabt:',
      '`UPDATE_WASM_BYTES=1 pnpm vitest run src/pictures/thumbnail-kernel-bytes.test.ts`; that test fails',
      'when they differ. The package ships the bytes, not the compiler.',
    ],
    [{ name: 'THUMBNAIL_KERNEL_BYTES', doc: "The thumbnail sampler's WebAssembly module.", bytes }],
  );
}

it('the WebAssembly thumbnail sampler is thumbnail-kernel.wat compiled, byte for byte', async () => {
  const bytes = await compiled();
  if (process.env.UPDATE_WASM_BYTES === '1') writeFileSync(FILE, generated(bytes));
  expect(Uint8Array.from(THUMBNAIL_KERNEL_BYTES)).toEqual(bytes);
  expect(readFileSync(FILE, 'utf8')).toBe(generated(bytes));
});
