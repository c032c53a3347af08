//! `/mailbag` and `/mailbag/{id}`: every answered question, newest first, with
//! search as you type (case- and accent-insensitive) and a topic filter.

use std::sync::Arc;

use leptos::prelude::*;
use tribuna_core::content::{pick, SiteFile};
use tribuna_core::i18n::fill;
use tribuna_core::mailbag::{QuestionAnswer, SearchIndex};
use tribuna_core::route::Page;
use tribuna_core::ContentError;

use crate::browser;
use crate::components::error_panel::ErrorPanel;
use crate::components::mailbag::{sorted, QaItem};
use crate::components::skeleton::ListSkeleton;
use crate::i18n::{t, tr};
use crate::nav::use_nav;
use crate::routes::use_title;
use crate::state::use_content;

/// The Mailbag page; `open` names a question to open and scroll to.
#[component]
pub fn MailbagPage(
    /// The question of a `/mailbag/{id}` link.
    open: Option<String>,
) -> impl IntoView {
    let nav = use_nav();
    let content = use_content();
    let mailbag = content.mailbag();
    use_title(|lang| Some(t(lang, "mailbag.title").to_string()));
    let retry = Callback::new(move |_| content.retry_failed());
    view! {
        <div class="tribuna-mailbag-page">
            <h1>{tr("mailbag.title")}</h1>
            <p class="tribuna-mailbag-page__intro">{tr("mailbag.intro")}</p>
            <p>
                <a class="tribuna-button" href=move || nav.href(&Page::Ask, &nav.lang.get())>
                    {tr("mailbag.ask")}
                </a>
            </p>
            <Suspense fallback=|| view! { <ListSkeleton count=3 /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=retry /> }>
                    {
                        let open = open.clone();
                        move || {
                            let open = open.clone();
                            Suspend::new(async move {
                                let site = content.site.load().await?;
                                let file = mailbag.load().await?;
                                let questions = Arc::new(sorted(&file));
                                Ok::<_, ContentError>(view! { <Answers questions site open /> })
                            })
                        }
                    }
                </ErrorBoundary>
            </Suspense>
        </div>
    }
}

/// Search, topic filter, result count, and the answers a page at a time.
#[component]
fn Answers(questions: Arc<Vec<QuestionAnswer>>, site: Arc<SiteFile>, open: Option<String>) -> impl IntoView {
    let nav = use_nav();
    let page_size = site.mailbag.page_size as usize;
    let preview = site.mailbag.preview_chars as usize;
    let query = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    // A deep link's answer is shown even when it is further down than one page.
    let position = open.as_ref().and_then(|id| questions.iter().position(|q| &q.id == id));
    // A pre-rendered page lists every answer, so each is readable without
    // JavaScript; the app keeps as many on screen as the page it takes over.
    let first = match browser::takeover::prerendered_count(".tribuna-mailbag__list--page > li") {
        Some(n) => n.max(page_size),
        None if !browser::in_browser() => questions.len(),
        None => page_size,
    };
    let shown = RwSignal::new(first.max(position.map_or(0, |p| p + 1)));
    let index = {
        let questions = questions.clone();
        Memo::new(move |_| Arc::new(SearchIndex::with_lowercase(&questions, &nav.lang.get(), browser::lowercase)))
    };
    let results = Memo::new(move |_| {
        let topic = topic.get();
        index.get().matches_in_topic(&query.get(), (!topic.is_empty()).then_some(topic.as_str()))
    });
    let visible = {
        let questions = questions.clone();
        move || results.with(|r| r.iter().take(shown.get()).map(|&i| questions[i].clone()).collect::<Vec<_>>())
    };
    let count = move || {
        let lang = nav.lang.get();
        let n = results.with(Vec::len);
        let key = match n {
            0 => "mailbag.results_none",
            1 => "mailbag.results_one",
            _ => "mailbag.results",
        };
        fill(t(&lang, key), &[("n", &n.to_string())])
    };
    let topics: Vec<(String, tribuna_core::content::Localized)> = site
        .topics
        .iter()
        .filter(|t| questions.iter().any(|q| q.topics.contains(&t.id)))
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    let default_lang = site.default_language.clone();
    let topic_options = move || {
        let lang = nav.lang.get();
        let all = view! { <option value="">{t(&lang, "mailbag.all_topics")}</option> };
        let options = topics
            .iter()
            .map(|(id, names)| {
                let name = pick(names, &lang, &default_lang).map(|(n, _)| n.to_string()).unwrap_or_default();
                let id = id.clone();
                view! { <option value=id.clone() selected=move || topic.get() == id>{name}</option> }
            })
            .collect_view();
        view! { {all} {options} }
    };
    if let Some(id) = open.clone() {
        // Once the opened answer is on screen, bring it into view and give it focus.
        browser::takeover::after(move || browser::reveal(&format!("tribuna-page-{id}")));
    }
    browser::takeover::page_ready();
    let missing = open.is_some() && position.is_none();
    let opened = position.map(|p| questions[p].id.clone());
    let list = move || {
        let lang = nav.lang.get();
        let opened = opened.clone();
        view! {
            <For each=visible.clone() key=|qa| qa.id.clone() let:qa>
                <li><QaItem open=opened.as_deref() == Some(qa.id.as_str()) qa lang=lang.clone() preview heading=2 scope="page" permalink=true /></li>
            </For>
        }
    };
    view! {
        {missing.then(|| view! { <p class="tribuna-notice" role="note">{tr("mailbag.not_found")}</p> })}
        <div class="tribuna-mailbag-page__filters" role="search">
            <label class="tribuna-field">
                <span>{tr("mailbag.search")}</span>
                <input type="search" autocomplete="off" prop:value=move || query.get()
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        shown.set(page_size);
                    } />
            </label>
            <label class="tribuna-field">
                <span>{tr("mailbag.topic")}</span>
                <select on:change=move |ev| {
                    topic.set(event_target_value(&ev));
                    shown.set(page_size);
                }>{topic_options}</select>
            </label>
        </div>
        <p class="tribuna-mailbag-page__count" role="status" aria-live="polite">{count}</p>
        <ul class="tribuna-mailbag__list tribuna-mailbag__list--page">{list}</ul>
        <Show when=move || shown.get() < results.with(Vec::len)>
            <button type="button" class="tribuna-button" on:click=move |_| shown.update(|n| *n += page_size)>
                {tr("mailbag.more")}
            </button>
        </Show>
    }
}
