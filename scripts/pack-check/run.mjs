#!/usr/bin/env node
// Pack check (`pnpm test:pack`, run by .ci/run): installs the packages as npm users get them.
//
// 1. `pnpm pack` for every publishable workspace package (found from pnpm-workspace.yaml; private ones
//    skipped) and checks each tarball: LICENSE, README, repository/homepage/bugs, no test files or
//    snapshots, every `exports`/`bin` target present, no `workspace:` range, no relative README link.
// 2. `npm install` of the tarballs (plus @types/node) into an empty temporary folder.
// 3. From there, under the current Node: the CLI (`npx segmetrics --version`, `segmetrics demo`,
//    `segmetrics eval --format json` on a generated dataset, compared with a naive count), every README
//    block fenced as ```ts runnable (or ```js runnable), `require()` of every entry point (require(esm)),
//    and a strict TypeScript consumer importing every entry point, with `moduleResolution` `nodenext` and
//    `bundler` and `skipLibCheck: false`.
// 4. The CLI checks again under the oldest Node versions `engines` admits (Node binaries come from the
//    npm packages node-<platform>-<arch>, cached in node_modules/.cache/segmetrics-pack-check).
//
// Needs the packages built (`pnpm turbo run build`) and the npm registry (or a warm npm cache) for the
// packages' own dependencies. Reports as tests: scripts/pack-check/.test-results.json, counted by
// scripts/test-totals.mjs; exits 1 when a check fails. `--keep` keeps the temporary folder.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assert, createSuite } from '../lib/check-suite.mjs';
import { expectedReport, makeDatasets } from './dataset.mjs';
import { compareVersions, parseRange, versionsToCheck } from './node-range.mjs';
import { extractRunnableBlocks, relativeLinks } from './readme.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const keep = process.argv.includes('--keep');
/** Later LTS lines whose first release is checked too (22.0–22.1 lacked APIs that 20.15 has). */
const LATER_LINES = ['22.0.0', '24.0.0'];
const COMMAND_TIMEOUT_MS = 120_000;

const suite = createSuite('pack check', join(here, '.test-results.json'));
const timings = [];
const work = mkdtempSync(join(tmpdir(), 'segmetrics-pack-check-'));
const tarballDir = join(work, 'tarballs');
const unpackedDir = join(work, 'unpacked');
const consumer = join(work, 'consumer');
for (const dir of [tarballDir, unpackedDir, consumer]) mkdirSync(dir, { recursive: true });
console.log(`pack check in ${work} (Node ${process.version})`);

// ---------------------------------------------------------------------------------------------------
// Helpers

/** The environment of a user's shell: no npm/pnpm variables inherited from a `pnpm run` parent. */
function userEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|pnpm_|PNPM_|INIT_CWD$|NODE_OPTIONS$)/i.test(key)) env[key] = value;
  }
  return {
    ...env,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_loglevel: 'error',
    NO_COLOR: '1',
    ...extra,
  };
}

/** Runs a command; resolves `{ stdout, stderr }` or rejects with its exit code and output tail. */
function run(command, args, { cwd = consumer, env = userEnv(), timeout = COMMAND_TIMEOUT_MS } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve({ stdout, stderr });
        return;
      }
      const tail = `${stdout.slice(-1500)}${stderr.slice(-3000)}`.trim();
      reject(
        new Error(
          `\`${[command, ...args].join(' ')}\` ${signal ? `was killed (${signal})` : `exited with ${code}`}:\n${tail}`,
        ),
      );
    });
  });
}

