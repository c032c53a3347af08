// Tribuna's benchmarks (`make bench`, see docs/benchmarks.md). Prints tables to
// stdout and writes every number, with the settings it was measured under, to
// target/bench/results.json. Timings are reported, never asserted.
//
//   node bench/run.mjs [--only PARTS] [--runs N] [--switches N] [--iterations N]
//                      [--dist DIR] [--out FILE] [--encoding auto|identity]
//                      [--lighthouse-runs N]
//
// PARTS is a comma-separated list of: sizes, cold (with the takeover), switch,
// related, mailbag, prerender, embed, lighthouse (default: all). The bundle in --dist
// (default target/bench-dist) must have been built first:
// `make dist DIST=target/bench-dist` (the bench target does it).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { launch } from '../tests/e2e/browser.mjs';
import { APP_METRICS, coldLoad, METRICS, MOBILE, THROTTLING } from './lib/cold-load.mjs';
import { measureEmbeds } from './lib/embed.mjs';
import { writeFloor } from './lib/floor.mjs';
import { kb, ms, score, table, times } from './lib/format.mjs';
import { languageSwitches } from './lib/language-switch.mjs';
import { CATEGORY_GOALS, METRIC_AUDITS, runLighthouse } from './lib/lighthouse.mjs';
import { measurePrerender } from './lib/prerender.mjs';
import { relatedNative, relatedWasm } from './lib/related.mjs';
import { startBenchServer } from './lib/serve.mjs';
import { listedFiles, measureSizes, PART_LABELS } from './lib/sizes.mjs';
import { median, ratio, summary } from './lib/stats.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = ['sizes', 'cold', 'switch', 'related', 'mailbag', 'prerender', 'embed', 'lighthouse'];

/** The statement every page benchmark uses: the longest demo statement. */
const SLUG = 'the-city-we-can-build';

/** Goals the tables compare against (reported, not enforced). */
const GOALS = {
  switchMs: 16,
  relatedWasmMs: 2,
  // Cold loads of the pre-rendered page against the static floor (issue #10).
  lcpRatio: 1.05,
  lcpRatioLimit: 1.1,
  textRatio: 1.05,
  cls: 0,
  // Embeds (issue #11): what a partner's page pays, brotli, images aside.
  embedScriptBytes: 3 * 1024,
  embedFrameBytes: 15 * 1024,
  embedStatementScriptBytes: 30 * 1024,
  // Pre-rendering: 4,000 pages in under 20 s.
  prerenderPages: 4000,
  prerenderMs: 20_000,
};

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
      'lighthouse-runs': { type: 'string', default: '3' },
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
    lighthouseRuns: count('lighthouse-runs', 1),
  };
}

// ── 1. Transfer sizes ──────────────────────────────────────────────────────

function benchSizes(opts) {
  const sizes = measureSizes(opts.dist, SLUG);
  const row = (label, s) => [label, kb(s.raw), kb(s.gzip), kb(s.brotli)];
  const partRow = (k) => row(`  ${PART_LABELS[k].replace('{slug}', SLUG)}`, sizes.parts[k]);
  const rows = [
    ['with the page, for its first paint', '', '', ''],
    ...['html', 'css', 'startup', 'images'].map(partRow),
    row('  subtotal: with the page', sizes.beforePaint),
    ['after the paint: the app takes over', '', '', ''],
    ...['js', 'wasm', 'json'].map(partRow),
    row('  subtotal: the app', sizes.afterPaint),
    row('first visit, total (the budget figure)', sizes.firstVisit),
    ['fetched too, not counted', '', '', ''],
    row(`  lazy images near the viewport (${Object.keys(sizes.lazyImages.files).length}: body, related rail)`, sizes.lazyImages),
    row('  icon', sizes.icon),
    ['not fetched until the reader acts', '', '', ''],
    row(`  wasm chunks (${Object.keys(sizes.lazyCode.files).length}: other pages, the Mailbag)`, sizes.lazyCode),
    row('  mailbag.json (the Mailbag widget, when used)', sizes.lazyJson),
  ];
  console.log(table(`1. Transfer sizes: first visit to the pre-rendered /statements/${SLUG}`, ['', 'raw', 'gzip', 'brotli'], rows));
  const { brotliBytes, met } = sizes.budget;
  console.log(
    `Budget: ${kb(sizes.firstVisit.brotli)} of ${kb(brotliBytes)} (brotli) — ${
      met ? 'met' : `NOT met, ${kb(sizes.firstVisit.brotli - brotliBytes)} over`
    }`,
  );
  return sizes;
}

