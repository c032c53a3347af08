//! The related-rail benchmark's workload, shared by its two runners:
//!
//! - natively, `crates/bench/benches/related.rs` (criterion) times
//!   [`tribuna_core::related::related`] over [`synthetic`] entries (ranking), and
//!   [`tribuna_core::related::rail`] over [`with_stored_rail`] entries (the
//!   lookup of a rail ranked when the index was built);
//! - in the browser, this crate built for `wasm32-unknown-unknown` exports
//!   `bench_related(n, iterations)` and `bench_rail(n, iterations, batch)` (see
//!   [`wasm`]), which time the same calls with `performance.now()` and return
//!   one time per iteration, in milliseconds.
//!
//! Both rank (or look up) for [`current`] with [`settings`], on a page in
//! [`LANG`], so the numbers measure the same work. `bench/run.mjs` runs both
//! (`make bench`).

use tribuna_core::content::{IndexEntry, Localized};
use tribuna_core::related::{related, RelatedSettings};

/// Topic ids the synthetic statements rotate through (the demo site's).
const TOPICS: [&str; 6] = ["housing", "climate", "labor", "health", "democracy", "immigration"];

/// Author ids the synthetic statements rotate through.
const AUTHORS: [&str; 7] = [
    "common-ground",
    "tenants-union",
    "transit-riders",
    "nurses-local",
    "parents-network",
    "maria-lopez",
    "sam-okafor",
];

/// The page language the ranking is done for.
pub const LANG: &str = "en";

/// Day number (days since 1970-01-01) of 2026-11-27, the newest synthetic statement.
const NEWEST_DAY: i64 = 20_784;

/// `YYYY-MM-DD` of a day number (days since 1970-01-01).
fn civil(day: i64) -> String {
    tribuna_core::date::Date::from_days_since_epoch(day).to_string()
}

/// The languages statement `i` is published in: most in both, every third
/// only in English, every fifth (not third) only in Spanish.
fn languages(i: usize) -> &'static [&'static str] {
    if i.is_multiple_of(3) {
        &["en"]
    } else if i.is_multiple_of(5) {
        &["es"]
    } else {
        &["en", "es"]
    }
}

/// Adds `item` to `list` unless it is already there.
fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

/// Synthetic index entry `i` (0 is the newest).
fn entry(i: usize) -> IndexEntry {
    let langs = languages(i);
    let text = |what: &str| -> Localized {
        langs.iter().map(|l| (l.to_string(), format!("{what} {} ({l})", i + 1))).collect()
    };
    // One to three topics and one or two authors, in rotations of different
    // periods so that scores (shared topics × 3 + shared authors × 2) vary.
    let mut topics = Vec::with_capacity(3);
    push_unique(&mut topics, TOPICS[i % TOPICS.len()]);
    push_unique(&mut topics, TOPICS[(i / 7) % TOPICS.len()]);
    if i.is_multiple_of(4) {
        push_unique(&mut topics, TOPICS[(i / 3 + 2) % TOPICS.len()]);
    }
    let mut authors = vec![AUTHORS[i % AUTHORS.len()].to_string()];
    if i.is_multiple_of(9) {
        push_unique(&mut authors, AUTHORS[(i / 9) % AUTHORS.len()]);
    }
    // Every 50th statement names two others as explicitly related.
    let related = if i.is_multiple_of(50) { vec![slug(i + 11), slug(i + 23)] } else { Vec::new() };
    IndexEntry {
        slug: slug(i),
        // One statement every 1–2 days back in time, so dates spread over decades.
        published: civil(NEWEST_DAY - (i as i64 * 3) / 2),
        authors,
        topics,
        related,
        original_language: langs[0].to_string(),
        title: text("Synthetic statement"),
        excerpt: text("The lead of synthetic statement"),
        ..IndexEntry::default()
    }
}

/// The slug of synthetic statement `i`.
fn slug(i: usize) -> String {
    format!("synthetic-{:05}", i + 1)
}

/// `n` synthetic index entries, newest first: rotating topics, authors and
/// dates, some in English only or Spanish only, a few with explicit related slugs.
pub fn synthetic(n: usize) -> Vec<IndexEntry> {
    (0..n).map(entry).collect()
}

/// The statement whose rail is ranked: the first from the middle of `entries`
/// that is in both languages and has at least two topics (so many others qualify).
/// Panics on an empty slice.
pub fn current(entries: &[IndexEntry]) -> &IndexEntry {
    entries[entries.len() / 2..]
        .iter()
        .find(|e| e.title.len() == 2 && e.topics.len() >= 2 && e.related.is_empty())
        .unwrap_or(&entries[0])
}

/// The ranking settings: the defaults, which are the demo site's `related` settings.
pub fn settings() -> RelatedSettings {
    RelatedSettings::default()
}

