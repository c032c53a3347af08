// Transfer sizes of the release bundle: what a first visit to a pre-rendered statement page
// downloads, raw and compressed. Compressed sizes are those of the .gz / .br
// siblings that scripts/lib/compress.mjs writes; a file without them is
// compressed here with the same settings (text) or counted as sent (images).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { DOMParser } from 'linkedom';
import { isPartnerScript, isWasmChunk } from '../../scripts/lib/bundle.mjs';

/** The first-visit budget (`budget.json`): brotli bytes of everything a statement page needs. */
export const BUDGET_BYTES =
  JSON.parse(readFileSync(new URL('../../budget.json', import.meta.url), 'utf8')).first_visit_brotli_kb * 1024;

const TEXT = new Set(['.html', '.js', '.wasm', '.css', '.json', '.svg']);

/** Compresses like scripts/lib/compress.mjs does. */
function compress(raw) {
  return {
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    }).length,
  };
}

/** `{raw, gzip, brotli}` bytes of one file of the bundle. */
export function fileSize(path) {
  const raw = readFileSync(path);
  const sibling = (ext) => (existsSync(path + ext) ? readFileSync(path + ext).length : null);
  const [gz, br] = [sibling('.gz'), sibling('.br')];
  if (gz != null && br != null) return { raw: raw.length, gzip: gz, brotli: br };
  if (TEXT.has(extname(path))) return { raw: raw.length, ...compress(raw) };
  return { raw: raw.length, gzip: raw.length, brotli: raw.length };
}

/** Adds up `{raw, gzip, brotli}` sizes. */
function total(sizes) {
  return sizes.reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}

/** A group of files (paths relative to `dist`) with their sizes and their sum. */
function group(dist, files) {
  const each = Object.fromEntries(files.map((f) => [f, fileSize(join(dist, f))]));
  return { files: each, ...total(Object.values(each)) };
}

/** The files directly in `dist` whose names end with `suffix`. */
const rootFiles = (dist, suffix) => readdirSync(dist).filter((f) => f.endsWith(suffix)).sort();

/** A path in the page (`href` / `src`) as a path in the bundle, or null for another host's. */
function bundlePathOf(ref, base) {
  const url = new URL(ref, `http://bundle${base}`);
  if (url.host !== 'bundle' || !url.pathname.startsWith(base)) return null;
  return decodeURIComponent(url.pathname.slice(base.length));
}

/**
 * What a first visit to the pre-rendered `statements/{slug}/index.html` loads,
 * read from the page itself (its `<base href>`, stylesheets, scripts, images
 * and icon) and from src/boot.js's start-up:
 * - `html`, `css`, `startup` (the page's own module scripts: the start-up
 *   script, deferred, fetched with the page) and `hero` (the images not marked
 *   `loading="lazy"`): what the page needs for its first paint;
 * - `js` (the bundle's other `.js` files: the app's glue and the wasm chunk
 *   loader; not the scripts for partners' pages, which no page of the site loads) and `json` (the content files the app fetches to take the page
 *   over; see src/state.rs and src/routes/statement.rs): what the app loads
 *   once the page has painted, with the main wasm;
 * - `lazyImages` (`loading="lazy"`: body images, the related rail's
 *   thumbnails; a phone fetches those near the viewport) and `icon`.
 */
export function statementPageFiles(dist, slug) {
  const html = `statements/${slug}/index.html`;
  if (!existsSync(join(dist, html))) throw new Error(`${dist} has no pre-rendered ${html}; build it with make dist`);
  const doc = new DOMParser().parseFromString(readFileSync(join(dist, html), 'utf8'), 'text/html');
  const base = doc.querySelector('base')?.getAttribute('href') ?? '/';
  const refs = (selector, attribute) => [
    ...new Set(
      [...doc.querySelectorAll(selector)].map((e) => bundlePathOf(e.getAttribute(attribute), base)).filter(Boolean),
    ),
  ];
  const startup = refs('script[type=module][src]', 'src');
  const json = ['site.json', 'statements/index.json', 'authors.json', `statements/${slug}.json`].map((f) => `content/${f}`);
  return {
    html,
    css: refs('link[rel=stylesheet][href]', 'href'),
    startup,
    hero: refs('img[src]:not([loading=lazy])', 'src'),
    js: rootFiles(dist, '.js').filter((f) => !startup.includes(f) && !isPartnerScript(f)),
    json,
    lazyImages: refs('img[src][loading=lazy]', 'src'),
    icon: refs('link[rel=icon][href]', 'href'),
  };
}

/** The labels of the parts of a first visit, in table order (`{slug}` is the statement's). */
export const PART_LABELS = {
  html: 'HTML (statements/{slug}/index.html)',
  css: 'CSS',
  startup: 'start-up script (deferred)',
  images: 'hero image',
  js: "JS: the app's glue, the chunk loader",
  wasm: 'wasm (main module)',
  json: 'content JSON (4 files)',
};

/**
 * Sizes of a first visit to the pre-rendered `/statements/{slug}`, in two
 * phases: `beforePaint`, what comes with the page (its HTML, the CSS, the
 * start-up script and the hero image), and `afterPaint`, what the app needs to
 * take the page over once it has painted (the other JS, the main wasm, and the
 * content JSON the app fetches: site.json, the index, authors.json, the
 * statement). Both count towards the budget. Fetched too but not counted:
 * lazy images near the viewport and the icon. Not fetched on a statement page
 * until the reader acts: the wasm chunks (other pages' code, the Mailbag
 * widget's) and `mailbag.json`.
 */
export function measureSizes(dist, slug) {
  const page = statementPageFiles(dist, slug);
  const beforePaint = {
    html: group(dist, [page.html]),
    css: group(dist, page.css),
    startup: group(dist, page.startup),
    images: group(dist, page.hero),
  };
  const afterPaint = {
    js: group(dist, page.js),
    wasm: group(dist, rootFiles(dist, '.wasm').filter((f) => !isWasmChunk(f))),
    json: group(dist, page.json),
  };
  const parts = { ...beforePaint, ...afterPaint };
  const firstVisit = total(Object.values(parts));
  return {
    slug,
    parts,
    beforePaint: total(Object.values(beforePaint)),
    afterPaint: total(Object.values(afterPaint)),
    lazyImages: group(dist, page.lazyImages),
    icon: group(dist, page.icon),
    lazyCode: group(dist, rootFiles(dist, '.wasm').filter(isWasmChunk)),
    lazyJson: group(dist, ['content/mailbag.json']),
    firstVisit,
    budget: { brotliBytes: BUDGET_BYTES, met: firstVisit.brotli <= BUDGET_BYTES },
  };
}

/**
 * The bundle files the sizes table lists as fetched on a first visit (counted
 * or not: the parts, the lazy images, the icon), to compare with what a load
 * of the page actually fetched.
 */
export function listedFiles(sizes) {
  return [...Object.values(sizes.parts), sizes.lazyImages, sizes.icon].flatMap((p) => Object.keys(p.files));
}
