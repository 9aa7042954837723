// Encodes benchmark images with explicit row filters through the package's own writer.
import { encodeColorizedPng, encodeLabelPng } from '../dist/index.js';

const FILTERS = { adaptive: 'adaptive', up: 2, paeth: 4 };

export function encodePngForBench(labels, width, height, format, encoder) {
  const filter = FILTERS[encoder];
  if (format === 'gray16') return encodeLabelPng(labels, width, height, { bitDepth: 16, filter });
  if (format === 'gray8')
    return encodeLabelPng(Uint8Array.from(labels), width, height, { bitDepth: 8, filter });
  return encodeColorizedPng({ data: Uint8Array.from(labels), width, height }, [], { filter });
}
