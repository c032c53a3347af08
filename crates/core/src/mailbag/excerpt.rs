//! Excerpts of answers that end on a whole word.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