// ── 2 & 3. Cold loads, the pre-rendered page against the static floor ──────

/** The median of the loads' values of `key` that were measured (null when none was). */
const medianOf = (loads, key) => {
  const values = loads.map((m) => m[key]).filter((v) => v != null);
  return values.length ? median(values) : null;
};

/**
 * `runs` cold loads of each page, interleaved (app, floor, app, …) so drift
 * hits both alike. The app's page is the pre-rendered statement, which the app
 * then takes over.
 */
async function benchColdLoads(browser, server, opts) {
  const floorPath = writeFloor(opts.dist, SLUG, 'en');
  const pages = { app: server.url(`statements/${SLUG}`), floor: server.url(floorPath) };
  const loads = { app: [], floor: [] };
  for (let i = 0; i < opts.runs; i++) {
    for (const which of Object.keys(pages)) {
      const m = await coldLoad(browser, pages[which]);
      loads[which].push(m);
      const takeover = m.takeoverExpected ? `, taken over ${m.takeover == null ? 'NEVER' : ms(m.takeover)}` : '';
      process.stderr.write(`  cold load ${i + 1}/${opts.runs} ${which}: text ${ms(m.text)}, LCP ${ms(m.lcp)}${takeover}\n`);
    }
  }
  const medians = (list) =>
    Object.fromEntries([...METRICS, ...APP_METRICS, 'transferBytes', 'requests'].map((k) => [k, medianOf(list, k)]));
  const result = {
    pages,
    runs: opts.runs,
    app: { median: medians(loads.app), loads: loads.app },
    floor: { median: medians(loads.floor), loads: loads.floor },
  };
  result.ratios = Object.fromEntries(METRICS.map((k) => [k, ratio(result.app.median[k], result.floor.median[k])]));
  result.takeover = {
    taken: loads.app.filter((m) => m.takeover != null).length,
    worstCls: Math.max(...loads.app.map((m) => m.cls)),
  };
  result.goals = coldLoadGoals(result);
  result.fetched = compareFetched(opts.dist, loads.app);
  printColdLoads(result);
  return result;
}

/** Each cold-load goal of issue #10 with the measured figure and whether it is met. */
function coldLoadGoals({ ratios, takeover }) {
  const { lcpRatio, lcpRatioLimit, textRatio, cls } = GOALS;
  const within = (v, limit) => v != null && v <= limit;
  return [
    {
      name: 'LCP, app / floor',
      value: times(ratios.lcp),
      goal: `≤ ${times(lcpRatio)} (no worse than ${times(lcpRatioLimit)})`,
      met: within(ratios.lcp, lcpRatio),
      acceptable: within(ratios.lcp, lcpRatioLimit),
    },
    {
      name: 'text on screen, app / floor',
      value: times(ratios.text),
      goal: `≤ ${times(textRatio)}`,
      met: within(ratios.text, textRatio),
    },
    {
      // Every load must be still: the worst load's CLS, shown as the table shows it.
      name: 'CLS, whole load with the takeover (worst load)',
      value: score(takeover.worstCls),
      goal: score(cls),
      met: Number(score(takeover.worstCls)) <= cls,
    },
  ];
}

