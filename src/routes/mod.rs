//! One page per file; each page is `pub`, its pieces private.

pub mod ask;
pub mod home;
pub mod mailbag;
pub mod not_found;
pub mod statement;
pub mod topic;

use leptos::prelude::*;
use tribuna_core::content::page_title;

use crate::browser;
use crate::nav::use_nav;
use crate::state::use_content;

/// Keeps the document title at `heading(lang)` and the site's name, in the
/// page's language (no change while `heading` has nothing to say, or while
/// the site config is on its way: a pre-rendered page already has its title).
pub fn use_title(heading: impl Fn(&str) -> Option<String> + 'static) {
    let nav = use_nav();
    let content = use_content();
    Effect::new(move |_| {
        let lang = nav.lang.get();
        let Some(site) = content.site.get() else { return };
        if let Some(heading) = heading(&lang) {
            browser::set_title(&page_title(&heading, site.ok().as_deref(), &lang));
        }
    });
}
