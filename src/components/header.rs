//! The site header: the site's name, linking home in the page's language.

use leptos::prelude::*;
use tribuna_core::content::pick;
use tribuna_core::route::Page;

use crate::components::language::LanguageSwitcher;
use crate::nav::use_nav;
use crate::state::use_content;

/// The banner at the top of every page.
#[component]
pub fn Header() -> impl IntoView {
    let nav = use_nav();
    let content = use_content();
    let name = move || {
        let lang = nav.lang.get();
        content
            .site
            .get()
            .and_then(|r| r.ok())
            .and_then(|site| pick(&site.name, &lang, &site.default_language).map(|(n, _)| n.to_string()))
            .unwrap_or_default()
    };
    let home = move || nav.href(&Page::Home, &nav.lang.get());
    view! {
        <header class="tribuna-header">
            <div class="tribuna-header__inner">
                <a class="tribuna-header__name" href=home>
                    <span class="tribuna-header__mark" aria-hidden="true"></span>
                    <span>{name}</span>
                </a>
                <LanguageSwitcher />
            </div>
        </header>
    }
}
