// Splitting the release wasm into the main module and chunks that load on
// demand (the parts marked in src/lazy.rs):
// 1. wasm-split-cli reads cargo's wasm (built with the `split` feature and
//    `--emit-relocs`) and writes the main module, one chunk per part plus
//    chunks of code parts share, and `__wasm_split.js`, which fetches a chunk
//    the first time a part is called;
// 2. wasm-bindgen makes the JS glue for the main module, under the name trunk
//    gave it (`--keep-lld-exports` keeps the function table the chunks link against);
// 3. wasm-opt optimises every module;
// 4. chunks and the loader get content hashes in their names.
// Everything is made under cargo's target directory first.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentHash } from './bundle.mjs';

/** wasm-opt's settings for every module: size first, and the features the wasm uses. */
const WASM_OPT = [
  '-Oz',
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });

/**
 * Splits cargo's wasm and puts the main module, its glue, the chunks and the
 * loader into `dir` (a bundle trunk wrote), in place of trunk's wasm and glue.
 * `app` is the bundle's app data (`{ js, wasm }`, base-relative URLs trunk
 * wrote). Returns the wasm files each part loads: `{ listing: [...], ... }`.
 */
export function splitWasm(dir, app, { repo, targetDir }) {
  const raw = join(targetDir, 'wasm32-unknown-unknown/release/tribuna.wasm');
  // Only a build with the `split` feature imports the split helpers' placeholder module.
  if (!readFileSync(raw).includes('__wasm_split_placeholder__')) {
    throw new Error(`${raw}: no split points (built without the \`split\` feature)`);
  }
  const glue = basename(app.js);
  const stem = glue.slice(0, -'.js'.length);
  const mainWasm = basename(app.wasm);
  if (mainWasm !== `${stem}_bg.wasm`) throw new Error(`the app data names ${app.js} and ${app.wasm}, which do not belong together`);
  const work = join(targetDir, 'wasm-split');
  rmSync(work, { recursive: true, force: true });
  const out = join(work, 'out');
  mkdirSync(out, { recursive: true });
  run('wasm-split-cli', [raw, work, '--out-name', stem]);
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', out, '--out-name', stem, join(work, `${stem}.wasm`)]);

  const optimise = (input, output) => run('wasm-opt', [...WASM_OPT, input, '-o', output]);
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

  const parts = partsOfLoader(out, loaderName);
  for (const file of readdirSync(out)) copyFileSync(join(out, file), join(dir, file));
  const chunks = readdirSync(out).filter((f) => f.endsWith('.wasm') && f !== mainWasm).length;
  console.log(`split: ${mainWasm} plus ${chunks} chunks`);
  return parts;
}

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
  const url = pathToFileURL(join(dir, loaderName)).href;
  const out = execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', probe, url], { encoding: 'utf8' });
  const parts = JSON.parse(out);
  if (Object.keys(parts).length === 0) throw new Error(`${loaderName}: exports no part; has the loader changed?`);
  for (const [part, files] of Object.entries(parts)) {
    if (files.length === 0) throw new Error(`${loaderName}: loading part ${part} fetches nothing; has the loader changed?`);
  }
  return parts;
}
