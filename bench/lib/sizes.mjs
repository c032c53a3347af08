// Transfer sizes of the release bundle: what a first visit to a statement page
// downloads, raw and compressed. Compressed sizes are those of the .gz / .br
// siblings that scripts/finish-dist.mjs writes; a file without them is
// compressed here with the same settings (text) or counted as sent (images).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { isWasmChunk } from '../../scripts/lib/bundle.mjs';

/** The first-visit budget (`budget.json`): brotli bytes of everything a statement page needs. */
export const BUDGET_BYTES =
  JSON.parse(readFileSync(new URL('../../budget.json', import.meta.url), 'utf8')).first_visit_brotli_kb * 1024;

const TEXT = new Set(['.html', '.js', '.wasm', '.css', '.json', '.svg']);

/** Compresses like scripts/finish-dist.mjs does. */
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
 * The content files a statement page fetches (see src/state.rs and
 * src/routes/statement.rs), and the images it shows.
 */
export function statementPageFiles(dist, slug) {
  const statement = JSON.parse(readFileSync(join(dist, 'content', 'statements', `${slug}.json`), 'utf8'));
  const json = ['site.json', 'authors.json', 'statements/index.json', `statements/${slug}.json`].map((f) => `content/${f}`);
  const hero = statement.hero ? [`content/${statement.hero.src}`] : [];
  // Images inside the body load lazily (below the fold): listed, not part of a first visit.
  const bodyImages = Object.values(statement.translations)
    .flatMap((t) => t.body)
    .filter((b) => b.type === 'image' && !/^https?:/.test(b.src))
    .map((b) => `content/${b.src}`);
  return { statement, json, hero, bodyImages: [...new Set(bodyImages)] };
}

/**
 * Sizes of the bundle's parts and of a first visit to `/statements/{slug}`:
 * the HTML (a deep link is answered with 404.html, the same bytes as
 * index.html), all JS, the main wasm, the CSS, the content JSON and the hero
 * image. Wasm chunks and `mailbag.json` load later, when needed: listed apart.
 */
export function measureSizes(dist, slug) {
  const page = statementPageFiles(dist, slug);
  const parts = {
    html: group(dist, ['404.html']),
    wasm: group(dist, rootFiles(dist, '.wasm').filter((f) => !isWasmChunk(f))),
    js: group(dist, rootFiles(dist, '.js')),
    css: group(dist, rootFiles(dist, '.css')),
    json: group(dist, page.json),
    images: group(dist, page.hero),
  };
  const firstVisit = total(Object.values(parts));
  return {
    slug,
    parts,
    lazyImages: group(dist, page.bodyImages),
    // Loaded only when needed: the Mailbag widget's code and content when the
    // reader scrolls near it, the other pages' code on navigation.
    lazyCode: group(dist, rootFiles(dist, '.wasm').filter(isWasmChunk)),
    lazyJson: group(dist, ['content/mailbag.json']),
    firstVisit,
    budget: { brotliBytes: BUDGET_BYTES, met: firstVisit.brotli <= BUDGET_BYTES },
  };
}
