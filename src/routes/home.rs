//! `/` and `/{lang}/`: the latest statements, newest first.

use std::sync::Arc;

use leptos::prelude::*;
use tribuna_core::content::{pick, IndexFile, SiteFile};
use tribuna_core::ContentError;

use crate::components::error_panel::ErrorPanel;
use crate::components::listing::Listing;
use crate::components::skeleton::ListSkeleton;
use crate::i18n::t;
use crate::lazy::MailbagSlot;
use crate::nav::use_nav;
use crate::routes::use_title;
use crate::state::use_content;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let nav = use_nav();
    let content = use_content();
    use_title(|lang| Some(t(lang, "home.title").to_string()));
    let retry = Callback::new(move |_| content.retry_failed());
    view! {
        <div class="tribuna-home">
            <h1 class="tribuna-home__title">{move || t(&nav.lang.get(), "home.title")}</h1>
            <Suspense fallback=|| view! { <ListSkeleton count=4 /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=retry /> }>
                    {move || Suspend::new(async move {
                        let site = content.site.load().await?;
                        let index = content.index.load().await?;
                        Ok::<_, ContentError>(view! { <Latest site index /> })
                    })}
                </ErrorBoundary>
            </Suspense>
        </div>
    }
}

/// The tagline and the latest statements.
#[component]
fn Latest(site: Arc<SiteFile>, index: Arc<IndexFile>) -> impl IntoView {
    let nav = use_nav();
    crate::browser::takeover::page_ready();
    let tagline = {
        let site = site.clone();
        move || {
            let lang = nav.lang.get();
            pick(&site.tagline, &lang, &site.default_language).map(|(text, in_lang)| {
                let other = (in_lang != lang).then(|| in_lang.to_string());
                view! { <p class="tribuna-home__tagline" lang=other>{text.to_string()}</p> }
            })
        }
    };
    view! {
        {tagline}
        <Listing first=index per_view=site.home_count as usize />
        <MailbagSlot />
    }
}
