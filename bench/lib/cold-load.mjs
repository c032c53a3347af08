// Cold loads of a page in headless Chromium on an emulated mid-range phone on
// a slow network, with the Web Vitals read from the page's own performance
// observers, the moment the statement's text is in the DOM, and the moment the
// app has taken the pre-rendered page over.

/** The phone: viewport and pixel density (set by Playwright through the DevTools protocol). */
export const MOBILE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/**
 * The throttling, set on the page's own DevTools session: CPU 4× slower and a
 * slow-3G-like network (DevTools' "Slow 3G" bandwidth; kbit = 1000 bits).
 */
export const THROTTLING = { cpuSlowdown: 4, latencyMs: 400, downloadKbps: 400, uploadKbps: 400 };

/** The statement's text is on screen once both of these are in the DOM. */
export const TEXT_SELECTORS = { title: 'article h1', paragraph: 'article p[data-block]' };

/**
 * A pre-rendered page's markup is in `#tribuna-prerendered`; the app has taken
 * it over once its own root, `#tribuna-root`, is in its place (src/boot.js,
 * `tribunaTakeOver`, renames the app's hidden container to it).
 */
export const TAKEOVER_IDS = { prerendered: 'tribuna-prerendered', app: 'tribuna-root' };

/** How long the network must be quiet before the page counts as settled, and the wait after. */
const QUIET_MS = 500;
const SETTLE_MS = 1000;
const TIMEOUT_MS = 120_000;
/** How long a pre-rendered page may wait for the app once its text is there. */
const TAKEOVER_TIMEOUT_MS = 60_000;

/**
 * Runs in the page before any of its scripts (addInitScript): installs the
 * observers whose readings `window.__bench` collects. Times are
 * performance.now() values, i.e. milliseconds since navigation start.
 */
function installObservers({ title, paragraph, ids }) {
  const m = (window.__bench = {
    fcp: null,
    lcp: null,
    cls: 0,
    shifts: [],
    longTasks: [],
    text: null,
    takeover: null,
    domContentLoaded: null,
  });
  const observe = (type, onEntry) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true });
    } catch {
      // An entry type this browser does not support stays null.
    }
  };
  observe('paint', (e) => e.name === 'first-contentful-paint' && (m.fcp = e.startTime));
  // The last candidate is the LCP; its startTime is its render time (or load time).
  observe('largest-contentful-paint', (e) => (m.lcp = e.startTime));
  // Each shift is kept with the elements that moved, to tell where a CLS comes from.
  const describe = (node) =>
    node ? `${node.nodeName.toLowerCase()}${node.classList?.length ? `.${[...node.classList].join('.')}` : ''}` : '?';
  observe('layout-shift', (e) => {
    if (e.hadRecentInput) return;
    m.cls += e.value;
    m.shifts.push({ at: e.startTime, value: e.value, moved: (e.sources ?? []).map((s) => describe(s.node)) });
  });
  observe('longtask', (e) => m.longTasks.push({ start: e.startTime, duration: e.duration }));
  // The text: the first moment the title and a body paragraph both exist.
  const textCheck = () => {
    if (m.text === null && document.querySelector(title) && document.querySelector(paragraph)) {
      m.text = performance.now();
      mutations.disconnect();
    }
  };
  const mutations = new MutationObserver(textCheck);
  mutations.observe(document, { childList: true, subtree: true });
  // The takeover: the first moment the app's root is in the DOM. The app
  // renders into a hidden container and the takeover gives it its id, so
  // changes of `id` count as well as new nodes.
  const takeoverCheck = () => {
    if (m.takeover === null && document.getElementById(ids.app)) {
      m.takeover = performance.now();
      takeovers.disconnect();
    }
  };
  const takeovers = new MutationObserver(takeoverCheck);
  takeovers.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] });
  document.addEventListener('DOMContentLoaded', () => {
    m.domContentLoaded = performance.now();
    textCheck();
    takeoverCheck();
  });
}

/**
 * Waits until the app has taken over the page open in `page` (its root
 * `#tribuna-root` is there, or the page was never pre-rendered and the app
 * mounts to the body), for interactions that need the live app.
 * @param {import('playwright-core').Page} page
 */
export async function waitForApp(page, timeoutMs = TAKEOVER_TIMEOUT_MS) {
  await page.waitForFunction(
    (ids) => document.getElementById(ids.app) !== null || document.getElementById(ids.prerendered) === null,
    TAKEOVER_IDS,
    { timeout: timeoutMs, polling: 50 },
  );
}

/**
 * Total blocking time: for each long task, the part of it after first
 * contentful paint beyond 50 ms, added up (as Lighthouse counts it, with the
 * page's settled state standing in for time-to-interactive).
 */
export function totalBlockingTime(longTasks, fcp) {
  if (fcp == null) return null;
  return longTasks.reduce((sum, { start, duration }) => {
    const afterFcp = start + duration - Math.max(start, fcp);
    return sum + Math.max(0, afterFcp - 50);
  }, 0);
}