async function timed(label, fn) {
  const start = Date.now();
  try {
    return await fn();
  } finally {
    timings.push(`${label} ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Workspace package folders from pnpm-workspace.yaml (`dir/*` patterns). */
function workspacePackageDirs() {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const dirs = [];
  for (const [, pattern] of yaml.matchAll(/^\s*-\s*['"]?([^'"\s]+)['"]?\s*$/gm)) {
    assert(/^[\w.-]+\/\*$/.test(pattern), `pnpm-workspace.yaml pattern ${pattern} is not of the form dir/*`);
    const base = join(root, pattern.slice(0, -2));
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base).sort()) {
      if (existsSync(join(base, name, 'package.json'))) dirs.push(join(base, name));
    }
  }
  return dirs;
}

/** Every file an `exports` map points to (conditions flattened), plus `bin` targets. */
function declaredTargets(pkg) {
  const targets = new Set();
  const walk = (value) => {
    if (typeof value === 'string') targets.add(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v);
  };
  walk(pkg.exports);
  walk(pkg.bin);
  for (const key of ['main', 'types', 'module']) if (pkg[key]) walk(pkg[key]);
  return [...targets];
}

/** Entry points a consumer can import: `name` + each `exports` key but `./package.json`. */
function entryPoints(pkg) {
  const keys = pkg.exports && typeof pkg.exports === 'object' ? Object.keys(pkg.exports) : ['.'];
  return keys
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`));
}

// ---------------------------------------------------------------------------------------------------
// 1. Pack

const packages = await suite.test('finds the publishable packages in pnpm-workspace.yaml', () => {
  const found = [];
  for (const dir of workspacePackageDirs()) {
    const pkg = readJson(join(dir, 'package.json'));
    if (pkg.private) continue;
    found.push({ dir, rel: relative(root, dir), pkg });
  }
  assert(found.length > 0, 'no publishable package found');
  for (const { rel } of found) {
    assert(existsSync(join(root, rel, 'dist')), `${rel}/dist is missing: run \`pnpm turbo run build\` first`);
  }
  console.log(`    ${found.map(({ pkg }) => pkg.name).join(', ')}`);
  return found;
});

// The oldest Node versions `engines` admits; their binaries download while everything else runs.

/**
 * `bin/node` of Node `version` from the npm package node-<platform>-<arch>, kept in
 * `$XDG_CACHE_HOME/segmetrics-pack-check` (default ~/.cache) so that fresh clones reuse it.
 */
