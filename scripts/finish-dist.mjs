// Finishes a trunk release bundle's page template (DIST/index.html) for static
// hosting, before crates/prerender writes every page from it:
// - gives the start-up script (src/boot.js) a content-hashed name, without its comments;
// - adds a strict Content-Security-Policy (no inline script runs; the app's
//   files are named in a JSON data element that src/boot.js reads);
// - copies the template to 404.html: the app alone, for pages added after the
//   build, on hosts that answer unknown paths with 404.html (GitHub Pages,
//   Netlify, S3 error documents).
// Usage: node scripts/finish-dist.mjs DIST_DIR
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { baseHref, contentHash, readAppData } from './lib/bundle.mjs';

const dist = process.argv[2] ?? 'dist';
const indexPath = join(dist, 'index.html');
let html = readFileSync(indexPath, 'utf8');
readAppData(html); // fails loudly if trunk did not write the app data

const base = baseHref(html);
const bootTag = `<script type="module" src="${base}boot.js"></script>`;
if (!html.includes(bootTag)) throw new Error(`index.html does not load ${base}boot.js (Trunk.toml pattern_script)`);
// The start-up script's own comments stay in the repository: only whole-line
// `//` comments and `/** … */` blocks that open a line are dropped.
const boot = readFileSync(join(dist, 'boot.js'), 'utf8')
  .replace(/^[ \t]*\/\*\*[\s\S]*?\*\/\n/gm, '')
  .replace(/^[ \t]*\/\/.*\n/gm, '');
const bootName = `boot-${contentHash(boot)}.js`;
writeFileSync(join(dist, bootName), boot);
rmSync(join(dist, 'boot.js'));
html = html.replace(bootTag, `<script type="module" src="${base}${bootName}"></script>`);
if (/<script(?![^>]*\b(src=|type="application\/json"))[^>]*>/.test(html)) {
  throw new Error('index.html has an inline script; it would not run under the CSP');
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
  const charset = '<meta charset="utf-8">';
  if (!html.includes(charset)) throw new Error(`index.html has no ${charset}`);
  html = html.replace(charset, `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${csp}">`);
}
writeFileSync(indexPath, html);
writeFileSync(join(dist, '404.html'), html);
