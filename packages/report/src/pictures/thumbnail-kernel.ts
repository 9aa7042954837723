import { THUMBNAIL_KERNEL_BYTES } from './thumbnail-kernel-bytes.js';

/** The subset of the WebAssembly JS API used here (the base tsconfig has no DOM or node types). */
export interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

/**
 * The instantiated thumbnail sampler (thumbnail-kernel.wat): compiled code from its first call, where
 * the same loop in JavaScript runs interpreted for most of the few dozen pairs a report draws.
 */
export interface ThumbnailKernel {
  /** Linear memory (grow it with `memory.grow`; views are invalid after a grow). */
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  /** See thumbnail-kernel.wat: returns the largest codes, `lg | lp << 8 | ls << 16`. */
  readonly sample: (
    g: number,
    p: number,
    stride: number,
    cols: number,
    w: number,
    h: number,
    y0: number,
    y1: number,
    c: number,
    up: number,
    out: number,
  ) => number;
}

/**
 * Instantiates the kernel through `api` (the realm's `WebAssembly`), or returns `null` when `api` is
 * missing, rejects the module or throws (e.g. a content security policy without `wasm-unsafe-eval`).
 */
export function createThumbnailKernel(api: WebAssemblyApi | undefined): ThumbnailKernel | null {
  if (api === undefined) return null;
  try {
    const bytes = Uint8Array.from(THUMBNAIL_KERNEL_BYTES);
    if (!api.validate(bytes)) return null;
    const { exports } = new api.Instance(new api.Module(bytes));
    return {
      memory: exports.memory as ThumbnailKernel['memory'],
      sample: exports.s as ThumbnailKernel['sample'],
    };
  } catch {
    return null;
  }
}

let kernel: ThumbnailKernel | null | undefined;

/** The realm's kernel ({@link createThumbnailKernel} of `globalThis.WebAssembly`), made on first use. */
export function thumbnailKernel(): ThumbnailKernel | null {
  if (kernel === undefined) {
    kernel = createThumbnailKernel((globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly);
  }
  return kernel;
}

const PAGE = 65536;
/**
 * Bytes of each map's sampled rows copied per kernel call (at least one row): fresh linear memory costs
 * ≈ 15 µs per 4 KiB page the first time it is touched on these VMs, more than sampling it.
 */
const BAND_BYTES = 1 << 15;
/** Linear memory the sampler may grow to (addresses stay positive i32s); larger work stays in JS. */
const MAX_MEMORY = 2 ** 30;
/** The two code tables, one byte per label value, at 0 and 256. */
const TABLES = 512;

/** Rounds up to a multiple of 64 (a cache line). */
const align = (n: number) => Math.ceil(n / 64) * 64;

/**
 * The paired sampling of `thumbnailCodePair` in the WebAssembly kernel: the sampled rows of both maps
 * (`rowStarts`, each `width` bytes) are copied into its memory a band of rows at a time with the code
 * tables and the columns, sampled there, and the codes, states and scanlines copied out into `outputs` (gt codes, pred codes,
 * states, then the three pictures' scanlines); the largest values go into `largest`. The same bytes as
 * the JavaScript loop (a test compares them on random maps). Returns false, writing nothing, when the
 * kernel is unavailable or the work does not fit its memory.
 */
export function samplePairWasm(
  kernel: ThumbnailKernel | null,
  g: Uint8Array,
  p: Uint8Array,
  width: number,
  gtTable: Uint16Array,
  predTable: Uint16Array,
  columns: Int32Array,
  rowStarts: Int32Array,
  c: number,
  filter: 0 | 2,
  outputs: readonly Uint8Array[],
  largest: Int32Array,
): boolean {
  if (kernel === null) return false;
  const w = columns.length;
  const h = rowStarts.length;
  const band = Math.max(1, Math.min(h, Math.floor(BAND_BYTES / width)));
  const cols = TABLES;
  const gRows = align(cols + 4 * w);
  const pRows = align(gRows + band * width);
  const out = align(pRows + band * width);
  const needed = out + 3 * w * h + 3 * h * (w + 1);
  const { memory } = kernel;
  if (memory.buffer.byteLength < needed) {
    if (needed > MAX_MEMORY) return false;
    try {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
    } catch {
      return false;
    }
  }
  const bytes = new Uint8Array(memory.buffer);
  // Codes reach C + 1 ≤ 255 here: one byte each.
  bytes.set(gtTable, 0);
  bytes.set(predTable, 256);
  new Int32Array(memory.buffer, cols, w).set(columns);
  const up = filter === 2 ? 1 : 0;
  let packed = 0;
  for (let y0 = 0; y0 < h; y0 += band) {
    const y1 = Math.min(h, y0 + band);
    for (let y = y0; y < y1; y++) {
      const start = rowStarts[y]!;
      bytes.set(g.subarray(start, start + width), gRows + (y - y0) * width);
      bytes.set(p.subarray(start, start + width), pRows + (y - y0) * width);
    }
    const largest = kernel.sample(gRows, pRows, width, cols, w, h, y0, y1, c, up, out);
    // Byte-wise maxima of the bands' packed maxima.
    packed =
      Math.max(packed & 0xff, largest & 0xff) |
      Math.max(packed & 0xff00, largest & 0xff00) |
      Math.max(packed & 0xff0000, largest & 0xff0000);
  }
  let at = out;
  for (const array of outputs) {
    array.set(bytes.subarray(at, at + array.length));
    at += array.length;
  }
  largest[0] = packed & 0xff;
  largest[1] = (packed >>> 8) & 0xff;
  largest[2] = (packed >>> 16) & 0xff;
  return true;
}
