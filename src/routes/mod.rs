//! One page per file; each page is `pub`, its pieces private.

pub mod ask;
pub mod home;
pub mod mailbag;
pub mod not_found;
pub mod statement;
pub mod topic;
