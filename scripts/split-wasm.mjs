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
//    page's app data (`<script type="application/json" id="tribuna-app">`)
//    learns which wasm files each part loads.
// Everything is made under cargo's target directory; DIST_DIR changes only at the end.
// A bundle built without the `split` feature is left as it is.
// Usage: node scripts/split-wasm.mjs DIST_DIR
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentHash, readAppData, writeAppData } from './lib/bundle.mjs';

const dist = process.argv[2] ?? 'dist';
const repo = new URL('..', import.meta.url).pathname;
const targetDir = JSON.parse(
  execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { cwd: repo, encoding: 'utf8' }),
).target_directory;
const raw = join(targetDir, 'wasm32-unknown-unknown/release/tribuna.wasm');
const work = join(targetDir, 'wasm-split');

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });

// Only a build with the `split` feature imports the split helpers' placeholder module.
if (!readFileSync(raw).includes('__wasm_split_placeholder__')) {
  console.log('split-wasm: no split points in the wasm (built without the `split` feature); bundle left as is');
  process.exit(0);
}

const glue = readdirSync(dist).find((f) => /^tribuna-[0-9a-f]+\.js$/.test(f));
if (!glue) throw new Error(`${dist}: no tribuna-<hash>.js from trunk`);
const stem = glue.slice(0, -'.js'.length);
const mainWasm = `${stem}_bg.wasm`;

// Everything is made in `work` first; `dist` changes only once it all succeeded.
rmSync(work, { recursive: true, force: true });
const out = join(work, 'out');
mkdirSync(out, { recursive: true });
run('wasm-split-cli', [raw, work, '--out-name', stem]);
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', out, '--out-name', stem, join(work, `${stem}.wasm`)]);

const source = readFileSync(join(repo, 'index.html'), 'utf8');
const level = source.match(/data-wasm-opt="([^"]+)"/)?.[1] ?? 'z';
const params = (source.match(/data-wasm-opt-params="([^"]*)"/)?.[1] ?? '').split(/\s+/).filter(Boolean);
const optimise = (input, output) => run('wasm-opt', [`-O${level}`, ...params, input, '-o', output]);

optimise(join(out, mainWasm), join(out, mainWasm));
let loader = readFileSync(join(work, '__wasm_split.js'), 'utf8');
for (const chunk of readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`).sort()) {
  const tmp = join(work, `opt-${chunk}`);
  optimise(join(work, chunk), tmp);
  const name = `${chunk.slice(0, -'.wasm'.length)}-${contentHash(readFileSync(tmp))}.wasm`;
  renameSync(tmp, join(out, name));
  if (!loader.includes(`"./${chunk}"`)) throw new Error(`__wasm_split.js does not load ${chunk}`);
  loader = loader.replaceAll(`"./${chunk}"`, `"./${name}"`);
}
const loaderName = `__wasm_split-${contentHash(loader)}.js`;
writeFileSync(join(out, loaderName), loader);

// Only the module the glue imports is renamed; the wasm still names its imports "./__wasm_split.js".
const importLine = 'from "./__wasm_split.js"';
const glueCode = readFileSync(join(out, glue), 'utf8');
if (!glueCode.includes(importLine)) throw new Error(`${glue} does not import __wasm_split.js`);
writeFileSync(join(out, glue), glueCode.replaceAll(importLine, `from "./${loaderName}"`));

// The page's app data (src/boot.js) learns which wasm files each part loads.
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const appData = readAppData(html);
appData.parts = partsOfLoader(out, loaderName);
for (const file of readdirSync(out)) copyFileSync(join(out, file), join(dist, file));
writeFileSync(join(dist, 'index.html'), writeAppData(html, appData));
console.log(`split-wasm: ${mainWasm} plus ${readdirSync(out).filter((f) => f.endsWith('.wasm') && f !== mainWasm).length} chunks`);

/**
 * The wasm files each part needs, asked of the chunk loader itself: in a
 * child process, each of its `__wasm_split_load_<part>` functions is called,
 * on a fresh copy of the loader, with `fetch` stubbed, and the files it starts
 * fetching (those of the chunks it depends on, then its own) are recorded:
 * `{ listing: ['split_listing-….wasm', 'chunk_4-….wasm', …], … }`. No fetch
 * ever answers, so nothing is instantiated. A loader that exports no part, or
 * whose part fetches nothing, stops the build.
 */
function partsOfLoader(dir, loaderName) {
  const probe = `
    const fetched = [];
    globalThis.fetch = (url) => { fetched.push(new URL(String(url)).pathname.split('/').pop()); return new Promise(() => {}); };
    process.on('unhandledRejection', () => {});
    console.error = () => {};
    const url = process.argv[1];
    const parts = {};
    for (const name of Object.keys(await import(url))) {
      const part = name.match(/^__wasm_split_load_(\\w+)$/)?.[1];
      if (!part) continue;
      const fresh = await import(url + '?part=' + part);
      fetched.length = 0;
      fresh[name](0, 0);
      parts[part] = [fetched.at(-1), ...fetched.slice(0, -1)].filter(Boolean);
    }
    process.stdout.write(JSON.stringify(parts));
    process.exit(0);`;
  const out = execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', probe, pathToFileURL(join(dir, loaderName)).href], {
    encoding: 'utf8',
  });
  const parts = JSON.parse(out);
  if (Object.keys(parts).length === 0) throw new Error(`${loaderName}: exports no part; has the loader changed?`);
  for (const [part, files] of Object.entries(parts)) {
    if (files.length === 0) throw new Error(`${loaderName}: loading part ${part} fetches nothing; has the loader changed?`);
  }
  return parts;
}
