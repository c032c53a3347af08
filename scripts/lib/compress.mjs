// Pre-compressed copies of a release bundle's files, and its sizes.
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, extname, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { isPartnerScript, isWasmChunk } from './bundle.mjs';

const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.json', '.svg', '.xml', '.txt']);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/**
 * Writes `.gz` and `.br` beside every text and wasm file under `dir` (pages
 * included). Returns `{ file: { raw, gzip, brotli } }` in bytes.
 */
export function compressBundle(dir) {
  const sizes = {};
  for (const path of [...files(dir)]) {
    if (!COMPRESSIBLE.has(extname(path))) continue;
    const raw = readFileSync(path);
    const gz = gzipSync(raw, { level: 9 });
    const br = brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    });
    writeFileSync(path + '.gz', gz);
    writeFileSync(path + '.br', br);
    sizes[relative(dir, path)] = { raw: raw.length, gzip: gz.length, brotli: br.length };
  }
  return sizes;
}

/** Prints the sizes of the wasm, JS, CSS, wasm chunks and partners' scripts in the bundle's root, raw and compressed. */
export function printSizes(name, sizes) {
  const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
  const pick = (test) => Object.entries(sizes).filter(([f]) => test(f) && !f.includes('/'));
  // The main wasm loads with every page; chunks only when a part needs them.
  const rows = [
    ['wasm', pick((f) => f.endsWith('.wasm') && !isWasmChunk(f))],
    ['js', pick((f) => f.endsWith('.js') && !isPartnerScript(f))],
    ['css', pick((f) => f.endsWith('.css'))],
    ['wasm chunks', pick(isWasmChunk)],
    ['partner js', pick(isPartnerScript)],
  ];
  console.log(`\n${name}/ sizes          raw         gzip       brotli`);
  for (const [label, entries] of rows) {
    const sum = (k) => entries.reduce((a, [, s]) => a + s[k], 0);
    console.log(`${label.padEnd(12)} ${kb(sum('raw'))} ${kb(sum('gzip'))} ${kb(sum('brotli'))}   (${entries.map(([f]) => f).join(', ')})`);
  }
  const code = rows.slice(0, 2).flatMap(([, e]) => e);
  const total = (k) => code.reduce((a, [, s]) => a + s[k], 0);
  console.log(`${'wasm + js'.padEnd(12)} ${kb(total('raw'))} ${kb(total('gzip'))} ${kb(total('brotli'))}`);
}
