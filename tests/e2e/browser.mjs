// Headless Chromium (Debian's) through playwright-core, and helpers the browser
// tests share: pages that record console errors and uncaught exceptions, axe-core.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Waits until the app has taken over a pre-rendered page (at once on a page the app rendered itself). */
export async function appReady(page) {
  await page.waitForFunction(() => !document.getElementById('tribuna-prerendered'));
}

/**
 * A new page that records what went wrong: `page.errors` (uncaught exceptions)
 * and `page.consoleErrors` (console.error messages). Unless `waitForApp` is
 * false, `page.goto` returns once the app has taken the page over, so a test
 * of the app's behaviour talks to the live app.
 */
export async function openPage(browser, { locale = 'en-US', viewport = { width: 1280, height: 900 }, waitForApp = true } = {}) {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  if (waitForApp) {
    for (const name of ['goto', 'reload']) {
      const load = page[name].bind(page);
      page[name] = async (...args) => {
        const response = await load(...args);
        await appReady(page);
        return response;
      };
    }
  }
  page.errors = [];
  page.consoleErrors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => {
    // A deep link is answered by the host's 404.html with status 404: the document
    // itself "failed", by design. Any other error counts.
    const documentStatus = m.text().startsWith('Failed to load resource') && m.location().url === page.url();
    if (m.type() === 'error' && !documentStatus) page.consoleErrors.push(m.text());
  });
  return page;
}

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function seriousViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

/** A content file from the repository, parsed. */
export function content(path) {
  return JSON.parse(readFileSync(join(repo, 'public', 'content', path), 'utf8'));
}

/** A UI string from `locales/{lang}.json`. */
export function ui(lang, key) {
  return JSON.parse(readFileSync(join(repo, 'locales', `${lang}.json`), 'utf8'))[key];
}

/** Scrolls to the end of the page, as a reader does to reach the Mailbag widget. */
export async function scrollToEnd(page) {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
}
