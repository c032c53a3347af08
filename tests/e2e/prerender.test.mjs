// Pre-rendered pages: what a crawler, a link preview and a reader without
// JavaScript get, and the app taking a page over without a seam.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from 'linkedom';
import { launch, openPage, seriousViolations, content, ui, repo } from './browser.mjs';
import { startServer } from './server.mjs';
import { finishEmbed } from '../../scripts/lib/embed.mjs';

const site = content('site.json');
const index = content('statements/index.json');
const mailbag = content('mailbag.json');
const origin = site.origin;
const bilingual = index.statements.find((e) => e.title.en && e.title.es && e.thumbnail);
const statement = content(`statements/${bilingual.slug}.json`);

let browser, server;
before(async () => {
  browser = await launch();
  server = await startServer({ root: join(repo, 'dist') });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** GETs `path` from `at` (a test server) and parses it as HTML. */
async function fetchPage(at, path) {
  const response = await fetch(at.url(path));
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), text, doc: new DOMParser().parseFromString(text, 'text/html') };
}

const meta = (doc, key) => doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content');
const jsonLd = (doc) => JSON.parse(doc.querySelector('script[type="application/ld+json"]').textContent);
const url = (lang, path) => `${origin}/${lang === site.default_language ? '' : `${lang}/`}${path}`;

for (const lang of ['en', 'es']) {
  test(`a statement is served as a whole page, with its head, to a client without a browser (${lang})`, async () => {
    const path = `${lang === 'en' ? '' : 'es/'}statements/${bilingual.slug}`;
    const { status, type, doc } = await fetchPage(server, path);
    const text = statement.translations[lang];
    assert.equal(status, 200);
    assert.match(type, /text\/html/);
    assert.equal(doc.documentElement.getAttribute('lang'), lang);
    // The body: heading, lead, every paragraph, the rail, the calls to action and the Mailbag widget.
    assert.equal(doc.querySelectorAll('h1').length, 1);
    assert.equal(doc.querySelector('h1').textContent, text.title);
    assert.equal(doc.querySelector('.tribuna-statement__lead').textContent, text.lead);
    const firstParagraph = text.body.find((b) => b.type === 'paragraph');
    const plain = firstParagraph.text.map((r) => r.text ?? r.em ?? r.strong ?? r.link.text).join('');
    assert.ok(doc.querySelector('.tribuna-statement__body').textContent.includes(plain));
    assert.ok(doc.querySelector('.tribuna-rail li'), 'the related rail');
    assert.ok(doc.querySelector('.tribuna-ctas a[href]'), 'the calls to action');
    const widget = doc.querySelector('.tribuna-mailbag');
    assert.equal(widget.querySelector('h2').textContent, ui(lang, 'mailbag.title'));
    assert.equal(widget.querySelectorAll('.tribuna-qa').length, site.mailbag.widget_count);
    assert.equal(doc.querySelector('noscript.tribuna-noscript, .tribuna-noscript'), null, 'no "needs JavaScript" notice');
    // The head.
    assert.equal(doc.querySelector('title').textContent, `${text.title} — ${site.name[lang]}`);
    assert.equal(meta(doc, 'description'), text.lead);
    assert.equal(doc.querySelector('link[rel=canonical]').getAttribute('href'), url(lang, `statements/${bilingual.slug}`));
    const alternates = Object.fromEntries(
      [...doc.querySelectorAll('link[rel=alternate][hreflang]:not([type])')].map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')]),
    );
    assert.deepEqual(alternates, {
      en: url('en', `statements/${bilingual.slug}`),
      es: url('es', `statements/${bilingual.slug}`),
      'x-default': url(site.default_language, `statements/${bilingual.slug}`),
    });
    assert.equal(meta(doc, 'og:type'), 'article');
    assert.equal(meta(doc, 'og:title'), text.title);
    assert.equal(meta(doc, 'og:description'), text.lead);
    assert.equal(meta(doc, 'og:locale'), lang === 'en' ? 'en_US' : 'es_ES');
    assert.equal(meta(doc, 'og:locale:alternate'), lang === 'en' ? 'es_ES' : 'en_US');
    assert.equal(meta(doc, 'og:image'), `${origin}/content/${statement.hero.src}`);
    assert.equal(meta(doc, 'og:image:width'), String(statement.hero.width));
    assert.equal(meta(doc, 'og:image:height'), String(statement.hero.height));
    assert.equal(meta(doc, 'og:image:alt'), statement.hero.alt[lang]);
    assert.equal(meta(doc, 'article:published_time'), statement.published);
    assert.equal(meta(doc, 'twitter:card'), 'summary_large_image');
    const feeds = [...doc.querySelectorAll('link[rel=alternate][type="application/atom+xml"]')].map((l) => l.getAttribute('href'));
    assert.deepEqual(feeds.sort(), [`${origin}/es/feed.xml`, `${origin}/feed.xml`]);
    // JSON-LD.
    const ld = jsonLd(doc);
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, text.title);
    assert.equal(ld.description, text.lead);
    assert.equal(ld.inLanguage, lang);
    assert.equal(ld.datePublished, statement.published);
    assert.ok(JSON.stringify(ld.image).includes(statement.hero.src));
    assert.ok(ld.author.length >= 1 && ld.author.every((a) => ['Organization', 'Person'].includes(a['@type'])));
    assert.equal(ld.publisher['@type'], 'Organization');
    const links = JSON.stringify([ld.translationOfWork ?? null, ld.workTranslation ?? null]);
    const twin = url(lang === 'en' ? 'es' : 'en', `statements/${bilingual.slug}`);
    assert.ok(links.includes(twin), `the other language version is linked: ${links}`);
  });
}

