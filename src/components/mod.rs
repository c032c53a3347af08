//! Components shared by several pages.

pub mod authors;
pub mod blocks;
pub mod cta;
pub mod error_panel;
pub mod footer;
pub mod header;
pub mod language;
pub mod listing;
pub mod mailbag;
pub mod rail;
pub mod share;
pub mod skeleton;
