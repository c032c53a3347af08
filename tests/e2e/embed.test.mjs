// Embeds on a partner's page: the script embed in shadow roots, the iframe
// embed fitted to its content, oEmbed, and which pages may be framed. The
// partner's page is served from another origin (another port), with CSS that
// tries to restyle everything and a Content-Security-Policy that allows
// Tribuna's host and nothing else from outside.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from 'linkedom';
import { launch, openPage, seriousViolations, content, ui, repo } from './browser.mjs';
import { startServer } from './server.mjs';

const site = content('site.json');
const index = content('statements/index.json');
const bilingual = index.statements.filter((e) => e.title.en && e.title.es);
const [first, second] = bilingual;
const statement = content(`statements/${first.slug}.json`);
const hostile = '* { font: 40px serif !important; color: red !important } h1, h2 { display: none }';

let browser, tribuna, partner, partnerDir;
before(async () => {
  browser = await launch();
  tribuna = await startServer({ root: join(repo, 'dist') });
  partnerDir = mkdtempSync(join(tmpdir(), 'tribuna-partner-'));
  writeFileSync(join(partnerDir, 'hostile.css'), hostile);
  writeFileSync(join(partnerDir, 'partner.css'), '.spacer { height: 5000px }');
  // The host's own script, loaded after embed.js: it must run whatever the embeds do.
  writeFileSync(join(partnerDir, 'host.js'), 'document.body.dataset.hostRan = "yes";\n');
  writeFileSync(join(partnerDir, 'other-origin.html'), '<!DOCTYPE html><script src="/post.js"></script>');
  writeFileSync(join(partnerDir, 'post.js'), 'parent.postMessage({ type: "tribuna:resize", height: 3 }, "*");\n');
  partner = await startServer({ root: partnerDir });
});
after(async () => {
  await browser?.close();
  await tribuna?.close();
  await partner?.close();
  rmSync(partnerDir, { recursive: true, force: true });
});

/**
 * Serves a partner page at `name` holding `body`, under the CSP the
 * embedding guide documents (Tribuna's host in script-src, style-src,
 * connect-src and img-src), and opens it.
 */
