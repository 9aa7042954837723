// Runs cityscapesScripts' evalPixelLevelSemanticLabeling.py (a checkout of mcordts/cityscapesScripts, not
// installed: on PYTHONPATH) on Cityscapes-format data with /usr/bin/python3 (numpy, PIL), in its pure-
// Python path (the Cython module is not compiled in a plain checkout). cityscapesscripts.helpers imports
// pyquaternion for 3D boxes only; when it is missing, a stub module in a temporary folder stands in.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PYTHON = '/usr/bin/python3';

function pythonPath(checkout) {
  const probe = spawnSync(PYTHON, ['-c', 'import pyquaternion'], { encoding: 'utf8' });
  if (probe.status === 0) return checkout;
  const stub = mkdtempSync(join(tmpdir(), 'pyquaternion-stub-'));
  writeFileSync(join(stub, 'pyquaternion.py'), 'class Quaternion:\n    pass\n');
  return `${checkout}:${stub}`;
}

/**
 * cityscapesScripts' own main() with one change: the ground-truth files sorted (segmetrics' canonical
 * order) instead of in `glob` (file system) order. Everything else is its code: getPrediction pairs the
 * files, evaluateImgLists counts and writes the JSON.
 */
const SORTED_MAIN = `
import glob
from cityscapesscripts.evaluation import evalPixelLevelSemanticLabeling as e
gt = sorted(glob.glob(e.args.groundTruthSearch))
e.evaluateImgLists([e.getPrediction(e.args, g) for g in gt], gt, e.args)
`;

/**
 * Evaluates `root` (gtFine/val/<city>/…, results/…) with cityscapesScripts — its command as is
 * (`order: 'glob'`, images in file system order) or with the images sorted by path (`'sorted'`) —
 * and returns the text of its resultPixelLevelSemanticLabeling.json, its stdout, and its wall and CPU
 * (user + sys) seconds.
 */
export function runCityscapesScripts(checkout, root, order = 'glob') {
  const exportDir = join(root, `cityscapesScripts-out-${order}`);
  mkdirSync(exportDir, { recursive: true });
  const command =
    order === 'sorted'
      ? ['-c', SORTED_MAIN]
      : ['-m', 'cityscapesscripts.evaluation.evalPixelLevelSemanticLabeling'];
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S', PYTHON, ...command], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: {
      ...process.env,
      PYTHONPATH: pythonPath(checkout),
      CITYSCAPES_DATASET: root,
      CITYSCAPES_RESULTS: join(root, 'results'),
      CITYSCAPES_EXPORT_DIR: exportDir,
    },
  });
  if (result.status !== 0) throw new Error(`cityscapesScripts failed:\n${result.stdout}\n${result.stderr}`);
  const [wall, user, sys] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  const text = readFileSync(join(exportDir, 'resultPixelLevelSemanticLabeling.json'), 'utf8');
  return { text, stdout: result.stdout, wall, cpu: user + sys };
}
