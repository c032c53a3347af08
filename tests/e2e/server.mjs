// A plain static file server for the browser tests, behaving like GitHub Pages:
// files from a folder under a path prefix, and `404.html` (status 404) for any
// unknown path. Like Netlify or Cloudflare Pages, it sends the headers the
// bundle's `_headers` file gives each path. Tests can replace a file's answer
// to serve broken fixtures.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Starts a server on 127.0.0.1 (a free port).
 * @param {{root: string, prefix?: string, contentRoot?: string, endpoint?: string, prerendered?: boolean}} options
 *   `contentRoot` serves `{prefix}content/` from another folder (a generated archive);
 *   `prerendered: false` answers every page with `404.html`, as a host serving the
 *   app alone would (the pre-rendered `index.html` files are not served);
 *   `endpoint` is a path that accepts POSTed JSON (the Mailbag's question endpoint):
 *   it records each body in `questions` and answers as `endpointMode` says —
 *   'ok' (201), 'fail' (500) or 'hang' (never answers).
 * @returns {Promise<{origin: string, url: (path?: string) => string,
 *   override: (path: string, answer: {status?: number, body?: string, headers?: object, delayMs?: number, hang?: boolean}) => void,
 *   reset: () => void, requests: string[], close: () => Promise<void>}>}
 */
/**
 * The rules of a `_headers` file (Netlify's format: a path, then indented
 * `Name: value` lines; a trailing `*` matches any rest of the path), as
 * `[{ path, headers: [[name, value]] }]`; none when the file is absent.
 */
export function readHeaderRules(file) {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (/^\s/.test(line)) {
      const at = line.indexOf(':');
      rules.at(-1)?.headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    } else {
      rules.push({ path: line.trim(), headers: [] });
    }
  }
  return rules;
}

/** The headers of every rule that matches `path`. */
export function headersFor(rules, path) {
  const matches = ({ path: p }) => (p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : path === p);
  return Object.fromEntries(rules.filter(matches).flatMap((r) => r.headers));
}

export async function startServer({ root, prefix = '/', contentRoot, endpoint, prerendered = true }) {
  const headerRules = readHeaderRules(join(root, '_headers'));
  const overrides = new Map();
  const requests = [];
  const hanging = new Set();
  const state = { endpointMode: 'ok', questions: [] };
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    if (endpoint && path === endpoint) {
      if (req.method !== 'POST') return res.writeHead(405).end();
      let body = '';
      for await (const chunk of req) body += chunk;
      if (state.endpointMode === 'hang') {
        hanging.add(res);
        return;
      }
      state.questions.push({ contentType: req.headers['content-type'], body: JSON.parse(body) });
      const status = state.endpointMode === 'fail' ? 500 : 201;
      return res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    }
    const answer = overrides.get(path);
    if (answer) {
      if (answer.hang) {
        hanging.add(res);
        return;
      }
      if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
      res.writeHead(answer.status ?? 200, {
        ...headersFor(headerRules, path),
        'content-type': TYPES[extname(path)] ?? 'text/plain',
        ...answer.headers,
      });
      res.end(answer.body ?? '');
      return;
    }
    const send = async (file, status) => {
      const body = await readFile(file);
      res.writeHead(status, {
        'cache-control': 'no-cache',
        ...headersFor(headerRules, path),
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      });
      res.end(body);
    };
    try {
      if (!path.startsWith(prefix)) throw new Error('outside the prefix');
      const relative = path.slice(prefix.length);
      const [base, rest] = contentRoot && relative.startsWith('content/') ? [contentRoot, relative.slice(8)] : [root, relative];
      let file = normalize(join(base, rest));
      if (!file.startsWith(normalize(base))) throw new Error('outside the root');
      if ((await stat(file)).isDirectory()) {
        if (!prerendered) throw new Error('pages are not served');
        file = join(file, 'index.html');
      }
      await send(file, 200);
    } catch {
      try {
        await send(join(root, '404.html'), 404);
      } catch {
        res.writeHead(404).end('not found');
      }
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    state,
    url: (path = '') => origin + prefix + path.replace(/^\//, ''),
    override: (path, answer) => overrides.set(prefix + path.replace(/^\//, ''), answer),
    reset: () => {
      overrides.clear();
      state.endpointMode = 'ok';
      state.questions.length = 0;
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
