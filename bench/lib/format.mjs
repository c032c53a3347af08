// Plain-text tables for the terminal, and the units they show numbers in.

/** Bytes as kilobytes (1 KB = 1024 bytes), one decimal. */
export const kb = (bytes) => (bytes == null ? '—' : `${(bytes / 1024).toFixed(1)} KB`);

/** Milliseconds, with precision that suits the size. */
export function ms(value) {
  if (value == null) return '—';
  if (value === 0) return '0 ms';
  if (value >= 100) return `${Math.round(value)} ms`;
  if (value >= 1) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(3)} ms`;
}

/** A unitless number (cumulative layout shift), three decimals. */
export const score = (value) => (value == null ? '—' : value.toFixed(3));

/** A ratio such as 3.2×, or — when it means nothing. */
export const times = (value) => (value == null ? '—' : `${value.toFixed(2)}×`);

/**
 * A table as text: a title line, a header row and rows of cells (strings).
 * The first column is left-aligned, the others right-aligned.
 * @param {string} title
 * @param {string[]} headers
 * @param {string[][]} rows
 */
export function table(title, headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i === 0 ? String(c ?? '').padEnd(widths[i]) : String(c ?? '').padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [``, title, line(headers), rule, ...rows.map(line)].join('\n');
}
