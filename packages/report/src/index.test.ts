import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('@segmetrics/report exports', () => {
  it('match the reviewed export list (an API change needs a changeset)', () => {
    expect(Object.keys(api).sort()).toMatchSnapshot();
  });
});
