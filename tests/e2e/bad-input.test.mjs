// Bad content never breaks the page: each way a content file can fail gives the
// visitor a message in their language with "Try again" and a home link, and
// logs the file and field path to the console.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage, content, ui, repo } from './browser.mjs';
import { startServer } from './server.mjs';

let browser, server;
const index = content('statements/index.json');
const slug = index.statements.find((e) => e.title.es).slug;
const file = `statements/${slug}.json`;
const good = content(file);

before(async () => {
  browser = await launch();
  // The app alone, as for content added after the build: it fetches, and reports, every file itself.
  server = await startServer({ root: join(repo, 'dist'), prerendered: false });
});
afterEach(() => server.reset());
after(async () => {
  await browser?.close();
  await server?.close();
});

const mutate = (change) => {
  const doc = structuredClone(good);
  change(doc);
  return JSON.stringify(doc);
};
const text = JSON.stringify(good);

/** Each broken answer for the statement file: what the visitor reads and what the console says. */
const cases = [
  { name: '404', answer: { status: 404, body: 'not here' }, key: 'error.missing', log: `${file}: not found (HTTP 404)` },
  { name: 'server error', answer: { status: 500, body: 'oops' }, key: 'error.server', log: `${file}: server answered HTTP 500` },
  { name: 'network down', network: true, key: 'error.network', log: `${file}: network error` },
  { name: 'truncated JSON', answer: { body: text.slice(0, text.length / 2) }, key: 'error.invalid', log: `${file}: .: not valid JSON (EOF while parsing` },
  { name: 'invalid JSON', answer: { body: '{"format": 1, slug: x}' }, key: 'error.invalid', log: `${file}: .: not valid JSON (key must be a string` },
  { name: 'not an object', answer: { body: '[]' }, key: 'error.invalid', log: `${file}: .: expected an object, found an array` },
  {
    name: 'wrong type',
    answer: { body: mutate((d) => (d.hero.width = 'wide')) },
    key: 'error.invalid',
    log: `${file}: hero.width: invalid type: string "wide", expected u32`,
  },
  {
    name: 'missing field',
    answer: { body: mutate((d) => delete d.translations.es.title) },
    key: 'error.invalid',
    log: `${file}: translations.es: missing field \`title\``,
  },
  {
    name: 'unknown block type',
    answer: { body: mutate((d) => d.translations.es.body.splice(3, 0, { type: 'video', src: 'v.mp4' })) },
    key: 'error.invalid',
    log: `${file}: translations.es.body[3].type: unknown type "video"`,
  },
  {
    name: 'unsupported version',
    answer: { body: mutate((d) => (d.format = 99)) },
    key: 'error.version',
    log: `${file}: format: unsupported format version 99 (this build reads version 1)`,
  },
  {
    name: 'hostile link',
    answer: {
      body: mutate((d) => d.translations.es.body[0].text.push({ link: { text: 'x', href: 'javascript:alert(1)' } })),
    },
    key: 'error.invalid',
    log: `${file}: translations.es.body[0].text[${good.translations.es.body[0].text.length}].link.href: link "javascript:alert(1)" is not http(s), mailto or relative`,
  },
];

for (const c of cases) {
  for (const lang of ['en', 'es']) {
    test(`statement file: ${c.name} (${lang})`, async () => {
      const page = await openPage(browser);
      if (c.network) await page.route(`**/content/${file}`, (route) => route.abort('internetdisconnected'));
      else server.override(`content/${file}`, c.answer);
      await page.goto(server.url(`${lang === 'en' ? '' : 'es/'}statements/${slug}`));
      const alert = page.getByRole('alert');
      await alert.getByText(ui(lang, c.key), { exact: true }).waitFor();
      await alert.getByRole('heading', { level: 1, name: ui(lang, 'error.title') }).waitFor();
      assert.equal(await alert.getByRole('link', { name: ui(lang, 'error.home') }).getAttribute('href'), lang === 'en' ? '/' : '/es/');
      assert.ok(page.consoleErrors.some((m) => m.includes(c.log)), `console: ${page.consoleErrors.join(' | ')}`);
      assert.deepEqual(page.errors, [], 'no uncaught errors');

      // Once the file is good again, "Try again" shows the statement without a reload.
      server.reset();
      await page.unroute(`**/content/${file}`);
      await page.evaluate(() => (window.__tribunaMarker = 1));
      await alert.getByRole('button', { name: ui(lang, 'error.retry') }).click();
      await page.getByRole('heading', { level: 1, name: good.translations[lang].title }).waitFor();
      assert.equal(await page.getByRole('alert').count(), 0);
      assert.equal(await page.evaluate(() => window.__tribunaMarker), 1);
    });
  }
}

