//! Tribuna's content model and the pure logic around it.
//!
//! Everything here is plain Rust with no browser calls, so the app (wasm) and the
//! native tools share it and it is unit-tested natively:
//! - [`content`]: the versioned JSON content format (site, authors, statements, index);
//! - [`decode`]: reading those types out of parsed JSON, with the field path of every error;
//! - [`load`]: parsing a fetched file into those types, with file and field paths in errors;
//! - [`validate`]: the rules a well-formed document follows beyond its types;
//! - [`route`]: language-aware URL parsing and building;
//! - [`escape`]: text made safe for HTML text and attributes;
//! - [`embed`]: where embeds live, and the snippets partners paste;
//! - [`href`]: which links and image sources are allowed, and percent-encoding;
//! - [`date`]: calendar dates as the content writes them;
//! - [`i18n`]: looking up UI strings in a catalogue;
//! - [`lang`]: choosing a language and keeping the reader's place across languages;
//! - [`related`]: ranking related statements for the rail;
//! - [`mailbag`]: readers' questions and answers: content, excerpts, search and the question form.

pub mod content;
pub mod date;
pub mod decode;
pub mod embed;
pub mod error;
pub mod escape;
pub mod href;
pub mod i18n;
pub mod lang;
pub mod load;
pub mod mailbag;
pub mod related;
pub mod route;
pub mod validate;

pub use error::ContentError;