async function nodeBinary(version) {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: run by `node` directly, never as a turbo task.
  const cacheRoot = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const cache = join(
    cacheRoot,
    'segmetrics-pack-check',
    `node-${version}-${process.platform}-${process.arch}`,
  );
  const binary = join(cache, 'package', 'bin', 'node');
  if (existsSync(binary)) return binary;
  const start = Date.now();
  const download = `${cache}.download-${process.pid}`;
  mkdirSync(download, { recursive: true });
  try {
    const name = `node-${process.platform}-${process.arch}@${version}`;
    const { stdout } = await run(
      'npm',
      ['pack', name, '--prefer-offline', '--pack-destination', download, '--json'],
      {
        cwd: download,
        timeout: 300_000,
      },
    );
    await run('tar', ['-xzf', JSON.parse(stdout)[0].filename, 'package/bin/node'], { cwd: download });
    rmSync(join(download, JSON.parse(stdout)[0].filename), { force: true });
    rmSync(cache, { recursive: true, force: true });
    renameSync(download, cache);
  } finally {
    rmSync(download, { recursive: true, force: true });
    timings.push(`Node ${version} download ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
  return binary;
}

const oldVersions = await suite.test('finds the oldest Node versions engines admits', () => {
  assert(packages, 'no packages');
  const ranges = [...new Set(packages.map(({ pkg }) => pkg.engines?.node))];
  const versions = new Set(
    packages.flatMap(({ pkg }) => versionsToCheck(pkg.engines?.node, pkg.name, LATER_LINES)),
  );
  const sorted = [...versions].sort(compareVersions);
  console.log(`    engines ${ranges.join(', ')} → Node ${sorted.join(', ')}`);
  return sorted;
});
const nodeBinaries = new Map(
  (oldVersions ?? []).map((version) => {
    const promise = nodeBinary(version);
    promise.catch(() => {}); // awaited (and reported) by its test
    return [version, promise];
  }),
);

const packed = await suite.test('pnpm pack writes a tarball of every publishable package', () =>
  timed('pack', async () => {
    assert(packages, 'no packages');
    const filters = packages.flatMap(({ pkg }) => ['--filter', pkg.name]);
    const { stdout } = await run(
      'pnpm',
      ['-r', ...filters, 'pack', '--pack-destination', tarballDir, '--json'],
      {
        cwd: root,
        env: process.env,
      },
    );
    const infos = JSON.parse(stdout.slice(stdout.indexOf('[')));
    return Promise.all(
      packages.map(async ({ rel, pkg }) => {
        const info = infos.find((i) => i.name === pkg.name);
        assert(info, `pnpm pack wrote no tarball for ${pkg.name}`);
        const unpacked = join(unpackedDir, pkg.name.replace('/', '__'));
        mkdirSync(unpacked, { recursive: true });
        await run('tar', ['-xzf', info.filename, '-C', unpacked, '--strip-components=1'], { cwd: work });
        return { rel, pkg, tarball: info.filename, files: info.files.map((f) => f.path), unpacked };
      }),
    );
  }),
);

const TEST_FILE =
  /(^|\/)(__snapshots__|__tests__|__fixtures__|test|tests|fixtures)\/|\.(test|spec|bench)\.[cm]?[jt]sx?(\.map)?$|\.snap$/;
const license = readFileSync(join(root, 'LICENSE'), 'utf8');
const HOME = 'https://github.com/segmetrics/segmetrics';

for (const entry of packed ?? []) {
  const { rel, pkg, files, unpacked } = entry;
  await suite.test(
    `${pkg.name} tarball: LICENSE, README, every export and bin target, no test file or snapshot`,
    () => {
      assert(files.includes('LICENSE'), `no LICENSE in the tarball (files: ${files.join(', ')})`);
      assert(
        readFileSync(join(unpacked, 'LICENSE'), 'utf8') === license,
        'LICENSE differs from the root LICENSE',
      );
      assert(files.includes('README.md'), 'no README.md in the tarball');
      const tests = files.filter((file) => TEST_FILE.test(file));
      assert(tests.length === 0, `test files or snapshots in the tarball: ${tests.join(', ')}`);
      const packedPkg = readJson(join(unpacked, 'package.json'));
      const missing = declaredTargets(packedPkg).filter((target) => !files.includes(target));
      assert(
        missing.length === 0,
        `exports/bin/main/types point to files not in the tarball: ${missing.join(', ')}`,
      );
      console.log(
        `    ${files.length} files, ${(readFileSync(entry.tarball).length / 1024).toFixed(0)} KiB packed`,
      );
    },
  );
  await suite.test(
    `${pkg.name} package.json: license, repository, homepage, bugs, engines, no workspace: range`,
    () => {
      const packedPkg = readJson(join(unpacked, 'package.json'));
      assert(packedPkg.license === 'MIT', `license is ${packedPkg.license}`);
      const repo = packedPkg.repository;
      assert(
        repo?.type === 'git' && repo.url === `git+${HOME}.git` && repo.directory === rel,
        `repository is ${JSON.stringify(repo)}; expected { type: 'git', url: 'git+${HOME}.git', directory: '${rel}' }`,
      );
      assert(packedPkg.homepage?.startsWith(`${HOME}/`), `homepage is ${packedPkg.homepage}`);
      assert(packedPkg.bugs?.url === `${HOME}/issues`, `bugs is ${JSON.stringify(packedPkg.bugs)}`);
      parseRange(packedPkg.engines?.node, pkg.name);
      const ranges = ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) =>
        Object.entries(packedPkg[field] ?? {}).map(([name, range]) => `${name}@${range}`),
      );
      const workspace = ranges.filter((range) => range.includes('workspace:'));
      assert(workspace.length === 0, `unresolved workspace ranges: ${workspace.join(', ')}`);
    },
  );
  await suite.test(`${pkg.name} README: no relative link (they break on npm)`, () => {
    const links = relativeLinks(readFileSync(join(unpacked, 'README.md'), 'utf8'));
    assert(links.length === 0, `relative links: ${links.join(', ')}; link to ${HOME}/blob/main/... instead`);
  });
}

// ---------------------------------------------------------------------------------------------------
// 2. Install into an empty folder, as a user would.

const rootPkg = readJson(join(root, 'package.json'));
const installed = await suite.test('npm install of the tarballs into an empty folder', () =>
  timed('npm install', async () => {
    assert(packed, 'no tarballs');
    writeFileSync(
      join(consumer, 'package.json'),
      `${JSON.stringify({ name: 'segmetrics-pack-check-consumer', private: true, type: 'module' }, null, 2)}\n`,
    );
    const typesNode = `@types/node@${rootPkg.devDependencies['@types/node']}`;
    await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', ...packed.map((p) => p.tarball), typesNode],
      {
        timeout: 300_000,
      },
    );
    for (const { pkg } of packed) {
      const copy = readJson(join(consumer, 'node_modules', pkg.name, 'package.json'));
      assert(copy.version === pkg.version, `${pkg.name} installed at ${copy.version}, packed ${pkg.version}`);
    }
    return true;
  }),
);

// Datasets for the CLI and the README examples, written with the installed @segmetrics/io.
const datasets = await suite.test('the installed @segmetrics/io writes the check datasets', async () => {
  assert(installed, 'not installed');
  const requireFromConsumer = createRequire(join(consumer, 'package.json'));
  const io = await import(pathToFileURL(requireFromConsumer.resolve('@segmetrics/io')).href);
  return makeDatasets(io, consumer);
});

// ---------------------------------------------------------------------------------------------------
// 3. The CLI (under any Node), README examples, require(), TypeScript.

const cliPkg = packed?.find(({ pkg }) => pkg.bin);

/**
 * CLI checks under the `node` first on PATH of `env` (`version`, checked). Through npx under the current
 * Node; older ones run the installed bin directly (npx is the current npm's, which needs a newer Node).
 */
async function cliChecks(version, env, { npx }) {
  const label = `Node ${version}`;
  const bin = join(consumer, 'node_modules', '.bin');
  const pathEnv = { ...env, PATH: `${bin}${delimiter}${env.PATH}` };
  await suite.test(
    `${label}: ${npx ? 'npx ' : ''}segmetrics --version prints the packed version`,
    async () => {
      assert(installed && cliPkg, 'the CLI is not installed');
      const { stdout: node } = await run('node', ['--version'], { env: pathEnv });
      assert(node.trim() === `v${version}`, `\`node\` on PATH is ${node.trim()}, expected v${version}`);
      const { stdout } = npx
        ? await run('npx', ['--no', '--', 'segmetrics', '--version'], { env: pathEnv })
        : await run('segmetrics', ['--version'], { env: pathEnv });
      assert(
        stdout.trim() === cliPkg.pkg.version,
        `printed ${JSON.stringify(stdout.trim())}, packed ${cliPkg.pkg.version}`,
      );
    },
  );
  await suite.test(`${label}: segmetrics demo generates and evaluates its sample`, async () => {
    assert(installed && cliPkg, 'the CLI is not installed');
    const { stdout } = await run('segmetrics', ['demo'], { env: pathEnv });
    assert(/^mIoU \d+\.\d+/m.test(stdout), `no mIoU line in the demo's output:\n${stdout.slice(0, 1500)}`);
  });
  await suite.test(`${label}: segmetrics eval --format json (2 workers) matches a naive count`, async () => {
    assert(installed && cliPkg && datasets, 'the CLI or the dataset is missing');
    const { gt, pred, numClasses, ignoreIndex } = datasets.evalSet;
    const args = ['eval', '--gt', gt, '--pred', pred, '-n', String(numClasses)];
    args.push('--ignore-index', String(ignoreIndex), '--workers', '2', '--format', 'json');
    const { stdout } = await run('segmetrics', args, { env: pathEnv });
    const report = JSON.parse(stdout);
    const expected = expectedReport(datasets.evalSet);
    assert(report.images === expected.images, `images ${report.images}, expected ${expected.images}`);
    assert(
      report.pixels.counted === expected.counted && report.pixels.ignored === expected.ignored,
      `pixels ${JSON.stringify(report.pixels)}, expected counted ${expected.counted}, ignored ${expected.ignored}`,
    );
    for (const [k, iou] of expected.iou.entries()) {
      const actual = report.perClass[k].iou;
      const same = iou === null ? actual === null : Math.abs(actual - iou) <= 1e-12;
      assert(same, `class ${k}: IoU ${actual}, expected ${iou}`);
    }
    assert(
      Math.abs(report.summary.mIoU - expected.mIoU) <= 1e-12,
      `mIoU ${report.summary.mIoU}, expected ${expected.mIoU}`,
    );
  });
}

