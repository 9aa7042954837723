import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveFolder } from './serve-folder.js';

const root = mkdtempSync(join(tmpdir(), 'serve-folder-test-'));
const folder = join(root, 'site');
mkdirSync(join(folder, 'sub'), { recursive: true });
writeFileSync(join(folder, 'index.html'), '<p>home</p>');
writeFileSync(join(folder, 'sub', 'data.json'), '{"a":1}');
writeFileSync(join(root, 'secret.txt'), 'outside');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('serveFolder', () => {
  it('serves files of the folder on 127.0.0.1 with their content type, index.html for /', async () => {
    const served = await serveFolder(folder);
    try {
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const home = await fetch(served.url);
      expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await home.text()).toBe('<p>home</p>');
      const data = await fetch(new URL('sub/data.json', served.url));
      expect(await data.json()).toEqual({ a: 1 });
      expect(served.requests).toEqual(['/', '/sub/data.json']);
    } finally {
      await served.close();
    }
  });

  it('answers 404 for missing files, directories and paths that leave the folder', async () => {
    const served = await serveFolder(folder);
    try {
      for (const path of ['missing.js', 'sub', '..%2Fsecret.txt', '%2e%2e/secret.txt']) {
        expect((await fetch(`${served.url}${path}`)).status, path).toBe(404);
      }
    } finally {
      await served.close();
    }
  });

  it('answers in-memory files before the folder, and only them when the folder is null', async () => {
    const served = await serveFolder(null, { files: { '/bundle.js': { body: 'export {};' } } });
    try {
      const bundle = await fetch(`${served.url}bundle.js`);
      expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(await bundle.text()).toBe('export {};');
      expect((await fetch(served.url)).status).toBe(404);
      expect((await fetch(`${served.url}favicon.ico`)).status).toBe(204);
    } finally {
      await served.close();
    }
  });
});
