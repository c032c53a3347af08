//! The error type for everything that can go wrong while loading content.

use thiserror::Error;

/// Why a content file could not be used.
///
/// Every variant names the file (relative to the content base, e.g.
/// `statements/x.json`); parse and validation errors also carry the field path
/// (e.g. `translations.es.body[3]`). `Display` gives the one-line form logged to
/// the console: `statements/x.json: translations.es.body[3]: unknown type "video"`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ContentError {
    /// The server answered 404 for the file.
    #[error("{file}: not found (HTTP 404)")]
    Missing {
        /// The file, relative to the content base.
        file: String,
    },
    /// The server answered with another non-success status.
    #[error("{file}: server answered HTTP {status}")]
    Http {
        /// The file, relative to the content base.
        file: String,
        /// The HTTP status code.
        status: u16,
    },
    /// The request never got an answer (offline, DNS, CORS, aborted).
    #[error("{file}: network error: {message}")]
    Network {
        /// The file, relative to the content base.
        file: String,
        /// What the browser reported.
        message: String,
    },
    /// The body is not JSON of the expected shape (truncated, wrong types, missing fields).
    #[error("{file}: {path}: {message}")]
    Parse {
        /// The file, relative to the content base.
        file: String,
        /// Field path inside the document (`.` for the root).
        path: String,
        /// What is wrong there.
        message: String,
    },
    /// The document's `format` is not one this build understands.
    #[error("{file}: format: unsupported format version {found} (this build reads version {supported})")]
    UnsupportedVersion {
        /// The file, relative to the content base.
        file: String,
        /// The version the file declares.
        found: u64,
        /// The version this build reads.
        supported: u32,
    },
    /// The document parsed but breaks a content rule (bad link, bad date, empty title...).
    #[error("{file}: {path}: {message}")]
    Invalid {
        /// The file, relative to the content base.
        file: String,
        /// Field path inside the document.
        path: String,
        /// The rule that is broken.
        message: String,
    },
}

impl ContentError {
    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            ContentError::Missing { file }
            | ContentError::Http { file, .. }
            | ContentError::Network { file, .. }
            | ContentError::Parse { file, .. }
            | ContentError::UnsupportedVersion { file, .. }
            | ContentError::Invalid { file, .. } => file,
        }
    }

    /// The kind of problem, as the key of the visitor-facing message in the UI catalogue.
    pub fn message_key(&self) -> &'static str {
        match self {
            ContentError::Missing { .. } => "error.missing",
            ContentError::Http { .. } => "error.server",
            ContentError::Network { .. } => "error.network",
            ContentError::Parse { .. } | ContentError::Invalid { .. } => "error.invalid",
            ContentError::UnsupportedVersion { .. } => "error.version",
        }
    }
}
