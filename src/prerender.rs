//! Pages rendered to HTML natively, by the app's own components (feature `ssr`).
//!
//! The build step (`crates/prerender`) reads the content from disk, hands it
//! to [`render_body`] as [`Preloaded`](crate::state::Preloaded) content, and
//! writes the markup into each page's HTML. Every `Suspense` resolves at once,
//! since nothing is fetched.

use std::sync::Arc;

use futures::StreamExt;
use leptos::prelude::*;

use crate::app::{App, Start};
use crate::embed::{Embed, EmbedKind};
use crate::nav::provide_nav;
use crate::state::{provide_content, provide_current_statement, Config, Preloaded, Source};

/// One page to render.
pub struct PageRequest {
    /// The URL path of the page, with the base path (`/es/statements/x`).
    pub path: String,
    /// The base path the site is served under (`/` or `/sub/`).
    pub base: String,
    /// Where the app will fetch content from once it runs (`None`: `{base}content/`).
    pub content_base: Option<String>,
    /// The content the page shows.
    pub content: Preloaded,
}

/// The page's markup: what goes inside the pre-rendered root element.
pub fn render_body(page: PageRequest) -> String {
    render(move || {
        let start = Start {
            config: Config::new(&page.base, page.content_base),
            path: page.path,
            source: Source::Ready(Box::new(page.content)),
        };
        view! { <App start /> }
    })
}

/// An embed's markup (see [`crate::embed`]): `page.path` is the path of the
/// site page it stands for, in the embed's language.
pub fn render_embed(page: PageRequest, kind: EmbedKind) -> String {
    render(move || {
        let statement = page.content.statement.clone();
        provide_content(Config::new(&page.base, page.content_base), Source::Ready(Box::new(page.content)));
        provide_nav(page.path);
        provide_current_statement(Some(statement));
        view! { <Embed kind /> }
    })
}

/// Renders what `view` makes, in a fresh reactive owner.
fn render<V: IntoView + 'static>(view: impl FnOnce() -> V) -> String {
    // Pages resolve their content through `Suspense`, which needs an executor.
    let _ = any_spawner::Executor::init_futures_executor();
    let owner = Owner::new_root(Some(Arc::new(hydration_context::SsrSharedContext::new())));
    let html = owner.with(|| futures::executor::block_on(view().to_html_stream_in_order().collect::<String>()));
    owner.unset();
    html
}
