// Summary statistics of timing samples. Percentiles use the nearest-rank method
// (the smallest sample with at least p% of the samples at or below it), so every
// reported number is one that was actually measured.

/** The samples sorted ascending, as a new array. */
const sorted = (samples) => [...samples].sort((a, b) => a - b);

/** The p-th percentile (0 < p ≤ 100) by nearest rank; null for no samples. */
export function percentile(samples, p) {
  if (samples.length === 0) return null;
  const s = sorted(samples);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/**
 * The median: the middle sample, or the mean of the two middle ones for an even
 * count; null for no samples.
 */
export function median(samples) {
  if (samples.length === 0) return null;
  const s = sorted(samples);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Median, p95, min and max of the samples, with their count. */
export function summary(samples) {
  return {
    n: samples.length,
    median: median(samples),
    p95: percentile(samples, 95),
    min: samples.length ? Math.min(...samples) : null,
    max: samples.length ? Math.max(...samples) : null,
  };
}

/** `a / b`, or null when it means nothing (a missing value or b = 0). */
export function ratio(a, b) {
  if (a == null || b == null || b === 0) return null;
  return a / b;
}
