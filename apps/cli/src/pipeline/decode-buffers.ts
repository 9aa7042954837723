import { DecodeBuffer } from '@segmetrics/io/node';

/**
 * The memory this thread decodes label maps into, reused from pair to pair: one buffer for the ground
 * truth, one for the prediction, one for Cityscapes instance ids. Decoded labels live only until they
 * are counted (or drawn, for the report's pictures, which are made after counting), and fresh memory
 * for every image costs page faults that exceed the inflate itself on some virtual machines (≈ 14 µs per 4 KiB page on the
 * Firecracker VMs of the benchmarks: 7 ms for a 2048×1024 map). Synchronous users only: a buffer's
 * labels are overwritten by its next decode.
 */
export const decodeBuffers = {
  gt: new DecodeBuffer(),
  pred: new DecodeBuffer(),
  instances: new DecodeBuffer(),
} as const;