/** The bundle path a URL of the bench server names (a page's folder is its index.html). */
function bundlePath(url) {
  const path = decodeURIComponent(new URL(url).pathname).replace(/^\//, '');
  return /\.[a-z0-9]+$/i.test(path) ? path : `${path.replace(/\/$/, '')}/index.html`.replace(/^\//, '');
}

/**
 * What the app's cold loads fetched against what the sizes table lists as
 * fetched on a first visit: files fetched but not listed, and listed but
 * fetched by no load.
 */
function compareFetched(dist, loads) {
  const listed = new Set(listedFiles(measureSizes(dist, SLUG)));
  const fetched = new Set(loads.flatMap((m) => m.fetched.map(bundlePath)));
  return {
    notListed: [...fetched].filter((f) => !listed.has(f)).sort(),
    notFetched: [...listed].filter((f) => !fetched.has(f)).sort(),
  };
}

function printColdLoads({ app, floor, ratios, runs, goals, takeover, fetched }) {
  const labels = {
    text: 'statement text in DOM',
    fcp: 'first contentful paint',
    lcp: 'largest contentful paint',
    tbt: 'total blocking time',
    cls: 'cumulative layout shift (whole load)',
  };
  const show = (k, v) => (k === 'cls' ? score(v) : ms(v));
  const rows = METRICS.map((k) => [labels[k], show(k, app.median[k]), show(k, floor.median[k]), times(ratios[k])]);
  rows.push([`app has taken over (#tribuna-root; ${takeover.taken} of ${runs} loads)`, ms(app.median.takeover), '—', '']);
  rows.push(['cumulative layout shift from the takeover on', score(app.median.clsFromTakeover), '—', '']);
  const [appBytes, floorBytes] = [app.median.transferBytes, floor.median.transferBytes];
  rows.push(['bytes received', kb(appBytes), kb(floorBytes), times(ratio(appBytes, floorBytes))]);
  rows.push(['requests', String(app.median.requests), String(floor.median.requests), '']);
  const { cpuSlowdown, latencyMs, downloadKbps, uploadKbps } = THROTTLING;
  const phone = `${MOBILE.viewport.width}×${MOBILE.viewport.height} @${MOBILE.deviceScaleFactor}x`;
  console.log(
    table(
      `2–3. Cold loads of the pre-rendered page, median of ${runs} (phone ${phone}, CPU ${cpuSlowdown}× slower, ` +
        `${latencyMs} ms RTT, ${downloadKbps}/${uploadKbps} kbit/s)`,
      ['', 'app', 'static floor', 'app / floor'],
      rows,
    ),
  );
  const verdict = (g) => (g.met ? 'met' : g.acceptable ? 'missed (within the limit)' : 'MISSED');
  console.log(table('Cold-load goals', ['', 'measured', 'goal', ''], goals.map((g) => [g.name, g.value, g.goal, verdict(g)])));
  const list = (files) => (files.length ? files.join(', ') : 'none');
  console.log(`Fetched by the cold loads but not in the sizes table: ${list(fetched.notListed)}`);
  console.log(`In the sizes table as fetched but not fetched by any cold load: ${list(fetched.notFetched)}`);
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

// ── 7. Pre-render time ─────────────────────────────────────────────────────

/** What each embed costs a partner's page, against the goals. */
async function benchEmbeds(browser, server, opts) {
  const results = await measureEmbeds(browser, server, SLUG, opts.runs);
  const rows = results.map((r) => {
    const goal = GOALS[r.goal] ?? null;
    r.goalBytes = goal;
    r.met = goal == null ? null : r.bytes <= goal;
    return [r.name, kb(r.bytes), goal == null ? '—' : `≤ ${kb(goal)}`, r.met == null ? '' : r.met ? 'met' : 'MISSED', kb(r.images), ms(r.titleMs)];
  });
  console.log(table(`Embeds on a partner's page (${opts.runs} throttled phone loads each; bytes from Tribuna's host as transferred)`, ['embed', 'bytes', 'goal', '', 'images', 'title on screen'], rows));
  return results;
}

function benchPrerender(opts) {
  const r = measurePrerender(repo, opts.dist);
  const projectedMs = r.perPageMs * GOALS.prerenderPages;
  const result = { ...r, projectedMs, goal: { pages: GOALS.prerenderPages, ms: GOALS.prerenderMs } };
  const langs = r.languages.map((c) => `${r.byLanguage[c].toLocaleString('en')} ${c}`).join(', ');
  const pages = (n) => `${n.toLocaleString('en')} pages`;
  const perPageGoal = GOALS.prerenderMs / GOALS.prerenderPages;
  console.log(
    table(
      `7. Pre-render time: the ${r.statements.toLocaleString('en')}-statement archive (${langs}; ` +
        `${r.inAllLanguages.toLocaleString('en')} in every language) → ${pages(r.statementPages)} of statements`,
      ['', 'figure', 'goal'],
      [
        ['pages written (statements, home, topics, question page)', r.pages.toLocaleString('en'), ''],
        ['  of them statement pages', r.statementPages.toLocaleString('en'), ''],
        ['embeds written, each an iframe page and a fragment', r.embeds.toLocaleString('en'), ''],
        ['other files (oEmbed, _headers, sitemap, robots.txt, feeds)', r.files.toLocaleString('en'), ''],
        ['total, as the step reports it (embeds included)', ms(r.totalMs), ''],
        ['total, wall clock with process start-up', ms(r.wallMs), ''],
        ['per page (the total over the pages)', ms(r.perPageMs), `< ${ms(perPageGoal)}`],
        [`${pages(GOALS.prerenderPages)} at that rate`, ms(projectedMs), `< ${ms(GOALS.prerenderMs)}`],
      ],
    ),
  );
  return result;
}

// ── 8. Lighthouse ──────────────────────────────────────────────────────────

async function benchLighthouse(server, opts) {
  const url = server.url(`statements/${SLUG}`);
  const result = await runLighthouse(repo, url, { runs: opts.lighthouseRuns, outDir: join(dirname(opts.out), 'lighthouse') });
  const { median: run } = result;
  const allScores = (c) => result.reports.map((r) => r.scores[c] ?? '—').join(' / ');
  const rows = Object.entries(CATEGORY_GOALS).map(([c, goal]) => [
    c,
    String(run.scores[c] ?? '—'),
    result.runs > 1 ? allScores(c) : '',
    `${goal === 100 ? '' : '≥ '}${goal}`,
    run.scores[c] != null && run.scores[c] >= goal ? 'met' : 'MISSED',
  ]);
  for (const [id, label] of Object.entries(METRIC_AUDITS)) {
    const value = (r) => (id === 'cumulative-layout-shift' ? score(r.metrics[id].value) : ms(r.metrics[id].value));
    rows.push([label, value(run), result.runs > 1 ? result.reports.map(value).join(' / ') : '', '', '']);
  }
  console.log(
    table(
      `8. Lighthouse ${run.lighthouseVersion}, /statements/${SLUG}: mobile, simulated throttling; ` +
        `median of ${result.runs} run${result.runs > 1 ? 's' : ''} by performance`,
      ['', 'median run', 'each run', 'goal', ''],
      rows,
    ),
  );
  for (const [category, audits] of Object.entries(run.failing)) {
    console.log(`\n${category} under its goal; audits not passed (weight, score${audits.some((a) => a.displayValue) ? ', value' : ''}):`);
    for (const a of audits) {
      const value = a.displayValue ? `, ${a.displayValue}` : '';
      console.log(`  ${a.id}: ${a.title} (weight ${a.weight}, score ${a.score}${value})`);
    }
  }
  if (run.failing.performance && run.longTasks.length) {
    console.log('Long tasks (simulated; what total blocking time counts):');
    for (const t of run.longTasks) {
      const where = URL.canParse(t.url) ? new URL(t.url).pathname : t.url;
      console.log(`  ${ms(t.durationMs)} at ${ms(t.startMs)}: ${where}`);
    }
  }
  for (const warning of run.runWarnings) console.log(`Lighthouse warning: ${warning}`);
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
  const needsDist = ['sizes', 'cold', 'switch', 'mailbag', 'prerender', 'embed', 'lighthouse'].some((p) => opts.only.has(p));
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
  if (opts.only.has('prerender')) results.prerender = benchPrerender(opts);

  const browserParts = ['cold', 'switch', 'related', 'mailbag', 'embed'].filter((p) => opts.only.has(p));
  const serverParts = ['cold', 'switch', 'mailbag', 'embed', 'lighthouse'].filter((p) => opts.only.has(p));
  const server = serverParts.length ? await startBenchServer({ root: opts.dist, encoding: opts.encoding }) : null;
  try {
    if (browserParts.length) {
      const browser = await launch();
      results.meta.chromium = browser.version();
      try {
        if (opts.only.has('cold')) results.coldLoads = await benchColdLoads(browser, server, opts);
        if (opts.only.has('switch')) results.languageSwitch = await benchLanguageSwitch(browser, server, opts);
        if (opts.only.has('related')) results.related = await benchRelated(browser, opts);
        if (opts.only.has('mailbag')) results.mailbag = await benchMailbag(browser, server, opts);
        if (opts.only.has('embed')) results.embeds = await benchEmbeds(browser, server, opts);
      } finally {
        await browser.close();
      }
    }
    // Lighthouse starts a Chromium of its own, once the bench's has closed.
    if (opts.only.has('lighthouse')) results.lighthouse = await benchLighthouse(server, opts);
  } finally {
    if (server) results.meta.servedByEncoding = { ...server.served };
    await server?.close();
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