// README examples: every ```ts runnable block of every packed README, written as consumer files so
// that the TypeScript checks below cover them too.
const examples = [];
const examplesDir = join(consumer, 'examples');
mkdirSync(examplesDir, { recursive: true });
await suite.test('every library README has a runnable example (```ts runnable)', () => {
  assert(packed, 'no tarballs');
  const without = [];
  for (const { pkg, unpacked } of packed) {
    const blocks = extractRunnableBlocks(readFileSync(join(unpacked, 'README.md'), 'utf8'));
    for (const [i, block] of blocks.entries()) {
      const base = `${pkg.name.replace(/^@/, '').replace('/', '-')}-${i + 1}`;
      const source = join(examplesDir, `${base}.${block.lang}`);
      writeFileSync(source, block.code);
      examples.push({ pkg, ...block, index: i + 1, base });
    }
    // A package with a `bin` is checked through its command instead.
    if (blocks.length === 0 && !pkg.bin) without.push(pkg.name);
  }
  assert(without.length === 0, `no \`\`\`ts runnable block in the README of ${without.join(', ')}`);
});

// Both TypeScript checks start now and run while the CLI and the examples do.
const typescriptPackage = createRequire(join(root, 'package.json'));
const tscRuns = {};
for (const resolution of ['nodenext', 'bundler']) {
  tscRuns[resolution] = (async () => {
    const start = Date.now();
    try {
      assert(installed && packed, 'not installed');
      const entries = packed.flatMap(({ pkg }) => entryPoints(pkg));
      const file = join(consumer, 'entry-points.ts');
      if (!existsSync(file)) {
        const lines = entries.map((entry, i) => `import * as entry${i} from '${entry}';`);
        lines.push(
          `export const entryPoints: readonly object[] = [${entries.map((_, i) => `entry${i}`).join(', ')}];`,
        );
        writeFileSync(file, `${lines.join('\n')}\n`);
      }
      const compilerOptions = {
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        target: 'ES2022',
        types: ['node'],
        ...(resolution === 'nodenext'
          ? { module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'] }
          : { module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'] }),
      };
      const config = join(consumer, `tsconfig.${resolution}.json`);
      const include = ['entry-points.ts', 'examples/*.ts'];
      writeFileSync(config, `${JSON.stringify({ compilerOptions, include }, null, 2)}\n`);
      await run(process.execPath, [typescriptPackage.resolve('typescript/bin/tsc'), '-p', config]);
      return { entries };
    } catch (error) {
      return { error };
    } finally {
      timings.push(`tsc ${resolution} ${((Date.now() - start) / 1000).toFixed(1)} s`);
    }
  })();
}

await timed(`CLI on Node ${process.versions.node}`, () =>
  cliChecks(
    process.versions.node,
    userEnv({ PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}` }),
    { npx: true },
  ),
);

await timed('README examples', async () => {
  const ts = typescriptPackage('typescript');
  for (const example of examples) {
    await suite.test(
      `${example.pkg.name} README example ${example.index} (line ${example.line}) runs`,
      async () => {
        assert(installed && datasets, 'not installed');
        const js =
          example.lang === 'ts'
            ? ts.transpileModule(example.code, {
                compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
              }).outputText
            : example.code;
        const runnable = join(examplesDir, `${example.base}.mjs`);
        writeFileSync(runnable, js);
        await run(process.execPath, [runnable], { cwd: datasets.examplesCwd });
      },
    );
  }
});

await suite.test(`require() loads every entry point from CommonJS on Node ${process.version}`, async () => {
  assert(installed && packed, 'not installed');
  const [major, minor] = process.versions.node.split('.').map(Number);
  const supported = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23;
  const entries = packed.flatMap(({ pkg }) => entryPoints(pkg));
  const script = join(consumer, 'require-check.cjs');
  const lines = entries.map(
    (e) =>
      `if (Object.keys(require(${JSON.stringify(e)})).length === 0) throw new Error('${e}: no exports');`,
  );
  writeFileSync(script, `${lines.join('\n')}\n`);
  if (supported) await run(process.execPath, [script]);
  else console.log(`    Node ${process.version} has no require(esm): the README says to use import() there`);
});

for (const resolution of ['nodenext', 'bundler']) {
  await suite.test(
    `a strict TypeScript consumer type-checks every entry point and README example (moduleResolution ${resolution}, skipLibCheck false)`,
    async () => {
      const { error, entries } = await tscRuns[resolution];
      if (error) throw error;
      console.log(`    ${entries.join(', ')} + ${examples.filter((e) => e.lang === 'ts').length} examples`);
    },
  );
}

// ---------------------------------------------------------------------------------------------------
// 4. The oldest Node versions `engines` admits: the CLI checks only. (Their binaries were fetched
// while the steps above ran.)

for (const version of oldVersions ?? []) {
  const binary = await suite.test(`Node ${version}: the binary from npm runs`, async () => {
    const path = await nodeBinaries.get(version);
    const { stdout } = await run(path, ['--version']);
    assert(stdout.trim() === `v${version}`, `it printed ${stdout.trim()}`);
    return path;
  });
  if (!binary) continue;
  await timed(`CLI on Node ${version}`, () =>
    cliChecks(version, userEnv({ PATH: `${dirname(binary)}${delimiter}${process.env.PATH}` }), {
      npx: false,
    }),
  );
}

// ---------------------------------------------------------------------------------------------------

console.log(`  timings: ${timings.join(', ')}`);
if (!keep) rmSync(work, { recursive: true, force: true });
// Exit now: a handle left open by a failed check (a server, a browser) must not keep CI waiting.
process.exit(suite.finish());
