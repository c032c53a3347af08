//! The content file `mailbag.json`: its types, its rules and putting its
//! answers in order on a page.

use std::collections::BTreeSet;

use tribuna_derive::content_type;

use crate::content::Localized;
use crate::load::Document;
use crate::validate::{is_id, is_language_code, Checker, Issue};

/// `mailbag.json`: every answered question, in any order (see [`newest_first`]).
#[content_type]
#[derive(Debug, Clone, PartialEq)]
pub struct MailbagFile {
    /// Content format version; must be 1.
    pub format: u64,
    /// The questions and their answers.
    pub questions: Vec<QuestionAnswer>,
}

/// A reader's question and the organisation's answer.
///
/// Texts are plain text, never HTML: paragraphs are separated by a blank line
/// (`"\n\n"`, see [`paragraphs`]).
#[content_type]
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionAnswer {
    /// Identifier used in URLs, `/mailbag/{id}` (`a-z`, `0-9`, `-`); unique in the file.
    pub id: String,
    /// When the question arrived, `YYYY-MM-DD`.
    pub asked: String,
    /// When the answer was published, `YYYY-MM-DD`; not before `asked`.
    pub answered: String,
    /// The asker's first name; empty when they asked anonymously.
    #[default]
    pub name: String,
    /// Ids of the question's topics (from `site.json`).
    #[default]
    pub topics: Vec<String>,
    /// The language the question was asked in; `question` and `answer` must have it.
    pub original_language: String,
    /// The question, per language.
    pub question: Localized,
    /// The answer, per language.
    pub answer: Localized,
}

impl Document for MailbagFile {
    fn issues(&self) -> Vec<Issue> {
        issues(self)
    }
}

/// Longest asker name, in characters, that the content and the form accept.
pub const NAME_MAX: usize = 80;

/// The content rules `mailbag.json` breaks (empty when it is valid).
///
/// Checks the format version; that ids are identifiers and unique; that both
/// dates are real `YYYY-MM-DD` dates and the answer is not dated before the
/// question; that the name is at most [`NAME_MAX`] characters; that topic ids
/// are identifiers; that the original language is a language code present in
/// both `question` and `answer`; that every text is keyed by a language code,
/// is not blank and does not look like HTML; and that `question` and `answer`
/// are in the same languages.
pub fn issues(file: &MailbagFile) -> Vec<Issue> {
    let mut c = Checker::default();
    c.version(file.format);
    let mut seen = BTreeSet::new();
    for (i, qa) in file.questions.iter().enumerate() {
        let p = format!("questions[{i}]");
        c.id(&format!("{p}.id"), &qa.id);
        if is_id(&qa.id) && !seen.insert(qa.id.as_str()) {
            c.fail(format!("{p}.id"), format!("\"{}\" is listed twice", qa.id));
        }
        let asked = c.date(&format!("{p}.asked"), &qa.asked);
        let answered = c.date(&format!("{p}.answered"), &qa.answered);
        if let (Some(asked), Some(answered)) = (asked, answered) {
            if answered < asked {
                c.fail(format!("{p}.answered"), "is before the date the question was asked");
            }
        }
        if qa.name.chars().count() > NAME_MAX {
            c.fail(format!("{p}.name"), format!("must be at most {NAME_MAX} characters"));
        }
        for (t, topic) in qa.topics.iter().enumerate() {
            c.id(&format!("{p}.topics[{t}]"), topic);
        }
        let original = qa.original_language.as_str();
        if !is_language_code(original) {
            c.fail(format!("{p}.original_language"), format!("\"{original}\" is not a language code"));
        }
        for (field, texts, other, other_field) in
            [("question", &qa.question, &qa.answer, "answer"), ("answer", &qa.answer, &qa.question, "question")]
        {
            if !texts.contains_key(original) {
                c.fail(format!("{p}.{field}"), format!("has no \"{original}\" text"));
            }
            for (lang, text) in texts {
                let path = format!("{p}.{field}.{lang}");
                if !is_language_code(lang) {
                    c.fail(&path, format!("\"{lang}\" is not a language code"));
                }
                if text.trim().is_empty() {
                    c.fail(&path, "must not be empty");
                } else if looks_like_html(text) {
                    c.fail(&path, "must be plain text, not HTML");
                }
                if !other.contains_key(lang) {
                    c.fail(&path, format!("has no matching \"{lang}\" {other_field}"));
                }
            }
        }
    }
    c.into_issues()
}

