// Imported content renders: a statement from the WordPress fixture export and
// one written in Markdown (every block type), each opened in both languages.
// The content is the importers' output in target/import-fixture, which
// `make test` writes before the browser tests run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, repo } from './browser.mjs';
import { startServer } from './server.mjs';

const fixture = join(repo, 'target', 'import-fixture');
const read = (path) => JSON.parse(readFileSync(join(fixture, path), 'utf8'));
const runsText = (runs) => runs.map((run) => run.text ?? run.em ?? run.strong ?? run.link.text).join('');

let browser, server;

before(async () => {
  browser = await launch();
  server = await startServer({ root: join(repo, 'dist'), contentRoot: fixture });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `slug` in `lang` and checks the title and every body block by role or text. */
async function opensWithItsBody(slug, lang) {
  const statement = read(`statements/${slug}.json`);
  const text = statement.translations[lang];
  const page = await openPage(browser);
  await page.goto(server.url(`${lang === 'en' ? '' : 'es/'}statements/${slug}`));
  const main = page.getByRole('main');
  const h1 = main.getByRole('heading', { level: 1 });
  await h1.waitFor();
  assert.equal((await h1.textContent()).trim(), text.title);
  for (const block of text.body) {
    switch (block.type) {
      case 'paragraph':
        await main.getByText(runsText(block.text), { exact: true }).first().waitFor();
        break;
      case 'heading':
        await main.getByRole('heading', { name: block.text, exact: true }).waitFor();
        break;
      case 'list':
        for (const item of block.items) {
          await main.getByRole('listitem').filter({ hasText: runsText(item) }).first().waitFor();
        }
        break;
      case 'quote':
        await main.getByText(runsText(block.text)).first().waitFor();
        if (block.attribution) await main.getByText(block.attribution).first().waitFor();
        break;
      case 'image':
        await main.getByRole('img', { name: block.alt, exact: true }).first().waitFor();
        if (block.caption) await main.getByText(block.caption).first().waitFor();
        break;
      case 'callout':
        await main.getByText(block.text, { exact: true }).first().waitFor();
        break;
      default:
        assert.fail(`unexpected block type ${block.type}`);
    }
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
}

for (const lang of ['en', 'es']) {
  test(`a statement imported from WordPress opens with its body (${lang})`, async () => {
    await opensWithItsBody('rent-stabilization-now', lang);
  });

  test(`a statement written in Markdown opens with every block type (${lang})`, async () => {
    const types = new Set(read('statements/water-and-shade.json').translations[lang].body.map((b) => b.type));
    assert.deepEqual([...types].sort(), ['callout', 'heading', 'image', 'list', 'paragraph', 'quote']);
    await opensWithItsBody('water-and-shade', lang);
  });
}
