// Lighthouse for a page: npm `lighthouse`, pinned, installed on first use into
// a folder of the bench's own under target/ (it is big, and only the bench
// needs it), run with its mobile defaults (simulated throttling) against
// Debian's Chromium.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The pinned version (runs on Node 20). */
export const LIGHTHOUSE_VERSION = '12.2.3';

/** The categories run, with their goals (scores out of 100). */
export const CATEGORY_GOALS = { performance: 98, accessibility: 100, 'best-practices': 100, seo: 100 };

/** The metric audits reported, with their labels. */
export const METRIC_AUDITS = {
  'largest-contentful-paint': 'LCP',
  'first-contentful-paint': 'FCP',
  'total-blocking-time': 'TBT',
  'cumulative-layout-shift': 'CLS',
};

const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu';

/**
 * The Lighthouse CLI script, installed into `target/bench-tools` with npm when
 * it is missing (or another version is there).
 */
export function ensureLighthouse(repo) {
  const prefix = join(repo, 'target', 'bench-tools');
  const pkg = join(prefix, 'node_modules', 'lighthouse', 'package.json');
  const installed = existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).version === LIGHTHOUSE_VERSION;
  if (!installed) {
    process.stderr.write(`  installing lighthouse@${LIGHTHOUSE_VERSION} into ${prefix}\n`);
    mkdirSync(prefix, { recursive: true });
    execFileSync(
      'npm',
      ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', `lighthouse@${LIGHTHOUSE_VERSION}`],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  return join(prefix, 'node_modules', 'lighthouse', 'cli', 'index.js');
}

/**
 * The audits that hold a category under 100: those with a score below 1 that
 * count for it (binary or numeric, not informative or manual), heaviest first.
 */
function failingAudits(lhr, category) {
  return lhr.categories[category].auditRefs
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(({ audit }) => audit && typeof audit.score === 'number' && audit.score < 1)
    .filter(({ audit }) => !['informative', 'manual', 'notApplicable', 'error'].includes(audit.scoreDisplayMode))
    .sort((a, b) => b.ref.weight - a.ref.weight || a.audit.score - b.audit.score)
    .map(({ ref, audit }) => ({
      id: ref.id,
      title: audit.title,
      score: audit.score,
      weight: ref.weight,
      displayValue: audit.displayValue ?? null,
    }));
}

/** The figures of one Lighthouse report: scores out of 100, the metrics, and what failed where a goal is missed. */
export function summarise(lhr) {
  const scores = Object.fromEntries(
    Object.keys(CATEGORY_GOALS).map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100)]),
  );
  const metrics = Object.fromEntries(
    Object.keys(METRIC_AUDITS).map((id) => [id, { value: lhr.audits[id]?.numericValue ?? null, display: lhr.audits[id]?.displayValue ?? null }]),
  );
  const failing = Object.fromEntries(
    Object.entries(CATEGORY_GOALS)
      .filter(([c, goal]) => scores[c] != null && scores[c] < goal)
      .map(([c]) => [c, failingAudits(lhr, c)]),
  );
  // Where total blocking time comes from: the main thread's long tasks (simulated), by script.
  const longTasks = (lhr.audits['long-tasks']?.details?.items ?? []).map((t) => ({
    url: t.url,
    startMs: t.startTime,
    durationMs: t.duration,
  }));
  return {
    url: lhr.finalDisplayedUrl ?? lhr.finalUrl,
    lighthouseVersion: lhr.lighthouseVersion,
    userAgent: lhr.environment?.hostUserAgent,
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
    formFactor: lhr.configSettings?.formFactor,
    throttlingMethod: lhr.configSettings?.throttlingMethod,
    scores,
    metrics,
    failing,
    longTasks,
    runWarnings: lhr.runWarnings ?? [],
  };
}

/**
 * Runs Lighthouse `runs` times on `url` (mobile defaults, simulated
 * throttling) and returns every run's summary and the median run, chosen by
 * performance score as Lighthouse advises. Each full report is written to
 * `{outDir}/lighthouse-{n}.json`. Lighthouse runs in a child process, without
 * blocking this one (which may be serving the page).
 */
export async function runLighthouse(repo, url, { runs = 1, outDir }) {
  const cli = ensureLighthouse(repo);
  mkdirSync(outDir, { recursive: true });
  const reports = [];
  for (let i = 1; i <= runs; i++) {
    const file = join(outDir, `lighthouse-${i}.json`);
    await promisify(execFile)(
      process.execPath,
      [
        cli,
        url,
        `--chrome-flags=${CHROME_FLAGS}`,
        `--only-categories=${Object.keys(CATEGORY_GOALS).join(',')}`,
        '--output=json',
        `--output-path=${file}`,
        '--quiet',
      ],
      { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, maxBuffer: 64 * 1024 * 1024 },
    );
    const summary = { report: file, ...summarise(JSON.parse(readFileSync(file, 'utf8'))) };
    reports.push(summary);
    process.stderr.write(
      `  lighthouse ${i}/${runs}: ${Object.entries(summary.scores).map(([c, s]) => `${c} ${s}`).join(', ')}\n`,
    );
  }
  const byPerformance = [...reports].sort((a, b) => (a.scores.performance ?? 0) - (b.scores.performance ?? 0));
  return { runs, median: byPerformance[(byPerformance.length - 1) >> 1], reports };
}