async function partnerPage(name, body) {
  const host = tribuna.origin;
  const csp = `default-src 'self'; script-src 'self' ${host}; style-src 'self' ${host}; connect-src 'self' ${host}; img-src 'self' ${host}; frame-src ${host}`;
  writeFileSync(
    join(partnerDir, name),
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>A partner</title><link rel="stylesheet" href="/hostile.css"><link rel="stylesheet" href="/partner.css"></head>
<body><h1>The partner's own heading</h1><p class="own">The partner's own text.</p>
${body}
<script type="module" src="${host}/embed.js"></script>
<script src="/host.js" defer></script>
</body></html>`,
  );
  const page = await openPage(browser, { waitForApp: false });
  page.cspViolations = [];
  await page.exposeFunction('reportCsp', (v) => page.cspViolations.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => globalThis.reportCsp(`${e.violatedDirective} ${e.blockedURI}`)));
  page.warnings = [];
  page.on('console', (m) => m.type() === 'warning' && page.warnings.push(m.text()));
  await page.goto(partner.url(name));
  return page;
}

/** The embed element `selector`'s statement title, as a reader sees it. */
const titleIn = (page, selector, text) => page.locator(selector).getByRole('heading', { name: text, exact: true });

test('a statement embed keeps Tribuna\'s styles on a hostile page, and the page keeps its own', async () => {
  const page = await partnerPage('statement.html', `<div id="one" data-tribuna="statement" data-slug="${first.slug}" data-lang="en"></div>`);
  const title = titleIn(page, '#one', statement.translations.en.title);
  await title.waitFor();
  const firstParagraph = statement.translations.en.body.find((b) => b.type === 'paragraph');
  const words = firstParagraph.text.map((r) => r.text ?? r.em ?? r.strong ?? r.link.text).join('').slice(0, 40);
  await page.locator('#one').getByText(words).waitFor();
  const styles = await title.evaluate((h) => {
    const s = getComputedStyle(h);
    return { display: s.display, color: s.color, size: parseFloat(s.fontSize), family: s.fontFamily, level: h.tagName };
  });
  assert.notEqual(styles.display, 'none');
  assert.notEqual(styles.color, 'rgb(255, 0, 0)');
  assert.ok(styles.size < 40, `title font size ${styles.size}`);
  assert.match(styles.family, /Georgia/);
  assert.equal(styles.level, 'H2', 'on a partner page the statement title is under the page\'s own h1');
  const body = await page.locator('#one').getByText(words).evaluate((p) => getComputedStyle(p).color);
  assert.notEqual(body, 'rgb(255, 0, 0)');
  // The host page keeps its own styles: Tribuna's CSS does not leak out.
  const own = await page.locator('p.own').evaluate((p) => [getComputedStyle(p).color, getComputedStyle(p).fontSize]);
  assert.deepEqual(own, ['rgb(255, 0, 0)', '40px']);
  assert.equal(await page.locator('h1', { hasText: "The partner's own heading" }).isVisible(), false);
  // The credit line links to the full page on Tribuna's site.
  const credit = page.locator('#one').getByRole('link', { name: /Read it on/ });
  assert.equal(await credit.getAttribute('href'), `${tribuna.origin}/statements/${first.slug}`);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.cspViolations, []);
  assert.deepEqual(await seriousViolations(page), []);
  await page.context().close();
});

test('two statement embeds and a Mailbag embed coexist; data-lang="es" shows Spanish; dark theme applies', async () => {
  const secondStatement = content(`statements/${second.slug}.json`);
  const mailbag = content('mailbag.json');
  const page = await partnerPage(
    'several.html',
    `<div id="a" data-tribuna="statement" data-slug="${first.slug}" data-lang="es"></div>
     <div id="b" data-tribuna="statement" data-slug="${second.slug}" data-theme="dark"></div>
     <div id="m" data-tribuna="mailbag"></div>
     <div id="auto" data-tribuna="latest" data-theme="auto"></div>`,
  );
  await titleIn(page, '#a', statement.translations.es.title).waitFor();
  await titleIn(page, '#b', secondStatement.translations.en.title).waitFor();
  await page.locator('#m').getByRole('heading', { name: ui('en', 'mailbag.title') }).waitFor();
  assert.ok(await page.locator('#a').getByRole('link', { name: /Léelo en/ }).isVisible());
  const lang = await page.locator('#a .tribuna-embed').getAttribute('lang');
  assert.equal(lang, 'es');
  const background = (id) => page.locator(`${id} .tribuna-embed`).evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(await background('#b'), 'rgb(23, 25, 29)');
  assert.equal(await background('#a'), 'rgb(255, 255, 255)');
  // `auto` follows the reader's colour scheme.
  await page.locator('#auto').getByRole('list').waitFor();
  assert.equal(await background('#auto'), 'rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await background('#auto'), 'rgb(23, 25, 29)');
  assert.equal(await background('#a'), 'rgb(255, 255, 255)');
  // The Mailbag's "Read more" works in the shadow root, without code of its own.
  const newest = [...mailbag.questions].sort((x, y) => y.answered.localeCompare(x.answered))[0];
  const more = page.locator('#m').getByText(ui('en', 'mailbag.read_more')).first();
  await more.click();
  const lastWords = newest.answer.en.trim().split(/\s+/).slice(-4).join(' ');
  await page.locator('#m').getByText(lastWords, { exact: false }).first().waitFor();
  // Each shadow root has its own ids: the two statements' author boxes do not clash.
  assert.equal(await page.locator('[data-tribuna]').evaluateAll((els) => els.every((e) => e.shadowRoot)), true);
  // Both themes pass axe (the light, the dark and, with the dark scheme, the automatic one).
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a bad slug shows a small message with a link to the site, and the host page\'s script still runs', async () => {
  const page = await partnerPage('bad.html', `<div id="bad" data-tribuna="statement" data-slug="no-such-statement" data-lang="es"></div>`);
  const message = page.locator('#bad').getByText(ui('es', 'embed.failed'));
  await message.waitFor();
  const link = page.locator('#bad').getByRole('link', { name: /Visita/ });
  assert.equal(await link.getAttribute('href'), `${tribuna.origin}/es/`);
  await page.waitForFunction(() => document.body.dataset.hostRan === 'yes');
  assert.deepEqual(page.errors, []);
  assert.ok(page.warnings.some((w) => w.includes('no-such-statement')), page.warnings.join('\n'));
  await page.context().close();
});

test('an embed below the fold fetches nothing until the reader scrolls near it; later elements are picked up', async () => {
  tribuna.requests.length = 0;
  const page = await partnerPage('below.html', `<div class="spacer"></div><div id="low" data-tribuna="latest" data-count="3"></div>`);
  await page.waitForFunction(() => document.body.dataset.hostRan === 'yes');
  await page.waitForTimeout(300);
  const fetched = () => tribuna.requests.filter((p) => p.startsWith('/embed-assets/'));
  assert.ok(tribuna.requests.includes('/embed.js'));
  assert.deepEqual(fetched(), [], 'nothing but embed.js before the embed nears the viewport');
  await page.mouse.wheel(0, 4800);
  const list = page.locator('#low').getByRole('list');
  await list.waitFor();
  assert.equal(await list.getByRole('listitem').count(), 3);
  assert.ok(fetched().some((p) => p.endsWith('latest.en.json')));
  // An element added after embed.js ran.
  await page.evaluate((slug) => {
    const el = document.createElement('div');
    el.id = 'late';
    el.dataset.tribuna = 'statement';
    el.dataset.slug = slug;
    document.body.prepend(el);
    window.scrollTo(0, 0);
  }, first.slug);
  await titleIn(page, '#late', statement.translations.en.title).waitFor();
  await page.context().close();
});

test('the iframe embed reports its height, the host fits the iframe to it, and other origins are ignored', async () => {
  const oembed = await (await fetch(tribuna.url(`embed/statements/${first.slug}/oembed.json`))).json();
  // The documented snippet, pointing at the test host instead of the public origin.
  const snippet = oembed.html.replaceAll(site.origin, tribuna.origin);
  tribuna.override('hop', { status: 302, headers: { location: partner.url('other-origin.html') } });
  const page = await partnerPage(
    'frame.html',
    `${snippet}
     <iframe id="impostor" src="${tribuna.origin}/hop" title="A frame that ends up elsewhere" width="300" height="200"></iframe>`,
  );
  const frame = page.frameLocator(`iframe[src$="/embed/statements/${first.slug}"]`);
  await frame.getByRole('heading', { name: statement.translations.en.title }).waitFor();
  const iframe = page.locator(`iframe[src$="/embed/statements/${first.slug}"]`);
  await page.waitForFunction((slug) => document.querySelector(`iframe[src$="/embed/statements/${slug}"]`).style.height !== '', first.slug);
  const contentHeight = await frame.locator('html').evaluate((h) => h.getBoundingClientRect().height);
  await page.waitForFunction(
    ([slug, want]) => Math.abs(document.querySelector(`iframe[src$="/embed/statements/${slug}"]`).getBoundingClientRect().height - want) <= 3,
    [first.slug, contentHeight],
  );
  assert.ok(contentHeight > 640, `a long statement grows the iframe past its starting height (${contentHeight})`);
  // A narrower window makes the text wrap more: the iframe follows.
  await page.setViewportSize({ width: 420, height: 800 });
  await page.waitForFunction(
    ([slug, before]) => document.querySelector(`iframe[src$="/embed/statements/${slug}"]`).getBoundingClientRect().height > before + 50,
    [first.slug, contentHeight],
  );
  const narrow = await frame.locator('html').evaluate((h) => h.getBoundingClientRect().height);
  const fitted = await iframe.evaluate((f) => f.getBoundingClientRect().height);
  assert.ok(Math.abs(narrow - fitted) <= 3, `iframe ${fitted} px for ${narrow} px of content`);
  // The impostor's page, now on the partner's origin, asks for 3 px: not the iframe's origin, ignored.
  await page.frameLocator('#impostor').locator('script').first().waitFor({ state: 'attached' });
  await page.evaluate(() => window.postMessage({ type: 'tribuna:resize', height: 5 }, '*'));
  await page.waitForTimeout(200);
  assert.equal(await page.locator('#impostor').evaluate((f) => f.clientHeight), 200);
  assert.equal(await iframe.evaluate((f) => f.style.height), `${Math.ceil(narrow)}px`);
  // Links open the full site in the top window.
  await frame.getByRole('link', { name: /Read it on/ }).click();
  await page.waitForURL(`${tribuna.origin}/statements/${first.slug}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('only the embed pages may be framed; a statement embed needs no script to be read', async () => {
  const page = await partnerPage(
    'framing.html',
    `<iframe id="embed" src="${tribuna.origin}/es/embed/statements/${first.slug}" title="embed"></iframe>
     <iframe id="site" src="${tribuna.origin}/statements/${first.slug}" title="site"></iframe>`,
  );
  await page.frameLocator('#embed').getByRole('heading', { name: statement.translations.es.title }).waitFor();
  const embedResponse = await fetch(tribuna.url(`es/embed/statements/${first.slug}`));
  assert.equal(embedResponse.headers.get('content-security-policy'), 'frame-ancestors *');
  const siteResponse = await fetch(tribuna.url(`statements/${first.slug}`));
  assert.equal(siteResponse.headers.get('content-security-policy'), "frame-ancestors 'none'");
  assert.equal(siteResponse.headers.get('x-frame-options'), 'DENY');
  // The site page is refused: its frame never shows the statement.
  await page.waitForTimeout(500);
  const siteFrame = page.frames().find((f) => f.name() === '' && f !== page.mainFrame() && !f.url().includes('/embed/'));
  const shown = siteFrame ? await siteFrame.locator('h1').count().catch(() => 0) : 0;
  assert.equal(shown, 0);
  await page.context().close();

  // With JavaScript off, the iframe page is whole.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const bare = await context.newPage();
  await bare.goto(tribuna.url(`embed/statements/${first.slug}`));
  await bare.getByRole('heading', { level: 1, name: statement.translations.en.title }).waitFor();
  assert.equal(await bare.locator('.tribuna-ctas').count(), 0, 'no calls to action in an embed');
  assert.equal(await bare.locator('header, footer.tribuna-footer, .tribuna-header').count(), 1, 'only the statement\'s own header');
  assert.equal(await bare.locator('base').getAttribute('target'), '_top');
  await context.close();

  // The embed pages pass axe, in both languages.
  const checked = await openPage(browser, { waitForApp: false });
  for (const path of [`embed/statements/${first.slug}`, 'es/embed/mailbag', 'embed/latest']) {
    await checked.goto(tribuna.url(path));
    assert.deepEqual(await seriousViolations(checked), [], path);
  }
  assert.deepEqual(checked.errors, []);
  await checked.context().close();
});

test('every statement page links its oEmbed file, whose HTML is the documented iframe', async () => {
  const html = await (await fetch(tribuna.url(`es/statements/${first.slug}`))).text();
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const link = doc.querySelector('link[rel="alternate"][type="application/json+oembed"]');
  const expected = `${site.origin}/es/embed/statements/${first.slug}/oembed.json`;
  assert.equal(link.getAttribute('href'), expected);
  const oembed = await (await fetch(tribuna.url(`es/embed/statements/${first.slug}/oembed.json`))).json();
  assert.equal(oembed.version, '1.0');
  assert.equal(oembed.type, 'rich');
  assert.equal(oembed.title, statement.translations.es.title);
  assert.equal(oembed.provider_name, site.name.es ?? site.name.en);
  assert.equal(oembed.provider_url, `${site.origin}/`);
  const authors = content('authors.json').authors;
  assert.equal(oembed.author_name, statement.authors.map((id) => authors.find((a) => a.id === id).name).join(', '));
  assert.ok(Number.isInteger(oembed.width) && Number.isInteger(oembed.height));
  if (statement.hero) assert.match(oembed.thumbnail_url, /^https:\/\//);
  const snippet = new DOMParser().parseFromString(`<body>${oembed.html}</body>`, 'text/html');
  const iframe = snippet.querySelector('iframe');
  assert.equal(iframe.getAttribute('src'), `${site.origin}/es/embed/statements/${first.slug}`);
  assert.equal(iframe.getAttribute('title'), statement.translations.es.title);
  assert.equal(iframe.getAttribute('loading'), 'lazy');
  assert.equal(Number(iframe.getAttribute('width')), oembed.width);
  assert.equal(snippet.querySelector('script').getAttribute('src'), `${site.origin}/embed-resize.js`);
});

test('the Share control copies the link and offers the embed snippets, in both languages, by keyboard', async () => {
  const page = await openPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: tribuna.origin });
  await page.goto(tribuna.url(`statements/${first.slug}`));
  await page.getByText(ui('en', 'share.title'), { exact: true }).click();
  await page.getByRole('button', { name: ui('en', 'share.copy_link') }).click();
  await page.getByRole('status').filter({ hasText: ui('en', 'share.copied_link') }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), tribuna.url(`statements/${first.slug}`));
  // The snippets are the documented ones, for the host the page is served from.
  const oembed = await (await fetch(tribuna.url(`embed/statements/${first.slug}/oembed.json`))).json();
  assert.equal(await page.getByLabel(ui('en', 'share.iframe')).inputValue(), oembed.html.replaceAll(site.origin, tribuna.origin));
  const script = await page.getByLabel(ui('en', 'share.script')).inputValue();
  assert.equal(script, `<div data-tribuna="statement" data-slug="${first.slug}" data-lang="en"></div>\n<script type="module" src="${tribuna.origin}/embed.js"></script>`);
  await page.getByRole('button', { name: ui('en', 'share.copy_script') }).click();
  await page.getByRole('status').filter({ hasText: ui('en', 'share.copied_code') }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), script);
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(page.errors, []);

  // In Spanish, by keyboard, on a browser that will not copy: the link is left selected.
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
  });
  await page.goto(tribuna.url(`es/statements/${first.slug}`));
  const summary = page.getByText(ui('es', 'share.title'), { exact: true });
  await summary.focus();
  await page.keyboard.press('Enter');
  const copy = page.getByRole('button', { name: ui('es', 'share.copy_link') });
  await copy.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: ui('es', 'share.copy_failed') }).waitFor();
  const selected = await page.evaluate(() => {
    const field = document.activeElement;
    return field.value.slice(field.selectionStart, field.selectionEnd);
  });
  assert.equal(selected, tribuna.url(`es/statements/${first.slug}`));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
