//! The app shell: configuration and content context, navigation, and the
//! header / main / footer frame every page sits in.

use leptos::prelude::*;
use tribuna_core::route::Page;

use crate::browser;
use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::components::language::{use_page_languages, LanguageBanner};
use crate::i18n::t;
use crate::lazy::{LazyPage, Part};
use crate::routes::{not_found::NotFoundPage, statement::StatementPage};
use crate::state::{provide_content, provide_current_statement, provide_nav, use_content, use_nav, Config};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let config = Config::from_document();
    provide_content(config);
    view! { <Shell /> }
}

/// The frame around every page; picks the page from the route.
#[component]
fn Shell() -> impl IntoView {
    provide_nav();
    provide_current_statement();
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
            <a class="tribuna-skip" href="#tribuna-main" on:click=skip_to_main>
                {move || t(&nav.lang.get(), "nav.skip")}
            </a>
            <Header />
            <LanguageBanner />
            <main id="tribuna-main" class="tribuna-main" tabindex="-1">
                // Pages and languages are parsed from the path by `tribuna_core::route`,
                // so a language added in the site config needs no route.
                <CurrentPage />
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
        Page::Home => view! { <LazyPage part=Part::Home /> }.into_any(),
        Page::Statement { slug } => view! { <StatementPage slug /> }.into_any(),
        Page::Topic { .. } => view! { <LazyPage part=Part::Topic /> }.into_any(),
        Page::Mailbag { .. } => view! { <LazyPage part=Part::Mailbag /> }.into_any(),
        Page::Ask => view! { <LazyPage part=Part::Ask /> }.into_any(),
        Page::NotFound => view! { <NotFoundPage /> }.into_any(),
    }
}

/// On the unprefixed home page at the start of a visit, sends a visitor whose
/// saved choice or browser prefers another site language to that language's home.
fn redirect_on_arrival() {
    let nav = use_nav();
    let content = use_content();
    // Once, when the site config (the languages) has arrived: a task, not an effect.
    leptos::task::spawn_local(async move {
        if content.site.await.is_err() {
            return;
        }
        let route = nav.route.get_untracked();
        let Some(preferred) = nav.preferred.get_untracked() else { return };
        if route.page == Page::Home && route.lang.is_none() && preferred != nav.default_lang.get_untracked() {
            nav.replace(&nav.href(&Page::Home, &preferred));
        }
    });
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
