/**
 * Which kernel counted the most recent image, for tests, benchmarks and the browser check: knowing that
 * a platform took the WebAssembly path (or fell back) is otherwise invisible, since every kernel gives
 * the same counts.
 *
 * - `'wasm-simd-8bit'` / `'js-8bit'`: the 256 × 256 raw pair histogram of two 8-bit maps (at least
 *   32,768 pixels), counted by the WebAssembly SIMD kernel or its JavaScript fallback.
 * - `'wasm-simd-16bit'` / `'js-16bit'`: the slot histogram of two 16-bit maps (`Uint16Array` or
 *   `Int16Array` on both sides), WebAssembly SIMD or JavaScript.
 * - `'general'`: lookup tables over any other mix of array kinds (small 8-bit maps, 8-bit against
 *   16-bit, `Int32Array`, plain arrays).
 * - `'reference'`: the per-pixel loop that also runs when a map holds an invalid value (it finds the
 *   first one and throws).
 */
export type CountKernel =
  | 'wasm-simd-8bit'
  | 'js-8bit'
  | 'wasm-simd-16bit'
  | 'js-16bit'
  | 'general'
  | 'reference';

let last: CountKernel | null = null;

/** Records the kernel that is counting (called by the counting code only). */
export function noteCountKernel(kernel: CountKernel): void {
  last = kernel;
}

/**
 * Diagnostic: the kernel that counted the most recent non-empty `ConfusionMatrix#update` in this realm
 * (main thread, worker or page), or `null` before the first one. See {@link CountKernel}.
 */
export function lastCountKernel(): CountKernel | null {
  return last;
}
