//! Ranking related statements for the rail beside a statement.
//!
//! The rail lists the statement's explicit `related` slugs first, in their
//! order, then the best-ranked others:
//!
//! 1. **score** = `topic_weight` × shared topics + `author_weight` × shared
//!    authors; a statement scoring below `min_score` is not related at all;
//! 2. on a page whose language the candidate is **available in** ranks above
//!    one shown in another language (among candidates that qualify);
//! 3. higher score first;
//! 4. ties: the one **closest in date** to the statement, then the newer, then by slug.
//!
//! The statement itself, duplicates, and explicit slugs that are not in the
//! index never appear. Weights, minimum and count come from `site.json`
//! (`related`), after the idea of Hugo's related content.
//!
//! The ranking runs once per statement and language when the index is built
//! ([`rank_rails`] stores each rail in the first index page's entries); the app
//! shows that stored rail ([`rail`]) and ranks with [`related`] only for a
//! statement the first page doesn't carry a rail for.

use tribuna_derive::content_type;

use crate::content::{IndexEntry, Localized};
use crate::date::Date;

/// How the rail ranks: from `site.json`'s `related` object.
#[content_type(default)]
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedSettings {
    /// How many statements the rail lists.
    #[default(4)]
    pub count: u32,
    /// Weight of each shared topic.
    #[default(3)]
    pub topic_weight: u32,
    /// Weight of each shared author.
    #[default(2)]
    pub author_weight: u32,
    /// The lowest score that still counts as related.
    #[default(2)]
    pub min_score: u32,
}

/// One candidate's rank, for sorting and for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rank {
    in_language: bool,
    score: u32,
    distance: i64,
    days: i64,
}

fn shared(a: &[String], b: &[String]) -> u32 {
    a.iter().filter(|x| b.contains(x)).count() as u32
}

/// Days since the epoch of an entry's publication date (0 when malformed;
/// validation reports those). Reads the digits directly: this runs for every
/// candidate on every statement page.
fn days(entry: &IndexEntry) -> i64 {
    let b = entry.published.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u16> {
        b.get(r)?.iter().try_fold(0u16, |n, c| c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0')))
    };
    match (digits(0..4), digits(5..7), digits(8..10)) {
        (Some(year), Some(month), Some(day)) if b.len() == 10 => {
            Date { year, month: month as u8, day: day as u8 }.days_since_epoch()
        }
        _ => 0,
    }
}

/// The score of `candidate` for `current`: weighted shared topics and authors.
pub fn score(current: &IndexEntry, candidate: &IndexEntry, settings: &RelatedSettings) -> u32 {
    settings.topic_weight * shared(&current.topics, &candidate.topics)
        + settings.author_weight * shared(&current.authors, &candidate.authors)
}

/// The statements for `current`'s rail, from the index `entries`, for a page in `lang`.
pub fn related<'a>(
    current: &IndexEntry,
    entries: &'a [IndexEntry],
    settings: &RelatedSettings,
    lang: &str,
) -> Vec<&'a IndexEntry> {
    let count = settings.count as usize;
    let mut out: Vec<&IndexEntry> = Vec::with_capacity(count);
    for slug in &current.related {
        if out.len() == count {
            return out;
        }
        if *slug == current.slug || out.iter().any(|e| e.slug == *slug) {
            continue;
        }
        if let Some(entry) = entries.iter().find(|e| e.slug == *slug) {
            out.push(entry);
        }
    }
    let today = days(current);
    let mut ranked: Vec<(Rank, &IndexEntry)> = entries
        .iter()
        .filter(|e| e.slug != current.slug && !out.iter().any(|o| o.slug == e.slug))
        .filter_map(|e| {
            let score = score(current, e, settings);
            (score >= settings.min_score && score > 0).then(|| {
                let d = days(e);
                let rank =
                    Rank { in_language: e.title.contains_key(lang), score, distance: (d - today).abs(), days: d };
                (rank, e)
            })
        })
        .collect();
    let remaining = count - out.len();
    let order = |(a, ea): &(Rank, &IndexEntry), (b, eb): &(Rank, &IndexEntry)| {
        b.in_language
            .cmp(&a.in_language)
            .then(b.score.cmp(&a.score))
            .then(a.distance.cmp(&b.distance))
            .then(b.days.cmp(&a.days))
            .then(ea.slug.cmp(&eb.slug))
    };
    if ranked.len() > remaining && remaining > 0 {
        ranked.select_nth_unstable_by(remaining - 1, order);
        ranked.truncate(remaining);
    }
    // Slugs are unique, so the order is total and an unstable sort gives the same result.
    ranked.sort_unstable_by(order);
    out.extend(ranked.into_iter().take(remaining).map(|(_, e)| e));
    out
}

