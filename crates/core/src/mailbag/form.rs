//! The "Ask a question" form: what a reader typed, its problems, what is sent,
//! and the `mailto:` fallback.

use serde::{Deserialize, Serialize};
use tribuna_derive::content_type;

use crate::href::percent_encode;
use crate::mailbag::NAME_MAX;

/// Fewest characters a question may have, after trimming.
pub const QUESTION_MIN: usize = 10;

/// Most characters a question may have, after trimming.
pub const QUESTION_MAX: usize = 2000;

/// Longest e-mail address accepted, in characters.
pub const EMAIL_MAX: usize = 254;

/// Forms filled faster than this many milliseconds are taken for bots.
pub const MIN_FILL_MS: f64 = 3000.0;

/// What a reader has typed into the "Ask a question" form; saved to local
/// storage as JSON so nothing is lost on reload. Missing fields load as empty.
#[content_type(default)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// First name, optional (at most [`NAME_MAX`] characters).
    pub name: String,
    /// E-mail address for a reply, optional.
    pub email: String,
    /// The question ([`QUESTION_MIN`]–[`QUESTION_MAX`] characters).
    pub question: String,
    /// Whether the reader agreed that the question may be published.
    pub consent: bool,
}

/// A field of the "Ask a question" form, in the order the form shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The asker's name.
    Name,
    /// The asker's e-mail address.
    Email,
    /// The question.
    Question,
    /// The consent checkbox.
    Consent,
}

impl Field {
    /// The field's name as a stable lower-case token (`"name"`, `"email"`,
    /// `"question"`, `"consent"`), e.g. for element ids.
    pub fn as_str(&self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Question => "question",
            Field::Consent => "consent",
        }
    }
}

/// Something wrong with a field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Problem {
    /// The name is longer than [`NAME_MAX`] characters.
    NameTooLong,
    /// The e-mail address is given but does not look like one.
    EmailInvalid,
    /// The question is missing or shorter than [`QUESTION_MIN`] characters.
    QuestionTooShort,
    /// The question is longer than [`QUESTION_MAX`] characters.
    QuestionTooLong,
    /// The consent box is not ticked.
    ConsentMissing,
}

impl Problem {
    /// The key of the message shown for this problem in the UI catalogue.
    pub fn message_key(&self) -> &'static str {
        match self {
            Problem::NameTooLong => "ask.error.name",
            Problem::EmailInvalid => "ask.error.email",
            Problem::QuestionTooShort => "ask.error.short",
            Problem::QuestionTooLong => "ask.error.long",
            Problem::ConsentMissing => "ask.error.consent",
        }
    }
}

/// Whether `s` looks like an e-mail address: exactly one `@`, a non-empty local
/// part, a domain of non-empty dot-separated labels with at least one dot, no
/// whitespace, control characters or `()<>[]\,;:"`, and at most [`EMAIL_MAX`]
/// characters. Deliberately simple; the reply itself is the real test.
pub fn is_email(s: &str) -> bool {
    if s.is_empty() || s.chars().count() > EMAIL_MAX {
        return false;
    }
    if s.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | '\\' | ',' | ';' | ':' | '"')
    }) {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
}

/// The problems with a draft, in field order (name, e-mail, question, consent),
/// so the form can focus the first. Empty when the draft can be sent.
///
/// Name and e-mail are optional; the e-mail, when given, must pass [`is_email`].
/// The question must have [`QUESTION_MIN`]–[`QUESTION_MAX`] characters after
/// trimming, and consent must be given. Name and e-mail are judged trimmed too.
pub fn validate_draft(d: &Draft) -> Vec<(Field, Problem)> {
    let mut problems = Vec::new();
    if d.name.trim().chars().count() > NAME_MAX {
        problems.push((Field::Name, Problem::NameTooLong));
    }
    let email = d.email.trim();
    if !email.is_empty() && !is_email(email) {
        problems.push((Field::Email, Problem::EmailInvalid));
    }
    let length = d.question.trim().chars().count();
    if length < QUESTION_MIN {
        problems.push((Field::Question, Problem::QuestionTooShort));
    } else if length > QUESTION_MAX {
        problems.push((Field::Question, Problem::QuestionTooLong));
    }
    if !d.consent {
        problems.push((Field::Consent, Problem::ConsentMissing));
    }
    problems
}

