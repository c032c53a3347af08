//! The app shell: configuration and content context, the router, and the
//! header / main / footer frame every page sits in.

use leptos::prelude::*;
use leptos_router::components::Router;
use tribuna_core::route::Page;

use crate::browser;
use crate::components::{footer::Footer, header::Header};
use crate::i18n::t;
use crate::routes::{home::HomePage, not_found::NotFoundPage, statement::StatementPage};
use crate::state::{provide_content, provide_nav, use_nav, Config};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let config = Config::from_document();
    provide_content(config);
    let router_base = config.base.trim_end_matches('/').to_string();
    view! {
        <Router base=router_base>
            <Shell />
        </Router>
    }
}

/// The frame around every page; picks the page from the route.
#[component]
fn Shell() -> impl IntoView {
    provide_nav();
    let nav = use_nav();
    Effect::new(move |_| browser::set_html_lang(&nav.lang.get()));
    let page = move || match nav.page.get() {
        Page::Home => view! { <HomePage /> }.into_any(),
        Page::Statement { slug } => view! { <StatementPage slug /> }.into_any(),
        Page::NotFound => view! { <NotFoundPage /> }.into_any(),
    };
    view! {
        <div class="tribuna">
            <a class="tribuna-skip" href="#tribuna-main">
                {move || t(&nav.lang.get(), "nav.skip")}
            </a>
            <Header />
            <main id="tribuna-main" class="tribuna-main" tabindex="-1">
                {page}
            </main>
            <Footer />
        </div>
    }
}
