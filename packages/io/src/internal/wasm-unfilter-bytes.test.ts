import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { byteArraysModule } from '@segmetrics/test-utils';
import { expect, it } from 'vitest';
import { UNFILTER_KERNEL_BYTES } from './wasm-unfilter-bytes.js';
import { unfilterKernelModuleBytes } from './wasm-unfilter-kernel.js';

const FILE = fileURLToPath(new URL('./wasm-unfilter-bytes.ts', import.meta.url));

/** The source of wasm-unfilter-bytes.ts for the emitter's current output. */
function generated(): string {
  return byteArraysModule(
    [
      'Generated from the emitter in wasm-unfilter-kernel.ts (unfilterKernelModuleBytes) by',
      '`UPDATE_WASM_BYTES=1 pnpm vitest run src/internal/wasm-unfilter-bytes.test.ts`; that test fails when',
      'they differ. Loading the bytes costs less than emitting them at start-up (≈ 9 ms of cold JavaScript).',
    ],
    [
      {
        name: 'UNFILTER_KERNEL_BYTES',
        doc: "The unfilter kernel's WebAssembly module (see `unfilterKernelModuleBytes`).",
        bytes: unfilterKernelModuleBytes(),
      },
    ],
  );
}

it("the WebAssembly unfilter kernel loaded at start-up is the emitter's output, byte for byte", () => {
  if (process.env.UPDATE_WASM_BYTES === '1') writeFileSync(FILE, generated());
  expect(Uint8Array.from(UNFILTER_KERNEL_BYTES)).toEqual(unfilterKernelModuleBytes());
  expect(readFileSync(FILE, 'utf8')).toBe(generated());
});