/**
 * Follows the page's requests (call before navigating); `quiet()` resolves once
 * none has been in flight for `QUIET_MS`.
 */
function trackNetwork(page) {
  let inFlight = 0;
  let lastChange = Date.now();
  const change = (delta) => {
    inFlight = Math.max(0, inFlight + delta);
    lastChange = Date.now();
  };
  page.on('request', () => change(+1));
  page.on('requestfinished', () => change(-1));
  page.on('requestfailed', () => change(-1));
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  return {
    async quiet() {
      const deadline = Date.now() + TIMEOUT_MS;
      while (inFlight > 0 || Date.now() - lastChange < QUIET_MS) {
        if (Date.now() > deadline) throw new Error(`the network never went quiet (${inFlight} requests in flight)`);
        await sleep(50);
      }
    },
  };
}

/**
 * Applies the throttling to a page through its DevTools session; counts the
 * bytes received and keeps the URLs of the requests that finished.
 */
async function throttle(context, page) {
  const cdp = await context.newCDPSession(page);
  const bytesPerSecond = (kbps) => (kbps * 1000) / 8;
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: THROTTLING.latencyMs,
    downloadThroughput: bytesPerSecond(THROTTLING.downloadKbps),
    uploadThroughput: bytesPerSecond(THROTTLING.uploadKbps),
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLING.cpuSlowdown });
  const transfer = { bytes: 0, requests: 0, urls: [] };
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    transfer.bytes += e.encodedDataLength;
    transfer.requests++;
    if (urls.has(e.requestId)) transfer.urls.push(urls.get(e.requestId));
  });
  return transfer;
}

/**
 * Waits for the takeover of a pre-rendered page that the app will take over
 * (it has `#tribuna-prerendered` and the app's start-up data), then for the
 * network to be quiet again. A page without them (the static floor) has
 * nothing to wait for. Returns whether the page was to be taken over and
 * whether that happened within the timeout.
 */
async function settleTakeover(page, network) {
  const expected = await page.evaluate(
    (ids) => document.getElementById(ids.prerendered) !== null && document.getElementById('tribuna-app') !== null,
    TAKEOVER_IDS,
  );
  if (!expected) {
    // Nothing to wait for; a takeover that already happened still counts.
    const happened = await page.evaluate(() => window.__bench.takeover !== null);
    return { expected: happened, completed: happened };
  }
  try {
    await page.waitForFunction(() => window.__bench.takeover !== null, null, { timeout: TAKEOVER_TIMEOUT_MS, polling: 50 });
  } catch {
    return { expected, completed: false };
  }
  await network.quiet();
  return { expected, completed: true };
}

/**
 * One cold load of `url` in a fresh browser context (empty cache), throttled;
 * waits until the text is in the DOM and the network has been quiet, then (on
 * a pre-rendered page) until the app has taken over and the network is quiet
 * again, then one more second, and reads the metrics. `cls` covers the whole
 * load, takeover included; `clsFromTakeover` only the shifts from the
 * takeover on. `takeover` is null when the page was not taken over.
 * @returns {Promise<{fcp: number, lcp: number, tbt: number, cls: number, clsFromTakeover: number|null,
 *   text: number, takeover: number|null, takeoverExpected: boolean, domContentLoaded: number,
 *   longTasks: number, layoutShifts: object[], transferBytes: number, requests: number, fetched: string[]}>}
 */
export async function coldLoad(browser, url) {
  const context = await browser.newContext({ ...MOBILE, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.addInitScript(installObservers, { ...TEXT_SELECTORS, ids: TAKEOVER_IDS });
    const transfer = await throttle(context, page);
    const network = trackNetwork(page);
    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await page.waitForFunction(() => window.__bench.text !== null, null, { timeout: TIMEOUT_MS, polling: 50 });
    await network.quiet();
    const takeover = await settleTakeover(page, network);
    await page.waitForTimeout(SETTLE_MS);
    const m = await page.evaluate(() => window.__bench);
    const fromTakeover = m.takeover === null ? null : m.shifts.filter((s) => s.at >= m.takeover);
    return {
      fcp: m.fcp,
      lcp: m.lcp,
      tbt: totalBlockingTime(m.longTasks, m.fcp),
      cls: m.cls,
      clsFromTakeover: fromTakeover && fromTakeover.reduce((sum, s) => sum + s.value, 0),
      text: m.text,
      takeover: m.takeover,
      takeoverExpected: takeover.expected,
      domContentLoaded: m.domContentLoaded,
      longTasks: m.longTasks.length,
      layoutShifts: m.shifts,
      transferBytes: transfer.bytes,
      requests: transfer.requests,
      fetched: transfer.urls,
    };
  } finally {
    await context.close();
  }
}

/** The metrics reported for each load, in table order, compared with the floor. */
export const METRICS = ['text', 'fcp', 'lcp', 'tbt', 'cls'];

/** The metrics of the app alone (the floor has no app to take over). */
export const APP_METRICS = ['takeover', 'clsFromTakeover'];
