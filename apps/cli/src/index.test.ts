import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('segmetrics exports', () => {
  it('match the reviewed list (an API change shows up here and needs a changeset)', () => {
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
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
        "loadState",
        "parseShard",
        "reportToJson",
        "resolveAutoShard",
        "runCli",
        "shardRange",
      ]
    `);
  });
});
