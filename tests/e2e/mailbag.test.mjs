// The Mailbag: the widget and its disclosure, the page with search and deep
// links, and the question form against a real local endpoint.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage, seriousViolations, content, ui, repo, scrollToEnd } from './browser.mjs';
import { startServer } from './server.mjs';

let browser, server, appOnly;
const site = content('site.json');
const mailbag = content('mailbag.json');
const index = content('statements/index.json');
const newest = [...mailbag.questions].sort((a, b) => b.answered.localeCompare(a.answered) || a.id.localeCompare(b.id));
const ENDPOINT = '/api/questions';

before(async () => {
  browser = await launch();
  server = await startServer({ root: join(repo, 'dist'), endpoint: ENDPOINT });
  // The app alone, as for a statement added after the build.
  appOnly = await startServer({ root: join(repo, 'dist'), prerendered: false });
});
afterEach(() => server.reset());
after(async () => {
  await browser?.close();
  await server?.close();
  await appOnly?.close();
});

/** Serves a site config whose Mailbag posts to the test's endpoint. */
function withEndpoint(timeoutMs = 10_000) {
  const s = structuredClone(site);
  s.mailbag.endpoint = ENDPOINT;
  s.mailbag.timeout_ms = timeoutMs;
  server.override('content/site.json', { body: JSON.stringify(s) });
}

const text = (qa, field, lang) => qa[field][lang] ?? qa[field][qa.original_language];
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

test('a statement page the app renders itself fetches the Mailbag, its code and content, only when the reader scrolls near it', async () => {
  const longest = index.statements
    .map((e) => content(`statements/${e.slug}.json`))
    .sort((a, b) => b.translations.en.body.length - a.translations.en.body.length)[0];
  const page = await openPage(browser, { viewport: { width: 390, height: 844 } });
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const lazy = (p) => p.endsWith('/mailbag.json') || /\/(split|chunk)_[^/]*\.wasm$/.test(p);
  await page.goto(appOnly.url(`statements/${longest.slug}`));
  await page.getByRole('heading', { level: 1, name: longest.translations.en.title }).waitFor();
  await page.getByRole('complementary').getByRole('listitem').first().waitFor();
  await page.waitForTimeout(500);
  assert.deepEqual(fetched.filter(lazy), [], 'nothing of the Mailbag before scrolling');
  assert.ok(fetched.some((p) => /\/tribuna-[0-9a-f]+_bg\.wasm$/.test(p)), fetched.join(' '));

  await scrollToEnd(page);
  const widget = page.getByRole('region', { name: ui('en', 'mailbag.title') });
  await widget.getByRole('heading', { level: 3 }).first().waitFor();
  assert.ok(fetched.some((p) => p.endsWith('/content/mailbag.json')), fetched.join(' '));
  assert.ok(fetched.some((p) => /\/split_mailbag-[0-9a-f]+\.wasm$/.test(p)), fetched.join(' '));
  assert.deepEqual(page.errors, []);
});

