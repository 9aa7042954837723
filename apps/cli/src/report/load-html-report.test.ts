import { expect, it } from 'vitest';
import { loadHtmlReport, preloadHtmlReport } from './load-html-report.js';

it('loads the HTML report module once: a preload and the later load are the same promise', async () => {
  preloadHtmlReport();
  const first = loadHtmlReport();
  expect(loadHtmlReport()).toBe(first);
  expect(typeof (await first).htmlReport).toBe('function');
});
