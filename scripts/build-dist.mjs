// Builds the release bundle in one step (`make dist`), with one data flow:
//
//   trunk ──▶ page template + app data { js, wasm }
//         ──▶ split: + { parts }        (scripts/lib/split.mjs)
//         ──▶ finished template         (scripts/lib/template.mjs)
//         ──▶ every script minified     (terser)
//         ──▶ embed stylesheet and script (scripts/lib/embed.mjs)
//         ──▶ every page and embed, sitemap, feeds, oEmbed, _headers
//                                   (crates/prerender, from the template)
//         ──▶ embed.js, embed-resize.js (scripts/lib/embed.mjs)
//         ──▶ .br/.gz and sizes         (scripts/lib/compress.mjs)
//
// The app data is JSON that trunk writes into the template (Trunk.toml's
// `pattern_preload`) and each step reads and completes; src/boot.js starts the
// app from it. Everything is built in a staging folder under cargo's target
// directory, and DIST is replaced only once every step succeeded. A step that
// does not find what it expects stops the build, saying what is missing.
//
// Usage: node scripts/build-dist.mjs DIST [--public-url /] [--content DIR] [--origin URL]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { minify, readAppData } from './lib/bundle.mjs';
import { compressBundle, printSizes } from './lib/compress.mjs';
import { finishEmbed, prepareEmbed } from './lib/embed.mjs';
import { splitWasm } from './lib/split.mjs';
import { finishTemplate } from './lib/template.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'public-url': { type: 'string', default: '/' },
    content: { type: 'string', default: 'public/content' },
    origin: { type: 'string', default: '' },
  },
});
const repo = resolve(new URL('..', import.meta.url).pathname);
const dist = resolve(positionals[0] ?? 'dist');
const targetDir = JSON.parse(
  execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { cwd: repo, encoding: 'utf8' }),
).target_directory;
const stage = join(targetDir, 'dist-stage', basename(dist));
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });

// 1. The app: trunk builds the wasm with split points and the linker's
//    relocations (RUSTFLAGS replaces .cargo/config.toml's flags, so they are repeated).
rmSync(stage, { recursive: true, force: true });
run('trunk', ['build', '--release', '--features', 'split', '--public-url', values['public-url'], '--dist', stage], {
  RUSTFLAGS: '--cfg erase_components -C link-args=--emit-relocs',
});
const app = readAppData(readFileSync(join(stage, 'index.html'), 'utf8'));

// 2. The wasm, cut into the main module and chunks.
app.parts = splitWasm(stage, app, { repo, targetDir });

// 3. The page template.
await finishTemplate(stage, app);

// wasm-bindgen's glue and the chunk loader, minified in place once the split
// has run them (the start-up script already is).
for (const file of readdirSync(stage).filter((f) => f.endsWith('.js') && !f.startsWith('boot-'))) {
  const path = join(stage, file);
  writeFileSync(path, await minify(readFileSync(path, 'utf8'), file));
}

// 4. Every page and embed, from the template, and the files around them.
const embed = await prepareEmbed(stage, repo);
run('cargo', [
  'run', '-q', '--profile', 'prerender', '-p', 'tribuna-prerender', '--', stage,
  '--content', resolve(repo, values.content), '--origin', values.origin,
  '--embed-css', embed.css, '--embed-frame-script', embed.frameScript,
]);
await finishEmbed(stage, repo, embed);

// 5. Compressed copies, and the sizes.
const sizes = compressBundle(stage);

if (existsSync(dist)) rmSync(dist, { recursive: true });
renameSync(stage, dist);
printSizes(positionals[0] ?? 'dist', sizes);