/// `entries` as the index build writes them for the app: [`current`] carries its
/// rail for [`LANG`], ranked with [`related`] (as
/// [`tribuna_core::related::rank_rails`] does for every entry of the first index
/// page; the lookup reads only the current statement's, so only that one is
/// ranked here).
pub fn with_stored_rail(entries: &[IndexEntry]) -> Vec<IndexEntry> {
    let current = current(entries);
    let slugs: Vec<&str> = related(current, entries, &settings(), LANG).iter().map(|e| e.slug.as_str()).collect();
    let slugs = slugs.join(" ");
    let mut out = entries.to_vec();
    if let Some(entry) = out.iter_mut().find(|e| e.slug == current.slug) {
        entry.rail = Some([(LANG.to_string(), slugs)].into());
    }
    out
}

/// The browser runner (built only for `wasm32`).
#[cfg(target_arch = "wasm32")]
pub mod wasm {
    use std::hint::black_box;

    use wasm_bindgen::prelude::*;

    /// Ranks the related statements of [`super::current`] among `n` synthetic
    /// statements `iterations` times; returns each call's duration in
    /// milliseconds (`performance.now()`, whose resolution the browser may coarsen).
    #[wasm_bindgen]
    pub fn bench_related(n: usize, iterations: usize) -> Vec<f64> {
        let performance = web_sys::window().and_then(|w| w.performance()).expect("performance is available");
        let entries = super::synthetic(n);
        let current = super::current(&entries);
        let settings = super::settings();
        (0..iterations)
            .map(|_| {
                let start = performance.now();
                let rail = tribuna_core::related::related(current, black_box(&entries), &settings, super::LANG);
                black_box(rail);
                performance.now() - start
            })
            .collect()
    }

    /// The slugs the rail lists, so the runner can check that the work is real.
    #[wasm_bindgen]
    pub fn related_slugs(n: usize) -> Vec<String> {
        let entries = super::synthetic(n);
        let current = super::current(&entries);
        tribuna_core::related::related(current, &entries, &super::settings(), super::LANG)
            .into_iter()
            .map(|e| e.slug.clone())
            .collect()
    }

    /// Shows the rail of [`super::current`] from an index of `n` synthetic
    /// statements that carries it ([`super::with_stored_rail`]), as the app
    /// does (`tribuna_core::related::rail`: find the statement's entry, then
    /// each stored slug's). Returns `iterations` times in milliseconds: the
    /// first of one call, each other the mean of `batch` calls timed together
    /// (one call is shorter than `performance.now()`'s resolution).
    #[wasm_bindgen]
    pub fn bench_rail(n: usize, iterations: usize, batch: usize) -> Vec<f64> {
        let performance = web_sys::window().and_then(|w| w.performance()).expect("performance is available");
        let plain = super::synthetic(n);
        let entries = super::with_stored_rail(&plain);
        let current = super::current(&plain);
        let settings = super::settings();
        (0..iterations)
            .map(|i| {
                let calls = if i == 0 { 1 } else { batch.max(1) };
                let start = performance.now();
                for _ in 0..calls {
                    let rail = tribuna_core::related::rail(current, black_box(&entries), &settings, super::LANG);
                    black_box(rail);
                }
                (performance.now() - start) / calls as f64
            })
            .collect()
    }

    /// The slugs the stored rail shows (the same as [`related_slugs`]).
    #[wasm_bindgen]
    pub fn rail_slugs(n: usize) -> Vec<String> {
        let plain = super::synthetic(n);
        let entries = super::with_stored_rail(&plain);
        tribuna_core::related::rail(super::current(&plain), &entries, &super::settings(), super::LANG)
            .into_iter()
            .map(|e| e.slug.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_back_from_the_newest() {
        assert_eq!(civil(NEWEST_DAY), "2026-11-27");
        assert_eq!(civil(0), "1970-01-01");
        assert_eq!(civil(NEWEST_DAY - 365), "2025-11-27");
    }

    #[test]
    fn synthetic_archive_is_varied_and_ranks() {
        let entries = synthetic(10_000);
        assert_eq!(entries.len(), 10_000);
        let slugs: std::collections::BTreeSet<_> = entries.iter().map(|e| &e.slug).collect();
        assert_eq!(slugs.len(), 10_000, "slugs are unique");
        assert!(entries.iter().any(|e| e.title.len() == 2));
        assert!(entries.iter().any(|e| !e.title.contains_key("en")));
        assert!(entries.iter().any(|e| e.topics.len() == 3));
        assert!(entries.iter().any(|e| e.authors.len() == 2));
        let current = current(&entries);
        let rail = tribuna_core::related::related(current, &entries, &settings(), LANG);
        assert_eq!(rail.len(), settings().count as usize);
        assert!(rail.iter().all(|e| e.slug != current.slug));
    }

    #[test]
    fn the_stored_rail_is_the_ranked_one() {
        let entries = synthetic(2_000);
        let stored = with_stored_rail(&entries);
        let current = current(&entries);
        assert_eq!(stored.iter().filter(|e| e.rail.is_some()).count(), 1);
        let ranked = related(current, &entries, &settings(), LANG);
        let shown = tribuna_core::related::rail(current, &stored, &settings(), LANG);
        let slugs = |v: Vec<&IndexEntry>| v.into_iter().map(|e| e.slug.clone()).collect::<Vec<_>>();
        assert_eq!(slugs(shown), slugs(ranked));
    }
}
