//! A list of statement cards, a screenful at a time, with "More statements".
//! Later pages of a paginated index are fetched only when a visitor asks for them.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use tribuna_core::content::{index_file, pick, IndexEntry, IndexFile};
use tribuna_core::i18n::fill;
use tribuna_core::route::Page;

use crate::api::fetch_doc;
use crate::browser;
use crate::i18n::{other_lang, t, tr};
use crate::nav::use_nav;
use crate::state::use_config;

/// Statement cards from an index (the main one, or a topic's), `per_view` more
/// each time "More statements" is pressed; focus moves to the first new card.
#[component]
pub fn Listing(
    /// The index's first page.
    first: Arc<IndexFile>,
    /// The topic whose index this is; `None` for the main index.
    #[prop(optional)]
    topic: Option<String>,
    /// How many cards to add each time.
    per_view: usize,
) -> impl IntoView {
    let nav = use_nav();
    let config = use_config();
    let shown = RwSignal::new(per_view);
    let later_pages: RwSignal<Vec<Arc<IndexFile>>> = RwSignal::new(Vec::new());
    let loading = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let total = first.total as usize;
    let pages = first.pages;
    let entries = {
        let first = first.clone();
        Memo::new(move |_| {
            let mut all: Vec<IndexEntry> = first.statements.clone();
            later_pages.with(|p| all.extend(p.iter().flat_map(|page| page.statements.iter().cloned())));
            all
        })
    };
    let visible = move || {
        entries.with(|all| all.iter().take(shown.get()).cloned().enumerate().collect::<Vec<(usize, IndexEntry)>>())
    };
    let focus_card = |index: usize| {
        browser::before_next_paint(move || browser::focus_selector(&format!("[data-card=\"{index}\"] a")));
    };
    let more = move |_| {
        if loading.get_untracked() {
            return;
        }
        let first_new = shown.get_untracked();
        let wanted = first_new + per_view;
        let loaded = entries.with_untracked(Vec::len);
        let next_page = 2 + later_pages.with_untracked(Vec::len) as u32;
        if wanted <= loaded || next_page > pages {
            shown.set(wanted);
            focus_card(first_new);
            return;
        }
        loading.set(true);
        let file = index_file(topic.as_deref(), next_page);
        spawn_local(async move {
            match fetch_doc::<IndexFile>(config.content, file).await {
                Ok(page) => {
                    later_pages.update(|p| p.push(page));
                    shown.set(wanted);
                    failed.set(false);
                    focus_card(first_new);
                }
                Err(_) => failed.set(true),
            }
            loading.set(false);
        });
    };
    let status = move || {
        let lang = nav.lang.get();
        if total == 0 {
            return t(&lang, "home.empty").to_string();
        }
        let n = shown.get().min(total).to_string();
        fill(t(&lang, "list.showing"), &[("shown", &n), ("total", &total.to_string())])
    };
    view! {
        <div class="tribuna-listing">
            <ul class="tribuna-cards" aria-label=tr("list.label")>
                <For each=visible key=|(_, e)| e.slug.clone() let:((index, entry))>
                    <Card entry index />
                </For>
            </ul>
            <p class="tribuna-listing__status" role="status">{status}</p>
            <Show when=move || failed.get()>
                <p class="tribuna-listing__error" role="alert">{tr("list.more_failed")}</p>
            </Show>
            <Show when=move || shown.get() < total>
                <button type="button" class="tribuna-button" on:click=more.clone() aria-busy=move || loading.get().then_some("true")>
                    {tr("list.more")}
                </button>
            </Show>
        </div>
    }
}

/// One statement: thumbnail, title, date and excerpt, linking to its page.
#[component]
fn Card(entry: IndexEntry, index: usize) -> impl IntoView {
    let nav = use_nav();
    let config = use_config();
    move || {
        let lang = nav.lang.get();
        let href = nav.href(&Page::Statement { slug: entry.slug.clone() }, &lang);
        let (title, title_lang) = pick(&entry.title, &lang, &entry.original_language)
            .map(|(t, l)| (t.to_string(), l.to_string()))
            .unwrap_or_default();
        let excerpt = pick(&entry.excerpt, &title_lang, &entry.original_language).map(|(t, _)| t.to_string());
        let text_lang = other_lang(&title_lang, &lang);
        let date = crate::i18n::format_date(&entry.published, &lang);
        let thumb = entry.thumbnail.clone().map(|th| {
            view! {
                <img class="tribuna-card__thumb" src=config.asset(&th.src) width=th.width height=th.height
                    alt="" loading="lazy" decoding="async" />
            }
        });
        view! {
            <li class="tribuna-card" data-card=index>
                {thumb}
                <div class="tribuna-card__text" lang=text_lang>
                    <h2 class="tribuna-card__title"><a href=href>{title}</a></h2>
                    <p class="tribuna-card__date"><time datetime=entry.published.clone()>{date}</time></p>
                    {excerpt.map(|x| view! { <p class="tribuna-card__excerpt">{x}</p> })}
                </div>
            </li>
        }
    }
}
