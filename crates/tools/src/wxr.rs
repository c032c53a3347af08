//! Reading a WordPress export (WXR, the RSS file of Tools → Export) with
//! `quick-xml`: the site's title, its users, its terms (categories, tags and
//! Polylang's languages and translation groups) and its items (posts, pages,
//! attachments, revisions…), each with its terms and custom fields.

use std::collections::BTreeMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// A whole export.
#[derive(Debug, Clone, Default)]
pub struct Export {
    /// The site's title (`channel/title`).
    pub title: String,
    /// The users (`wp:author`).
    pub authors: Vec<User>,
    /// Every term: `wp:category`, `wp:tag` and `wp:term`.
    pub terms: Vec<Term>,
    /// Every item, in file order.
    pub items: Vec<Item>,
}

/// A WordPress user.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct User {
    /// The login (`wp:author_login`), which items name in `dc:creator`.
    pub login: String,
    /// The display name.
    pub display_name: String,
    /// The user's biographical info (`wp:author_description`), when the export has it.
    pub description: String,
}

/// A term of a taxonomy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Term {
    /// The term's id.
    pub id: u64,
    /// `category`, `post_tag`, `language`, `post_translations`, `term_translations`, `author`…
    pub taxonomy: String,
    /// The slug (nicename).
    pub slug: String,
    /// The display name.
    pub name: String,
    /// The description (Polylang keeps a PHP-serialised map here).
    pub description: String,
}

/// A term an item is filed under (`<category domain="…" nicename="…">Name</category>`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemTerm {
    /// The taxonomy (`category`, `post_tag`, `language`, `post_translations`, `author`…).
    pub domain: String,
    /// The term's slug.
    pub nicename: String,
    /// The term's name.
    pub name: String,
}

/// A post, page, attachment or any other item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item {
    /// `wp:post_id`.
    pub id: u64,
    /// The title.
    pub title: String,
    /// The author's login (`dc:creator`).
    pub creator: String,
    /// The body HTML (`content:encoded`).
    pub content: String,
    /// The excerpt (`excerpt:encoded`); an attachment's caption.
    pub excerpt: String,
    /// `wp:post_date`, `YYYY-MM-DD hh:mm:ss`.
    pub date: String,
    /// `wp:post_modified`.
    pub modified: String,
    /// The slug (`wp:post_name`), possibly percent-encoded.
    pub name: String,
    /// `publish`, `draft`, `private`, `inherit`…
    pub status: String,
    /// `post`, `page`, `attachment`, `revision`…
    pub post_type: String,
    /// An attachment's file URL.
    pub attachment_url: String,
    /// The terms the item is filed under.
    pub terms: Vec<ItemTerm>,
    /// Custom fields (`wp:postmeta`), in order.
    pub meta: Vec<(String, String)>,
}

impl Item {
    /// The first custom field named `key`.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The item's terms in `domain`.
    pub fn terms_in<'a>(&'a self, domain: &'a str) -> impl Iterator<Item = &'a ItemTerm> + 'a {
        self.terms.iter().filter(move |t| t.domain == domain)
    }
}

/// Why an export could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The byte offset where reading stopped.
    pub at: u64,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "byte {}: {}", self.at, self.message)
    }
}

/// The fields of one record (`wp:author`, `wp:term`, `item`…) as child name → text.
type Fields = BTreeMap<String, String>;

fn attr(e: &BytesStart<'_>, name: &str) -> String {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
        .unwrap_or_default()
}

/// Reads a whole export.
pub fn parse(xml: &str) -> Result<Export, Error> {
    let mut reader = Reader::from_str(xml);
    let mut export = Export::default();
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut record = Fields::new();
    let mut item = Item::default();
    let mut pending_term = ItemTerm::default();
    let mut meta = (String::new(), String::new());
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| Error { at, message: e.to_string() })?;
        let (start, end) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            Event::End(_) => (None, true),
            Event::Text(t) => {
                match t.unescape() {
                    Ok(s) => text.push_str(&s),
                    Err(_) => text.push_str(&String::from_utf8_lossy(t)),
                }
                continue;
            }
            Event::CData(t) => {
                text.push_str(&String::from_utf8_lossy(t));
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        if let Some(e) = start {
            let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
            text.clear();
            if stack.len() == 3 && stack[2] == "item" && name == "category" {
                pending_term =
                    ItemTerm { domain: attr(&e, "domain"), nicename: attr(&e, "nicename"), name: String::new() };
            }
            stack.push(name);
        }
        if !end {
            continue;
        }
        let value = std::mem::take(&mut text);
        let path: Vec<&str> = stack.iter().map(String::as_str).collect();
        match path.as_slice() {
            [_, "channel", "title"] => export.title = value.trim().to_string(),
            [_, "channel", "wp:author"] => export.authors.push(user(&std::mem::take(&mut record))),
            [_, "channel", kind @ ("wp:category" | "wp:tag" | "wp:term")] => {
                export.terms.push(term(kind, &std::mem::take(&mut record)))
            }
            [_, "channel", "item"] => {
                let fields = std::mem::take(&mut record);
                let mut done = std::mem::take(&mut item);
                fill_item(&mut done, &fields);
                export.items.push(done);
            }
            [_, "channel", "item", "category"] => {
                pending_term.name = value.trim().to_string();
                item.terms.push(std::mem::take(&mut pending_term));
            }
            [_, "channel", "item", "wp:postmeta", "wp:meta_key"] => meta.0 = value,
            [_, "channel", "item", "wp:postmeta", "wp:meta_value"] => meta.1 = value,
            [_, "channel", "item", "wp:postmeta"] => item.meta.push(std::mem::take(&mut meta)),
            [_, "channel", _, field] => {
                record.insert(field.to_string(), value);
            }
            _ => {}
        }
        stack.pop();
    }
    if !stack.is_empty() {
        return Err(Error { at: reader.buffer_position(), message: format!("<{}> is never closed", stack.join("/")) });
    }
    Ok(export)
}

