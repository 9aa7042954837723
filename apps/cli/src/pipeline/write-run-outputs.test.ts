import { expect, it } from 'vitest';
import { loadHtmlReport } from './write-run-outputs.js';

it('loadHtmlReport loads the HTML report module once (eval --report preloads it before counting)', async () => {
  const first = loadHtmlReport();
  expect(loadHtmlReport()).toBe(first);
  expect(typeof (await first).htmlReport).toBe('function');
});
