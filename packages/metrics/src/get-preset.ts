import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { type Preset, presets } from './presets.js';

/**
 * The compatibility preset with this name (an own property of {@link presets}, so `'constructor'` or
 * `'__proto__'` are unknown names). Throws `UNKNOWN_PRESET` listing the known names otherwise.
 */
export function getPreset(name: string): Preset {
  if (typeof name === 'string' && Object.hasOwn(presets, name)) return presets[name as keyof typeof presets];
  const known = Object.keys(presets);
  throw new SegmetricsError(
    ErrorCode.UNKNOWN_PRESET,
    `unknown preset ${JSON.stringify(name)}; known: ${known.join(', ')}`,
    { context: { value: name, known } },
  );
}
