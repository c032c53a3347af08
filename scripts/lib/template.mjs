// The bundle's page template (index.html as trunk wrote it), finished for
// static hosting before every page is written from it (crates/prerender).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseHref, contentHash, minify, writeAppData } from './bundle.mjs';

/** The Content-Security-Policy every page carries: no inline script or style; wasm allowed. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/**
 * Finishes `dir/index.html`:
 * - writes the app data (`app`: the main module, its glue, and each part's chunks);
 * - minifies the start-up script (src/boot.js) and gives it a content-hashed name;
 * - adds the Content-Security-Policy;
 * - copies the template to 404.html: the app alone, for pages added after the
 *   build, on hosts that answer unknown paths with 404.html (GitHub Pages,
 *   Netlify, S3 error documents).
 * Returns the finished template.
 */
export async function finishTemplate(dir, app) {
  const indexPath = join(dir, 'index.html');
  let html = writeAppData(readFileSync(indexPath, 'utf8'), app);
  const base = baseHref(html);
  const bootSrc = ` src="${base}boot.js"`;
  if (!html.includes(`<script type="module"${bootSrc}`)) {
    throw new Error(`index.html does not load ${base}boot.js as a module (Trunk.toml pattern_script)`);
  }
  const boot = await minify(readFileSync(join(dir, 'boot.js'), 'utf8'), 'boot.js');
  const bootName = `boot-${contentHash(boot)}.js`;
  writeFileSync(join(dir, bootName), boot);
  rmSync(join(dir, 'boot.js'));
  html = html.replace(bootSrc, ` src="${base}${bootName}"`);
  if (/<script(?![^>]*\b(src=|type="application\/json"))[^>]*>/.test(html)) {
    throw new Error('index.html has an inline script; it would not run under the CSP');
  }
  const charset = '<meta charset="utf-8">';
  if (!html.includes(charset)) throw new Error(`index.html has no ${charset}`);
  html = html.replace(charset, `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${CSP}">`);
  writeFileSync(indexPath, html);
  writeFileSync(join(dir, '404.html'), html);
  return html;
}