for (const [lang, path] of [['en', '/'], ['es', `es/statements/${index.statements[0].slug}`]]) {
  test(`the widget shows the latest answers with a working "Read more" (${lang}, ${path})`, async () => {
    const page = await openPage(browser);
    await page.goto(server.url(path));
    await page.getByRole('heading', { level: 1 }).waitFor();
    await scrollToEnd(page);
    const widget = page.getByRole('region', { name: ui(lang, 'mailbag.title') });
    await widget.getByRole('heading', { level: 3 }).first().waitFor();
    const questions = await widget.getByRole('heading', { level: 3 }).allTextContents();
    assert.deepEqual(questions, newest.slice(0, site.mailbag.widget_count).map((qa) => text(qa, 'question', lang)));
    await widget.getByText(ui(lang, 'mailbag.asked_by').replace('{name}', newest[0].name)).first().waitFor();

    // "Read more" is a native disclosure: it works before the app's code arrives, and without it.
    const item = widget.locator('.tribuna-qa').first();
    const toggle = item.locator('details > summary');
    const details = item.locator('details');
    const visibleLabel = () => toggle.locator('span:visible').textContent();
    assert.equal(await visibleLabel(), ui(lang, 'mailbag.read_more'));
    assert.equal(await details.evaluate((d) => d.open), false);
    const controlled = item.locator('details > div');
    assert.equal(await controlled.isVisible(), false);
    const answer = text(newest[0], 'answer', lang);
    const preview = await item.locator('p:visible').nth(1).textContent();
    assert.ok(preview.endsWith('…') && preview.length <= site.mailbag.preview_chars, preview);
    assert.ok(fold(answer).startsWith(fold(preview.slice(0, -1)).trim()), 'the preview is the start of the answer');
    // Mouse.
    await toggle.click();
    assert.equal(await details.evaluate((d) => d.open), true);
    assert.equal(await controlled.isVisible(), true);
    assert.equal((await controlled.textContent()).replace(/\s+/g, ' ').trim().slice(0, 60), answer.replace(/\s+/g, ' ').trim().slice(0, 60));
    assert.equal(await item.locator('.tribuna-qa__preview').isVisible(), false, 'the preview gives way to the whole answer');
    assert.equal(await visibleLabel(), ui(lang, 'mailbag.read_less'));
    // Keyboard: Enter and Space.
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await details.evaluate((d) => d.open), false);
    await page.keyboard.press('Space');
    assert.equal(await details.evaluate((d) => d.open), true);
    assert.deepEqual(await seriousViolations(page), []);

    await widget.getByRole('link', { name: ui(lang, 'mailbag.ask') }).waitFor();
    await widget.getByRole('link', { name: ui(lang, 'mailbag.see_all') }).click();
    await page.getByRole('heading', { level: 1, name: ui(lang, 'mailbag.title') }).waitFor();
    assert.equal(new URL(page.url()).pathname, lang === 'en' ? '/mailbag' : '/es/mailbag');
    assert.deepEqual(page.errors, []);
  });
}

test('search filters as you type, ignoring case and accents, and announces the count', async () => {
  const page = await openPage(browser);
  await page.goto(server.url('es/mailbag'));
  const main = page.getByRole('main');
  const items = main.locator('.tribuna-qa');
  await items.first().waitFor();
  const status = main.getByRole('status').filter({ hasText: /respuesta/ });
  assert.equal(await status.getAttribute('aria-live'), 'polite');
  assert.equal(await status.textContent(), ui('es', 'mailbag.results').replace('{n}', mailbag.questions.length));
  const term = 'migracion';
  const expected = newest.filter((qa) => fold(text(qa, 'question', 'es') + ' ' + text(qa, 'answer', 'es')).includes(term));
  assert.ok(expected.some((qa) => text(qa, 'question', 'es').includes('migración') || text(qa, 'answer', 'es').includes('migración')));
  await main.getByRole('searchbox', { name: ui('es', 'mailbag.search') }).pressSequentially(term.toUpperCase(), { delay: 20 });
  await page.waitForFunction((n) => document.querySelectorAll('.tribuna-qa').length === n, expected.length);
  const ids = await items.evaluateAll((els) => els.map((e) => e.id.replace('tribuna-page-', '')));
  assert.deepEqual(ids, expected.map((qa) => qa.id));
  const one = expected.length === 1 ? ui('es', 'mailbag.results_one') : ui('es', 'mailbag.results').replace('{n}', expected.length);
  assert.equal(await status.textContent(), one);
  await main.getByRole('searchbox').fill('zzzz-nada');
  await status.filter({ hasText: ui('es', 'mailbag.results_none') }).waitFor();
  assert.equal(await items.count(), 0);
});

