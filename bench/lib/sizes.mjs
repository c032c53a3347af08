// Transfer sizes of the release bundle: what a first visit to a pre-rendered statement page
// downloads, raw and compressed. Compressed sizes are those of the .gz / .br
// siblings that scripts/compress-dist.mjs writes; a file without them is
// compressed here with the same settings (text) or counted as sent (images).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { isWasmChunk } from '../../scripts/lib/bundle.mjs';

/** The first-visit budget (`budget.json`): brotli bytes of everything a statement page needs. */
export const BUDGET_BYTES =
  JSON.parse(readFileSync(new URL('../../budget.json', import.meta.url), 'utf8')).first_visit_brotli_kb * 1024;

const TEXT = new Set(['.html', '.js', '.wasm', '.css', '.json', '.svg']);

/** Compresses like scripts/compress-dist.mjs does. */
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

/**
 * What a first visit to a pre-rendered statement page loads
 * (`statements/{slug}/index.html`, src/boot.js): before the first paint the
 * page itself and the images it shows at once (the hero); once the page has
 * painted, the content files the app fetches to take the page over (see
 * src/state.rs and src/routes/statement.rs). Images inside the body load
 * lazily, below the fold: listed apart.
 */
export function statementPageFiles(dist, slug) {
  const statement = JSON.parse(readFileSync(join(dist, 'content', 'statements', `${slug}.json`), 'utf8'));
  const html = `statements/${slug}/index.html`;
  if (!existsSync(join(dist, html))) throw new Error(`${dist} has no pre-rendered ${html}; build it with make dist`);
  const json = ['site.json', 'statements/index.json', 'authors.json', `statements/${slug}.json`].map((f) => `content/${f}`);
  const hero = statement.hero ? [`content/${statement.hero.src}`] : [];
  const bodyImages = Object.values(statement.translations)
    .flatMap((t) => t.body)
    .filter((b) => b.type === 'image' && !/^https?:/.test(b.src))
    .map((b) => `content/${b.src}`);
  return { statement, html, json, hero, bodyImages: [...new Set(bodyImages)] };
}

/** The labels of the parts of a first visit, in table order (`{slug}` is the statement's). */
export const PART_LABELS = {
  html: 'HTML (statements/{slug}/index.html)',
  css: 'CSS',
  images: 'hero image',
  js: 'JS (all .js)',
  wasm: 'wasm (main module)',
  json: 'content JSON (4 files)',
};

/**
 * Sizes of a first visit to the pre-rendered `/statements/{slug}`, in two
 * phases: `beforePaint`, what the text and the hero need (the page's HTML, the
 * CSS, the hero image), and `afterPaint`, what the app needs to take the page
 * over once it has painted (all JS, the main wasm, and the content JSON the app
 * fetches: site.json, the index, authors.json, the statement). Nothing else is
 * fetched on a statement page until the reader acts: the wasm chunks (other
 * pages' code, the Mailbag widget's) and `mailbag.json` are listed apart.
 */
export function measureSizes(dist, slug) {
  const page = statementPageFiles(dist, slug);
  const beforePaint = {
    html: group(dist, [page.html]),
    css: group(dist, rootFiles(dist, '.css')),
    images: group(dist, page.hero),
  };
  const afterPaint = {
    js: group(dist, rootFiles(dist, '.js')),
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
    lazyImages: group(dist, page.bodyImages),
    // Loaded only when the reader acts: the other pages' code on navigation,
    // the Mailbag widget's code and content when they use it.
    lazyCode: group(dist, rootFiles(dist, '.wasm').filter(isWasmChunk)),
    lazyJson: group(dist, ['content/mailbag.json']),
    firstVisit,
    budget: { brotliBytes: BUDGET_BYTES, met: firstVisit.brotli <= BUDGET_BYTES },
  };
}

/**
 * The bundle files a first visit counts (`measureSizes`' parts), as URL paths
 * under the base, to compare with what a load of the page actually fetched.
 */
export function countedFiles(sizes) {
  return Object.values(sizes.parts).flatMap((p) => Object.keys(p.files));
}
