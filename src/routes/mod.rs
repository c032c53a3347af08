//! One page per file; each page is `pub`, its pieces private.

pub mod home;
pub mod not_found;
pub mod statement;
pub mod topic;