/// The JSON body posted when a reader sends a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// The question, trimmed.
    pub question: String,
    /// The asker's name, trimmed; empty when not given.
    pub name: String,
    /// The asker's e-mail address, trimmed; empty when not given.
    pub email: String,
    /// The language the site was shown in (`"en"`, `"es"`).
    pub language: String,
    /// The page the form was sent from (its path).
    pub page: String,
}

impl Submission {
    /// The submission for a (validated) draft, sent in `language` from `page`.
    pub fn from_draft(draft: &Draft, language: &str, page: &str) -> Submission {
        Submission {
            question: draft.question.trim().to_string(),
            name: draft.name.trim().to_string(),
            email: draft.email.trim().to_string(),
            language: language.to_string(),
            page: page.to_string(),
        }
    }
}

/// Whether a submission is probably from a bot: the hidden honeypot field was
/// filled in, or the form was sent less than [`MIN_FILL_MS`] milliseconds after
/// it was shown. An unknown (NaN) time alone does not count against the sender.
pub fn is_probably_bot(honeypot: &str, elapsed_ms: f64) -> bool {
    !honeypot.is_empty() || elapsed_ms < MIN_FILL_MS
}

/// A `mailto:` link that opens the reader's mail program with the question, for
/// when posting is not possible.
///
/// The body is the trimmed question, then, after a blank line, the name and the
/// e-mail address on lines of their own when given (no labels, so it reads the
/// same in every language). Line breaks are sent as CRLF, and subject and body
/// are fully percent-encoded ([`percent_encode`]); `@` stays as is in `address`.
pub fn mailto_href(address: &str, subject: &str, draft: &Draft) -> String {
    let mut body = draft.question.trim().to_string();
    let signature: Vec<&str> = [draft.name.trim(), draft.email.trim()].into_iter().filter(|s| !s.is_empty()).collect();
    if !signature.is_empty() {
        body.push_str("\n\n");
        body.push_str(&signature.join("\n"));
    }
    let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
    let to = percent_encode(address).replace("%40", "@");
    format!("mailto:{to}?subject={}&body={}", percent_encode(subject), percent_encode(&body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good_draft() -> Draft {
        Draft {
            name: "Ana".into(),
            email: "ana@example.org".into(),
            question: "¿Cuándo es la próxima asamblea?".into(),
            consent: true,
        }
    }

    #[test]
    fn a_good_draft_has_no_problems() {
        assert!(validate_draft(&good_draft()).is_empty());
        let anonymous = Draft { name: String::new(), email: "  ".into(), ..good_draft() };
        assert!(validate_draft(&anonymous).is_empty());
    }

    #[test]
    fn problems_come_in_field_order() {
        let d = Draft {
            name: "n".repeat(NAME_MAX + 1),
            email: "not an email".into(),
            question: "   short   ".into(),
            consent: false,
        };
        assert_eq!(
            validate_draft(&d),
            [
                (Field::Name, Problem::NameTooLong),
                (Field::Email, Problem::EmailInvalid),
                (Field::Question, Problem::QuestionTooShort),
                (Field::Consent, Problem::ConsentMissing),
            ]
        );
        assert_eq!(
            validate_draft(&Draft::default()),
            [(Field::Question, Problem::QuestionTooShort), (Field::Consent, Problem::ConsentMissing),]
        );
    }

    #[test]
    fn question_length_counts_trimmed_characters() {
        let with = |question: String| Draft { question, ..good_draft() };
        // 10 two-byte characters are 10 characters, not 20 bytes.
        assert!(validate_draft(&with("ñ".repeat(QUESTION_MIN))).is_empty());
        assert_eq!(
            validate_draft(&with(format!("  {}  ", "ñ".repeat(QUESTION_MIN - 1)))),
            [(Field::Question, Problem::QuestionTooShort)]
        );
        assert!(validate_draft(&with("é".repeat(QUESTION_MAX))).is_empty());
        assert_eq!(validate_draft(&with("é".repeat(QUESTION_MAX + 1))), [(Field::Question, Problem::QuestionTooLong)]);
        let name_at_limit = Draft { name: "ñ".repeat(NAME_MAX), ..good_draft() };
        assert!(validate_draft(&name_at_limit).is_empty());
    }

    #[test]
    fn email_check_is_simple_but_useful() {
        for ok in ["ana@example.org", "a.b+tag@sub.example.co", "josé@correo.es"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.org",
            "ana@example",
            "ana@@example.org",
            "a@b@example.org",
            "ana @example.org",
            "ana@exa mple.org",
            "ana@example..org",
            "ana@.example.org",
            "ana@example.org.",
            "<ana@example.org>",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        let long = format!("{}@example.org", "a".repeat(EMAIL_MAX));
        assert!(!is_email(&long));
    }

    #[test]
    fn message_keys_and_field_names() {
        let keys: Vec<&str> = [
            Problem::NameTooLong,
            Problem::EmailInvalid,
            Problem::QuestionTooShort,
            Problem::QuestionTooLong,
            Problem::ConsentMissing,
        ]
        .iter()
        .map(Problem::message_key)
        .collect();
        assert_eq!(
            keys,
            ["ask.error.name", "ask.error.email", "ask.error.short", "ask.error.long", "ask.error.consent"]
        );
        assert_eq!(Field::Question.as_str(), "question");
        assert!(Field::Name < Field::Consent);
    }

    #[test]
    fn draft_round_trips_through_json_and_tolerates_missing_fields() {
        let d = good_draft();
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<Draft>(&json).unwrap(), d);
        let partial: Draft = serde_json::from_str(r#"{"question":"Hola"}"#).unwrap();
        assert_eq!(partial.question, "Hola");
        assert!(!partial.consent);
    }

    #[test]
    fn submission_is_trimmed_json() {
        let d = Draft {
            name: " Ana ".into(),
            email: "".into(),
            question: "\n¿Cuándo es la asamblea?  ".into(),
            consent: true,
        };
        let s = Submission::from_draft(&d, "es", "/es/mailbag");
        assert_eq!(
            serde_json::to_value(&s).unwrap(),
            serde_json::json!({
                "question": "¿Cuándo es la asamblea?",
                "name": "Ana",
                "email": "",
                "language": "es",
                "page": "/es/mailbag"
            })
        );
    }

    #[test]
    fn bots_fill_the_honeypot_or_hurry() {
        assert!(!is_probably_bot("", 12_000.0));
        assert!(!is_probably_bot("", MIN_FILL_MS));
        assert!(is_probably_bot("", 2_999.0));
        assert!(is_probably_bot("http://spam.example", 60_000.0));
        assert!(is_probably_bot("", -5.0));
        assert!(!is_probably_bot("", f64::NAN));
    }

    #[test]
    fn mailto_link_carries_subject_and_body() {
        let href = mailto_href("mailbag@example.org", "Pregunta: ¿vivienda?", &good_draft());
        assert_eq!(
            href,
            "mailto:mailbag@example.org?subject=Pregunta%3A%20%C2%BFvivienda%3F\
             &body=%C2%BFCu%C3%A1ndo%20es%20la%20pr%C3%B3xima%20asamblea%3F\
             %0D%0A%0D%0AAna%0D%0Aana%40example.org"
        );
        assert!(crate::href::is_safe_link(&href));

        let anonymous = Draft {
            name: " ".into(),
            email: String::new(),
            question: "Line one\nline two & more".into(),
            consent: true,
        };
        assert_eq!(
            mailto_href("a+b@example.org", "Q", &anonymous),
            "mailto:a%2Bb@example.org?subject=Q&body=Line%20one%0D%0Aline%20two%20%26%20more"
        );
    }
}