/// Ranks the rail of every entry of `entries` (one index page) among those same
/// entries, for a page in each of `languages`, and stores the slugs in the
/// entry's `rail`: what [`related`] returns for the entry on that page, so
/// [`rail`] shows the same statements without ranking. The slugs of a language
/// are one string, separated by spaces (slugs have none): a map of strings, as
/// the index's titles are, costs the app no new code to read and keep.
pub fn rank_rails(entries: &mut [IndexEntry], settings: &RelatedSettings, languages: &[&str]) {
    let rails: Vec<Localized> = entries
        .iter()
        .map(|current| {
            languages
                .iter()
                .map(|lang| {
                    let slugs: Vec<&str> =
                        related(current, entries, settings, lang).into_iter().map(|e| e.slug.as_str()).collect();
                    (lang.to_string(), slugs.join(" "))
                })
                .collect()
        })
        .collect();
    for (entry, rail) in entries.iter_mut().zip(rails) {
        entry.rail = Some(rail);
    }
}

/// The statements the rail of `current` lists on a page in `lang`, from the
/// index `entries` (the first index page). When the index lists `current` with
/// a rail ranked for `lang` ([`rank_rails`]), that rail: its slugs looked up in
/// `entries`, in order, skipping any the page doesn't list. Otherwise ranked
/// now, with [`related`].
pub fn rail<'a>(
    current: &IndexEntry,
    entries: &'a [IndexEntry],
    settings: &RelatedSettings,
    lang: &str,
) -> Vec<&'a IndexEntry> {
    let ranked = entries.iter().find(|e| e.slug == current.slug).and_then(|e| e.rail.as_ref()?.get(lang));
    match ranked {
        Some(slugs) => slugs
            .split_ascii_whitespace()
            .filter_map(|slug| entries.iter().find(|e| e.slug == slug))
            .take(settings.count as usize)
            .collect(),
        None => related(current, entries, settings, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Localized;

    fn entry(slug: &str, published: &str, topics: &[&str], authors: &[&str], langs: &[&str]) -> IndexEntry {
        let title: Localized = langs.iter().map(|l| (l.to_string(), format!("{slug} {l}"))).collect();
        IndexEntry {
            slug: slug.into(),
            published: published.into(),
            authors: authors.iter().map(|s| s.to_string()).collect(),
            topics: topics.iter().map(|s| s.to_string()).collect(),
            original_language: langs[0].into(),
            excerpt: title.clone(),
            title,
            ..IndexEntry::default()
        }
    }

    fn slugs(v: &[&IndexEntry]) -> Vec<String> {
        v.iter().map(|e| e.slug.clone()).collect()
    }

    fn archive() -> Vec<IndexEntry> {
        vec![
            entry("me", "2025-06-01", &["housing", "labor"], &["org-a"], &["en", "es"]),
            entry("two-topics", "2025-01-01", &["housing", "labor"], &["org-z"], &["en", "es"]),
            entry("topic-and-author", "2025-03-01", &["housing"], &["org-a"], &["en", "es"]),
            entry("one-topic-near", "2025-06-10", &["housing"], &["org-z"], &["en", "es"]),
            entry("one-topic-far", "2024-01-01", &["labor"], &["org-z"], &["en", "es"]),
            entry("author-only", "2025-06-02", &["climate"], &["org-a"], &["en", "es"]),
            entry("unrelated", "2025-06-01", &["climate"], &["org-z"], &["en", "es"]),
        ]
    }

    #[test]
    fn weights_rank_topics_over_authors() {
        let a = archive();
        let s = RelatedSettings { count: 10, topic_weight: 3, author_weight: 2, min_score: 2 };
        // two-topics 6, topic-and-author 5, one-topic-* 3, author-only 2, unrelated 0.
        assert_eq!(
            slugs(&related(&a[0], &a, &s, "en")),
            ["two-topics", "topic-and-author", "one-topic-near", "one-topic-far", "author-only"]
        );
        let authors_heavy = RelatedSettings { author_weight: 10, ..s.clone() };
        assert_eq!(slugs(&related(&a[0], &a, &authors_heavy, "en"))[0], "topic-and-author");
    }

    #[test]
    fn minimum_score_and_count_apply() {
        let a = archive();
        let s = RelatedSettings { count: 10, topic_weight: 3, author_weight: 2, min_score: 4 };
        assert_eq!(slugs(&related(&a[0], &a, &s, "en")), ["two-topics", "topic-and-author"]);
        let two = RelatedSettings { count: 2, min_score: 0, ..RelatedSettings::default() };
        assert_eq!(related(&a[0], &a, &two, "en").len(), 2);
    }

    #[test]
    fn ties_go_to_the_closest_date() {
        let a = archive();
        let s = RelatedSettings { count: 10, topic_weight: 1, author_weight: 0, min_score: 1 };
        let r = slugs(&related(&a[0], &a, &s, "en"));
        // Same score (1 shared topic): 2025-06-10 is nearer to 2025-06-01 than 2025-03-01 and 2024-01-01.
        assert_eq!(r, ["two-topics", "one-topic-near", "topic-and-author", "one-topic-far"]);
    }

    #[test]
    fn explicit_slugs_first_in_order_skipping_self_duplicates_and_missing() {
        let mut a = archive();
        a[0].related =
            vec!["unrelated".into(), "me".into(), "no-such-slug".into(), "unrelated".into(), "one-topic-far".into()];
        let s = RelatedSettings { count: 4, ..RelatedSettings::default() };
        let r = slugs(&related(&a[0], &a, &s, "en"));
        assert_eq!(r, ["unrelated", "one-topic-far", "two-topics", "topic-and-author"]);
        assert!(!r.contains(&"me".to_string()));
    }

    #[test]
    fn reads_publication_days_like_the_date_parser() {
        for d in ["2025-06-01", "1999-12-31", "2024-02-29"] {
            let e = entry("x", d, &[], &[], &["en"]);
            assert_eq!(days(&e), Date::parse(d).unwrap().days_since_epoch());
        }
        assert_eq!(days(&entry("x", "not a date", &[], &[], &["en"])), 0);
    }

    #[test]
    fn never_lists_itself_even_with_a_perfect_score() {
        let a = archive();
        let r = related(&a[0], &a, &RelatedSettings { count: 100, min_score: 0, ..RelatedSettings::default() }, "en");
        assert!(r.iter().all(|e| e.slug != "me"));
        let mut seen = std::collections::BTreeSet::new();
        assert!(r.iter().all(|e| seen.insert(e.slug.clone())), "no duplicates");
    }

    #[test]
    fn stored_rails_equal_the_ranking_and_are_shown_in_order() {
        let mut a = archive();
        a[1] = entry("two-topics", "2025-01-01", &["housing", "labor"], &["org-z"], &["en"]);
        a[0].related = vec!["unrelated".into()];
        let s = RelatedSettings { count: 3, ..RelatedSettings::default() };
        let plain = a.clone();
        rank_rails(&mut a, &s, &["en", "es"]);
        for (i, current) in plain.iter().enumerate() {
            for lang in ["en", "es"] {
                let ranked = slugs(&related(current, &plain, &s, lang));
                assert_eq!(a[i].rail.as_ref().unwrap()[lang], ranked.join(" "), "{} {lang}", current.slug);
                assert_eq!(slugs(&rail(current, &a, &s, lang)), ranked, "{} {lang}", current.slug);
            }
        }
        // The stored order is what is shown, not a new ranking.
        a[0].rail = Some([("en".to_string(), "one-topic-far unrelated".to_string())].into());
        assert_eq!(slugs(&rail(&plain[0], &a, &s, "en")), ["one-topic-far", "unrelated"]);
    }

    #[test]
    fn a_stored_rail_skips_missing_slugs_and_keeps_to_the_count() {
        let mut a = archive();
        let listed = "gone one-topic-far author-only unrelated two-topics";
        a[0].rail = Some([("en".to_string(), listed.to_string())].into());
        let s = RelatedSettings { count: 3, ..RelatedSettings::default() };
        assert_eq!(slugs(&rail(&a[0], &a, &s, "en")), ["one-topic-far", "author-only", "unrelated"]);
        // An empty stored rail is a rail with nothing to show.
        a[0].rail = Some([("en".to_string(), String::new())].into());
        assert!(rail(&a[0], &a, &s, "en").is_empty());
    }

    #[test]
    fn without_a_stored_rail_the_rail_is_ranked() {
        let mut a = archive();
        let s = RelatedSettings::default();
        // No rail for the page's language, or none at all, or `current` not on the page.
        a[0].rail = Some([("en".to_string(), "unrelated".to_string())].into());
        let plain = archive();
        assert_eq!(slugs(&rail(&plain[0], &a, &s, "es")), slugs(&related(&plain[0], &a, &s, "es")));
        assert_eq!(slugs(&rail(&plain[0], &plain, &s, "en")), slugs(&related(&plain[0], &plain, &s, "en")));
        let elsewhere = entry("not-listed", "2025-06-01", &["housing"], &["org-a"], &["en"]);
        assert_eq!(slugs(&rail(&elsewhere, &a, &s, "en")), slugs(&related(&elsewhere, &a, &s, "en")));
        assert!(!rail(&elsewhere, &a, &s, "en").is_empty());
    }

    #[test]
    fn prefers_statements_available_in_the_page_language() {
        let mut a = archive();
        a[1] = entry("two-topics", "2025-01-01", &["housing", "labor"], &["org-z"], &["en"]);
        let s = RelatedSettings { count: 3, ..RelatedSettings::default() };
        assert_eq!(slugs(&related(&a[0], &a, &s, "es")), ["topic-and-author", "one-topic-near", "one-topic-far"]);
        assert_eq!(slugs(&related(&a[0], &a, &s, "en"))[0], "two-topics");
        // Still shown when too few Spanish ones qualify.
        let many = RelatedSettings { count: 10, ..RelatedSettings::default() };
        assert_eq!(slugs(&related(&a[0], &a, &many, "es")).last().unwrap(), "two-topics");
    }
}
