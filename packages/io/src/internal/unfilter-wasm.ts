import { ErrorCode } from '@segmetrics/core';
import { ioError } from './errors.js';
import { type WasmUnfilterKernel, wasmUnfilterKernel } from './wasm-unfilter-kernel.js';

/** Filtered bytes copied into linear memory per kernel call (several rows, at least one). */
const BLOCK_BYTES = 1 << 18;
/** Room before the previous-row slot and between the regions (nothing is read or written there). */
const GAP = 64;
const PAGE = 65536;
/** Linear memory the kernel may grow to (addresses stay positive i32s). */
const MAX_MEMORY = 2 ** 30;

/**
 * Undoes the PNG row filters of a non-interlaced image (or one Adam7 pass) in place with the
 * WebAssembly SIMD kernel: same contract and results as {@link unfilterInPlace} (`buf` holds `height`
 * rows of `1 + rowBytes` bytes; on return its first `height × rowBytes` bytes are the unfiltered rows).
 * Blocks of rows are copied into the kernel's linear memory, unfiltered there next to the previous
 * output row, and copied back in place (output row y never overtakes unread input). Returns false,
 * touching nothing, when the kernel is unavailable (no WebAssembly SIMD) or rows are too long for its
 * memory (over ~500 MiB, or linear memory cannot grow): the caller uses the JS path.
 * An invalid filter type is `DECODE_FAILED` naming the row.
 */
export function unfilterWasm(
  buf: Uint8Array,
  rowBytes: number,
  height: number,
  bpp: number,
  file?: string,
  kernel: WasmUnfilterKernel | null = wasmUnfilterKernel(),
): boolean {
  if (kernel === null) return false;
  const stride = rowBytes + 1;
  const rowsPerBlock = Math.max(1, Math.min(height, Math.floor(BLOCK_BYTES / stride)));
  const prev = GAP;
  const out = prev + rowBytes;
  const input = out + rowsPerBlock * rowBytes + GAP;
  const needed = input + rowsPerBlock * stride + GAP;
  const { memory } = kernel;
  if (memory.buffer.byteLength < needed) {
    // Rows so long that two of them do not fit comfortably in linear memory: leave them to JS.
    if (needed > MAX_MEMORY) return false;
    try {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
    } catch {
      return false;
    }
  }
  const bytes = new Uint8Array(memory.buffer);
  bytes.fill(0, prev, out); // the row above the first row is zeros
  for (let y = 0; y < height; y += rowsPerBlock) {
    const rows = Math.min(rowsPerBlock, height - y);
    bytes.set(buf.subarray(y * stride, (y + rows) * stride), input);
    const bad = kernel.unfilter(input, out, rowBytes, rows, bpp);
    if (bad >= 0) {
      const row = y + bad;
      const filter = buf[row * stride]!;
      throw ioError(ErrorCode.DECODE_FAILED, file, `invalid PNG filter type ${filter} on row ${row}`, {
        row,
        filter,
      });
    }
    buf.set(bytes.subarray(out, out + rows * rowBytes), y * rowBytes);
    bytes.copyWithin(prev, out + (rows - 1) * rowBytes, out + rows * rowBytes);
  }
  return true;
}
