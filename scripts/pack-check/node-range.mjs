// The small part of semver that `engines.node` fields use, to pick the Node versions the pack check
// runs the CLI under.
import { assert } from '../lib/check-suite.mjs';

/** Orders `X.Y.Z` versions. */
export function compareVersions(a, b) {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/**
 * An `engines.node` range as alternatives (`||`) of comparator sets (`[op, 'X.Y.Z']`, all must hold):
 * `>=`, `>`, `<=`, `<`, `^`, `~` and plain versions (`20` = 20.x, `20.1` = 20.1.x). Anything else
 * throws naming the package.
 */
export function parseRange(range, name) {
  assert(typeof range === 'string' && range.trim() !== '', `${name}: no engines.node`);
  return range.split('||').map((alternative) =>
    alternative
      .trim()
      .split(/\s+/)
      .flatMap((part) => {
        const match = /^(>=|>|<=|<|\^|~|=)?v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(part);
        assert(
          match,
          `${name}: cannot read engines.node ${JSON.stringify(range)} (at ${JSON.stringify(part)})`,
        );
        const [, op = '=', major, minor, patch] = match;
        const version = [major, minor ?? '0', patch ?? '0'].join('.');
        const nextMajor = `${Number(major) + 1}.0.0`;
        const nextMinor = `${major}.${Number(minor ?? 0) + 1}.0`;
        if (op === '^')
          return [
            ['>=', version],
            ['<', nextMajor],
          ];
        if (op === '~')
          return [
            ['>=', version],
            ['<', minor === undefined ? nextMajor : nextMinor],
          ];
        if (op === '=' && minor === undefined)
          return [
            ['>=', version],
            ['<', nextMajor],
          ];
        if (op === '=' && patch === undefined)
          return [
            ['>=', version],
            ['<', nextMinor],
          ];
        return [[op, version]];
      }),
  );
}

const TESTS = {
  '>=': (c) => c >= 0,
  '>': (c) => c > 0,
  '<=': (c) => c <= 0,
  '<': (c) => c < 0,
  '=': (c) => c === 0,
};

/** True when `version` satisfies the parsed range. */
export function admits(alternatives, version) {
  return alternatives.some((set) => set.every(([op, bound]) => TESTS[op](compareVersions(version, bound))));
}

/**
 * The Node versions to run the CLI under for `range`: the oldest version each alternative admits
 * (`>=20` → 20.0.0; `^20.19.0 || >=22.12` → 20.19.0 and 22.12.0) and those of `laterLines` (first
 * releases of later lines, e.g. 22.0.0) that the range admits, sorted.
 */
export function versionsToCheck(range, name, laterLines = []) {
  const alternatives = parseRange(range, name);
  const oldest = alternatives.map((set) => {
    const lower = set.filter(([op]) => op === '>=' || op === '=').map(([, v]) => v);
    assert(lower.length > 0, `${name}: engines.node ${JSON.stringify(range)} has no inclusive lower bound`);
    return lower.sort(compareVersions).at(-1);
  });
  const versions = new Set([...oldest, ...laterLines.filter((v) => admits(alternatives, v))]);
  return [...versions].sort(compareVersions);
}
