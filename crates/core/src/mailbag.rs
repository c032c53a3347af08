//! The mailbag: readers' questions and the organisation's answers.
//!
//! - [`MailbagFile`]: the content file `mailbag.json` (format [`FORMAT_VERSION`])
//!   and its rules ([`issues`]);
//! - [`newest_first`], [`paragraphs`], [`truncate_at_word`]: putting answers on a page;
//! - [`fold`], [`SearchIndex`]: accent- and case-insensitive search;
//! - [`Draft`], [`validate_draft`], [`Submission`], [`is_probably_bot`],
//!   [`mailto_href`]: the "Ask a question" form.
//!
//! Everything here is pure: no browser calls, no Unicode tables beyond a small
//! fold table, no regex or URL crates, so the wasm stays small.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use tribuna_derive::content_type;

use crate::content::{pick, Localized};
use crate::load::Document;
use crate::validate::{is_id, is_language_code, Checker, Issue};

// ---------------------------------------------------------------------------
// Content
// ---------------------------------------------------------------------------

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
/// Sort before building a [`SearchIndex`] so its indices match the list shown.
pub fn newest_first(questions: &mut [QuestionAnswer]) {
    // Ids are unique, so the order is total and an unstable sort gives the same result.
    questions.sort_unstable_by(|a, b| b.answered.cmp(&a.answered).then_with(|| a.id.cmp(&b.id)));
}

/// The paragraphs of a plain-text question or answer: the pieces between blank
/// lines, trimmed, empty ones skipped. Single line breaks stay inside a paragraph.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

// ---------------------------------------------------------------------------
// Excerpts
// ---------------------------------------------------------------------------

/// Punctuation dropped from the end of an excerpt (with whitespace) before "…" is added:
/// sentence punctuation, dashes, opening brackets and quotes, and a dangling zero-width joiner.
const TRAILING: &[char] =
    &[',', '.', ';', ':', '!', '?', '¡', '¿', '-', '–', '—', '…', '(', '[', '{', '«', '“', '‘', '/', '&', '\u{200D}'];

fn trails(c: char) -> bool {
    c.is_whitespace() || TRAILING.contains(&c)
}

/// An excerpt of `text` of at most `max_chars` characters (the final "…" included),
/// or `None` when the text fits and needs no cutting.
///
/// Runs of whitespace, line breaks included, are first collapsed to one space, so
/// paragraphs run together. Lengths count `char`s, never bytes, and cuts fall on
/// char boundaries, so multi-byte text (é, ñ, emoji, CJK) is never split inside a
/// character. The cut falls after the last whole word that fits; when even the
/// first word does not fit (long words, or scripts written without spaces) it
/// falls inside that word. Trailing spaces and punctuation (`,` `.` `;` `:` `—`
/// `¿` `(`…) are dropped before "…" is appended. With `max_chars == 0` the
/// excerpt is just "…".
pub fn truncate_at_word(text: &str, max_chars: usize) -> Option<String> {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max_chars {
        return None;
    }
    let budget = max_chars.saturating_sub(1);
    // Byte offset just after the first `budget` characters.
    let end = collapsed.char_indices().nth(budget).map_or(collapsed.len(), |(i, _)| i);
    let hard = &collapsed[..end];
    let at_word_end = collapsed[end..].starts_with(' ');
    let kept = if at_word_end { hard } else { hard.rfind(' ').map_or(hard, |space| &hard[..space]) };
    let mut excerpt = kept.trim_end_matches(trails);
    if excerpt.is_empty() {
        // Nothing but punctuation before the cut: keep it rather than show only "…".
        excerpt = hard.trim_end();
    }
    Some(format!("{excerpt}…"))
}

// ---------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// The "Ask a question" form
// ---------------------------------------------------------------------------

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