test('every kind of page is pre-rendered in both languages', async () => {
  for (const lang of ['en', 'es']) {
    const prefix = lang === 'en' ? '' : 'es/';
    const home = await fetchPage(server, prefix);
    assert.equal(home.doc.querySelector('h1').textContent, ui(lang, 'home.title'));
    assert.equal(home.doc.querySelectorAll('.tribuna-card').length, Math.min(site.home_count, index.statements.length));
    const topic = site.topics.find((t) => index.statements.some((e) => e.topics.includes(t.id)));
    const topicPage = await fetchPage(server, `${prefix}topics/${topic.id}`);
    assert.equal(topicPage.status, 200);
    assert.equal(topicPage.doc.querySelector('h1').textContent, topic.name[lang]);
    assert.ok(topicPage.doc.querySelectorAll('.tribuna-card').length >= 1);
    const all = await fetchPage(server, `${prefix}mailbag`);
    assert.equal(all.doc.querySelector('h1').textContent, ui(lang, 'mailbag.title'));
    const shown = Math.min(site.mailbag.page_size, mailbag.questions.length);
    assert.equal(all.doc.querySelectorAll('.tribuna-qa').length, shown);
    const qa = mailbag.questions[0];
    const one = await fetchPage(server, `${prefix}mailbag/${qa.id}`);
    assert.equal(one.status, 200);
    const item = one.doc.querySelector(`#tribuna-page-${qa.id}`);
    assert.equal(item.querySelector('h2').textContent, qa.question[lang] ?? qa.question[qa.original_language]);
    const details = item.querySelector('details');
    if (details) assert.ok(details.hasAttribute('open'), 'a deep link opens its answer');
    const ask = await fetchPage(server, `${prefix}mailbag/ask`);
    assert.equal(ask.doc.querySelector('h1').textContent, ui(lang, 'ask.title'));
    const email = ask.doc.querySelector('noscript');
    assert.ok(email?.innerHTML.includes(`mailto:${site.mailbag.email}`), 'the question page offers the email route without JavaScript');
  }
  // Anything not pre-rendered is the app alone, answered by 404.html.
  const missing = await fetchPage(server, 'statements/added-after-the-build');
  assert.equal(missing.status, 404);
  assert.equal(missing.doc.querySelector('#tribuna-prerendered'), null);
  assert.ok(missing.doc.querySelector('#tribuna-app'));
});

