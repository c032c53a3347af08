// What an embed costs a partner's page: the bytes it fetches from Tribuna's
// host (as transferred, compressed; images aside) and the time until the
// embed's title is on screen, on the phone profile of the cold loads (CPU 4×
// slower, slow network). The partner's page is served from another origin,
// as on the web.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../tests/e2e/server.mjs';
import { MOBILE, THROTTLING } from './cold-load.mjs';

/**
 * The embeds measured: each a partner page's body, how to find the embed's
 * title once it shows, and the name of its byte goal in bench/run.mjs's GOALS.
 */
export function embedCases(tribuna, slug) {
  const host = tribuna.origin;
  const script = `<script type="module" src="${host}/embed.js"></script>`;
  const resize = `<script src="${host}/embed-resize.js" async></script>`;
  const frame = (path) => `<iframe src="${host}/${path}" title="Embed" width="600" height="640" loading="lazy"></iframe>${resize}`;
  return [
    { name: 'embed.js, no embed near the viewport', body: `<div style="height:6000px"></div><div data-tribuna="statement" data-slug="${slug}"></div>${script}`, title: null, goal: 'embedScriptBytes' },
    { name: 'statement, iframe', body: frame(`embed/statements/${slug}`), title: { frame: 'h1' }, goal: 'embedFrameBytes' },
    { name: 'statement, script', body: `<div data-tribuna="statement" data-slug="${slug}"></div>${script}`, title: { shadow: 'h2' }, goal: 'embedStatementScriptBytes' },
    { name: 'Mailbag, iframe', body: frame('embed/mailbag'), title: { frame: 'h2' } },
    { name: 'Mailbag, script', body: `<div data-tribuna="mailbag"></div>${script}`, title: { shadow: 'h3' } },
  ];
}

/**
 * Loads `url` cold on the throttled phone; returns the bytes fetched from
 * `host` (response bodies as transferred; images counted apart) and the time
 * from the start of navigation until the embed's title is in the layout.
 */
async function loadOnce(browser, url, host, title) {
  const context = await browser.newContext(MOBILE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLING.cpuSlowdown });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: THROTTLING.latencyMs,
    downloadThroughput: (THROTTLING.downloadKbps * 1000) / 8,
    uploadThroughput: (THROTTLING.uploadKbps * 1000) / 8,
  });
  const requests = new Map();
  const totals = { bytes: 0, images: 0, files: [] };
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { url: e.request.url, type: e.type }));
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (!r || !r.url.startsWith(host)) return;
    if (r.type === 'Image') totals.images += e.encodedDataLength;
    else {
      totals.bytes += e.encodedDataLength;
      totals.files.push(r.url.slice(host.length));
    }
  });
  const started = Date.now();
  await page.goto(url);
  let shown = null;
  if (title?.shadow) {
    await page.waitForFunction((sel) => {
      const el = document.querySelector('[data-tribuna]')?.shadowRoot?.querySelector(`.tribuna-embed:not([hidden]) ${sel}`);
      return el && el.getBoundingClientRect().height > 0;
    }, title.shadow, { polling: 'raf', timeout: 120_000 });
    shown = Date.now() - started;
  } else if (title?.frame) {
    const frame = page.frameLocator('iframe');
    await frame.locator(title.frame).first().waitFor({ timeout: 120_000 });
    shown = Date.now() - started;
  }
  // Let late requests (the stylesheet, a font) finish before counting.
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ...totals, shown };
}

/** Measures every case `runs` times; medians of the times, bytes of the last run (they do not vary). */
export async function measureEmbeds(browser, tribuna, slug, runs) {
  const dir = mkdtempSync(join(tmpdir(), 'tribuna-bench-partner-'));
  const partner = await startServer({ root: dir });
  const results = [];
  try {
    for (const [i, c] of embedCases(tribuna, slug).entries()) {
      const file = `case-${i}.html`;
      writeFileSync(join(dir, file), `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Partner</title></head><body><h1>A partner's page</h1>${c.body}</body></html>`);
      const loads = [];
      for (let r = 0; r < runs; r++) {
        loads.push(await loadOnce(browser, partner.url(file), tribuna.origin, c.title));
        process.stderr.write(`  embed ${c.name} ${r + 1}/${runs}: ${loads.at(-1).shown ?? '—'} ms\n`);
      }
      const times = loads.map((l) => l.shown).filter((t) => t != null).sort((a, b) => a - b);
      const last = loads.at(-1);
      results.push({ name: c.name, goal: c.goal, bytes: last.bytes, images: last.images, files: last.files, titleMs: times.length ? times[Math.floor(times.length / 2)] : null, loads });
    }
  } finally {
    await partner.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
