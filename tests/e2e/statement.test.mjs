// Statement pages: every part in order, both languages, joint authors,
// untranslated text, not found, deep links on a 404.html host and a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage, seriousViolations, content, ui, repo, scrollToEnd } from './browser.mjs';
import { startServer } from './server.mjs';

let browser, server, subpath, appOnly;
const site = content('site.json');
const authors = content('authors.json').authors;
const index = content('statements/index.json');
const joint = index.statements.find((e) => e.authors.length >= 2 && e.title.es);
const untranslated = index.statements.find((e) => !e.title.es);
const longest = index.statements
  .map((e) => content(`statements/${e.slug}.json`))
  .sort((a, b) => b.translations.en.body.length - a.translations.en.body.length)[0];

before(async () => {
  browser = await launch();
  server = await startServer({ root: join(repo, 'dist') });
  subpath = await startServer({ root: join(repo, 'target', 'dist-subpath'), prefix: '/tribuna/' });
  // The app alone, as for a statement added after the build.
  appOnly = await startServer({ root: join(repo, 'dist'), prerendered: false });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await subpath?.close();
  await appOnly?.close();
});

const longDate = (iso, lang) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
const paragraphText = (block) => block.text.map((run) => run.text ?? run.em ?? run.strong ?? run.link.text).join('');

for (const lang of ['en', 'es']) {
  test(`a statement page shows every part, in order (${lang})`, async () => {
    const statement = content(`statements/${joint.slug}.json`);
    const text = statement.translations[lang];
    const other = lang === 'en' ? 'es' : 'en';
    const page = await openPage(browser);
    const response = await page.goto(server.url(`${lang === 'en' ? '' : 'es/'}statements/${joint.slug}`));
    // A deep link: the page is a file of its own, pre-rendered.
    assert.equal(response.status(), 200);
    const main = page.getByRole('main');
    const h1 = main.getByRole('heading', { level: 1 });
    await h1.waitFor();
    assert.equal(await h1.textContent(), text.title);
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.title(), `${text.title} — ${site.name[lang]}`);
    assert.equal(await page.locator('html').getAttribute('lang'), lang);

    const published = main.locator(`time[datetime="${statement.published}"]`);
    assert.equal(await published.textContent(), longDate(statement.published, lang));

    const translation = main.getByRole('link', { name: ui(other, 'lang.switch_to') });
    assert.equal(await translation.getAttribute('href'), `${other === 'en' ? '/' : '/es/'}statements/${joint.slug}`);
    assert.equal(await translation.getAttribute('hreflang'), other);
    assert.equal(await translation.getAttribute('lang'), other);

    const lead = main.getByText(text.lead, { exact: true });
    const paragraphs = text.body.filter((b) => b.type === 'paragraph');
    const firstParagraph = main.getByText(paragraphText(paragraphs[0]), { exact: true });
    const lastParagraph = main.getByText(paragraphText(paragraphs.at(-1)), { exact: true });

    const figure = main.getByRole('figure').filter({ has: page.getByRole('img', { name: statement.hero.alt[lang] }) });
    const caption = await figure.locator('figcaption').textContent();
    assert.ok(caption.includes(statement.hero.caption[lang]) && caption.includes(statement.hero.credit), caption);
    const img = figure.getByRole('img');
    assert.equal(await img.getAttribute('width'), String(statement.hero.width));
    assert.equal(await img.getAttribute('height'), String(statement.hero.height));
    await page.waitForFunction(() => [...document.images].every((i) => i.complete));
    assert.ok(await img.evaluate((i) => i.naturalWidth > 0), 'the hero image loads');

    const authorBox = main.getByRole('region', { name: ui(lang, 'authors.heading') });
    for (const id of statement.authors) {
      const author = authors.find((a) => a.id === id);
      await authorBox.getByRole('heading', { name: author.name }).waitFor();
      await authorBox.getByText(author.bio[lang], { exact: true }).waitFor();
      assert.equal(await authorBox.getByRole('link', { name: author.name }).getAttribute('href'), author.url);
    }
    const ctas = [];
    for (const cta of site.calls_to_action) {
      const heading = main.getByRole('heading', { level: 3, name: cta.heading[lang] });
      await heading.waitFor();
      const button = main.getByRole('link', { name: cta.button[lang], exact: true });
      const href = cta.href[lang];
      assert.equal(await button.getAttribute('href'), href);
      await main.getByText(cta.pitch[lang], { exact: true }).waitFor();
      ctas.push(heading);
    }

    // Reading order: title, date, translation link, lead, body, photo, authors, calls to action.
    const parts = [h1, published, translation, lead, firstParagraph, lastParagraph, figure, authorBox, ctas[0]];
    const tops = [];
    for (const part of parts) tops.push(await part.evaluate((el) => [...document.querySelectorAll('*')].indexOf(el)));
    assert.deepEqual([...tops].sort((a, b) => a - b), tops, `document order ${tops}`);

    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(await seriousViolations(page), []);
  });
}

test('the joint statement lists both organisations', async () => {
  const page = await openPage(browser, { viewport: { width: 360, height: 740 } });
  await page.goto(server.url(`statements/${joint.slug}`));
  const box = page.getByRole('region', { name: ui('en', 'authors.heading') });
  await box.waitFor();
  const names = await box.getByRole('heading', { level: 3 }).allTextContents();
  assert.deepEqual(names, joint.authors.map((id) => authors.find((a) => a.id === id).name));
  // Readable on a 360 px phone: nothing wider than the screen.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));
});

