// What the scripts that finish, check and measure a release bundle agree on.
import { createHash } from 'node:crypto';
import { minify as terser } from 'terser';

/**
 * Whether `file` (a name in the bundle's root, optionally with `.br`/`.gz`)
 * is a wasm chunk loaded on demand (scripts/lib/split.mjs), not the main
 * module `tribuna-<hash>_bg.wasm` every page loads.
 */
export const isWasmChunk = (file) => /\.wasm(\.br|\.gz)?$/.test(file) && !file.startsWith('tribuna-');

/**
 * Whether `file` (a name in the bundle's root, optionally with `.br`/`.gz`)
 * is a script for partners' pages (`embed.js`, `embed-resize.js`), which
 * Tribuna's own pages never load.
 */
export const isPartnerScript = (file) => /^embed(-resize)?\.js(\.br|\.gz)?$/.test(file);

/** The base path in a bundle's `index.html` (`<base href>`), `/` by default. */
export const baseHref = (html) => html.match(/<base href="([^"]*)"/)?.[1] ?? '/';

/** The content hash put in a generated file's name (`boot-<hash>.js`, `split_ask-<hash>.wasm`). */
export const contentHash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/**
 * A script as shipped: minified by terser, as an ES module (exports and
 * `import.meta` kept; comments, whitespace and local names go).
 */
export async function minify(js, file) {
  try {
    const { code } = await terser(js, { module: true, compress: { passes: 2 }, format: { comments: false } });
    return code;
  } catch (e) {
    throw new Error(`${file}: cannot be minified: ${e.message}`);
  }
}

// The page's app data: JSON that trunk writes (Trunk.toml's `pattern_preload`)
// and the bundle scripts complete; src/boot.js starts the app from it.
const APP_DATA_OPEN = '<script type="application/json" id="tribuna-app">';
const APP_DATA_CLOSE = '</script>';

function appDataBounds(html) {
  const start = html.indexOf(APP_DATA_OPEN);
  const end = start < 0 ? -1 : html.indexOf(APP_DATA_CLOSE, start);
  if (start < 0 || end < 0 || html.indexOf(APP_DATA_OPEN, start + 1) >= 0) {
    throw new Error('index.html must hold exactly one <script type="application/json" id="tribuna-app"> (Trunk.toml pattern_preload)');
  }
  return [start + APP_DATA_OPEN.length, end];
}

/** The page's app data: `{ js, wasm, parts? }`. */
export function readAppData(html) {
  const [start, end] = appDataBounds(html);
  const data = JSON.parse(html.slice(start, end));
  if (typeof data.js !== 'string' || typeof data.wasm !== 'string') throw new Error('tribuna-app data lacks js or wasm');
  return data;
}

/** `html` with its app data replaced by `data` (escaped so it cannot end the script element). */
export function writeAppData(html, data) {
  const [start, end] = appDataBounds(html);
  const json = JSON.stringify(data).replaceAll('<', '\\u003c');
  return html.slice(0, start) + json + html.slice(end);
}
