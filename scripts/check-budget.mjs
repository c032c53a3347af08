// Fails (exit 1) when the release bundle's wasm + JS, brotli-compressed, is
// over the ceiling in budget.json. Reads the .br files scripts/build-dist.mjs wrote.
// Counted: what every page loads (the main wasm and all JS); the wasm chunks
// that load only when a part of the app needs them are listed, not counted,
// nor are the scripts for partners' pages (embed.js, embed-resize.js).
// Usage: node scripts/check-budget.mjs DIST_DIR
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isPartnerScript, isWasmChunk } from './lib/bundle.mjs';

const dist = process.argv[2] ?? 'dist';
const budget = JSON.parse(readFileSync(new URL('../budget.json', import.meta.url), 'utf8'));
const code = readdirSync(dist).filter((f) => /\.(wasm|js)\.br$/.test(f) && !isWasmChunk(f) && !isPartnerScript(f));
const chunks = readdirSync(dist).filter((f) => f.endsWith('.br') && isWasmChunk(f));
if (code.length === 0) throw new Error(`${dist}: no .wasm.br / .js.br files; run make dist first`);
const kb = code.reduce((sum, f) => sum + statSync(join(dist, f)).size, 0) / 1024;
const ceiling = budget.wasm_js_brotli_kb;
const line = `budget: wasm + JS ${kb.toFixed(1)} KB brotli; ceiling ${ceiling} KB, goal ${budget.goal_wasm_js_brotli_kb} KB`;
if (kb > ceiling) {
  console.error(`${line}: OVER by ${(kb - ceiling).toFixed(1)} KB`);
  process.exit(1);
}
console.log(`${line}: ok (${(ceiling - kb).toFixed(1)} KB to spare)`);
const chunkKb = chunks.reduce((sum, f) => sum + statSync(join(dist, f)).size, 0) / 1024;
console.log(`budget: not counted, ${chunks.length} wasm chunks loaded on demand, ${chunkKb.toFixed(1)} KB brotli in all`);