fn get<'a>(fields: &'a Fields, key: &str) -> &'a str {
    fields.get(key).map(String::as_str).unwrap_or_default()
}

fn number(fields: &Fields, key: &str) -> u64 {
    get(fields, key).trim().parse().unwrap_or_default()
}

fn user(f: &Fields) -> User {
    User {
        login: get(f, "wp:author_login").trim().to_string(),
        display_name: get(f, "wp:author_display_name").trim().to_string(),
        description: get(f, "wp:author_description").trim().to_string(),
    }
}

fn term(kind: &str, f: &Fields) -> Term {
    let (taxonomy, slug, name, description) = match kind {
        "wp:category" => ("category".to_string(), "wp:category_nicename", "wp:cat_name", "wp:category_description"),
        "wp:tag" => ("post_tag".to_string(), "wp:tag_slug", "wp:tag_name", "wp:tag_description"),
        _ => (get(f, "wp:term_taxonomy").trim().to_string(), "wp:term_slug", "wp:term_name", "wp:term_description"),
    };
    Term {
        id: number(f, "wp:term_id"),
        taxonomy,
        slug: get(f, slug).trim().to_string(),
        name: get(f, name).trim().to_string(),
        description: get(f, description).trim().to_string(),
    }
}

fn fill_item(item: &mut Item, f: &Fields) {
    item.id = number(f, "wp:post_id");
    item.title = get(f, "title").trim().to_string();
    item.creator = get(f, "dc:creator").trim().to_string();
    item.content = get(f, "content:encoded").to_string();
    item.excerpt = get(f, "excerpt:encoded").trim().to_string();
    item.date = get(f, "wp:post_date").trim().to_string();
    item.modified = get(f, "wp:post_modified").trim().to_string();
    item.name = get(f, "wp:post_name").trim().to_string();
    item.status = get(f, "wp:status").trim().to_string();
    item.post_type = get(f, "wp:post_type").trim().to_string();
    item.attachment_url = get(f, "wp:attachment_url").trim().to_string();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_users_terms_items_and_their_fields() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Site &amp; co</title>
<wp:author><wp:author_login><![CDATA[ana]]></wp:author_login><wp:author_display_name>Ana</wp:author_display_name></wp:author>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>housing</wp:category_nicename><wp:cat_name><![CDATA[Housing]]></wp:cat_name></wp:category>
<wp:term><wp:term_id>9</wp:term_id><wp:term_taxonomy>post_translations</wp:term_taxonomy><wp:term_slug>pll_1</wp:term_slug><wp:term_name>pll_1</wp:term_name><wp:term_description><![CDATA[a:1:{s:2:"en";i:5;}]]></wp:term_description></wp:term>
<item><title>Hello</title><dc:creator>ana</dc:creator><content:encoded><![CDATA[<p>Hi &amp; bye</p>]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>5</wp:post_id><wp:post_name/><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="housing"><![CDATA[Housing]]></category>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value><![CDATA[7]]></wp:meta_value></wp:postmeta>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_content>x</wp:comment_content></wp:comment>
</item></channel></rss>"#;
        let e = parse(xml).unwrap();
        assert_eq!(e.title, "Site & co");
        assert_eq!(e.authors[0].display_name, "Ana");
        assert_eq!(e.terms[0].taxonomy, "category");
        assert_eq!(e.terms[1].description, r#"a:1:{s:2:"en";i:5;}"#);
        let item = &e.items[0];
        assert_eq!((item.id, item.content.as_str(), item.name.as_str()), (5, "<p>Hi &amp; bye</p>", ""));
        assert_eq!(item.terms_in("category").next().unwrap().name, "Housing");
        assert_eq!(item.meta("_thumbnail_id"), Some("7"));
        assert!(parse("<rss><channel>").is_err());
        assert!(parse("<rss><channel></rss>").is_err());
    }
}
