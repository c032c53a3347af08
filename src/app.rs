//! The app shell: configuration and content context, navigation, and the
//! header / main / footer frame every page sits in.

use leptos::prelude::*;

use crate::browser;
use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::components::language::{use_page_languages, LanguageBanner};
use crate::i18n::tr;
use crate::nav::{provide_nav, redirect_on_arrival, use_nav, CurrentPage};
use crate::state::{provide_content, provide_current_statement, Config, Source};

/// What the app starts from: where it is served, the page, and where its content comes from.
pub struct Start {
    /// The base path and content base.
    pub config: Config,
    /// The URL path of the page to show.
    pub path: String,
    /// Fetched in the browser, or handed in (pre-rendering).
    pub source: Source,
}

impl Start {
    /// In the browser: the page in the address bar, content fetched.
    pub fn in_browser() -> Start {
        Start { config: Config::from_document(), path: browser::history::current_path(), source: Source::Fetch }
    }
}

/// The whole app.
#[component]
pub fn App(
    /// Where to start.
    start: Start,
) -> impl IntoView {
    let Start { config, path, source } = start;
    let statement = match &source {
        Source::Ready(p) => Some(p.statement.clone()),
        Source::Fetch => None,
    };
    provide_content(config, source);
    provide_nav(path);
    provide_current_statement(statement);
    view! { <Shell /> }
}

/// The frame around every page; picks the page from the route.
#[component]
fn Shell() -> impl IntoView {
    let nav = use_nav();
    Effect::new(move |_| browser::set_html_lang(&nav.lang.get()));
    redirect_on_arrival();
    keep_alternates_current();
    // With a `<base href>`, a bare `#fragment` link would leave the page; focus instead.
    let skip_to_main = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        browser::focus_element("tribuna-main");
    };
    view! {
        <div class="tribuna">
            <a class="tribuna-skip" href="#tribuna-main" on:click=skip_to_main>{tr("nav.skip")}</a>
            <Header />
            <LanguageBanner />
            <main id="tribuna-main" class="tribuna-main" tabindex="-1">
                <CurrentPage />
            </main>
            <Footer />
        </div>
    }
}

/// Keeps the head's `<link rel="alternate" hreflang>` links in step with the page.
fn keep_alternates_current() {
    let nav = use_nav();
    let languages = use_page_languages();
    Effect::new(move |_| {
        let page = nav.page.get();
        let default = nav.default_lang.get();
        let languages = languages.get();
        let links: Vec<(String, String)> = languages.iter().map(|l| (l.clone(), nav.href(&page, l))).collect();
        let x_default = languages.iter().find(|l| **l == default).or(languages.first()).map(|l| nav.href(&page, l));
        browser::set_alternates(&links, x_default.as_deref());
    });
}