test('the sitemap, robots.txt and the feeds list every statement in every language', async () => {
  const xml = (text) => new DOMParser().parseFromString(text, 'text/xml');
  const sitemap = xml(await (await fetch(server.url('sitemap.xml'))).text());
  const locs = [...sitemap.querySelectorAll('url > loc')].map((l) => l.textContent);
  for (const entry of index.statements) {
    for (const lang of Object.keys(entry.title)) assert.ok(locs.includes(url(lang, `statements/${entry.slug}`)), `${lang} ${entry.slug}`);
  }
  assert.ok(locs.includes(url('en', '')) || locs.includes(`${origin}/`));
  const alternates = sitemap.getElementsByTagName('xhtml:link');
  assert.ok(alternates.length >= index.statements.length, 'hreflang alternates in the sitemap');
  const robots = await (await fetch(server.url('robots.txt'))).text();
  assert.match(robots, new RegExp(`Sitemap: ${origin}/sitemap.xml`));
  for (const lang of ['en', 'es']) {
    const feed = xml(await (await fetch(server.url(lang === 'en' ? 'feed.xml' : 'es/feed.xml'))).text());
    const entries = [...feed.querySelectorAll('entry')];
    const offered = index.statements.filter((e) => e.title[lang]);
    assert.equal(entries.length, Math.min(20, offered.length));
    for (const entry of entries) {
      assert.match(entry.querySelector('updated').textContent, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
      const title = entry.querySelector('title').textContent;
      assert.ok(offered.some((e) => e.title[lang] === title), title);
    }
  }
});

/**
 * Pre-renders the demo content as `change(dir)` leaves it into a copy of the
 * bundle, and serves it for `use(server)`.
 */
async function prerenderWith(change, use) {
  const work = mkdtempSync(join(tmpdir(), 'tribuna-prerender-'));
  try {
    const contentDir = join(work, 'content');
    const out = join(work, 'dist');
    cpSync(join(repo, 'public', 'content'), contentDir, { recursive: true });
    change(contentDir);
    cpSync(join(repo, 'dist'), out, { recursive: true });
    const bin = join(repo, 'target', 'prerender', 'tribuna-prerender');
    assert.ok(existsSync(bin), 'make dist builds the pre-render step');
    // The embeds' stylesheet and resizer as the bundle has them; their fragments and embed.js anew.
    const assets = readdirSync(join(out, 'embed-assets'));
    const css = `embed-assets/${assets.find((f) => /^embed-.*\.css$/.test(f))}`;
    const frame = `embed-assets/${assets.find((f) => /^frame-.*\.js$/.test(f))}`;
    execFileSync(bin, [out, '--template', join(out, '404.html'), '--content', contentDir, '--embed-css', css, '--embed-frame-script', frame], { stdio: 'pipe' });
    await finishEmbed(out, repo, { css });
    // The app fetches the same content the pages were rendered from.
    cpSync(contentDir, join(out, 'content'), { recursive: true });
    const served = await startServer({ root: out });
    try {
      await use(served);
    } finally {
      await served.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Rewrites the JSON file `file` under `dir` with `edit`. */
function editJson(dir, file, edit) {
  const path = join(dir, file);
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  edit(doc);
  writeFileSync(path, JSON.stringify(doc));
}

test('a hostile title round-trips through the head, the JSON-LD and the embeds unharmed', async () => {
  const hostile = 'Rent </title><script>alert(1)</script> "quoted" & \'single\' </script><!-- more';
  const change = (dir) =>
    editJson(dir, `statements/${bilingual.slug}.json`, (doc) => {
      doc.translations.en.title = hostile;
      doc.translations.en.lead = hostile;
    });
  await prerenderWith(change, async (served) => {
    const { doc: page, text } = await fetchPage(served, `statements/${bilingual.slug}`);
    assert.ok(!text.includes('<script>alert(1)'), 'no markup from the title');
    assert.equal(page.querySelectorAll('script:not([type="application/ld+json"]):not([type="application/json"]):not([src])').length, 0);
    assert.equal(page.querySelector('title').textContent, `${hostile} — ${site.name.en}`);
    assert.equal(page.querySelector('h1').textContent, hostile);
    assert.equal(meta(page, 'og:title'), hostile);
    assert.equal(meta(page, 'description'), hostile);
    assert.equal(jsonLd(page).headline, hostile);
    // The embeds, by iframe and by script, show it as text too.
    const { doc: frame, text: frameText } = await fetchPage(served, `embed/statements/${bilingual.slug}`);
    assert.ok(!frameText.includes('<script>alert(1)'));
    assert.equal(frame.querySelector('title').textContent, `${hostile} — ${site.name.en}`);
    assert.equal(frame.querySelector('h1').textContent, hostile);
    const oembed = await (await fetch(served.url(`embed/statements/${bilingual.slug}/oembed.json`))).json();
    assert.equal(oembed.title, hostile);
    const snippet = new DOMParser().parseFromString(`<body>${oembed.html}</body>`, 'text/html');
    assert.equal(snippet.querySelector('iframe').getAttribute('title'), hostile);
    assert.equal(snippet.querySelectorAll('script').length, 1, 'only the resizer');
    // The Share panel's snippet, readable without JavaScript, is the same text.
    const bare = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await bare.newPage();
    await noScript.goto(served.url(`statements/${bilingual.slug}`));
    await noScript.getByText(ui('en', 'share.title'), { exact: true }).click();
    assert.equal(await noScript.getByLabel(ui('en', 'share.iframe')).inputValue(), oembed.html);
    await bare.close();
    served.override('partner.html', {
      body: `<!DOCTYPE html><html lang="en"><title>Partner</title><div data-tribuna="statement" data-slug="${bilingual.slug}"></div><script type="module" src="/embed.js"></script></html>`,
    });
    const partner = await openPage(browser, { waitForApp: false });
    await partner.goto(served.url('partner.html'));
    await partner.locator('[data-tribuna]').getByRole('heading', { name: hostile, exact: true }).waitFor();
    assert.equal(await partner.locator('[data-tribuna]').evaluate((el) => el.shadowRoot.querySelectorAll('script').length), 0);
    assert.deepEqual(partner.errors, []);
    await partner.context().close();
  });
});

test('the Mailbag page holds every answer, more than a screenful, and the app keeps them on screen', async () => {
  const count = site.mailbag.page_size * 2 + 5;
  const change = (dir) =>
    editJson(dir, 'mailbag.json', (doc) => {
      for (let i = 0; doc.questions.length < count; i++) {
        doc.questions.push({ ...structuredClone(mailbag.questions[i % mailbag.questions.length]), id: `more-${i}` });
      }
    });
  await prerenderWith(change, async (served) => {
    const { doc } = await fetchPage(served, 'es/mailbag');
    assert.equal(doc.querySelectorAll('.tribuna-qa').length, count, 'every answer, readable without JavaScript');
    const page = await openPage(browser);
    await page.goto(served.url('es/mailbag'));
    assert.equal(await page.locator('.tribuna-qa').count(), count, 'the app shows what the page held');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('with JavaScript off: read a statement, its Spanish version, a topic and a Mailbag answer', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(server.url(`statements/${bilingual.slug}`));
    await page.getByRole('heading', { level: 1, name: statement.translations.en.title }).waitFor();
    await page.getByText(statement.translations.en.lead).waitFor();
    assert.ok(await page.locator('.tribuna-statement__hero img').isVisible(), 'the hero');
    await page.locator('.tribuna-statement__translations').getByRole('link').click();
    await page.waitForURL(/\/es\/statements\//);
    await page.getByRole('heading', { level: 1, name: statement.translations.es.title }).waitFor();
    const topic = site.topics.find((t) => statement.topics.includes(t.id));
    await page.getByRole('list', { name: ui('es', 'topics.label') }).getByRole('link', { name: topic.name.es }).click();
    await page.getByRole('heading', { level: 1, name: topic.name.es }).waitFor();
    assert.ok((await page.locator('.tribuna-card').count()) >= 1);
    await page.goto(server.url('es/mailbag'));
    const long = page.locator('.tribuna-qa').filter({ has: page.locator('details') }).first();
    const more = long.getByText(ui('es', 'mailbag.read_more'));
    await more.click();
    assert.equal(await long.locator('details').getAttribute('open'), '', 'Read more opens the answer');
    assert.ok(await long.locator('details > div').isVisible());
  } finally {
    await context.close();
  }
});

/** The app's main wasm file, as the page names it. */
async function wasmPath(page) {
  return page.evaluate(() => JSON.parse(document.getElementById('tribuna-app').textContent).wasm);
}

test('before the wasm arrives the page is whole; then the app takes over without a shift, keeping focus, scroll and selection', async () => {
  const page = await openPage(browser, { viewport: { width: 390, height: 700 }, waitForApp: false });
  const held = [];
  await page.route('**/*_bg.wasm', (route) => held.push(route));
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(server.url(`statements/${bilingual.slug}`));
  const title = statement.translations.en.title;
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.waitForFunction(() => document.readyState === 'complete');
  assert.ok(await page.locator('#tribuna-prerendered').count(), 'the pre-rendered page');
  assert.ok(await page.locator('.tribuna-statement__hero img').evaluate((img) => img.complete && img.naturalWidth > 0), 'the hero is shown');
  // The reader moves around before the app arrives: scrolls, selects the lead, focuses a link.
  const lead = statement.translations.en.lead;
  await page.locator('.tribuna-statement__translations a').focus();
  await page.evaluate(() => {
    const lead = document.querySelector('.tribuna-statement__lead').firstChild;
    getSelection().setBaseAndExtent(lead, 0, lead, 20);
    window.scrollTo(0, 240);
  });
  const before = await page.evaluate(() => ({ y: scrollY, active: document.activeElement.getAttribute('href') }));
  assert.equal(await page.evaluate(() => getSelection().toString()), lead.slice(0, 20));
  assert.equal(await page.locator('#tribuna-root').count(), 0, 'the app has not taken over yet');

  // The wasm is let through: the app takes over.
  await page.waitForFunction(() => true);
  for (const route of held.splice(0)) await route.continue();
  await page.unroute('**/*_bg.wasm');
  await page.waitForFunction(() => !document.getElementById('tribuna-prerendered') && document.getElementById('tribuna-root'));
  const afterTakeover = await page.evaluate(() => ({
    y: scrollY,
    active: document.activeElement.getAttribute('href'),
    selection: getSelection().toString(),
    shift: window.__shift,
    h1s: document.querySelectorAll('h1').length,
  }));
  assert.equal(afterTakeover.shift, 0, 'no layout shift');
  assert.equal(afterTakeover.y, before.y, 'the scroll position is kept');
  assert.equal(afterTakeover.active, before.active, 'focus is kept');
  assert.equal(afterTakeover.selection, lead.slice(0, 20), 'the selection is kept');
  assert.equal(afterTakeover.h1s, 1);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.consoleErrors, []);

  // The app is live: the language switch works in place, without a reload.
  await page.evaluate(() => (window.__sameDocument = true));
  await page.getByRole('navigation', { name: ui('en', 'nav.languages') }).getByRole('link', { name: 'Español' }).click();
  await page.getByRole('heading', { level: 1, name: statement.translations.es.title }).waitFor();
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a link clicked before the wasm arrives loads the next pre-rendered page', async () => {
  const page = await openPage(browser, { waitForApp: false });
  await page.route('**/*_bg.wasm', () => {}); // never answered
  await page.goto(server.url(`statements/${bilingual.slug}`));
  const rail = page.getByRole('complementary', { name: ui('en', 'rail.heading') });
  const link = rail.getByRole('link').first();
  const name = await link.textContent();
  await link.click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  assert.ok(await page.locator('#tribuna-prerendered').count(), 'the next page came pre-rendered');
  await page.context().close();
});

test('the app loads only after the page has painted, and a failed wasm leaves the page readable', async () => {
  const page = await openPage(browser, { waitForApp: false });
  const order = [];
  page.on('request', (r) => order.push(r.url()));
  await page.route('**/*_bg.wasm', (route) => route.abort());
  await page.goto(server.url(`statements/${bilingual.slug}`));
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.waitForTimeout(300);
  const wasm = order.findIndex((u) => u.endsWith('_bg.wasm'));
  const css = order.findIndex((u) => u.endsWith('.css'));
  const hero = order.findIndex((u) => u.endsWith(statement.hero.src));
  assert.ok(css >= 0 && hero >= 0, order.join('\n'));
  assert.ok(wasm === -1 || (wasm > css && wasm > hero), `the wasm comes after the CSS and the hero:\n${order.join('\n')}`);
  await page.getByRole('heading', { level: 1, name: statement.translations.en.title }).waitFor();
  assert.ok(await page.getByText(statement.translations.en.lead).isVisible());
  await page.context().close();
});

test('the Mailbag widget is in the page for readers who move by headings, and loads no code until needed', async () => {
  const page = await openPage(browser);
  const seen = server.requests.length;
  await page.goto(server.url(`statements/${bilingual.slug}`));
  await page.waitForFunction(() => document.getElementById('tribuna-root'));
  // Found by its heading and landmark without scrolling.
  const widget = page.getByRole('region', { name: ui('en', 'mailbag.title') });
  assert.equal(await widget.getByRole('heading', { level: 3 }).count(), site.mailbag.widget_count);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForTimeout(500);
  const fetched = server.requests.slice(seen).filter((p) => p.endsWith('mailbag.json') || /split_mailbag-/.test(p));
  assert.deepEqual(fetched, [], 'no Mailbag code or content fetched');
  await widget.getByText(ui('en', 'mailbag.read_more')).first().click();
  assert.ok(await widget.locator('details[open]').first().isVisible());
  await page.context().close();
});
