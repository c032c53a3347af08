// Writes pre-compressed .gz and .br beside every text and wasm file of a
// release bundle (pages included), and prints the sizes of the wasm, JS, CSS
// and wasm chunks, raw and compressed.
// Usage: node scripts/compress-dist.mjs DIST_DIR
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, extname, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { isWasmChunk } from './lib/bundle.mjs';

const dist = process.argv[2] ?? 'dist';
const compressible = new Set(['.html', '.js', '.wasm', '.css', '.json', '.svg', '.xml', '.txt']);
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