test('the topic filter keeps only that topic', async () => {
  const topic = site.topics.find((t) => mailbag.questions.some((q) => q.topics.includes(t.id)));
  const page = await openPage(browser);
  await page.goto(server.url('mailbag'));
  const main = page.getByRole('main');
  await main.locator('.tribuna-qa').first().waitFor();
  await main.getByRole('combobox', { name: ui('en', 'mailbag.topic') }).selectOption(topic.id);
  const expected = newest.filter((q) => q.topics.includes(topic.id)).map((q) => q.id);
  await page.waitForFunction((n) => document.querySelectorAll('.tribuna-qa').length === n, expected.length);
  assert.deepEqual(await main.locator('.tribuna-qa').evaluateAll((els) => els.map((e) => e.id.replace('tribuna-page-', ''))), expected);
});

test('answers come 20 at a time with "More answers"', async () => {
  const many = structuredClone(mailbag);
  for (let i = 0; i < 30; i++) {
    const copy = structuredClone(mailbag.questions[i % mailbag.questions.length]);
    copy.id = `extra-${i}`;
    many.questions.push(copy);
  }
  server.override('content/mailbag.json', { body: JSON.stringify(many) });
  const page = await openPage(browser);
  await page.goto(server.url('mailbag'));
  const items = page.locator('.tribuna-qa');
  await items.first().waitFor();
  assert.equal(await items.count(), site.mailbag.page_size);
  await page.getByRole('button', { name: ui('en', 'mailbag.more') }).click();
  assert.equal(await items.count(), Math.min(2 * site.mailbag.page_size, many.questions.length));
});

test('a deep link opens its answer expanded and scrolled into view', async () => {
  const target = newest.at(-1);
  const page = await openPage(browser, { viewport: { width: 390, height: 700 } });
  await page.goto(server.url(`es/mailbag/${target.id}`));
  const item = page.locator(`#tribuna-page-${target.id}`);
  await item.waitFor();
  await page.waitForFunction((id) => document.activeElement?.id === `tribuna-page-${id}`, target.id);
  assert.equal(await item.getByRole('heading', { level: 2 }).textContent(), text(target, 'question', 'es'));
  const details = item.locator('details');
  if (await details.count()) assert.equal(await details.evaluate((d) => d.open), true);
  const box = await item.boundingBox();
  assert.ok(box.y >= 0 && box.y < 700, `the answer is on screen (y=${box.y})`);
  assert.deepEqual(await seriousViolations(page), []);
});

test('the form explains each problem beside its field, in the page language, and focuses the first', async () => {
  const page = await openPage(browser);
  await page.goto(server.url('es/mailbag/ask'));
  const send = page.getByRole('button', { name: ui('es', 'ask.send') });
  await send.click();
  const question = page.getByRole('textbox', { name: ui('es', 'ask.question') });
  await page.waitForFunction(() => document.activeElement?.id === 'tribuna-ask-question');
  assert.equal(await question.getAttribute('aria-invalid'), 'true');
  const describedBy = (await question.getAttribute('aria-describedby')).split(' ');
  const messages = await Promise.all(describedBy.map((id) => page.locator(`#${id}`).textContent()));
  assert.ok(messages.includes(ui('es', 'ask.error.short')), messages.join(' | '));
  const consent = page.getByRole('checkbox');
  assert.equal(await consent.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator(`#${await consent.getAttribute('aria-describedby')}`).textContent(), ui('es', 'ask.error.consent'));

  await page.getByRole('textbox', { name: new RegExp(ui('es', 'ask.email')) }).fill('no-es-un-correo');
  await send.click();
  await page.waitForFunction(() => document.activeElement?.id === 'tribuna-ask-email');
  await page.getByText(ui('es', 'ask.error.email')).waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  // Fixing a field clears its message.
  await page.getByRole('textbox', { name: new RegExp(ui('es', 'ask.email')) }).fill('ana@example.org');
  assert.equal(await page.getByText(ui('es', 'ask.error.email')).count(), 0);
  const counter = await page.locator('#tribuna-ask-counter').textContent();
  assert.equal(counter, ui('es', 'ask.counter').replace('{n}', '0').replace('{max}', '2000'));
});