for (const [shared, key] of [['site.json', 'error.invalid'], ['statements/index.json', 'error.server'], ['authors.json', 'error.missing']]) {
  test(`a broken ${shared} shows its message on the page that needs it`, async () => {
    const answer = { 'site.json': { body: '{"format":1,"name":{}}' }, 'statements/index.json': { status: 503 }, 'authors.json': { status: 404 } }[shared];
    server.override(`content/${shared}`, answer);
    const page = await openPage(browser);
    const path = shared === 'authors.json' ? `es/statements/${slug}` : 'es/';
    await page.goto(server.url(path));
    await page.getByRole('alert').getByText(ui('es', key), { exact: true }).waitFor();
    assert.ok(page.consoleErrors.some((m) => m.includes(`tribuna: ${shared}: `)), page.consoleErrors.join(' | '));
    assert.equal(await page.locator('h1').count(), 1);
    assert.deepEqual(page.errors, []);
  });
}

test('a request that never answers ends in the network message, not an endless skeleton', async () => {
  server.override(`content/${file}`, { hang: true });
  const page = await openPage(browser);
  await page.goto(server.url(`statements/${slug}`));
  await page.getByRole('alert').getByText(ui('en', 'error.network')).waitFor({ timeout: 25_000 });
  assert.ok(page.consoleErrors.some((m) => m.includes(`${file}: network error: no answer within 15 s`)), page.consoleErrors.join(' | '));
});

test('page code that cannot be fetched gives the network message, and "Try again" loads it', async () => {
  const page = await openPage(browser);
  const chunk = /\/split_ask-[0-9a-f]+\.wasm$/;
  await page.route(chunk, (route) => route.abort('internetdisconnected'));
  await page.goto(server.url('es/mailbag/ask'));
  const alert = page.getByRole('alert');
  await alert.getByText(ui('es', 'error.network'), { exact: true }).waitFor();
  await alert.getByRole('heading', { level: 1, name: ui('es', 'error.title') }).waitFor();
  assert.ok(page.consoleErrors.some((m) => m.includes('app code (question form): network error')), page.consoleErrors.join(' | '));
  assert.deepEqual(page.errors, [], 'no uncaught errors');

  await page.unroute(chunk);
  await alert.getByRole('button', { name: ui('es', 'error.retry') }).click();
  await page.getByRole('heading', { level: 1, name: ui('es', 'ask.title') }).waitFor();
  await page.getByLabel(ui('es', 'ask.question')).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
});

test('while page code arrives, the page already has its heading and title', async () => {
  const page = await openPage(browser);
  const chunk = /\/split_ask-[0-9a-f]+\.wasm$/;
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(chunk, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(server.url('es/mailbag/ask'));
  const h1 = page.getByRole('heading', { level: 1, name: ui('es', 'ask.title') });
  await h1.waitFor();
  assert.equal(await page.locator('h1').count(), 1);
  assert.ok((await page.title()).startsWith(ui('es', 'ask.title')), await page.title());
  assert.equal(await page.getByLabel(ui('es', 'ask.question')).count(), 0, 'the form is not there yet');
  release();
  await page.getByLabel(ui('es', 'ask.question')).waitFor();
  assert.equal(await page.locator('h1').count(), 1);
  assert.deepEqual(page.errors, []);
});
