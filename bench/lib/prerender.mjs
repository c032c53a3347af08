// The pre-render time: the release build's pre-render step (crates/prerender,
// built by `make dist` with cargo's `prerender` profile) run over the synthetic
// 2,000-statement archive (`tribuna-tools archive`), into a copy of the bench
// bundle so the bundle itself is left as it was.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The archive's size, as `make test` generates it. */
export const ARCHIVE_STATEMENTS = 2000;

/** The binary `make dist` builds (cargo profile `prerender`). */
const BINARY = join('target', 'prerender', 'tribuna-prerender');

/**
 * The archive folder (`target/archive-2000`), generated with
 * `tribuna-tools archive` when it is not there yet.
 */
export function ensureArchive(repo) {
  const dir = join(repo, 'target', `archive-${ARCHIVE_STATEMENTS}`);
  if (!existsSync(join(dir, 'statements', 'index.json'))) {
    process.stderr.write(`  generating the ${ARCHIVE_STATEMENTS}-statement archive in ${dir}\n`);
    execFileSync('cargo', ['run', '-q', '-p', 'tribuna-tools', '--', 'archive', String(ARCHIVE_STATEMENTS), dir], {
      cwd: repo,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return dir;
}

/** How many of the archive's statements are offered in each language, and in all of them. */
export function archiveLanguages(dir) {
  const site = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8'));
  const codes = site.languages.map((l) => l.code);
  const files = readdirSync(join(dir, 'statements')).filter((f) => f.endsWith('.json') && !/^index(-\d+)?\.json$/.test(f));
  const byLanguage = Object.fromEntries(codes.map((c) => [c, 0]));
  let inAll = 0;
  for (const file of files) {
    const offered = Object.keys(JSON.parse(readFileSync(join(dir, 'statements', file), 'utf8')).translations);
    for (const c of offered) if (c in byLanguage) byLanguage[c]++;
    if (codes.every((c) => offered.includes(c))) inAll++;
  }
  return { statements: files.length, languages: codes, byLanguage, inAllLanguages: inAll };
}

/** Reads the pre-render step's own figures (its `--json` output). */
export function parseSummary(output) {
  let figures;
  try {
    figures = JSON.parse(output);
  } catch {
    throw new Error(`the pre-render step printed no JSON figures:\n${output}`);
  }
  const { pages, statement_pages: statementPages, embeds, files, total_ms: totalMs, per_page_ms: perPageMs } = figures;
  return { pages, statementPages, embeds, files, totalMs, perPageMs };
}

/**
 * Pre-renders the archive into a copy of `dist` (a temporary folder, removed
 * after) with `dist/404.html` as the template, as
 * `target/prerender/tribuna-prerender TMP --template TMP/404.html --content ARCHIVE --json`.
 * Returns the step's own figures (`totalMs` from its start to its last file),
 * the wall-clock time of the whole process (`wallMs`, including its start-up),
 * and what the archive offers in each language.
 */
export function measurePrerender(repo, dist) {
  const binary = join(repo, BINARY);
  if (!existsSync(binary)) throw new Error(`no ${BINARY}: build it with \`make dist\` (or run \`make bench\`)`);
  const archive = ensureArchive(repo);
  const out = mkdtempSync(join(tmpdir(), 'tribuna-prerender-'));
  try {
    cpSync(dist, out, { recursive: true });
    const started = performance.now();
    const output = execFileSync(binary, [out, '--template', join(out, '404.html'), '--content', archive, '--json'], {
      cwd: repo,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const wallMs = performance.now() - started;
    return { archive, ...archiveLanguages(archive), ...parseSummary(output), wallMs, output: output.trim() };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
