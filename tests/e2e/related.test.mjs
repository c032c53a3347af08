// The related rail, topic pages, and lists that page through a large archive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, openPage, seriousViolations, content, ui, repo } from './browser.mjs';
import { startServer } from './server.mjs';

let browser, server, archive;
const site = content('site.json');
const index = content('statements/index.json');
const withExplicit = index.statements.find((e) => e.related.length >= 2);

/** The rail as the ranking function computes it (the native tool runs the same code). */
function expectedRail(slug, lang) {
  const out = execFileSync('cargo', ['run', '-q', '-p', 'tribuna-tools', '--', 'related', slug, lang], { cwd: repo, encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}
const entry = (slug) => index.statements.find((e) => e.slug === slug);

before(async () => {
  browser = await launch();
  server = await startServer({ root: join(repo, 'dist') });
  archive = await startServer({ root: join(repo, 'dist'), contentRoot: join(repo, 'target', 'archive-2000') });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await archive?.close();
});

for (const lang of ['en', 'es']) {
  test(`the rail lists explicit related statements first, then the best ranked (${lang})`, async () => {
    const page = await openPage(browser);
    await page.goto(server.url(`${lang === 'en' ? '' : 'es/'}statements/${withExplicit.slug}`));
    const rail = page.getByRole('complementary', { name: ui(lang, 'rail.heading') });
    await rail.waitFor();
    const expected = expectedRail(withExplicit.slug, lang);
    assert.ok(expected.length > 0 && expected.length <= site.related.count);
    assert.deepEqual(expected.slice(0, withExplicit.related.length), withExplicit.related, 'explicit ones first, in order');
    const links = rail.getByRole('link');
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(hrefs, expected.map((s) => `${lang === 'en' ? '/' : '/es/'}statements/${s}`));
    assert.ok(!expected.includes(withExplicit.slug));
    for (const [i, slug] of expected.entries()) {
      const e = entry(slug);
      const link = links.nth(i);
      if (e.title[lang]) {
        assert.equal(await link.textContent(), e.title[lang]);
        assert.equal(await link.getAttribute('lang'), null);
      } else {
        // Not available in the page's language: shown in its own, and says so.
        assert.equal(await link.textContent(), e.title[e.original_language]);
        assert.equal(await link.getAttribute('lang'), e.original_language);
        const item = rail.getByRole('listitem').nth(i);
        await item.getByText(ui(lang, 'rail.only_in')).waitFor();
      }
      const img = rail.getByRole('listitem').nth(i).locator('img');
      assert.equal(await img.getAttribute('loading'), 'lazy');
      assert.ok((await img.getAttribute('width')) && (await img.getAttribute('height')));
      await rail.getByRole('listitem').nth(i).locator(`time[datetime="${e.published}"]`).waitFor();
    }
    assert.deepEqual(await seriousViolations(page), []);
  });
}

test('an English-only statement appears in the Spanish rail marked lang="en"', async () => {
  const english = index.statements.filter((e) => !e.title.es).map((e) => e.slug);
  const host = index.statements.find((e) => e.title.es && expectedRail(e.slug, 'es').some((s) => english.includes(s)));
  assert.ok(host, 'the demo has a Spanish rail with an English-only statement');
  const page = await openPage(browser);
  await page.goto(server.url(`es/statements/${host.slug}`));
  const rail = page.getByRole('complementary', { name: ui('es', 'rail.heading') });
  const link = rail.locator('a[lang="en"]');
  await link.waitFor();
  assert.ok(english.includes((await link.getAttribute('href')).split('/').pop()));
});

test('the rail sits beside the article on a wide screen and after it on a phone', async () => {
  for (const [width, beside] of [[1280, true], [390, false]]) {
    const page = await openPage(browser, { viewport: { width, height: 900 } });
    await page.goto(server.url(`statements/${withExplicit.slug}`));
    const rail = page.getByRole('complementary', { name: ui('en', 'rail.heading') });
    await rail.waitFor();
    const a = await page.locator('article.tribuna-statement').boundingBox();
    const r = await rail.boundingBox();
    if (beside) {
      assert.ok(r.x >= a.x + a.width, `rail at x=${r.x}, article ends at ${a.x + a.width}`);
      assert.ok(r.y < a.y + a.height / 2, 'level with the article');
    } else {
      assert.ok(r.y >= a.y + a.height, `rail at y=${r.y}, article ends at ${a.y + a.height}`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling');
    }
  }
});

test('a statement links its topics to topic pages, which list that topic newest first', async () => {
  const statement = content(`statements/${withExplicit.slug}.json`);
  const topicId = statement.topics[0];
  const topic = site.topics.find((t) => t.id === topicId);
  for (const lang of ['en', 'es']) {
    const page = await openPage(browser);
    await page.goto(server.url(`${lang === 'en' ? '' : 'es/'}statements/${withExplicit.slug}`));
    const topics = page.getByRole('list', { name: ui(lang, 'topics.label') });
    await topics.getByRole('link', { name: topic.name[lang], exact: true }).click();
    await page.getByRole('heading', { level: 1, name: topic.name[lang] }).waitFor();
    assert.equal(new URL(page.url()).pathname, `${lang === 'en' ? '/' : '/es/'}topics/${topicId}`);
    assert.equal(await page.title(), `${topic.name[lang]} — ${site.name[lang]}`);
    const expected = index.statements.filter((e) => e.topics.includes(topicId)).map((e) => e.title[lang] ?? e.title[e.original_language]);
    await page.getByRole('link', { name: expected[0] }).waitFor();
    assert.deepEqual(await page.getByRole('main').getByRole('list', { name: ui(lang, 'list.label') }).getByRole('heading', { level: 2 }).allTextContents(), expected.slice(0, site.home_count));
    assert.deepEqual(await seriousViolations(page), []);
  }
  const page = await openPage(browser);
  await page.goto(server.url('topics/no-such-topic'));
  await page.getByRole('heading', { level: 1, name: ui('en', 'not_found.title') }).waitFor();
});

test('a 2,000-statement archive: the home page fetches one index page, "More statements" the next only when needed', async () => {
  const first = JSON.parse(execFileSync('cat', [join(repo, 'target/archive-2000/statements/index.json')], { encoding: 'utf8' }));
  assert.equal(first.total, 2000);
  assert.ok(first.pages > 1 && first.statements.length < 2000);
  const page = await openPage(browser);
  await page.goto(archive.url('/'));
  const main = page.getByRole('main');
  await main.getByRole('link', { name: first.statements[0].title.en }).waitFor();
  const cards = main.getByRole('list', { name: ui('en', 'list.label') }).getByRole('heading', { level: 2 });
  assert.equal(await cards.count(), site.home_count);
  const fetched = () => archive.requests.filter((p) => /\/content\/statements\/index(-\d+)?\.json$/.test(p));
  assert.deepEqual(fetched(), ['/content/statements/index.json']);
  await main.getByText(`${ui('en', 'list.showing').replace('{shown}', site.home_count).replace('{total}', 2000)}`).waitFor();

  const more = main.getByRole('button', { name: ui('en', 'list.more') });
  const perPage = first.statements.length;
  while ((await cards.count()) < perPage) {
    await more.click();
  }
  assert.equal(await cards.count(), perPage);
  assert.deepEqual(fetched(), ['/content/statements/index.json'], 'no second page while the first has enough');
  await more.click();
  await main.getByRole('link', { name: JSON.parse(execFileSync('cat', [join(repo, 'target/archive-2000/statements/index-2.json')], { encoding: 'utf8' })).statements[0].title.en }).waitFor();
  assert.deepEqual(fetched(), ['/content/statements/index.json', '/content/statements/index-2.json']);
  assert.equal(await cards.count(), perPage + site.home_count);
  // Keyboard users land on the first new statement.
  const focused = await page.evaluate(() => document.activeElement.closest('[data-card]')?.dataset.card);
  assert.equal(focused, String(perPage));
  assert.equal(archive.requests.filter((p) => p.startsWith('/content/statements/archive-')).length, 0, 'no statement files fetched for a list');
  assert.deepEqual(page.errors, []);
});

test('a topic page of the large archive pages through its own index', async () => {
  const topic = site.topics[0].id;
  const first = JSON.parse(execFileSync('cat', [join(repo, `target/archive-2000/topics/${topic}.json`)], { encoding: 'utf8' }));
  const page = await openPage(browser);
  await page.goto(archive.url(`es/topics/${topic}`));
  const main = page.getByRole('main');
  const title = (e) => e.title.es ?? e.title[e.original_language];
  await main.getByRole('link', { name: title(first.statements[0]), exact: true }).waitFor();
  await main.getByRole('button', { name: ui('es', 'list.more') }).click();
  await main.getByRole('link', { name: title(first.statements[site.home_count]), exact: true }).waitFor();
  assert.equal(await main.getByRole('list', { name: ui('es', 'list.label') }).getByRole('heading', { level: 2 }).count(), 2 * site.home_count);
  assert.ok(archive.requests.includes(`/content/topics/${topic}.json`));
});

test('a statement beyond the first index page still gets its alternates and the language banner', async () => {
  const first = JSON.parse(execFileSync('cat', [join(repo, 'target/archive-2000/statements/index.json')], { encoding: 'utf8' }));
  const listed = new Set(first.statements.map((e) => e.slug));
  const slug = Array.from({ length: 2000 }, (_, i) => `archive-${String(i + 1).padStart(5, '0')}`)
    .filter((s) => !listed.has(s))
    .find((s) => JSON.parse(execFileSync('cat', [join(repo, `target/archive-2000/statements/${s}.json`)], { encoding: 'utf8' })).translations.es);
  const page = await openPage(browser, { locale: 'es-MX' });
  await page.goto(archive.url(`statements/${slug}`));
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('complementary', { name: ui('es', 'banner.label') }).getByText(ui('es', 'banner.available')).waitFor();
  const alternates = await page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('link[rel=alternate]')].map((l) => [l.hreflang, new URL(l.href).pathname])),
  );
  assert.deepEqual(alternates, { en: `/statements/${slug}`, es: `/es/statements/${slug}`, 'x-default': `/statements/${slug}` });
});
