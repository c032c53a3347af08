//! Accent- and case-insensitive search over the questions and answers.

use crate::content::{pick, Localized};
use crate::mailbag::QuestionAnswer;

/// `text` folded for searching: lower case, with the diacritics of Latin letters
/// removed (á à â ä ã å → a, é è ê ë → e, í ì î ï → i, ó ò ô ö õ ø → o,
/// ú ù û ü → u, ñ → n, ç → c, ý ÿ → y, and their capitals).
///
/// Combining marks (U+0300–U+036F) are dropped too, so decomposed text
/// (`e` + U+0301) folds like precomposed text. Other characters are only
/// lower-cased. A small match table stands in for Unicode normalization.
pub fn fold(text: &str) -> String {
    fold_with(text, str::to_lowercase)
}

/// Lower-cases text for [`fold_with`]: Rust's `str::to_lowercase` natively; the
/// app passes the browser's `String.prototype.toLowerCase`, which follows the
/// same Unicode rules and keeps Unicode's case tables out of the wasm.
pub type Lowercase = fn(&str) -> String;

/// [`fold`], lower-casing with `lowercase`.
pub fn fold_with(text: &str, lowercase: Lowercase) -> String {
    let lower = lowercase(text);
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        let folded = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            'ý' | 'ÿ' => 'y',
            '\u{0300}'..='\u{036F}' => continue,
            other => other,
        };
        out.push(folded);
    }
    out
}

/// The folded search terms of a query: whitespace-separated, with punctuation
/// trimmed from their ends (`¿migración?` → `migracion`).
fn terms(query: &str, lowercase: Lowercase) -> Vec<String> {
    fold_with(query, lowercase)
        .split_whitespace()
        .map(|t| t.trim_matches(is_punctuation))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Punctuation that may stick to a search term: ASCII's, Latin-1's (`¡ ¿ « »`
/// and the like) and the General Punctuation block (typographic quotes `“ ” „ ‹ ›`,
/// dashes, `…`, `•`, `‼`). Ranges instead of Unicode's tables, which would weigh
/// more than the rest of the search.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c, '¡' | '§' | '«' | '¶' | '·' | '»' | '¿' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}')
}

/// The questions of a mailbag, folded once for searching in one language.
///
/// Built from the list as shown; [`SearchIndex::matches`] answers with indices
/// into that same list.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    lowercase: Lowercase,
}

/// Two indexes are equal when they hold the same folded text and topics.
impl PartialEq for SearchIndex {
    fn eq(&self, other: &SearchIndex) -> bool {
        self.entries == other.entries
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    /// Folded question and answer text.
    text: String,
    topics: Vec<String>,
}

impl SearchIndex {
    /// Indexes `questions` in `lang`: each item's folded question and answer,
    /// falling back to the item's original language when it lacks `lang` (the
    /// text a reader would be shown).
    pub fn new(questions: &[QuestionAnswer], lang: &str) -> SearchIndex {
        SearchIndex::with_lowercase(questions, lang, str::to_lowercase)
    }

    /// [`SearchIndex::new`], lower-casing the questions and later queries with `lowercase`.
    pub fn with_lowercase(questions: &[QuestionAnswer], lang: &str, lowercase: Lowercase) -> SearchIndex {
        let entries = questions
            .iter()
            .map(|qa| {
                let text_of = |texts: &Localized| {
                    pick(texts, lang, &qa.original_language).map_or(String::new(), |(t, _)| fold_with(t, lowercase))
                };
                Entry { text: format!("{}\n{}", text_of(&qa.question), text_of(&qa.answer)), topics: qa.topics.clone() }
            })
            .collect();
        SearchIndex { entries, lowercase }
    }

    /// How many questions are indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no questions are indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Indices, in list order, of the questions whose text contains every term of
    /// `query`, in any order, ignoring case and accents. Terms are separated by
    /// whitespace; punctuation at their ends is ignored. A blank query matches all.
    pub fn matches(&self, query: &str) -> Vec<usize> {
        self.matches_in_topic(query, None)
    }

