import { realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { usageError } from '../errors/usage-error.js';
import type { SampleLayout } from './generate-sample-dataset.js';

/** The real path `path` names, whether it exists or not: the real path of its nearest existing folder, plus the rest. */
async function realTarget(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(await realTarget(parent), basename(absolute));
  }
}

/**
 * Refuses (usage error, exit code 2) an output file of `demo` that the sample would be written over or
 * into — `-o out/gt/sample_000.png`, `--report out/classes.txt`, `--per-image out/pred/x.csv`, also
 * through a link to the folder — before the sample is written, since the files do not exist yet for the
 * evaluation's own checks to see. Other files in the `--out` folder (`-o out/report.json`) are fine.
 */
export async function checkOutputsOutsideSample(
  layout: SampleLayout,
  outputs: readonly (readonly [option: string, path: string | undefined])[],
): Promise<void> {
  const parts = [layout.gtDir, layout.predDir, layout.predBDir, layout.classesFile].filter(
    (part): part is string => part !== null,
  );
  const real = await Promise.all(parts.map(realTarget));
  for (const [option, path] of outputs) {
    if (path === undefined || path.trim() === '') continue;
    const target = await realTarget(path);
    const i = real.findIndex((part) => target === part || target.startsWith(`${part}${sep}`));
    if (i === -1) continue;
    const names = parts.map((part) => (part === layout.classesFile ? basename(part) : `${basename(part)}/`));
    const list = `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
    throw usageError(
      option,
      `${path} is part of the sample demo writes (${parts[i]}); choose a file outside its ${list}`,
      path,
    );
  }
}
