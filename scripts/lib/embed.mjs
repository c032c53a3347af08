// The embeds' files around the pages (docs/embedding.md), in two steps of
// scripts/build-dist.mjs:
//
//   prepareEmbed ──▶ embed-assets/embed-<hash>.css, embed-assets/frame-<hash>.js
//                    (names passed to crates/prerender for the iframe pages)
//   finishEmbed  ──▶ embed-assets/<hash>/ (the fragments crates/prerender wrote
//                    to embed-assets/fragments/, named by their content), and
//                    embed.js and embed-resize.js, whose names stay the same
//                    from build to build.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { contentHash, minify } from './bundle.mjs';

const ASSETS = 'embed-assets';

/** Writes a content-hashed copy of `source` as `embed-assets/{stem}-<hash>{ext}`; returns its bundle path. */
function hashed(dir, text, stem, ext) {
  const name = `${ASSETS}/${stem}-${contentHash(text)}${ext}`;
  mkdirSync(join(dir, ASSETS), { recursive: true });
  writeFileSync(join(dir, name), text);
  return name;
}

/** The embed stylesheet and the iframe pages' height reporter (minified), content-hashed. */
export async function prepareEmbed(dir, repo) {
  return {
    css: hashed(dir, readFileSync(join(repo, 'style/embed.css'), 'utf8'), 'embed', '.css'),
    frameScript: hashed(dir, await minify(readFileSync(join(repo, 'src/partner/frame.js'), 'utf8'), 'src/partner/frame.js'), 'frame', '.js'),
  };
}

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/**
 * Names the fragments folder by the hash of every fragment (path and
 * content), then writes `embed.js` with its settings (`embed-assets/settings.json`,
 * from crates/prerender, plus the stylesheet and the fragments folder) and
 * `embed-resize.js`, both minified. Returns the fragments folder's bundle path.
 */
export async function finishEmbed(dir, repo, { css }) {
  const fragments = join(dir, ASSETS, 'fragments');
  const settingsFile = join(dir, ASSETS, 'settings.json');
  let all = '';
  for (const file of files(fragments)) all += `${relative(fragments, file)}\n${readFileSync(file, 'utf8')}\n`;
  if (!all) throw new Error(`${fragments}: no embed fragments (crates/prerender writes them)`);
  const folder = `${ASSETS}/${contentHash(all)}/`;
  rmSync(join(dir, folder), { recursive: true, force: true });
  renameSync(fragments, join(dir, folder));
  const settings = { ...JSON.parse(readFileSync(settingsFile, 'utf8')), css, fragments: folder };
  rmSync(settingsFile);
  const source = (name) => readFileSync(join(repo, 'src/partner', name), 'utf8');
  const embed = `const settings = ${JSON.stringify(settings)};\n${source('embed.js')}`;
  writeFileSync(join(dir, 'embed.js'), await minify(embed, 'src/partner/embed.js'));
  writeFileSync(join(dir, 'embed-resize.js'), await minify(source('embed-resize.js'), 'src/partner/embed-resize.js'));
  return folder;
}