/// Whether `text` contains something that reads as an HTML tag, comment or
/// entity opener: `<` followed by a letter, `/` or `!`.
fn looks_like_html(text: &str) -> bool {
    text.match_indices('<')
        .any(|(i, _)| text[i + 1..].chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!'))
}

/// Sorts questions newest answer first; answers published the same day are
/// ordered by id, so the order is stable across loads.
///
/// Dates compare as `YYYY-MM-DD` text, which is chronological for valid content.
/// Sort before building a [`SearchIndex`](crate::mailbag::SearchIndex) so its indices match the list shown.
pub fn newest_first(questions: &mut [QuestionAnswer]) {
    // Ids are unique, so the order is total and an unstable sort gives the same result.
    questions.sort_unstable_by(|a, b| b.answered.cmp(&a.answered).then_with(|| a.id.cmp(&b.id)));
}

/// The paragraphs of a plain-text question or answer: the pieces between blank
/// lines, trimmed, empty ones skipped. Single line breaks stay inside a paragraph.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;
    use crate::mailbag::qa;

    fn file(questions: Vec<QuestionAnswer>) -> MailbagFile {
        MailbagFile { format: 1, questions }
    }

    fn paths(f: &MailbagFile) -> Vec<String> {
        issues(f).into_iter().map(|i| i.path).collect()
    }

    #[test]
    fn parses_and_accepts_a_good_file() {
        let text = r#"{"format":1,"questions":[{"id":"why-now","asked":"2025-03-01","answered":"2025-03-04",
            "topics":["housing"],"original_language":"es",
            "question":{"es":"¿Por qué ahora?","en":"Why now?"},
            "answer":{"es":"Porque sí.\n\nY punto.","en":"Because.\n\nThat's all."}}]}"#;
        let m: MailbagFile = load::parse("mailbag.json", text).unwrap();
        assert_eq!(m.questions[0].name, "", "name defaults to anonymous");
        assert!(issues(&m).is_empty());
    }

    #[test]
    fn reports_broken_rules_with_field_paths() {
        let mut bad = qa("a", "2025-01-05", &["housing"], ("Q?", "A."));
        bad.asked = "2025-02-01".into(); // after the answer
        bad.topics.push("Not An Id".into());
        bad.question.insert("es".into(), " ".into());
        bad.answer.insert("ES".into(), "Hola".into());
        let mut dup = qa("a", "2025-13-01", &[], ("Q?", "<p>A</p>"));
        dup.original_language = "fr".into();
        dup.name = "x".repeat(NAME_MAX + 1);
        let mut f = file(vec![bad, dup]);
        f.format = 2;
        assert_eq!(
            paths(&f),
            [
                "format",
                "questions[0].answered",
                "questions[0].topics[1]",
                "questions[0].question.es",
                "questions[0].question.es",
                "questions[0].answer.ES",
                "questions[0].answer.ES",
                "questions[1].id",
                "questions[1].answered",
                "questions[1].name",
                "questions[1].question",
                "questions[1].answer",
                "questions[1].answer.en",
            ]
        );
        let messages: Vec<String> = issues(&f).into_iter().map(|i| i.message).collect();
        assert!(messages.contains(&"\"a\" is listed twice".to_string()));
        assert!(messages.contains(&"has no \"fr\" text".to_string()));
        assert!(messages.contains(&"must be plain text, not HTML".to_string()));
    }

    #[test]
    fn first_issue_becomes_a_load_error() {
        let text = r#"{"format":1,"questions":[{"id":"Bad Id","asked":"2025-03-01","answered":"2025-03-04",
            "original_language":"en","question":{"en":"Q"},"answer":{"en":"A"}}]}"#;
        let err = load::parse::<MailbagFile>("mailbag.json", text).unwrap_err();
        assert!(err.to_string().starts_with("mailbag.json: questions[0].id: \"Bad Id\" is not an identifier"), "{err}");
    }

    #[test]
    fn html_detection_spares_ordinary_text() {
        assert!(looks_like_html("a <b>bold</b> move"));
        assert!(looks_like_html("<!-- x -->"));
        assert!(!looks_like_html("rents rose < 5% and 3 <4"));
        assert!(!looks_like_html("ends with <"));
    }

    #[test]
    fn sorts_newest_answer_first_then_by_id() {
        let mut qs = vec![
            qa("b", "2025-05-01", &[], ("q", "a")),
            qa("c", "2026-01-10", &[], ("q", "a")),
            qa("a", "2025-05-01", &[], ("q", "a")),
        ];
        newest_first(&mut qs);
        let ids: Vec<&str> = qs.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["c", "a", "b"]);
    }

    #[test]
    fn splits_paragraphs_on_blank_lines() {
        let p: Vec<&str> = paragraphs("One\nline.\n\n  Two. \n\n\n\nThree.\n").collect();
        assert_eq!(p, ["One\nline.", "Two.", "Three."]);
        assert_eq!(paragraphs("  ").count(), 0);
    }
}
