//! The related-articles rail beside (wide screens) or after (phones) a statement.

use std::sync::Arc;

use leptos::prelude::*;
use tribuna_core::content::{pick, IndexEntry, SiteFile, StatementFile};
use tribuna_core::related::rail;
use tribuna_core::route::Page;

use crate::i18n::{other_lang, t};
use crate::nav::use_nav;
use crate::state::{use_config, use_content};

/// Up to `related.count` other statements, from the index already fetched (no
/// fetch per item): the rail ranked when the index was built, or ranked here
/// when the index carries none for this statement ([`rail`]). Absent while the
/// index loads or if it failed.
#[component]
pub fn RelatedRail(
    /// The statement the rail is for.
    statement: Arc<StatementFile>,
    /// The site config (ranking settings, languages).
    site: Arc<SiteFile>,
) -> impl IntoView {
    let nav = use_nav();
    let content = use_content();
    let current = IndexEntry::from_statement(&statement);
    move || {
        let lang = nav.lang.get();
        let index = content.index.get()?.ok()?;
        let items: Vec<IndexEntry> =
            rail(&current, &index.statements, &site.related, &lang).into_iter().cloned().collect();
        if items.is_empty() {
            return None;
        }
        let list = items
            .into_iter()
            .map(|entry| view! { <RailItem entry lang=lang.clone() site=site.clone() /> })
            .collect_view();
        Some(view! {
            <aside class="tribuna-rail" aria-labelledby="tribuna-rail-heading">
                <h2 id="tribuna-rail-heading">{t(&lang, "rail.heading")}</h2>
                <ul class="tribuna-rail__list">{list}</ul>
            </aside>
        })
    }
}

/// A rail entry: thumbnail, title and date; one not available in the page's
/// language carries its own `lang` and says which language it is in.
#[component]
pub(crate) fn RailItem(entry: IndexEntry, lang: String, site: Arc<SiteFile>) -> impl IntoView {
    let nav = use_nav();
    let config = use_config();
    let href = nav.href(&Page::Statement { slug: entry.slug.clone() }, &lang);
    let (title, title_lang) = pick(&entry.title, &lang, &entry.original_language)
        .map(|(t, l)| (t.to_string(), l.to_string()))
        .unwrap_or_default();
    let other = other_lang(&title_lang, &lang);
    let note = other.as_ref().map(|code| {
        let name = site.languages.iter().find(|l| &l.code == code).map(|l| l.name.clone()).unwrap_or(code.clone());
        view! {
            <span class="tribuna-rail__note">
                {t(&lang, "rail.only_in")} " " <span lang=code.clone()>{name}</span>
            </span>
        }
    });
    let thumb = entry.thumbnail.clone().map(|th| {
        view! {
            <img class="tribuna-rail__thumb" src=config.asset(&th.src) width=th.width height=th.height alt=""
                loading="lazy" decoding="async" />
        }
    });
    let date = crate::i18n::format_date(&entry.published, &lang);
    view! {
        <li class="tribuna-rail__item">
            {thumb}
            <div class="tribuna-rail__text">
                <a class="tribuna-rail__title" href=href lang=other.clone() hreflang=other>{title}</a>
                <time datetime=entry.published.clone()>{date}</time>
                {note}
            </div>
        </li>
    }
}