/** Fills the form as a person would (and waits past the minimum fill time). */
async function fillForm(page, lang, { question = '¿Cuándo vota el concejo la ordenanza de alquileres?', name = 'Ana', email = 'ana@example.org' } = {}) {
  await page.getByRole('textbox', { name: new RegExp(ui(lang, 'ask.name')) }).fill(name);
  await page.getByRole('textbox', { name: new RegExp(ui(lang, 'ask.email')) }).fill(email);
  await page.getByRole('textbox', { name: ui(lang, 'ask.question') }).fill(question);
  await page.getByRole('checkbox').check();
  await page.waitForTimeout(3100);
}

test('a question reaches the endpoint exactly once, with the right fields, and the draft is then cleared', async () => {
  withEndpoint();
  const statement = index.statements[0];
  const page = await openPage(browser);
  await page.goto(server.url(`es/statements/${statement.slug}`));
  await page.getByRole('heading', { level: 1 }).waitFor();
  await scrollToEnd(page);
  await page.getByRole('region', { name: ui('es', 'mailbag.title') }).getByRole('link', { name: ui('es', 'mailbag.ask') }).click();
  await page.getByRole('heading', { level: 1, name: ui('es', 'ask.title') }).waitFor();
  await fillForm(page, 'es');
  await page.getByRole('button', { name: ui('es', 'ask.send') }).dblclick();
  await page.getByRole('heading', { name: ui('es', 'ask.thanks.title') }).waitFor();
  await page.waitForTimeout(300);
  assert.equal(server.state.questions.length, 1, 'sent once');
  const [{ body, contentType }] = server.state.questions;
  assert.equal(contentType, 'application/json');
  assert.deepEqual(body, {
    question: '¿Cuándo vota el concejo la ordenanza de alquileres?',
    name: 'Ana',
    email: 'ana@example.org',
    language: 'es',
    page: `/es/statements/${statement.slug}`,
  });
  assert.equal(await page.evaluate(() => localStorage.getItem('tribuna-mailbag-draft')), null);
  assert.equal(await page.getByRole('textbox', { name: ui('es', 'ask.question') }).inputValue(), '');
});

for (const mode of ['fail', 'hang']) {
  test(`when the endpoint ${mode === 'fail' ? 'answers 500' : 'never answers'}, the question is kept and can be sent again`, async () => {
    withEndpoint(2500);
    server.state.endpointMode = mode;
    const page = await openPage(browser);
    await page.goto(server.url('mailbag/ask'));
    await fillForm(page, 'en', { question: 'Will the winter plan cover people living in their cars?' });
    await page.getByRole('button', { name: ui('en', 'ask.send') }).click();
    const alert = page.getByRole('alert').filter({ hasText: ui('en', 'ask.failed.title') });
    await alert.waitFor({ timeout: 10_000 });
    await alert.getByText(ui('en', mode === 'fail' ? 'ask.failed.server' : 'ask.failed.timeout'), { exact: false }).waitFor();
    await alert.getByText(ui('en', 'ask.failed.kept'), { exact: false }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: ui('en', 'ask.question') }).inputValue(), 'Will the winter plan cover people living in their cars?');
    const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('tribuna-mailbag-draft')));
    assert.equal(saved.question, 'Will the winter plan cover people living in their cars?');

    server.state.endpointMode = 'ok';
    await alert.getByRole('button', { name: ui('en', 'error.retry') }).click();
    await page.getByRole('heading', { name: ui('en', 'ask.thanks.title') }).waitFor();
    assert.equal(server.state.questions.at(-1).body.question, 'Will the winter plan cover people living in their cars?');
  });
}

