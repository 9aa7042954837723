import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from 'fast-png';
import { afterEach, describe, expect, it } from 'vitest';
import { listParityFixtures, loadParityFixture, parityFixtureRoot } from './parity-fixtures.js';

const saved = process.env.SEGMETRICS_PARITY_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.SEGMETRICS_PARITY_DIR;
  else process.env.SEGMETRICS_PARITY_DIR = saved;
});

function writeFixture(root: string, name: string): void {
  const dir = join(root, name);
  mkdirSync(join(dir, 'gt'), { recursive: true });
  mkdirSync(join(dir, 'pred'), { recursive: true });
  const gt = encode({ width: 2, height: 1, channels: 1, depth: 16, data: new Uint16Array([0, 300]) });
  const pred = encode({ width: 2, height: 1, channels: 1, depth: 16, data: new Uint16Array([0, 65535]) });
  writeFileSync(join(dir, 'gt', 'a.png'), gt);
  writeFileSync(join(dir, 'pred', 'a.png'), pred);
  writeFileSync(join(dir, 'expected.json'), JSON.stringify({ dataset: name, numClasses: 301 }));
}

describe('parityFixtureRoot', () => {
  it('honours SEGMETRICS_PARITY_DIR', () => {
    process.env.SEGMETRICS_PARITY_DIR = '/somewhere/else';
    expect(parityFixtureRoot()).toBe('/somewhere/else');
  });

  it('defaults to shared/fixtures/parity beside the repository, else the vendored copy', () => {
    delete process.env.SEGMETRICS_PARITY_DIR;
    const root = parityFixtureRoot().replaceAll('\\', '/');
    expect(root).toMatch(/(\/shared|\/packages\/test-utils)\/fixtures\/parity$/);
    expect(listParityFixtures(root).length).toBeGreaterThanOrEqual(8);
  });
});

describe('loadParityFixture', () => {
  it('decodes 16-bit PNG pairs and the expected values from an overridden root', () => {
    const root = mkdtempSync(join(tmpdir(), 'parity-'));
    writeFixture(root, 'tiny');
    process.env.SEGMETRICS_PARITY_DIR = root;
    expect(listParityFixtures()).toEqual(['tiny']);
    const fixture = loadParityFixture('tiny');
    expect(fixture.expected.numClasses).toBe(301);
    expect(fixture.pairs).toHaveLength(1);
    const pair = fixture.pairs[0]!;
    expect(pair.id).toBe('a');
    expect([...pair.gt]).toEqual([0, 300]);
    expect([...pair.pred]).toEqual([0, 65535]);
    expect(pair.gt).toBeInstanceOf(Uint16Array);
  });

  it('throws for an unknown fixture and for a missing prediction', () => {
    const root = mkdtempSync(join(tmpdir(), 'parity-'));
    writeFixture(root, 'tiny');
    expect(() => loadParityFixture('nope', root)).toThrow(/no parity fixture "nope"/);
    writeFileSync(
      join(root, 'tiny', 'gt', 'b.png'),
      encode({ width: 1, height: 1, channels: 1, data: new Uint8Array([1]) }),
    );
    expect(() => loadParityFixture('tiny', root)).toThrow(/no prediction for gt\/b.png/);
  });

  it('loads every shared fixture with as many pairs as expected.json declares', () => {
    const names = listParityFixtures();
    expect(names).toContain('cityscapes_like');
    for (const name of names) {
      const fixture = loadParityFixture(name);
      expect(fixture.pairs.length, name).toBe(fixture.expected.images);
      for (const pair of fixture.pairs) expect(pair.gt.length).toBe(pair.width * pair.height);
    }
  });
});

describe('vendored parity fixtures', () => {
  it('hold every fixture with as many pairs as its expected.json declares', () => {
    const vendored = fileURLToPath(new URL('../fixtures/parity', import.meta.url));
    const names = listParityFixtures(vendored);
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) {
      const expected = JSON.parse(readFileSync(join(vendored, name, 'expected.json'), 'utf8'));
      for (const side of ['gt', 'pred']) {
        const files = readdirSync(join(vendored, name, side)).filter((f) => f.endsWith('.png'));
        expect(files, `${name}/${side}`).toHaveLength(expected.images);
      }
    }
  });
});
