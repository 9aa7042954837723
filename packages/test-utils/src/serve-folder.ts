import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

/** Content types of the files a test page loads; anything else is `application/octet-stream`. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** A response body served from memory instead of the folder. */
export interface ServedFile {
  body: string | Uint8Array;
  /** Defaults to the type of the path's extension. */
  contentType?: string;
}

export interface ServeFolderOptions {
  /** Paths (`/bundle.js`) answered from memory; they take precedence over files in the folder. */
  files?: Readonly<Record<string, ServedFile>>;
}

export interface ServedFolder {
  /** `http://127.0.0.1:<port>/`. */
  url: string;
  /** Every path requested so far, in order (to check that a page loads nothing unexpected). */
  requests: readonly string[];
  close(): Promise<void>;
}

function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Serves `folder` (or only `options.files` when `folder` is `null`) over HTTP on 127.0.0.1 at a free
 * port: `GET /a/b.html` returns `<folder>/a/b.html`, `/` returns `index.html`. Paths that leave the
 * folder, directories and missing files are 404; `/favicon.ico`, when neither serves it, is an empty
 * 204 (so that browsers asking for it log no error). Close the server when done.
 */
export async function serveFolder(
  folder: string | null,
  options: ServeFolderOptions = {},
): Promise<ServedFolder> {
  const root = folder === null ? null : resolve(folder);
  const memory = options.files ?? {};
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    requests.push(path);
    const served = Object.hasOwn(memory, path) ? memory[path] : undefined;
    if (served !== undefined) {
      response.writeHead(200, { 'content-type': served.contentType ?? contentTypeOf(path) }).end(served.body);
      return;
    }
    if (path === '/favicon.ico') {
      // Browsers ask for it unprompted; a 404 would show up as a console error in every test.
      response.writeHead(204).end();
      return;
    }
    const file = root === null ? null : resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (file === null || root === null || !(file === root || file.startsWith(root + sep))) {
      response.writeHead(404).end();
      return;
    }
    stat(file)
      .then((info) => (info.isFile() ? readFile(file) : null))
      .then(
        (body) => {
          if (body === null) response.writeHead(404).end();
          else response.writeHead(200, { 'content-type': contentTypeOf(file) }).end(body);
        },
        () => response.writeHead(404).end(),
      );
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolveListen);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
