// The benchmark's static host: the browser tests' server (tests/e2e/server.mjs,
// which behaves like GitHub Pages: files, and 404.html for unknown paths) behind
// a small front that answers with the bundle's pre-compressed .br / .gz siblings
// when the browser accepts them — as a host or CDN serving the bundle would —
// so throttled loads move compressed bytes (a deep link gets 404.html, status
// 404, compressed too). Anything else is passed through.
import { createServer, request } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { headersFor, readHeaderRules, startServer } from '../../tests/e2e/server.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const isFile = (path) => stat(path).then((s) => s.isFile(), () => false);

/**
 * The file under `root` that `path` names (a folder's index.html), if it exists
 * and has a type we pre-compress.
 */
async function staticFile(root, path) {
  let file = normalize(join(root, path));
  if (!file.startsWith(normalize(root))) return null;
  if (!(await isFile(file))) file = join(file, 'index.html');
  return (await isFile(file)) && TYPES[extname(file)] ? file : null;
}

/** The encoding to answer with: `br` or `gzip` if accepted and a sibling exists, else null. */
async function chooseEncoding(file, acceptEncoding = '', mode) {
  if (mode === 'identity') return null;
  const accepted = acceptEncoding.split(',').map((e) => e.trim().split(';')[0]);
  for (const [name, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    if (accepted.includes(name) && (await isFile(file + ext))) return { name, ext };
  }
  return null;
}

/** Passes a request through to the inner server. */
function proxy(req, res, port) {
  const inner = request({ host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  inner.on('error', () => res.writeHead(502).end());
  req.pipe(inner);
}

/**
 * Serves `root` on 127.0.0.1 (a free port).
 * @param {{root: string, encoding?: 'auto' | 'identity'}} options
 *   `auto` (default) serves .br / .gz siblings to browsers that accept them;
 *   `identity` serves every file as it is.
 * @returns {Promise<{origin: string, url: (path?: string) => string,
 *   served: Record<string, number>, close: () => Promise<void>}>}
 *   `served` counts answers by content encoding.
 */
export async function startBenchServer({ root, encoding = 'auto' }) {
  const inner = await startServer({ root });
  // The bundle's `_headers`, as the inner server sends them.
  const rules = readHeaderRules(join(root, '_headers'));
  const innerPort = new URL(inner.origin).port;
  const served = {};
  const count = (name) => (served[name] = (served[name] ?? 0) + 1);
  const front = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    // Like the inner server (and GitHub Pages): an unknown path is answered with 404.html.
    const found = await staticFile(root, path);
    const missing = !found && (await isFile(join(root, '404.html')));
    const file = found ?? (missing ? join(root, '404.html') : null);
    const chosen = file && (await chooseEncoding(file, req.headers['accept-encoding'], encoding));
    if (!chosen) {
      count('identity');
      return proxy(req, res, innerPort);
    }
    count(chosen.name);
    const body = await readFile(file + chosen.ext);
    res.writeHead(missing ? 404 : 200, {
      ...headersFor(rules, path),
      'content-type': TYPES[extname(file)],
      'content-encoding': chosen.name,
      'content-length': body.length,
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
    });
    res.end(body);
  });
  await new Promise((resolve) => front.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${front.address().port}`;
  return {
    origin,
    url: (path = '') => `${origin}/${path.replace(/^\//, '')}`,
    served,
    close: async () => {
      front.closeAllConnections?.();
      await new Promise((resolve) => front.close(() => resolve()));
      await inner.close();
    },
  };
}
