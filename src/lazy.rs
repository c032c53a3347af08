//! Parts of the app whose code arrives separately, when first needed.
//!
//! A release bundle (built with the `split` feature, see `scripts/lib/split.mjs`)
//! keeps these out of the main wasm: the home and topic listings, the Mailbag
//! (its page and the widget), and the forms: the question form and the
//! Share panel, which share one chunk (most of their code is the same). A statement page, the usual
//! first visit, loads none of them; its Mailbag widget arrives when the reader
//! scrolls near it. Without the feature (`make serve`) they are plain functions
//! in the one wasm, behind the same `async` calls.

use leptos::prelude::*;
use tribuna_core::route::Page;
use tribuna_core::ContentError;

use crate::browser;
use crate::components::error_panel::ErrorPanel;
use crate::components::mailbag::MailbagWidget;
use crate::components::share::SharePanel;
use crate::components::skeleton::{ListSkeleton, StatementSkeleton};
use crate::i18n::{t, tr};
use crate::nav::use_nav;
use crate::routes::{ask::AskPage, home::HomePage, mailbag::MailbagPage, topic::TopicPage, use_title};
use crate::state::use_content;

/// A part's code could not be fetched (offline, or the server failed).
#[derive(Debug)]
pub struct ChunkError;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// Declares `async fn $name() -> Result<AnyView, ChunkError>` building `$view`,
/// whose code goes to the wasm chunk `$chunk` when the `split` feature is on.
macro_rules! split_view {
    ($name:ident in $chunk:ident => $view:expr) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name() -> Result<AnyView, ChunkError> {
            Ok($view)
        }

        #[cfg(not(feature = "split"))]
        async fn $name() -> Result<AnyView, ChunkError> {
            Ok($view)
        }
    };
}

split_view!(home_view in listing => view! { <HomePage /> }.into_any());
split_view!(topic_view in listing => {
    let id = match use_nav().page.get_untracked() {
        Page::Topic { id } => id,
        _ => String::new(),
    };
    view! { <TopicPage id /> }.into_any()
});
split_view!(mailbag_view in mailbag => {
    let open = match use_nav().page.get_untracked() {
        Page::Mailbag { open } => open,
        _ => None,
    };
    view! { <MailbagPage open /> }.into_any()
});
split_view!(widget_view in mailbag => view! { <MailbagWidget /> }.into_any());
split_view!(ask_view in ask => view! { <AskPage /> }.into_any());
split_view!(share_view in ask => view! { <SharePanel /> }.into_any());

/// A part of the app that arrives on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The home page.
    Home,
    /// A topic page (the topic comes from the current route).
    Topic,
    /// The Mailbag page (the open answer comes from the current route).
    Mailbag,
    /// The question form.
    Ask,
    /// The Mailbag widget of the home and statement pages.
    Widget,
    /// A statement's Share panel.
    Share,
}

impl Part {
    /// The file named in the console when the part cannot be fetched.
    fn file(self) -> &'static str {
        match self {
            Part::Home | Part::Topic => "app code (listings)",
            Part::Mailbag | Part::Widget => "app code (mailbag)",
            Part::Ask => "app code (question form)",
            Part::Share => "app code (share)",
        }
    }

    async fn load(self) -> Result<AnyView, ContentError> {
        let view = match self {
            Part::Home => home_view().await,
            Part::Topic => topic_view().await,
            Part::Mailbag => mailbag_view().await,
            Part::Ask => ask_view().await,
            Part::Widget => widget_view().await,
            Part::Share => share_view().await,
        };
        view.map_err(|ChunkError| {
            let error = ContentError::Network { file: self.file().into(), message: "could not be fetched".into() };
            browser::log_error(&error.to_string());
            error
        })
    }

    /// The page's fixed heading, as the page shows it (a topic's heading is its
    /// name, which only the page reads).
    fn heading(self) -> Option<Heading> {
        let (key, wrapper, class) = match self {
            Part::Home => ("home.title", "tribuna-home", "tribuna-home__title"),
            Part::Mailbag => ("mailbag.title", "tribuna-mailbag-page", ""),
            Part::Ask => ("ask.title", "tribuna-ask", ""),
            Part::Topic | Part::Widget | Part::Share => return None,
        };
        Some(Heading { key, wrapper, class })
    }

    /// What stands in for the part while its code arrives: the page's heading,
    /// as the page will show it, over a skeleton.
    fn placeholder(self) -> AnyView {
        let skeleton = match self {
            Part::Home | Part::Topic => view! { <ListSkeleton count=4 /> }.into_any(),
            Part::Mailbag | Part::Ask => view! { <StatementSkeleton /> }.into_any(),
            Part::Widget | Part::Share => return ().into_any(),
        };
        match self.heading() {
            Some(Heading { key, wrapper, class }) => view! {
                <div class=wrapper>
                    <h1 class=class>{tr(key)}</h1>
                    {skeleton}
                </div>
            }
            .into_any(),
            None => skeleton,
        }
    }
}

