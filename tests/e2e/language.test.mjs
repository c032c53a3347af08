// Switching language in the browser: no reload, same page, same place,
// lang/title/alternates right, back button, arrival rules, the banner, and a
// third language added as data only.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { launch, openPage, seriousViolations, content, ui, repo } from './browser.mjs';
import { startServer } from './server.mjs';

let browser, server;
const site = content('site.json');
const index = content('statements/index.json');
const joint = index.statements.find((e) => e.authors.length >= 2 && e.title.es);
const untranslated = index.statements.find((e) => !e.title.es);
const longest = index.statements
  .map((e) => content(`statements/${e.slug}.json`))
  .filter((s) => s.translations.es)
  .sort((a, b) => b.translations.en.body.length - a.translations.en.body.length)[0];

before(async () => {
  browser = await launch();
  server = await startServer({ root: join(repo, 'dist') });
});
afterEach(() => server.reset());
after(async () => {
  await browser?.close();
  await server?.close();
});

const switcher = (page, lang) => page.getByRole('navigation', { name: lang === 'fr' ? 'Langue' : ui(lang, 'nav.languages') });
const alternates = (page) =>
  page.evaluate(() => Object.fromEntries([...document.querySelectorAll('link[rel=alternate]:not([type])')].map((l) => [l.hreflang, new URL(l.href).pathname])));

test('the switcher names each language in itself and marks the current one', async () => {
  const page = await openPage(browser);
  await page.goto(server.url('/'));
  const nav = switcher(page, 'en');
  for (const l of site.languages) {
    const link = nav.getByRole('link', { name: l.name, exact: true });
    assert.equal(await link.getAttribute('lang'), l.code);
    assert.equal(await link.getAttribute('hreflang'), l.code);
    assert.equal(await link.getAttribute('aria-current'), l.code === 'en' ? 'page' : null);
  }
  assert.deepEqual(await seriousViolations(page), []);
});

test('switching changes URL, text, lang, title and alternates without a reload; back returns', async () => {
  const page = await openPage(browser);
  await page.goto(server.url(`statements/${joint.slug}`));
  await page.getByRole('heading', { level: 1, name: joint.title.en }).waitFor();
  assert.deepEqual(await alternates(page), {
    en: `/statements/${joint.slug}`,
    es: `/es/statements/${joint.slug}`,
    'x-default': `/statements/${joint.slug}`,
  });
  await page.evaluate(() => (window.__tribunaMarker = 'same page'));
  await switcher(page, 'en').getByRole('link', { name: 'Español' }).click();
  await page.getByRole('heading', { level: 1, name: joint.title.es }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/es/statements/${joint.slug}`);
  assert.equal(await page.evaluate(() => window.__tribunaMarker), 'same page');
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
  assert.equal(await page.title(), `${joint.title.es} — ${site.name.es}`);
  assert.equal(await switcher(page, 'es').getByRole('link', { name: 'Español' }).getAttribute('aria-current'), 'page');
  await page.getByRole('region', { name: ui('es', 'authors.heading') }).waitFor();
  assert.equal(await page.getByText(ui('es', 'statement.published'), { exact: false }).count() > 0, true);
  assert.deepEqual(await alternates(page), {
    en: `/statements/${joint.slug}`,
    es: `/es/statements/${joint.slug}`,
    'x-default': `/statements/${joint.slug}`,
  });

  // The statement's own "In English" link switches back the same way.
  await page.getByRole('main').getByRole('link', { name: ui('en', 'lang.switch_to') }).click();
  await page.getByRole('heading', { level: 1, name: joint.title.en }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');

  await page.goBack();
  await page.getByRole('heading', { level: 1, name: joint.title.es }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/es/statements/${joint.slug}`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
  await page.goForward();
  await page.getByRole('heading', { level: 1, name: joint.title.en }).waitFor();
  assert.equal(await page.evaluate(() => window.__tribunaMarker), 'same page');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.consoleErrors, []);
});

