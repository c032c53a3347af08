// The Mailbag's search-as-you-type, timed per keystroke in headless Chromium
// over 1,000 synthetic questions and answers (built from the demo's, each with
// its own id and number). Each keystroke is typed inside the page: the input
// event is dispatched and the time runs until the result count and the list
// have changed (MutationObserver), i.e. until the visitor sees the new results.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer } from '../tests/e2e/server.mjs';
import { waitForApp } from './lib/cold-load.mjs';

/** How many synthetic questions the Mailbag holds. */
const QUESTIONS = 1000;
/** What is typed, one character at a time, then erased: accents and case vary. */
const QUERIES = ['Vivienda pública', 'migracion', 'ALQUILER 2'];

/** 1,000 questions: the demo's, repeated with unique ids, dates and a number in the text. */
function synthetic(repo) {
  const demo = JSON.parse(readFileSync(join(repo, 'public/content/mailbag.json'), 'utf8'));
  const questions = Array.from({ length: QUESTIONS }, (_, i) => {
    const qa = structuredClone(demo.questions[i % demo.questions.length]);
    qa.id = `${qa.id}-${i + 1}`;
    for (const lang of Object.keys(qa.question)) qa.question[lang] = `${qa.question[lang]} (${i + 1})`;
    return qa;
  });
  return { ...demo, questions };
}

/** Runs in the page: types `text` into the search box, one keystroke at a time. */
async function typeTimed(text) {
  const input = document.querySelector('input[type=search]');
  const status = document.querySelector('.tribuna-mailbag-page__count');
  const samples = [];
  const keystroke = (value) =>
    new Promise((done) => {
      const before = status.textContent + '|' + document.querySelector('.tribuna-mailbag__list')?.textContent.length;
      let start;
      const changed = () =>
        status.textContent + '|' + document.querySelector('.tribuna-mailbag__list')?.textContent.length !== before;
      const finish = () => {
        observer.disconnect();
        clearTimeout(timer);
        done(performance.now() - start);
      };
      const observer = new MutationObserver(() => changed() && finish());
      observer.observe(document.querySelector('main'), { childList: true, subtree: true, characterData: true });
      // Some keystrokes do not change the results (e.g. a trailing space): time the
      // update pass anyway, by waiting for the next frame after the event.
      const timer = setTimeout(() => finish(), 1000);
      start = performance.now();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      if (changed()) finish();
      else requestAnimationFrame(() => setTimeout(() => !changed() && finish(), 0));
    });
  for (let i = 1; i <= text.length; i++) {
    samples.push(await keystroke(text.slice(0, i)));
    await new Promise((r) => setTimeout(r, 20));
  }
  for (let i = text.length - 1; i >= 0; i--) {
    samples.push(await keystroke(text.slice(0, i)));
    await new Promise((r) => setTimeout(r, 20));
  }
  return samples;
}

/** The benchmark, as bench/run.mjs calls it. */
export async function measure({ browser, repo, dist }) {
  const server = await startServer({ root: resolve(repo, dist) });
  server.override('content/mailbag.json', { body: JSON.stringify(synthetic(repo)) });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url('es/mailbag'));
    // The page is pre-rendered from the demo's answers; the search runs once the app has taken it over.
    await waitForApp(page);
    await page.locator('.tribuna-qa').first().waitFor();
    const samples = [];
    for (const query of QUERIES) samples.push(...(await page.evaluate(typeTimed, query)));
    await context.close();
    return { questions: QUESTIONS, keystrokes: samples.length, samples };
  } finally {
    await server.close();
  }
}
