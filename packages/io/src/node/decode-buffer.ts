/** A {@link DecodeBuffer} above this many bytes is not kept for the next decode. */
const KEEP_BYTES = 256 * 2 ** 20;

/**
 * Memory that decodes reuse (`readLabelMapSync(path, { into })`, `decodePngFast(bytes, { into })`): the
 * decoded labels are a view of this buffer, valid until its next use. A loop that decodes, counts and
 * moves on allocates nothing once the buffer has grown to the largest image, which also spares the
 * page faults that fresh memory costs (on some virtual machines several times the cost of inflating
 * the image). Use one buffer per label map that must stay alive at the same time (e.g. one for the
 * ground truth, one for the prediction); copy the data (`data.slice()`) to keep it.
 */
export class DecodeBuffer {
  #bytes = new Uint8Array(0);

  /**
   * A view of `size` bytes of this buffer's memory (grown, to at least double, when too small; a request
   * above 256 MiB gets fresh memory that is not kept). Its content is unspecified.
   */
  take(size: number): Uint8Array {
    if (size > KEEP_BYTES) return new Uint8Array(size);
    if (this.#bytes.length < size) {
      this.#bytes = new Uint8Array(Math.min(KEEP_BYTES, Math.max(size, 2 * this.#bytes.length)));
    }
    return this.#bytes.subarray(0, size);
  }
}
