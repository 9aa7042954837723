import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('segmetrics exports', () => {
  it('match the reviewed list (an API change shows up here and needs a changeset)', () => {
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "CITYSCAPES_CLASS_NAMES",
        "CITYSCAPES_IGNORE_INDEX",
        "ExitCode",
        "SHARD_ENVIRONMENTS",
        "STATE_FORMAT",
        "STATE_VERSION",
        "VERSION",
        "countPairs",
        "createProgram",
        "describeError",
        "evaluateOptions",
        "generateSampleDataset",
        "loadState",
        "parseShard",
        "renderScene",
        "resolveAutoShard",
        "runCli",
        "runReport",
        "sampleName",
        "sampleSceneSeed",
        "shardRange",
      ]
    `);
  });
});
