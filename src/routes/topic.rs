//! `/topics/{id}` and `/{lang}/topics/{id}`: the statements filed under a topic.

use leptos::prelude::*;
use tribuna_core::content::pick;
use tribuna_core::ContentError;

use crate::components::error_panel::ErrorPanel;
use crate::components::listing::Listing;
use crate::components::skeleton::ListSkeleton;
use crate::nav::use_nav;
use crate::routes::not_found::NotFoundPage;
use crate::routes::use_title;
use crate::state::use_content;

/// A topic page: its name and its statements, newest first.
#[component]
pub fn TopicPage(
    /// The topic's id.
    id: String,
) -> impl IntoView {
    let nav = use_nav();
    let content = use_content();
    let first = content.topic_index(&id);
    let name = {
        let id = id.clone();
        Memo::new(move |_| {
            let lang = nav.lang.get();
            let site = content.site.get()?.ok()?;
            let topic = site.topics.iter().find(|t| t.id == id)?;
            pick(&topic.name, &lang, &site.default_language)
                .map(|(n, l)| (n.to_string(), (l != lang).then(|| l.to_string())))
        })
    };
    use_title(move |_| name.get().map(|(n, _)| n));
    let retry = Callback::new(move |_| {
        first.retry_if_failed();
        content.retry_failed();
    });
    view! {
        <div class="tribuna-home">
            <Suspense fallback=|| view! { <ListSkeleton count=4 /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=retry page_heading=true /> }>
                    {
                        let id = id.clone();
                        move || {
                            let id = id.clone();
                            Suspend::new(async move {
                                let site = content.site.load().await?;
                                if !site.topics.iter().any(|t| t.id == id) {
                                    return Ok(view! { <NotFoundPage /> }.into_any());
                                }
                                let first = first.load().await?;
                                crate::browser::takeover::page_ready();
                                Ok::<_, ContentError>(view! {
                                    <h1 class="tribuna-home__title" lang=move || name.get().and_then(|(_, l)| l)>
                                        {move || name.get().map(|(n, _)| n)}
                                    </h1>
                                    <Listing first topic=id per_view=site.home_count as usize />
                                }.into_any())
                            })
                        }
                    }
                </ErrorBoundary>
            </Suspense>
        </div>
    }
}
