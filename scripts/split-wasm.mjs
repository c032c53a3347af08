// Splits a trunk release bundle's wasm into the main module and chunks that
// load on demand (the parts marked in src/lazy.rs), replacing trunk's wasm and
// JS glue in DIST_DIR:
// 1. wasm-split-cli reads cargo's wasm (built with the `split` feature and
//    `--emit-relocs`, see the Makefile) and writes the main module, one chunk
//    per part plus chunks of code parts share, and `__wasm_split.js`, which
//    fetches a chunk the first time a part is called;
// 2. wasm-bindgen makes the JS glue for the main module, under trunk's file name
//    (`--keep-lld-exports` keeps the function table the chunks link against);
// 3. wasm-opt optimises every module with the options in index.html;
// 4. chunks and `__wasm_split.js` get content hashes in their names, and the
//    `integrity` hashes trunk put in index.html are brought up to date.
// A bundle built without the `split` feature is left as it is.
// Usage: node scripts/split-wasm.mjs DIST_DIR
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const repo = new URL('..', import.meta.url).pathname;
const raw = join(repo, 'target/wasm32-unknown-unknown/release/tribuna.wasm');
const work = join(repo, 'target/wasm-split');

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');

if (!readFileSync(raw).includes('__wasm_split_unstable')) {
  console.log('split-wasm: no split points in the wasm (built without the `split` feature); bundle left as is');
  process.exit(0);
}

const glue = readdirSync(dist).find((f) => /^tribuna-[0-9a-f]+\.js$/.test(f));
if (!glue) throw new Error(`${dist}: no tribuna-<hash>.js from trunk`);
const stem = glue.slice(0, -'.js'.length);
const mainWasm = `${stem}_bg.wasm`;
const before = Object.fromEntries([glue, mainWasm].map((f) => [f, sri(readFileSync(join(dist, f)))]));

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
run('wasm-split-cli', [raw, work, '--out-name', stem]);
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', dist, '--out-name', stem, join(work, `${stem}.wasm`)]);

const source = readFileSync(join(repo, 'index.html'), 'utf8');
const level = source.match(/data-wasm-opt="([^"]+)"/)?.[1] ?? 'z';
const params = (source.match(/data-wasm-opt-params="([^"]*)"/)?.[1] ?? '').split(/\s+/).filter(Boolean);
const optimise = (input, output) => run('wasm-opt', [`-O${level}`, ...params, input, '-o', output]);

optimise(join(dist, mainWasm), join(dist, mainWasm));
let loader = readFileSync(join(work, '__wasm_split.js'), 'utf8');
for (const chunk of readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`).sort()) {
  const tmp = join(work, `opt-${chunk}`);
  optimise(join(work, chunk), tmp);
  const name = `${chunk.slice(0, -'.wasm'.length)}-${hash(readFileSync(tmp))}.wasm`;
  renameSync(tmp, join(dist, name));
  if (!loader.includes(`"./${chunk}"`)) throw new Error(`__wasm_split.js does not load ${chunk}`);
  loader = loader.replaceAll(`"./${chunk}"`, `"./${name}"`);
}
const loaderName = `__wasm_split-${hash(loader)}.js`;
writeFileSync(join(dist, loaderName), loader);

const gluePath = join(dist, glue);
const glueCode = readFileSync(gluePath, 'utf8');
// Only the module the glue imports is renamed; the wasm still names its imports "./__wasm_split.js".
const importLine = 'from "./__wasm_split.js"';
if (!glueCode.includes(importLine)) throw new Error(`${glue} does not import __wasm_split.js`);
writeFileSync(gluePath, glueCode.replaceAll(importLine, `from "./${loaderName}"`));

const indexPath = join(dist, 'index.html');
let html = readFileSync(indexPath, 'utf8');
for (const [file, old] of Object.entries(before)) {
  html = html.replaceAll(old, sri(readFileSync(join(dist, file))));
}
writeFileSync(indexPath, html);
for (const stale of ['__wasm_split.js']) if (existsSync(join(dist, stale))) rmSync(join(dist, stale));
console.log(`split-wasm: ${stem}_bg.wasm plus ${readdirSync(dist).filter((f) => /^(split|chunk)_.*\.wasm$/.test(f)).length} chunks`);