test('a reload restores the draft', async () => {
  const page = await openPage(browser);
  await page.goto(server.url('mailbag/ask'));
  await page.getByRole('textbox', { name: ui('en', 'ask.question') }).fill('What happens to the library hours plan now?');
  await page.getByRole('textbox', { name: new RegExp(ui('en', 'ask.name')) }).fill('Lee');
  await page.waitForTimeout(600);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: ui('en', 'ask.title') }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: ui('en', 'ask.question') }).inputValue(), 'What happens to the library hours plan now?');
  assert.equal(await page.getByRole('textbox', { name: new RegExp(ui('en', 'ask.name')) }).inputValue(), 'Lee');
});

test('a bot is dropped without being told: the honeypot, or a form filled too fast', async () => {
  withEndpoint();
  const page = await openPage(browser);
  await page.goto(server.url('mailbag/ask'));
  const trap = page.locator('#tribuna-ask-website');
  const box = await trap.boundingBox();
  assert.ok(box.x + box.width <= 0, 'off screen: people never see it');
  assert.equal(await trap.getAttribute('tabindex'), '-1', 'and never tab to it');
  assert.equal(await page.getByRole('textbox', { name: 'Website' }).count(), 0, 'hidden from assistive technology');
  await fillForm(page, 'en');
  await trap.fill('http://spam.example', { force: true });
  await page.getByRole('button', { name: ui('en', 'ask.send') }).click();
  await page.getByRole('heading', { name: ui('en', 'ask.thanks.title') }).waitFor();
  assert.equal(server.state.questions.length, 0);

  const fast = await openPage(browser);
  await fast.goto(server.url('mailbag/ask'));
  await fast.getByRole('textbox', { name: ui('en', 'ask.question') }).fill('A question typed by a script instantly');
  await fast.getByRole('checkbox').check();
  await fast.getByRole('button', { name: ui('en', 'ask.send') }).click();
  await fast.getByRole('heading', { name: ui('en', 'ask.thanks.title') }).waitFor();
  assert.equal(server.state.questions.length, 0);
});

test('with no endpoint configured, the form offers to send the question by email', async () => {
  const page = await openPage(browser);
  await page.goto(server.url('mailbag/ask'));
  await fillForm(page, 'en', { question: 'How can I help at the next hearing?' });
  await page.getByRole('button', { name: ui('en', 'ask.send') }).click();
  const link = page.getByRole('link', { name: ui('en', 'ask.by_email.link') });
  const href = await link.getAttribute('href');
  assert.ok(href.startsWith(`mailto:${site.mailbag.email}?subject=`), href);
  assert.ok(decodeURIComponent(href).includes('How can I help at the next hearing?'), href);
  assert.ok(JSON.parse(await page.evaluate(() => localStorage.getItem('tribuna-mailbag-draft'))).question, 'the draft is kept');
});

test('a deep link to the form on a page the app renders itself fetches its code once, starting with the main module', async () => {
  const page = await openPage(browser);
  const wasm = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.wasm')) wasm.push(path);
  });
  await page.goto(appOnly.url('es/mailbag/ask'));
  await page.getByLabel(ui('es', 'ask.question')).waitFor();
  const preloads = await page.locator('link[rel="preload"][href$=".wasm"]').evaluateAll((links) => links.map((l) => new URL(l.href).pathname));
  assert.ok(preloads.some((p) => /\/split_ask-[0-9a-f]+\.wasm$/.test(p)), preloads.join(' '));
  assert.ok(wasm.some((p) => /\/split_ask-[0-9a-f]+\.wasm$/.test(p)), wasm.join(' '));
  assert.deepEqual(wasm, [...new Set(wasm)], 'each wasm file fetched once');
  assert.ok(!wasm.some((p) => /\/split_(listing|mailbag)-/.test(p)), 'only the parts the page needs');
  assert.deepEqual(page.errors, []);
});
