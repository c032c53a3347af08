// Tribuna's benchmarks (`make bench`, see docs/benchmarks.md). Prints tables to
// stdout and writes every number, with the settings it was measured under, to
// target/bench/results.json. Timings are reported, never asserted.
//
//   node bench/run.mjs [--only PARTS] [--runs N] [--switches N] [--iterations N]
//                      [--dist DIR] [--out FILE] [--encoding auto|identity]
//
// PARTS is a comma-separated list of: sizes, cold, switch, related, mailbag
// (default: all). The bundle in --dist (default target/bench-dist) must have
// been built first: `make dist DIST=target/bench-dist` (the bench target does it).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { launch } from '../tests/e2e/browser.mjs';
import { coldLoad, METRICS, MOBILE, THROTTLING } from './lib/cold-load.mjs';
import { writeFloor } from './lib/floor.mjs';
import { kb, ms, score, table, times } from './lib/format.mjs';
import { languageSwitches } from './lib/language-switch.mjs';
import { relatedNative, relatedWasm } from './lib/related.mjs';
import { startBenchServer } from './lib/serve.mjs';
import { measureSizes } from './lib/sizes.mjs';
import { median, ratio, summary } from './lib/stats.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = ['sizes', 'cold', 'switch', 'related', 'mailbag'];

/** The statement every page benchmark uses: the longest demo statement. */
const SLUG = 'the-city-we-can-build';

/** Goals the tables compare against (reported, not enforced). */
const GOALS = { switchMs: 16, relatedWasmMs: 2 };

// ── Options ────────────────────────────────────────────────────────────────

function options() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', default: PARTS.join(',') },
      runs: { type: 'string', default: process.env.BENCH_RUNS ?? '5' },
      switches: { type: 'string', default: '50' },
      iterations: { type: 'string', default: '200' },
      dist: { type: 'string', default: 'target/bench-dist' },
      out: { type: 'string', default: 'target/bench/results.json' },
      encoding: { type: 'string', default: 'auto' },
    },
  });
  const only = values.only.split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = only.filter((p) => !PARTS.includes(p));
  if (unknown.length) throw new Error(`unknown part(s) ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}`);
  const count = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
    return n;
  };
  if (!['auto', 'identity'].includes(values.encoding)) throw new Error('--encoding is auto or identity');
  return {
    only: new Set(only),
    runs: count('runs', 1),
    switches: count('switches', 2),
    iterations: count('iterations', 1),
    dist: resolve(repo, values.dist),
    out: resolve(repo, values.out),
    encoding: values.encoding,
  };
}

// ── 1. Transfer sizes ──────────────────────────────────────────────────────

function benchSizes(opts) {
  const sizes = measureSizes(opts.dist, SLUG);
  const row = (label, s) => [label, kb(s.raw), kb(s.gzip), kb(s.brotli)];
  const labels = {
    html: 'HTML (404.html)',
    wasm: 'wasm (main module)',
    js: 'JS (all .js)',
    css: 'CSS',
    json: 'content JSON (4 files)',
    images: 'hero image',
  };
  const rows = Object.entries(sizes.parts).map(([k, s]) => row(labels[k], s));
  rows.push(row('first visit, total', sizes.firstVisit));
  if (sizes.lazyImages.raw) rows.push(row('(body images, lazy)', sizes.lazyImages));
  rows.push(row(`(wasm chunks, on demand: ${Object.keys(sizes.lazyCode.files).length})`, sizes.lazyCode));
  rows.push(row('(mailbag.json, on scroll)', sizes.lazyJson));
  console.log(table(`1. Transfer sizes: first visit to /statements/${SLUG}`, ['', 'raw', 'gzip', 'brotli'], rows));
  const { brotliBytes, met } = sizes.budget;
  console.log(
    `Budget: ${kb(sizes.firstVisit.brotli)} of ${kb(brotliBytes)} (brotli) — ${
      met ? 'met' : `NOT met, ${kb(sizes.firstVisit.brotli - brotliBytes)} over`
    }`,
  );
  return sizes;
}

// ── 2 & 3. Cold loads, the app against the static floor ────────────────────

