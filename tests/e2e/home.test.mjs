// The home page: the latest statements, newest first, in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage, seriousViolations, content, ui, repo } from './browser.mjs';
import { startServer } from './server.mjs';

let browser, server;
const site = content('site.json');
const index = content('statements/index.json');

before(async () => {
  browser = await launch();
  server = await startServer({ root: join(repo, 'dist') });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The expected card titles on the home page in `lang`. */
function expectedTitles(lang) {
  return index.statements.slice(0, site.home_count).map((e) => e.title[lang] ?? e.title[e.original_language]);
}

for (const [lang, path] of [['en', '/'], ['es', '/es/']]) {
  test(`home lists the latest statements newest first (${lang})`, async () => {
    const page = await openPage(browser);
    await page.goto(server.url(path));
    const main = page.getByRole('main');
    await main.getByRole('heading', { level: 1, name: ui(lang, 'home.title') }).waitFor();
    const titles = expectedTitles(lang);
    await main.getByRole('link', { name: titles[0] }).waitFor();
    assert.deepEqual(await main.getByRole('list', { name: ui(lang, 'list.label') }).getByRole('heading', { level: 2 }).allTextContents(), titles);

    const first = index.statements[0];
    const href = await main.getByRole('link', { name: titles[0] }).getAttribute('href');
    assert.equal(href, `${lang === 'en' ? '/' : '/es/'}statements/${first.slug}`);
    assert.equal(await page.locator('html').getAttribute('lang'), lang);
    assert.equal(await page.title(), `${ui(lang, 'home.title')} — ${site.name[lang]}`);
    // Thumbnails carry their size, so nothing shifts when they load.
    const sized = await main.locator('img').evaluateAll((imgs) => imgs.every((i) => i.getAttribute('width') && i.getAttribute('height')));
    assert.ok(sized);
    assert.equal(await page.locator('h1').count(), 1);
    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(await seriousViolations(page), []);
  });
}

test('an untranslated statement is listed in its own language on the Spanish home', async () => {
  const untranslated = index.statements.find((e) => !e.title.es);
  assert.ok(untranslated, 'the demo has a statement without Spanish');
  const page = await openPage(browser);
  await page.goto(server.url('/es/'));
  const link = page.getByRole('link', { name: untranslated.title.en });
  await link.waitFor();
  const lang = await link.evaluate((a) => a.closest('[lang]').getAttribute('lang'));
  assert.equal(lang, 'en');
});

test('a card leads to its statement without reloading the page', async () => {
  const page = await openPage(browser);
  await page.goto(server.url('/'));
  const target = index.statements[1];
  await page.getByRole('link', { name: target.title.en }).waitFor();
  await page.evaluate(() => (window.__tribunaMarker = 'kept'));
  await page.getByRole('link', { name: target.title.en }).click();
  await page.getByRole('heading', { level: 1, name: target.title.en }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/statements/${target.slug}`);
  assert.equal(await page.evaluate(() => window.__tribunaMarker), 'kept');
});

test('the skip link moves focus to the main content', async () => {
  const page = await openPage(browser);
  await page.goto(server.url('/'));
  await page.getByRole('link', { name: expectedTitles('en')[0] }).waitFor();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: ui('en', 'nav.skip') });
  assert.ok(await skip.evaluate((a) => a === document.activeElement));
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tribuna-main');
  assert.equal(new URL(page.url()).pathname, '/');
});