test('switching the home page lands on the other home page', async () => {
  const page = await openPage(browser);
  await page.goto(server.url('/'));
  await page.getByRole('heading', { level: 1, name: ui('en', 'home.title') }).waitFor();
  await switcher(page, 'en').getByRole('link', { name: 'Español' }).click();
  await page.getByRole('heading', { level: 1, name: ui('es', 'home.title') }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/es/');
  assert.equal(await page.getByRole('link', { name: index.statements[0].title.es }).count(), 1);
});

test('an untranslated statement switches language with a notice, never a 404 or the home page', async () => {
  const page = await openPage(browser);
  await page.goto(server.url(`statements/${untranslated.slug}`));
  await page.getByRole('heading', { level: 1, name: untranslated.title.en }).waitFor();
  await switcher(page, 'en').getByRole('link', { name: 'Español' }).click();
  await page.getByText(ui('es', 'statement.untranslated')).waitFor();
  assert.equal(new URL(page.url()).pathname, `/es/statements/${untranslated.slug}`);
  const h1 = page.getByRole('heading', { level: 1 });
  assert.equal(await h1.textContent(), untranslated.title.en);
  assert.equal(await h1.getAttribute('lang'), 'en');
  assert.equal(await page.locator('.tribuna-statement__body').getAttribute('lang'), 'en');
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
  // Only the existing translation is an alternate.
  assert.deepEqual(await alternates(page), { en: `/statements/${untranslated.slug}`, 'x-default': `/statements/${untranslated.slug}` });
});

test('switching in the middle of a long statement keeps the same block at the same height', async () => {
  const page = await openPage(browser, { viewport: { width: 390, height: 800 } });
  await page.goto(server.url(`statements/${longest.slug}`));
  await page.getByRole('heading', { level: 1, name: longest.translations.en.title }).waitFor();
  const target = Math.floor(longest.translations.en.body.length * 0.6);
  await page.evaluate((i) => {
    const el = document.querySelector(`[data-block="${i}"]`);
    window.scrollBy(0, el.getBoundingClientRect().top - 240);
  }, target);
  const before = await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(r));
    const header = document.querySelector('.tribuna-header').getBoundingClientRect().bottom;
    const first = [...document.querySelectorAll('[data-block]')].find((el) => el.getBoundingClientRect().bottom > header);
    return { index: first.dataset.block, top: first.getBoundingClientRect().top, text: first.textContent };
  });
  // A plain mouse click where the link is (the sticky header keeps it on screen),
  // so the page is not scrolled before the switch.
  const box = await switcher(page, 'en').getByRole('link', { name: 'Español' }).boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.getByRole('heading', { level: 1, name: longest.translations.es.title }).waitFor();
  await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
  const after = await page.evaluate((i) => {
    const el = document.querySelector(`[data-block="${i}"]`);
    return { top: el.getBoundingClientRect().top, text: el.textContent };
  }, before.index);
  assert.notEqual(after.text, before.text, 'the block is now in Spanish');
  assert.ok(Math.abs(after.top - before.top) <= 4, `block ${before.index} moved from ${before.top} to ${after.top}`);
});