/** `runs` cold loads of each page, interleaved (app, floor, app, …) so drift hits both alike. */
async function benchColdLoads(browser, server, opts) {
  const floorPath = writeFloor(opts.dist, SLUG, 'en');
  const pages = { app: server.url(`statements/${SLUG}`), floor: server.url(floorPath) };
  const loads = { app: [], floor: [] };
  for (let i = 0; i < opts.runs; i++) {
    for (const which of Object.keys(pages)) {
      const m = await coldLoad(browser, pages[which]);
      loads[which].push(m);
      process.stderr.write(`  cold load ${i + 1}/${opts.runs} ${which}: text ${ms(m.text)}, LCP ${ms(m.lcp)}\n`);
    }
  }
  const medians = (list) =>
    Object.fromEntries([...METRICS, 'transferBytes', 'requests'].map((k) => [k, median(list.map((m) => m[k]))]));
  const result = {
    pages,
    runs: opts.runs,
    app: { median: medians(loads.app), loads: loads.app },
    floor: { median: medians(loads.floor), loads: loads.floor },
  };
  result.ratios = Object.fromEntries(METRICS.map((k) => [k, ratio(result.app.median[k], result.floor.median[k])]));
  printColdLoads(result);
  return result;
}

function printColdLoads({ app, floor, ratios, runs }) {
  const labels = {
    text: 'statement text in DOM',
    fcp: 'first contentful paint',
    lcp: 'largest contentful paint',
    tbt: 'total blocking time',
    cls: 'cumulative layout shift',
  };
  const show = (k, v) => (k === 'cls' ? score(v) : ms(v));
  const rows = METRICS.map((k) => [labels[k], show(k, app.median[k]), show(k, floor.median[k]), times(ratios[k])]);
  const [appBytes, floorBytes] = [app.median.transferBytes, floor.median.transferBytes];
  rows.push(['bytes received', kb(appBytes), kb(floorBytes), times(ratio(appBytes, floorBytes))]);
  rows.push(['requests', String(app.median.requests), String(floor.median.requests), '']);
  const { cpuSlowdown, latencyMs, downloadKbps, uploadKbps } = THROTTLING;
  const phone = `${MOBILE.viewport.width}×${MOBILE.viewport.height} @${MOBILE.deviceScaleFactor}x`;
  console.log(
    table(
      `2–3. Cold loads, median of ${runs} (phone ${phone}, CPU ${cpuSlowdown}× slower, ` +
        `${latencyMs} ms RTT, ${downloadKbps}/${uploadKbps} kbit/s)`,
      ['', 'app', 'static floor', 'app / floor'],
      rows,
    ),
  );
}

// ── 4. Language switch ─────────────────────────────────────────────────────

async function benchLanguageSwitch(browser, server, opts) {
  const json = (...p) => JSON.parse(readFileSync(join(opts.dist, ...p), 'utf8'));
  const site = json('content', 'site.json');
  const statement = json('content', 'statements', `${SLUG}.json`);
  const languages = ['en', 'es'].map((code) => ({
    code,
    name: site.languages.find((l) => l.code === code).name,
    title: statement.translations[code].title,
    navLabel: json('locales', `${code}.json`)['nav.languages'],
  }));
  const samples = await languageSwitches(browser, server.url(`statements/${SLUG}`), { switches: opts.switches, languages });
  const result = { switches: opts.switches, goalMs: GOALS.switchMs, ...summary(samples), samples };
  console.log(
    table(
      `4. Language switch English ⇄ Español on /statements/${SLUG} (${opts.switches} switches, no throttling)`,
      ['', 'median', 'p95', 'max', 'goal'],
      [['click → translated DOM', ms(result.median), ms(result.p95), ms(result.max), `≤ ${ms(GOALS.switchMs)}`]],
    ),
  );
  return result;
}

// ── 5. Related ranking ─────────────────────────────────────────────────────

async function benchRelated(browser, opts) {
  console.log('\n5. Related rail: criterion (native)');
  const native = await relatedNative(repo);
  const wasm = await relatedWasm(repo, browser, { iterations: opts.iterations });
  const result = { native, wasm: { ...wasm, goalMs: GOALS.relatedWasmMs } };
  console.log(
    table(
      `5. Related rail: one statement among ${native.archiveSize.toLocaleString('en')} synthetic statements`,
      ['', 'median', 'mean / p95', 'first call', 'goal'],
      [
        ['ranked, native (criterion)', ms(native.median.ms), `${ms(native.mean.ms)} mean`, '', ''],
        [
          `ranked, wasm in Chromium (${wasm.steady.n} runs)`,
          ms(wasm.steady.median),
          `${ms(wasm.steady.p95)} p95`,
          ms(wasm.firstCallMs),
          `< ${ms(GOALS.relatedWasmMs)}`,
        ],
        ['stored rail, native (criterion)', ms(native.lookup.median.ms), `${ms(native.lookup.mean.ms)} mean`, '', ''],
        [
          `stored rail, wasm in Chromium (${wasm.lookup.steady.n} × ${wasm.lookup.batch})`,
          ms(wasm.lookup.steady.median),
          `${ms(wasm.lookup.steady.p95)} p95`,
          ms(wasm.lookup.firstCallMs),
          `< ${ms(GOALS.relatedWasmMs)}`,
        ],
      ],
    ),
  );
  return result;
}

