import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { byteArraysModule } from '@segmetrics/test-utils';
import { expect, it } from 'vitest';
import { boundaryKernelModuleBytes } from './wasm-boundary-kernel.js';
import { BOUNDARY_KERNEL_BYTES, PAIR_KERNEL_BYTES, SHORT_KERNEL_BYTES } from './wasm-kernel-bytes.js';
import { pairKernelModuleBytes, shortKernelModuleBytes } from './wasm-pair-kernel.js';

const FILE = fileURLToPath(new URL('./wasm-kernel-bytes.ts', import.meta.url));

/** The source of wasm-kernel-bytes.ts for the emitters' current output. */
function generated(): string {
  return byteArraysModule(
    [
      'Generated from the emitters in wasm-pair-kernel.ts (pairKernelModuleBytes, shortKernelModuleBytes) and',
      'wasm-boundary-kernel.ts (boundaryKernelModuleBytes) by',
      '`UPDATE_WASM_BYTES=1 pnpm vitest run src/internal/wasm-kernel-bytes.test.ts`; that test fails when they',
      'differ. Loading the bytes costs less than emitting them at start-up (≈ 5 ms of cold JavaScript per thread).',
    ],
    [
      {
        name: 'PAIR_KERNEL_BYTES',
        doc: "The 8-bit pair-histogram kernel's WebAssembly module (see `pairKernelModuleBytes`).",
        bytes: pairKernelModuleBytes(),
      },
      {
        name: 'SHORT_KERNEL_BYTES',
        doc: "The 16-bit kernel's WebAssembly module (see `shortKernelModuleBytes`).",
        bytes: shortKernelModuleBytes(),
      },
      {
        name: 'BOUNDARY_KERNEL_BYTES',
        doc: "The Boundary IoU row pass's WebAssembly module (see `boundaryKernelModuleBytes`).",
        bytes: boundaryKernelModuleBytes(),
      },
    ],
  );
}

it("the WebAssembly kernels loaded at start-up are the emitters' output, byte for byte", () => {
  if (process.env.UPDATE_WASM_BYTES === '1') writeFileSync(FILE, generated());
  expect(Uint8Array.from(PAIR_KERNEL_BYTES)).toEqual(pairKernelModuleBytes());
  expect(Uint8Array.from(SHORT_KERNEL_BYTES)).toEqual(shortKernelModuleBytes());
  expect(Uint8Array.from(BOUNDARY_KERNEL_BYTES)).toEqual(boundaryKernelModuleBytes());
  expect(readFileSync(FILE, 'utf8')).toBe(generated());
});