    /// Like [`SearchIndex::matches`], keeping only questions filed under `topic`
    /// when it is given.
    pub fn matches_in_topic(&self, query: &str, topic: Option<&str>) -> Vec<usize> {
        let terms = terms(query, self.lowercase);
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| topic.is_none_or(|t| e.topics.iter().any(|x| x == t)))
            .filter(|(_, e)| terms.iter().all(|t| e.text.contains(t.as_str())))
            .map(|(i, _)| i)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mailbag::qa;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("MIGRACIÓN"), "migracion");
        assert_eq!(fold("Àáâäã Èéêë Ìíîï Òóôö Ùúûü Ññ Çç"), "aaaaa eeee iiii oooo uuuu nn cc");
        assert_eq!(fold("cafe\u{301}"), "cafe");
        assert_eq!(fold("Straße 東京 🙂"), "straße 東京 🙂");
        assert_eq!(fold("ΣΟΦΊΑ Ωμέγα"), "σοφία ωμέγα", "other scripts are lower-cased too");
        // The lower-casing is the caller's: the app passes the browser's.
        assert_eq!(fold_with("ÉCOLE", |s| s.replace('É', "é")), "eCOLE");
    }

    fn sample() -> Vec<QuestionAnswer> {
        let mut es = qa("es-only", "2025-06-01", &["immigration"], ("unused", "unused"));
        es.original_language = "es".into();
        es.question = Localized::from([("es".into(), "¿Qué opinan de la migración?".into())]);
        es.answer = Localized::from([("es".into(), "Que enriquece la ciudad.".into())]);
        vec![
            qa("rent", "2025-05-01", &["housing"], ("Will rents rise?", "Rent stabilization helps tenants.")),
            qa(
                "migration",
                "2025-05-02",
                &["immigration", "labor"],
                ("Does migration lower wages?", "No: organized workers raise wages."),
            ),
            es,
        ]
    }

    #[test]
    fn search_ignores_accents_and_case() {
        let qs = sample();
        let ix = SearchIndex::new(&qs, "es");
        assert_eq!(ix.len(), 3);
        assert_eq!(ix.matches("migracion"), [2]);
        assert_eq!(ix.matches("¿MIGRACIÓN?"), [2]);
        assert_eq!(ix.matches("«migración»…"), [2]);
        assert_eq!(ix.matches("“migración”"), [2]);
        assert_eq!(ix.matches("„migración‟ ‹migración› •migración‼"), [2]);
        let mut folded = qs[2].clone();
        folded.question = Localized::from([("es".into(), "migracion sin tilde".into())]);
        let ix = SearchIndex::new(&[folded], "es");
        assert_eq!(ix.matches("MIGRACIÓN"), [0]);
    }

    #[test]
    fn search_falls_back_to_the_original_language() {
        let qs = sample();
        let en = SearchIndex::new(&qs, "en");
        // The Spanish-only item is searched in Spanish, the others in English.
        assert_eq!(en.matches("ciudad"), [2]);
        assert_eq!(en.matches("wages"), [1]);
    }

    #[test]
    fn all_terms_must_match_in_any_order() {
        let ix = SearchIndex::new(&sample(), "en");
        assert_eq!(ix.matches("wages organized"), [1]);
        assert_eq!(ix.matches("ORGANIZED   migration"), [1]);
        assert_eq!(ix.matches("wages rent"), Vec::<usize>::new());
        assert_eq!(ix.matches("rent"), [0]);
    }

    #[test]
    fn empty_query_matches_all_and_topics_filter() {
        let ix = SearchIndex::new(&sample(), "en");
        assert_eq!(ix.matches(""), [0, 1, 2]);
        assert_eq!(ix.matches("  ¿? "), [0, 1, 2]);
        assert_eq!(ix.matches_in_topic("", Some("immigration")), [1, 2]);
        assert_eq!(ix.matches_in_topic("wages", Some("immigration")), [1]);
        assert_eq!(ix.matches_in_topic("wages", Some("housing")), Vec::<usize>::new());
        assert_eq!(ix.matches_in_topic("", Some("nope")), Vec::<usize>::new());
        assert!(SearchIndex::new(&[], "en").is_empty());
    }
}