test('the switcher works from the keyboard', async () => {
  const page = await openPage(browser);
  await page.goto(server.url(`statements/${joint.slug}`));
  await page.getByRole('heading', { level: 1, name: joint.title.en }).waitFor();
  const spanish = switcher(page, 'en').getByRole('link', { name: 'Español' });
  for (let i = 0; i < 10 && !(await spanish.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Tab');
  assert.ok(await spanish.evaluate((a) => a === document.activeElement), 'reachable with Tab');
  const outline = await spanish.evaluate((a) => getComputedStyle(a).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: joint.title.es }).waitFor();
});

test('arrival: a saved choice of Spanish sends the home page to /es/', async () => {
  const page = await openPage(browser, { locale: 'en-US' });
  await page.addInitScript(() => localStorage.setItem('tribuna-language', 'es'));
  await page.goto(server.url('/'));
  await page.getByRole('heading', { level: 1, name: ui('es', 'home.title') }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/es/');
});

test('arrival: a Spanish browser (es-MX) is sent to /es/; a saved English choice is not', async () => {
  const page = await openPage(browser, { locale: 'es-MX' });
  await page.goto(server.url('/'));
  await page.getByRole('heading', { level: 1, name: ui('es', 'home.title') }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/es/');

  const english = await openPage(browser, { locale: 'es-MX' });
  await english.addInitScript(() => localStorage.setItem('tribuna-language', 'en'));
  await english.goto(server.url('/'));
  await english.getByRole('link', { name: index.statements[0].title.en }).waitFor();
  assert.equal(new URL(english.url()).pathname, '/');
});

test('arrival: the URL\'s language wins on every other page, with a banner offering the preferred one', async () => {
  const page = await openPage(browser, { locale: 'es-MX' });
  await page.goto(server.url(`statements/${joint.slug}`));
  await page.getByRole('heading', { level: 1, name: joint.title.en }).waitFor();
  const banner = page.getByRole('complementary', { name: ui('es', 'banner.label') });
  await banner.getByText(ui('es', 'banner.available')).waitFor();
  assert.equal(await banner.getAttribute('lang'), 'es');
  assert.deepEqual(await seriousViolations(page), []);
  await banner.getByRole('link', { name: ui('es', 'banner.switch') }).click();
  await page.getByRole('heading', { level: 1, name: joint.title.es }).waitFor();
  assert.equal(await banner.count(), 0);

  // Dismissed, it stays away for the session.
  const other = await openPage(browser, { locale: 'es-MX' });
  await other.goto(server.url(`statements/${joint.slug}`));
  const offer = other.getByRole('complementary', { name: ui('es', 'banner.label') });
  await offer.waitFor();
  await offer.getByRole('button', { name: ui('es', 'banner.dismiss') }).click();
  assert.equal(await offer.count(), 0);
  await other.getByRole('banner').getByRole('link').first().click();
  await other.getByRole('heading', { level: 1, name: ui('en', 'home.title') }).waitFor();
  assert.equal(await offer.count(), 0);

  // No offer of a translation that does not exist.
  const none = await openPage(browser, { locale: 'es-MX' });
  await none.goto(server.url(`statements/${untranslated.slug}`));
  await none.getByRole('heading', { level: 1, name: untranslated.title.en }).waitFor();
  assert.equal(await none.getByRole('complementary', { name: ui('es', 'banner.label') }).count(), 0);
});

test('a third language added as content and strings only, with no code change', async () => {
  const fr = JSON.parse(readFileSync(join(repo, 'tests/e2e/fixtures/locale-fr.json'), 'utf8'));
  const siteFr = structuredClone(site);
  siteFr.languages.push({ code: 'fr', name: 'Français' });
  const statement = content(`statements/${joint.slug}.json`);
  statement.translations.fr = {
    title: 'Le contrôle des loyers ne peut plus attendre',
    lead: 'Les loyers augmentent plus vite que les salaires depuis quatre ans.',
    body: [{ type: 'paragraph', text: [{ text: 'Chaque semaine, des familles quittent le quartier.' }] }],
  };
  const indexFr = structuredClone(index);
  indexFr.statements.find((e) => e.slug === joint.slug).title.fr = statement.translations.fr.title;
  server.override('content/site.json', { body: JSON.stringify(siteFr) });
  server.override(`content/statements/${joint.slug}.json`, { body: JSON.stringify(statement) });
  server.override('content/statements/index.json', { body: JSON.stringify(indexFr) });
  server.override('locales/fr.json', { body: JSON.stringify(fr) });

  const page = await openPage(browser);
  await page.goto(server.url(`fr/statements/${joint.slug}`));
  await page.getByRole('heading', { level: 1, name: statement.translations.fr.title }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  await page.getByRole('region', { name: fr['authors.heading'] }).waitFor();
  const nav = switcher(page, 'fr');
  assert.equal(await nav.getByRole('link', { name: 'Français' }).getAttribute('aria-current'), 'page');
  await nav.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: joint.title.en }).waitFor();
  await switcher(page, 'en').getByRole('link', { name: 'Français' }).click();
  await page.getByRole('heading', { level: 1, name: statement.translations.fr.title }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/fr/statements/${joint.slug}`);
  assert.deepEqual(page.errors, []);
});
