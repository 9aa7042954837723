import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('segmetrics exports', () => {
  it('match the reviewed list (an API change shows up here and needs a changeset)', () => {
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "CITYSCAPES_CLASS_NAMES",
        "CITYSCAPES_IGNORE_INDEX",
        "ExitCode",
        "REPORT_SCHEMA_VERSION",
        "SHARD_ENVIRONMENTS",
        "STATE_FORMAT",
        "STATE_VERSION",
        "VERSION",
        "buildReport",
        "countPairs",
        "createProgram",
        "describeError",
        "generateSampleDataset",
        "loadState",
        "parseShard",
        "renderScene",
        "reportToJson",
        "resolveAutoShard",
        "runCli",
        "sampleName",
        "sampleSceneSeed",
        "shardRange",
      ]
    `);
  });
});
