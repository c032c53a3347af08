// The related rail of one statement among 10,000 synthetic statements, ranked
// (what the app does when the index carries no rail for the statement) and
// looked up from an index that carries the rail ranked when it was built (what
// the app does otherwise): natively with criterion (crates/bench), and in the
// browser as wasm (crates/bench-wasm). Both use the same synthetic archive.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../tests/e2e/server.mjs';
import { summary } from './stats.mjs';

/** How many synthetic statements are ranked (crates/bench/benches/related.rs uses the same). */
export const ARCHIVE_SIZE = 10_000;

/** A Rust tool: from ~/.cargo/bin when it is there (where scripts/setup.sh installs), else from PATH. */
function tool(name) {
  const installed = join(homedir(), '.cargo', 'bin', name);
  return existsSync(installed) ? installed : name;
}

/** Runs a command in the repository; resolves with its stdout. Its stderr goes to ours. */
function run(command, args, { cwd, echo = false }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (echo) process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** Cargo's target folder. */
const targetDir = (repo) => process.env.CARGO_TARGET_DIR ?? join(repo, 'target');

/** Criterion's median and mean of benchmark `group`/ARCHIVE_SIZE, in ms. */
function criterionEstimates(repo, group) {
  const file = join(targetDir(repo), 'criterion', group, String(ARCHIVE_SIZE), 'new', 'estimates.json');
  const estimates = JSON.parse(readFileSync(file, 'utf8'));
  const ms = (e) => ({
    ms: e.point_estimate / 1e6,
    low: e.confidence_interval.lower_bound / 1e6,
    high: e.confidence_interval.upper_bound / 1e6,
  });
  return { median: ms(estimates.median), mean: ms(estimates.mean), estimates: file };
}

/**
 * The native benchmark: `cargo bench` (criterion prints its estimates, echoed
 * here), then the medians and means from criterion's estimates.json files, in
 * ms: the ranking (`related`, at the top level) and the lookup of a stored
 * rail (`lookup`).
 */
export async function relatedNative(repo) {
  await run(tool('cargo'), ['bench', '-q', '-p', 'tribuna-bench', '--bench', 'related', '--', '--noplot'], {
    cwd: repo,
    echo: true,
  });
  return { archiveSize: ARCHIVE_SIZE, ...criterionEstimates(repo, 'related'), lookup: criterionEstimates(repo, 'rail') };
}

/** A page that only loads the benchmark's module (the module is loaded by the runner). */
const PAGE = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>related benchmark</title></head><body></body></html>\n';

/** Builds the wasm benchmark and its JS bindings into target/bench/wasm; returns that folder. */
async function buildWasm(repo) {
  const target = targetDir(repo);
  const out = join(target, 'bench', 'wasm');
  await run(tool('cargo'), ['build', '-q', '-p', 'tribuna-bench-wasm', '--target', 'wasm32-unknown-unknown', '--release'], {
    cwd: repo,
  });
  await run(
    tool('wasm-bindgen'),
    ['--target', 'web', '--out-dir', out, join(target, 'wasm32-unknown-unknown', 'release', 'tribuna_bench_wasm.wasm')],
    { cwd: repo },
  );
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'index.html'), PAGE);
  return out;
}

/** How many lookups of a stored rail each wasm sample times together (one is below the clock's 0.1 ms). */
export const LOOKUP_BATCH = 100;

/**
 * The browser benchmark: `iterations` rankings in headless Chromium (no
 * throttling), then `iterations` samples of the stored rail's lookup (each the
 * mean of LOOKUP_BATCH lookups). The first call of each is reported apart: V8
 * first runs wasm with its baseline compiler and optimises hot functions
 * later, so the first ranking a reader's page does can be slower than the
 * steady state.
 */
export async function relatedWasm(repo, browser, { iterations = 200 } = {}) {
  const folder = await buildWasm(repo);
  const server = await startServer({ root: folder });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(server.url('index.html'));
    const { times, rail, lookupTimes, stored } = await page.evaluate(
      async ({ n, iterations, batch }) => {
        const wasm = await import('./tribuna_bench_wasm.js');
        await wasm.default();
        const times = Array.from(wasm.bench_related(n, iterations + 1));
        const lookupTimes = Array.from(wasm.bench_rail(n, iterations + 1, batch));
        return { times, rail: wasm.related_slugs(n), lookupTimes, stored: wasm.rail_slugs(n) };
      },
      { n: ARCHIVE_SIZE, iterations, batch: LOOKUP_BATCH },
    );
    if (rail.length === 0) throw new Error('the wasm ranking found no related statements');
    if (stored.join() !== rail.join()) throw new Error(`the stored rail shows ${stored.join()}, the ranking ${rail.join()}`);
    return {
      archiveSize: ARCHIVE_SIZE,
      firstCallMs: times[0],
      steady: summary(times.slice(1)),
      rail,
      lookup: { firstCallMs: lookupTimes[0], batch: LOOKUP_BATCH, steady: summary(lookupTimes.slice(1)) },
    };
  } finally {
    await context.close();
    await server.close();
  }
}