/// A page's `h1`: its UI-string key, the class of the page's wrapper and its own.
#[derive(Debug, Clone, Copy)]
struct Heading {
    key: &'static str,
    wrapper: &'static str,
    class: &'static str,
}

/// A page whose code arrives on its own: a skeleton while it does, and the
/// error panel, as the page's `h1`, with "Try again" if it cannot. The Share
/// panel arrives the same way, inside its page: its error panel is not the
/// page's heading.
#[component]
pub fn LazyPage(
    /// Which page.
    part: Part,
) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    let retry = Callback::new(move |_| attempt.update(|n| *n += 1));
    if let Some(Heading { key, .. }) = part.heading() {
        use_title(move |lang| Some(t(lang, key).to_string()));
    }
    view! {
        <Suspense fallback=move || part.placeholder()>
            <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=retry page_heading={part != Part::Share} /> }>
                {move || {
                    attempt.track();
                    Suspend::new(part.load())
                }}
            </ErrorBoundary>
        </Suspense>
    }
}

/// The Mailbag widget's place at the end of a page.
///
/// A pre-rendered page already holds the widget, with its latest answers, and
/// the app keeps that markup: "Read more" and its links work without code. Its
/// code and content are fetched only when they are needed: when the reader
/// switches language, or, on a page the app rendered itself, when the reader
/// scrolls near it. If they cannot be fetched, the place stays empty and the
/// rest of the page is unaffected (the console says why).
#[component]
pub fn MailbagSlot() -> impl IntoView {
    let nav = use_nav();
    let content = use_content();
    // Pre-rendering: the content is at hand, so the widget renders with the page.
    let near = RwSignal::new(!browser::in_browser() && content.mailbag_at_hand());
    let kept = browser::takeover::prerendered_part(".tribuna-mailbag");
    let has_kept = kept.is_some();
    let first_lang = nav.lang.get_untracked();
    let live = Memo::new(move |_| near.get() || (has_kept && nav.lang.get() != first_lang));
    let kept: StoredValue<Option<web_sys::Element>, LocalStorage> = StoredValue::new_local(kept);
    let slot = NodeRef::<leptos::html::Div>::new();
    let watch: StoredValue<Option<browser::NearViewport>, LocalStorage> = StoredValue::new_local(None);
    slot.on_load(move |el| match kept.get_value() {
        Some(markup) => browser::append(&el, &markup),
        None => watch.set_value(browser::NearViewport::watch(&el, move || near.set(true))),
    });
    // Once the live widget is wanted, the kept markup gives way to it.
    Effect::new(move |_| {
        if live.get() {
            if let Some(markup) = kept.get_value() {
                browser::detach(&markup);
            }
        }
    });
    let widget = move || {
        live.get().then(|| Suspend::new(async move { Part::Widget.load().await.unwrap_or_else(|_| ().into_any()) }))
    };
    view! {
        <div class="tribuna-mailbag-slot" node_ref=slot>
            <Suspense fallback=|| ()>{widget}</Suspense>
        </div>
    }
}
