//! The mailbag: readers' questions and the organisation's answers.
//!
//! - [`MailbagFile`]: the content file `mailbag.json` (format [`FORMAT_VERSION`])
//!   and its rules ([`issues`]); [`newest_first`], [`paragraphs`]: putting answers
//!   on a page (`mailbag/file.rs`);
//! - [`truncate_at_word`]: excerpts (`mailbag/excerpt.rs`);
//! - [`fold`], [`SearchIndex`]: accent- and case-insensitive search (`mailbag/search.rs`);
//! - [`Draft`], [`validate_draft`], [`Submission`], [`is_probably_bot`],
//!   [`mailto_href`]: the "Ask a question" form (`mailbag/form.rs`).
//!
//! Everything here is pure: no browser calls, no Unicode tables beyond a small
//! fold table, no regex or URL crates, so the wasm stays small.
//!
//! [`FORMAT_VERSION`]: crate::content::FORMAT_VERSION

mod excerpt;
mod file;
mod form;
mod search;

pub use excerpt::*;
pub use file::*;
pub use form::*;
pub use search::*;

/// Percent-encoding lives with the other URL helpers; kept here for the app's paths.
pub use crate::href::percent_encode;

/// A question answered on `answered`, in English, filed under `topics`.
#[cfg(test)]
fn qa(id: &str, answered: &str, topics: &[&str], en: (&str, &str)) -> QuestionAnswer {
    let texts = |t: &str| crate::content::Localized::from([("en".to_string(), t.to_string())]);
    QuestionAnswer {
        id: id.into(),
        asked: "2025-01-01".into(),
        answered: answered.into(),
        name: String::new(),
        topics: topics.iter().map(|t| t.to_string()).collect(),
        original_language: "en".into(),
        question: texts(en.0),
        answer: texts(en.1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    #[test]
    fn demo_content_parses_and_is_bilingual() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/content/mailbag.json");
        let text = std::fs::read_to_string(path).unwrap();
        let m: MailbagFile = load::parse("mailbag.json", &text).unwrap_or_else(|e| panic!("{e}"));
        for lang in ["en", "es"] {
            let both =
                m.questions.iter().filter(|q| q.question.contains_key(lang) && q.answer.contains_key(lang)).count();
            assert!(both >= 12, "only {both} questions in {lang}");
        }
        assert!(m.questions.iter().any(|q| q.original_language == "es"));
        assert!(m.questions.iter().any(|q| q.name.is_empty()));
        let topics = ["housing", "climate", "labor", "health", "democracy", "immigration"];
        for q in &m.questions {
            assert!(!q.topics.is_empty(), "{} has no topic", q.id);
            for t in &q.topics {
                assert!(topics.contains(&t.as_str()), "{}: unknown topic {t}", q.id);
            }
        }
        let mut sorted = m.questions.clone();
        newest_first(&mut sorted);
        let es = SearchIndex::new(&sorted, "es");
        assert!(!es.matches("migracion").is_empty());
        let en = SearchIndex::new(&sorted, "en");
        assert!(!en.matches("MIGRATION").is_empty());
        let long = sorted.iter().filter(|q| truncate_at_word(&q.answer["en"], 200).is_some()).count();
        assert!(long * 2 > sorted.len(), "most answers should be long");
    }
}
