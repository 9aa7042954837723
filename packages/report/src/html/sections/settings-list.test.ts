import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/sample-report.js';
import type { Report } from '../../report-model.js';
import { escapeHtml } from '../escape-html.js';
import { settingsList } from './settings-list.js';

const base = sampleReport({ numClasses: 5, images: 2 }).report;
const withSettings = (settings: Record<string, unknown>): Report =>
  ({ ...base, settings: { ...base.settings, ...settings } }) as Report;

describe('settingsList', () => {
  it('numbers shards as the CLI does (1 … n)', () => {
    const html = settingsList(withSettings({ shard: { index: 1, count: 4 } }));
    expect(html).toContain('shard 1 of 4 (numbered 1 … 4)');
    expect(html).not.toContain('0-based');
  });

  it('leaves out settings added later when they are null, and shows strings without quotes', () => {
    const html = settingsList(withSettings({ partial: null, presetOptions: null, predictedOnly: 'skip' }));
    expect(html).not.toContain('partial');
    expect(html).not.toContain('presetOptions');
    expect(html).toContain('<span class="mono">skip</span>');
    expect(settingsList(withSettings({ presetOptions: { zero_division: 1 } }))).toContain(
      escapeHtml('{"zero_division":1}'),
    );
  });

  it('says what a partial result lacks in words, not as JSON', () => {
    const partial = {
      missingShards: [2],
      shardCount: 3,
      interruptedStates: ['s3.json'],
      images: 20,
      expectedImages: 30,
    };
    const html = settingsList(withSettings({ partial }));
    expect(html).toContain(
      '<dt>Partial result</dt><dd><strong>20 of 30 images (missing shard 2 of 3; interrupted: s3.json)</strong></dd>',
    );
    expect(html).not.toContain('missingShards');
  });
});