test('a statement without Spanish shows its English text marked lang="en" on the Spanish page', async () => {
  const page = await openPage(browser);
  await page.goto(server.url(`es/statements/${untranslated.slug}`));
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  assert.equal(await h1.textContent(), untranslated.title.en);
  assert.equal(await h1.getAttribute('lang'), 'en');
  await page.getByText(ui('es', 'statement.untranslated')).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
  // No link to a Spanish version that does not exist.
  assert.equal(await page.getByRole('link', { name: ui('es', 'lang.switch_to') }).count(), 0);
  assert.deepEqual(await seriousViolations(page), []);
});

test('every block type of the long statement renders', async () => {
  const page = await openPage(browser);
  await page.goto(server.url(`statements/${longest.slug}`));
  await page.getByRole('heading', { level: 1 }).waitFor();
  const body = longest.translations.en.body;
  const count = (type) => body.filter((b) => b.type === type).length;
  assert.ok(body.length >= 15);
  assert.equal(await page.locator('[data-block]').count(), body.length);
  assert.equal(await page.locator('.tribuna-statement__body > p[data-block]:not(.tribuna-callout)').count(), count('paragraph'));
  assert.equal(await page.locator('.tribuna-statement__body h2').count(), count('heading'));
  assert.equal(await page.locator('.tribuna-statement__body blockquote').count(), count('quote'));
  assert.equal(await page.locator('.tribuna-statement__body :is(ul, ol)[data-block]').count(), count('list'));
  assert.equal(await page.locator('.tribuna-statement__body figure img').count(), count('image'));
});

for (const [lang, path] of [['en', 'statements/no-such-statement'], ['es', 'es/statements/no-such-statement'], ['en', 'no/such/page']]) {
  test(`an unknown address shows not found in the page's language (${path})`, async () => {
    const page = await openPage(browser);
    await page.goto(server.url(path));
    await page.getByRole('heading', { level: 1, name: ui(lang, 'not_found.title') }).waitFor();
    const home = page.getByRole('main').getByRole('link', { name: ui(lang, 'error.home') });
    assert.equal(await home.getAttribute('href'), lang === 'en' ? '/' : '/es/');
    assert.equal(await page.title(), ui(lang, 'not_found.title'));
    assert.deepEqual(page.errors, []);
  });
}

test('a bundle built for a sub-path works there, deep links included', async () => {
  const page = await openPage(browser);
  const response = await page.goto(subpath.url(`es/statements/${joint.slug}`));
  assert.equal(response.status(), 200);
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  assert.equal(await h1.textContent(), content(`statements/${joint.slug}.json`).translations.es.title);
  assert.equal(await page.getByRole('main').getByRole('link', { name: ui('en', 'lang.switch_to'), exact: true }).getAttribute('href'), `/tribuna/statements/${joint.slug}`);
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  assert.ok(await page.getByRole('figure').first().getByRole('img').evaluate((i) => i.naturalWidth > 0));
  await page.getByRole('banner').getByRole('link').first().click();
  await page.getByRole('heading', { level: 1, name: ui('es', 'home.title') }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/tribuna/es/');
  assert.deepEqual(page.errors, []);
});

test('a skeleton holds the place while the statement loads (a page the app renders itself)', async () => {
  appOnly.override(`content/statements/${joint.slug}.json`, {
    delayMs: 1500,
    body: JSON.stringify(content(`statements/${joint.slug}.json`)),
  });
  try {
    const page = await openPage(browser);
    await page.goto(appOnly.url(`statements/${joint.slug}`));
    await page.getByRole('status').filter({ hasText: ui('en', 'loading') }).waitFor();
    assert.equal(await page.locator('h1').count(), 0);
    await page.getByRole('heading', { level: 1, name: joint.title.en }).waitFor();
    assert.equal(await page.getByRole('status').filter({ hasText: ui('en', 'loading') }).count(), 0);
  } finally {
    appOnly.reset();
  }
});

test('the print stylesheet prints the statement alone', async () => {
  const page = await openPage(browser);
  await page.goto(server.url(`statements/${joint.slug}`));
  await page.getByRole('region', { name: ui('en', 'authors.heading') }).waitFor();
  await page.getByRole('complementary', { name: ui('en', 'rail.heading') }).waitFor();
  await scrollToEnd(page);
  await page.getByRole('region', { name: ui('en', 'mailbag.title') }).waitFor();
  await page.emulateMedia({ media: 'print' });
  for (const role of ['banner', 'contentinfo']) assert.equal(await page.getByRole(role).isVisible(), false, role);
  assert.equal(await page.getByRole('complementary', { name: ui('en', 'rail.heading') }).isVisible(), false, 'no rail');
  assert.equal(await page.getByRole('region', { name: ui('en', 'mailbag.title') }).isVisible(), false, 'no mailbag');
  const join = site.calls_to_action[0];
  assert.equal(await page.getByRole('link', { name: join.button.en, exact: true }).isVisible(), false, 'no calls to action');
  for (const part of [page.getByRole('heading', { level: 1 }), page.locator('.tribuna-statement__lead'), page.getByRole('region', { name: ui('en', 'authors.heading') })]) {
    assert.ok(await part.isVisible());
  }
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000, 'prints');
});
