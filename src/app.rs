//! The app shell: configuration and content context, the router, and the
//! header / main / footer frame every page sits in.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
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
    // With a `<base href>`, a bare `#fragment` link would leave the page; focus instead.
    let skip_to_main = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        browser::focus_element("tribuna-main");
    };
    view! {
        <div class="tribuna">
            <a class="tribuna-skip" href="#tribuna-main" on:click=skip_to_main>
                {move || t(&nav.lang.get(), "nav.skip")}
            </a>
            <Header />
            <main id="tribuna-main" class="tribuna-main" tabindex="-1">
                // One catch-all route: pages and languages are parsed from the path by
                // `tribuna_core::route`, so a language added in the site config needs no route.
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/*any") view=CurrentPage />
                </Routes>
            </main>
            <Footer />
        </div>
    }
}

/// The page the current route names.
#[component]
fn CurrentPage() -> impl IntoView {
    let nav = use_nav();
    move || match nav.page.get() {
        Page::Home => view! { <HomePage /> }.into_any(),
        Page::Statement { slug } => view! { <StatementPage slug /> }.into_any(),
        Page::NotFound => view! { <NotFoundPage /> }.into_any(),
    }
}