/// Percent-encodes `s` as UTF-8: every byte outside the unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) becomes `%XX` (upper-case hex), spaces included.
pub fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0F)]));
        }
    }
    out
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
    use crate::load;

    fn qa(id: &str, answered: &str, topics: &[&str], en: (&str, &str)) -> QuestionAnswer {
        let texts = |t: &str| Localized::from([("en".to_string(), t.to_string())]);
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

    fn file(questions: Vec<QuestionAnswer>) -> MailbagFile {
        MailbagFile { format: 1, questions }
    }

    fn paths(f: &MailbagFile) -> Vec<String> {
        issues(f).into_iter().map(|i| i.path).collect()
    }

    // --- content ---

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

    // --- excerpts ---

    #[test]
    fn cuts_at_a_word_boundary_and_trims_punctuation() {
        let text = "Rents rose again, and tenants organized quickly.";
        // 21 chars: "Rents rose again, and" -> the cut lands after "and"
        assert_eq!(truncate_at_word(text, 22).as_deref(), Some("Rents rose again, and…"));
        // Cut inside "and": back up to "again," and drop the comma.
        assert_eq!(truncate_at_word(text, 20).as_deref(), Some("Rents rose again…"));
        for max in 0..text.chars().count() {
            let cut = truncate_at_word(text, max).unwrap();
            assert!(cut.chars().count() <= max.max(1), "{max}: {cut}");
            assert!(cut.ends_with('…'));
        }
    }

    #[test]
    fn never_splits_multibyte_characters() {
        let es = "¿Qué pasará con la migración y los niños pequeños?";
        assert_eq!(truncate_at_word(es, 30).as_deref(), Some("¿Qué pasará con la migración…"));
        assert_eq!(truncate_at_word("🌱🌱🌱 green 🌍 jobs for everyone", 14).as_deref(), Some("🌱🌱🌱 green 🌍…"));
        // No spaces at all: cut inside, on a char boundary.
        assert_eq!(truncate_at_word("住房是人权住房是人权", 6).as_deref(), Some("住房是人权…"));
        // A first word longer than the limit is cut inside too.
        assert_eq!(truncate_at_word("Señoríííííííta dice", 6).as_deref(), Some("Señor…"));
        for text in [es, "ñññ ééé 🙂🙂 日本語 x"] {
            for max in 0..=text.chars().count() + 1 {
                // Would panic on a byte slice inside a character.
                let _ = truncate_at_word(text, max);
            }
        }
    }

    #[test]
    fn short_and_exact_texts_are_not_cut() {
        assert_eq!(truncate_at_word("Short answer.", 200), None);
        let exact = "ñ".repeat(10);
        assert_eq!(truncate_at_word(&exact, 10), None);
        assert!(truncate_at_word(&exact, 9).is_some());
        assert_eq!(truncate_at_word("", 5), None);
    }

    #[test]
    fn collapses_whitespace_and_paragraphs() {
        let text = "First   paragraph.\n\nSecond\tparagraph goes on and on.";
        assert_eq!(truncate_at_word(text, 30).as_deref(), Some("First paragraph. Second…"));
        // Fits once collapsed: nothing to cut.
        assert_eq!(truncate_at_word("a  \n\n  b", 3), None);
    }

    #[test]
    fn punctuation_only_prefix_is_kept() {
        assert_eq!(truncate_at_word("¿¿¿¿¿¿ ok", 4).as_deref(), Some("¿¿¿…"));
        assert_eq!(truncate_at_word("abc", 0).as_deref(), Some("…"));
    }

    // --- search ---

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

    // --- the form ---

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
    fn percent_encoding_keeps_only_unreserved() {
        assert_eq!(percent_encode("aZ09-._~"), "aZ09-._~");
        assert_eq!(percent_encode("a b&c=d?"), "a%20b%26c%3Dd%3F");
        assert_eq!(percent_encode("¿ñ?"), "%C2%BF%C3%B1%3F");
        assert_eq!(percent_encode("🙂"), "%F0%9F%99%82");
        assert_eq!(percent_encode("+/#%"), "%2B%2F%23%25");
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

    // --- demo content ---

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
