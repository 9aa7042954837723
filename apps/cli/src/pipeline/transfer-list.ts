/**
 * The buffers `postMessage` may move instead of copying: the `ArrayBuffer` of every typed array in
 * `value` (recursively through arrays and plain objects) that owns its whole buffer, each once. A typed
 * array viewing part of a larger buffer is left to be copied (moving it would detach the rest).
 */
export function transferList(value: unknown): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const visit = (item: unknown): void => {
    if (typeof item !== 'object' || item === null) return;
    if (ArrayBuffer.isView(item)) {
      const { buffer } = item;
      if (buffer instanceof ArrayBuffer && item.byteOffset === 0 && item.byteLength === buffer.byteLength) {
        buffers.add(buffer);
      }
      return;
    }
    if (Array.isArray(item)) {
      for (const element of item) visit(element);
      return;
    }
    for (const key of Object.keys(item)) visit((item as Record<string, unknown>)[key]);
  };
  visit(value);
  return [...buffers];
}
