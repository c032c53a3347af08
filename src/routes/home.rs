//! `/` and `/{lang}/`: the latest statements, newest first.

use leptos::prelude::*;
use std::sync::Arc;

use tribuna_core::content::{pick, IndexEntry, IndexFile, SiteFile};
use tribuna_core::route::Page;
use tribuna_core::ContentError;

use crate::browser;
use crate::components::error_panel::ErrorPanel;
use crate::components::skeleton::ListSkeleton;
use crate::i18n::t;
use crate::state::{use_config, use_content, use_nav};

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let nav = use_nav();
    let content = use_content();
    Effect::new(move |_| {
        let lang = nav.lang.get();
        let site = content.site.get().and_then(|r| r.ok());
        let name = site.as_ref().and_then(|s| pick(&s.name, &lang, &s.default_language).map(|(n, _)| n.to_string()));
        let heading = t(&lang, "home.title");
        browser::set_title(&match name {
            Some(name) => format!("{heading} — {name}"),
            None => heading.to_string(),
        });
    });
    let retry = Callback::new(move |_| content.retry_failed());
    view! {
        <div class="tribuna-home">
            <h1 class="tribuna-home__title">{move || t(&nav.lang.get(), "home.title")}</h1>
            <Suspense fallback=|| view! { <ListSkeleton count=4 /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=retry /> }>
                    {move || Suspend::new(async move {
                        let site = content.site.await?;
                        let index = content.index.await?;
                        Ok::<_, ContentError>(view! { <Latest site index /> })
                    })}
                </ErrorBoundary>
            </Suspense>
        </div>
    }
}

/// The tagline and latest statements in the page's language; a language
/// switch re-renders them in place.
#[component]
fn Latest(site: Arc<SiteFile>, index: Arc<IndexFile>) -> impl IntoView {
    let nav = use_nav();
    move || {
        let lang = nav.lang.get();
        let tagline = pick(&site.tagline, &lang, &site.default_language).map(|(text, in_lang)| {
            let other = (in_lang != lang).then(|| in_lang.to_string());
            view! { <p class="tribuna-home__tagline" lang=other>{text.to_string()}</p> }
        });
        view! {
            {tagline}
            <StatementList entries=latest(&index.statements, &site) lang />
        }
    }
}

/// The first `home_count` entries of the index (already newest first).
fn latest(entries: &[IndexEntry], site: &SiteFile) -> Vec<IndexEntry> {
    entries.iter().take(site.home_count as usize).cloned().collect()
}

/// Statement cards.
#[component]
fn StatementList(entries: Vec<IndexEntry>, lang: String) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p>{t(&lang, "home.empty")}</p> }.into_any();
    }
    let cards = entries.into_iter().map(|e| view! { <Card entry=e lang=lang.clone() /> }).collect_view();
    view! { <ul class="tribuna-cards">{cards}</ul> }.into_any()
}

/// One statement: thumbnail, title, date and excerpt, linking to its page.
#[component]
fn Card(entry: IndexEntry, lang: String) -> impl IntoView {
    let nav = use_nav();
    let config = use_config();
    let href = nav.href(&Page::Statement { slug: entry.slug.clone() }, &lang);
    let (title, title_lang) = pick(&entry.title, &lang, &entry.original_language)
        .map(|(t, l)| (t.to_string(), l.to_string()))
        .unwrap_or_default();
    let excerpt = pick(&entry.excerpt, &title_lang, &entry.original_language).map(|(t, _)| t.to_string());
    let other_lang = (title_lang != lang).then_some(title_lang.clone());
    let date = browser::format_date(&entry.published, &lang);
    let thumb = entry.thumbnail.map(|th| {
        view! {
            <img class="tribuna-card__thumb" src=config.asset(&th.src) width=th.width height=th.height
                alt="" loading="lazy" decoding="async" />
        }
    });
    view! {
        <li class="tribuna-card">
            {thumb}
            <div class="tribuna-card__text" lang=other_lang>
                <h2 class="tribuna-card__title"><a href=href>{title}</a></h2>
                <p class="tribuna-card__date"><time datetime=entry.published.clone()>{date}</time></p>
                {excerpt.map(|x| view! { <p class="tribuna-card__excerpt">{x}</p> })}
            </div>
        </li>
    }
}