// ── 6. Mailbag search-as-you-type (hook) ───────────────────────────────────
//
// HOOK for the mailbag search benchmark, not written yet: time per keystroke
// of search-as-you-type over 1,000 synthetic questions and answers, median and
// p95. To add it, create `bench/mailbag.mjs` exporting
//
//   export async function measure({ browser, server, repo, dist, opts })
//     → { questions: number, keystrokes: number, samples: number[] }  // ms per keystroke
//
// run.mjs then calls it here, prints its median and p95 and stores it in the
// results. Until that file exists this part is skipped and reports nothing.

const MAILBAG_MODULE = join(repo, 'bench', 'mailbag.mjs');

async function benchMailbag(browser, server, opts) {
  if (!existsSync(MAILBAG_MODULE)) {
    console.log('\n6. Mailbag search-as-you-type: not measured (no bench/mailbag.mjs yet; see docs/benchmarks.md)');
    return { measured: false, reason: 'bench/mailbag.mjs does not exist yet' };
  }
  const { measure } = await import(pathToFileURL(MAILBAG_MODULE).href);
  const { questions, keystrokes, samples } = await measure({ browser, server, repo, dist: opts.dist, opts });
  const result = { measured: true, questions, keystrokes, ...summary(samples), samples };
  console.log(
    table(
      `6. Mailbag search-as-you-type (${questions} questions, ${keystrokes} keystrokes)`,
      ['', 'median', 'p95', 'max'],
      [['per keystroke', ms(result.median), ms(result.p95), ms(result.max)]],
    ),
  );
  return result;
}

// ── Main ───────────────────────────────────────────────────────────────────

/**
 * Says so when other work was competing for the CPUs, judged from the 1-minute
 * load average at the end (the bench itself keeps about one CPU busy).
 */
function warnIfBusy({ loadAverageAtEnd: load, cpus }) {
  if (load > cpus + 1) {
    console.log(`\nNote: the machine was busy (1-minute load average ${load.toFixed(1)} on ${cpus} CPUs); timings are inflated.`);
  }
}

async function main() {
  const opts = options();
  const needsDist = ['sizes', 'cold', 'switch', 'mailbag'].some((p) => opts.only.has(p));
  if (needsDist && !existsSync(join(opts.dist, 'index.html'))) {
    throw new Error(`no bundle in ${opts.dist}: build it with \`make dist DIST=${opts.dist}\` (or run \`make bench\`)`);
  }
  const results = {
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      cpus: availableParallelism(),
      loadAverageAtStart: loadavg()[0],
      dist: opts.dist,
      statement: SLUG,
      parts: [...opts.only],
      encoding: opts.encoding,
      throttling: THROTTLING,
      mobile: MOBILE,
    },
  };
  if (opts.only.has('sizes')) results.sizes = benchSizes(opts);

  const browserParts = ['cold', 'switch', 'related', 'mailbag'].filter((p) => opts.only.has(p));
  if (browserParts.length) {
    const browser = await launch();
    results.meta.chromium = browser.version();
    const server = needsDist ? await startBenchServer({ root: opts.dist, encoding: opts.encoding }) : null;
    try {
      if (opts.only.has('cold')) results.coldLoads = await benchColdLoads(browser, server, opts);
      if (opts.only.has('switch')) results.languageSwitch = await benchLanguageSwitch(browser, server, opts);
      if (opts.only.has('related')) results.related = await benchRelated(browser, opts);
      if (opts.only.has('mailbag')) results.mailbag = await benchMailbag(browser, server, opts);
    } finally {
      if (server) results.meta.servedByEncoding = { ...server.served };
      await server?.close();
      await browser.close();
    }
  }

  results.meta.loadAverageAtEnd = loadavg()[0];
  warnIfBusy(results.meta);
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(results, null, 2) + '\n');
  const { chromium = '—', cpus } = results.meta;
  console.log(`\nChromium ${chromium}, node ${process.version}, ${cpus} CPUs. Results: ${opts.out}`);
}

main().catch((e) => {
  console.error(`bench: ${e.message}`);
  process.exit(1);
});
