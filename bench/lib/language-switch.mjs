// Switching the language of a statement page in place, timed inside the page:
// from the click on the header's switcher link until the translated text is in
// the DOM (html lang, the h1 and the last body block all changed). The page is
// pre-rendered; switching starts once the app has taken it over (before that,
// the switcher's links load the other language's pre-rendered page).
import { waitForApp } from './cold-load.mjs';

/** Pause between switches, so each starts from a settled page. */
const PAUSE_MS = 50;
/** A switch that has not finished after this long is an error. */
const SWITCH_TIMEOUT_MS = 10_000;

/**
 * Runs in the page: clicks the switcher link named `linkName` and resolves with
 * the milliseconds until the page is in `to` (performance.now(), MutationObserver).
 */
function switchOnce({ to, title, navLabels, linkName, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const nav = [...document.querySelectorAll('nav')].find((n) => navLabels.includes(n.getAttribute('aria-label')));
    const link = nav && [...nav.querySelectorAll('a')].find((a) => a.textContent.trim() === linkName);
    if (!link) return reject(new Error(`no "${linkName}" link in the language switcher`));
    const lastBlock = () => [...document.querySelectorAll('article [data-block]')].pop()?.textContent ?? null;
    const before = lastBlock();
    const translated = () =>
      document.documentElement.lang === to &&
      document.querySelector('article h1')?.textContent.trim() === title &&
      lastBlock() !== before;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      const elapsed = performance.now() - start;
      observer.disconnect();
      clearTimeout(timer);
      resolve(elapsed);
    };
    const observer = new MutationObserver(() => translated() && finish());
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`switching to ${to} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    const start = performance.now();
    link.click();
    if (translated()) finish(); // in case the switch happened synchronously
  });
}

/**
 * `switches` language switches, alternating from the page's first language to
 * the other and back, on the statement page at `url` (no throttling).
 * @param {import('playwright-core').Browser} browser
 * @param {string} url the statement page in the first language
 * @param {{switches: number, languages: {code: string, name: string, title: string, navLabel: string}[]}} options
 *   `languages`: the two languages, the page's first; each with its name in the switcher,
 *   the statement's title in it and the switcher's accessible name in it.
 * @returns {Promise<number[]>} milliseconds per switch
 */
export async function languageSwitches(browser, url, { switches, languages }) {
  const context = await browser.newContext({ locale: `${languages[0].code}`, viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction((t) => document.querySelector('article h1')?.textContent.trim() === t, languages[0].title);
    await waitForApp(page);
    const navLabels = languages.map((l) => l.navLabel);
    const samples = [];
    for (let i = 0; i < switches; i++) {
      const target = languages[(i + 1) % 2];
      samples.push(
        await page.evaluate(switchOnce, {
          to: target.code,
          title: target.title,
          navLabels,
          linkName: target.name,
          timeoutMs: SWITCH_TIMEOUT_MS,
        }),
      );
      await page.waitForTimeout(PAUSE_MS);
    }
    if (errors.length) throw new Error(`the page failed while switching: ${errors.join('; ')}`);
    return samples;
  } finally {
    await context.close();
  }
}
