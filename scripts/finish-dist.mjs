// Finishes a trunk release bundle for static hosting:
// - moves trunk's inline start-up script into a hashed file, so the page runs
//   under a strict Content-Security-Policy (no 'unsafe-inline'), and adds that policy;
// - starts fetching the content a page needs while the wasm downloads: static
//   preload links for the files every page needs, and, in the start-up script,
//   the statement a deep link names and its authors, or the wasm chunks of the
//   page a deep link names (scripts/split-wasm.mjs);
// - copies index.html to 404.html, so deep links load on hosts that answer
//   unknown paths with 404.html (GitHub Pages, Netlify, S3 error documents);
// - writes pre-compressed .gz and .br beside every text and wasm file;
// - prints the sizes of the wasm, JS, CSS and wasm chunks, raw and compressed.
// Usage: node scripts/finish-dist.mjs DIST_DIR
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, extname, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { baseHref, contentHash, isWasmChunk } from './lib/bundle.mjs';

const dist = process.argv[2] ?? 'dist';
const indexPath = join(dist, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const base = baseHref(html);
const inline = html.match(/<script type="module">([\s\S]*?)<\/script>/);
if (inline) {
  const code = `${startUpPreloads(base, chunkFiles(dist))}\n${inline[1].trim()}\n`;
  const name = `boot-${contentHash(code)}.js`;
  writeFileSync(join(dist, name), code);
  html = html.replace(inline[0], `<script type="module" src="${base}${name}"></script>`);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  throw new Error('index.html still has an inline script; it would not run under the CSP');
}
// Every page fetches these content files: start them with the HTML, not after the wasm.
const shared = ['content/site.json', 'content/statements/index.json'];
const customContentBase = /<meta name="tribuna-content-base" content="[^"]+"/.test(html);
if (!customContentBase && !html.includes('rel="preload" href="' + base + shared[0])) {
  const links = shared.map((f) => `<link rel="preload" href="${base}${f}" as="fetch" crossorigin="anonymous">`).join('');
  html = html.replace('</head>', `${links}</head>`);
}

/**
 * The wasm files each part needs, read from the chunk loader that
 * scripts/split-wasm.mjs wrote: `{ listing: ['split_listing-….wasm', 'chunk_4-….wasm', …], … }`.
 */
function chunkFiles(dist) {
  const loaderFile = readdirSync(dist).find((f) => /^__wasm_split-[0-9a-f]+\.js$/.test(f));
  if (!loaderFile) return {};
  const loader = readFileSync(join(dist, loaderFile), 'utf8');
  const shared = Object.fromEntries(
    [...loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  const parts = {};
  const part = /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"[\s\S]*?\n, \[([^\]]*)\]\)\);/g;
  for (const [, name, file, deps] of loader.matchAll(part)) {
    parts[name] = [file, ...deps.split(',').map((d) => shared[d.trim()]).filter(Boolean)];
  }
  if (Object.keys(parts).length === 0) throw new Error(`${loaderFile}: no parts found; has its format changed?`);
  return parts;
}

/**
 * Start-up code that starts what the page a deep link names will fetch, while
 * the main module downloads: a statement's file and `authors.json` (no other
 * page fetches those), or the wasm chunks of the home and topic pages,
 * `/mailbag` and `/mailbag/ask`. A first path segment that is not a page name
 * is a language prefix.
 */
function startUpPreloads(base, parts) {
  return `{
  const preload = (href) => document.head.append(Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href }));
  const segments = location.pathname.slice(${JSON.stringify(base)}.length).split('/').filter(Boolean);
  const slug = segments.length >= 2 && segments.length <= 3 && segments[segments.length - 2] === 'statements' ? segments[segments.length - 1] : null;
  let content = document.querySelector('meta[name="tribuna-content-base"]')?.content || ${JSON.stringify(base + 'content/')};
  if (!content.endsWith('/')) content += '/';
  if (slug && /^[a-z0-9-]+$/.test(slug)) {
    preload(content + 'statements/' + slug + '.json');
    preload(content + 'authors.json');
  }
  const parts = ${JSON.stringify(parts)};
  const path = segments.length && !['statements', 'topics', 'mailbag'].includes(segments[0]) ? segments.slice(1) : segments;
  const part = path.length === 0 || path[0] === 'topics' ? 'listing'
    : path[0] === 'mailbag' ? (path[1] === 'ask' ? 'ask' : 'mailbag') : null;
  for (const file of parts[part] ?? []) preload(${JSON.stringify(base)} + file);
}`;
}

const csp = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');
if (!html.includes('Content-Security-Policy')) {
  html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="${csp}">`);
}
writeFileSync(indexPath, html);
writeFileSync(join(dist, '404.html'), html);

const compressible = new Set(['.html', '.js', '.wasm', '.css', '.json', '.svg']);
function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}
const sizes = {};
for (const path of [...files(dist)]) {
  if (!compressible.has(extname(path))) continue;
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 });
  const br = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
  writeFileSync(path + '.gz', gz);
  writeFileSync(path + '.br', br);
  sizes[relative(dist, path)] = { raw: raw.length, gzip: gz.length, brotli: br.length };
}

const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
const pick = (test) => Object.entries(sizes).filter(([f]) => test(f) && !f.includes('/'));
// The main wasm loads with every page; chunks (scripts/split-wasm.mjs) only when a part needs them.
const rows = [
  ['wasm', pick((f) => f.endsWith('.wasm') && !isWasmChunk(f))],
  ['js', pick((f) => f.endsWith('.js'))],
  ['css', pick((f) => f.endsWith('.css'))],
  ['wasm chunks', pick(isWasmChunk)],
];
console.log(`\n${dist}/ sizes          raw         gzip       brotli`);
for (const [label, entries] of rows) {
  const sum = (k) => entries.reduce((a, [, s]) => a + s[k], 0);
  console.log(`${label.padEnd(12)} ${kb(sum('raw'))} ${kb(sum('gzip'))} ${kb(sum('brotli'))}   (${entries.map(([f]) => f).join(', ')})`);
}
const code = rows.slice(0, 2).flatMap(([, e]) => e);
const total = (k) => code.reduce((a, [, s]) => a + s[k], 0);
console.log(`${'wasm + js'.padEnd(12)} ${kb(total('raw'))} ${kb(total('gzip'))} ${kb(total('brotli'))}`);
