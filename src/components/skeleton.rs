//! Placeholders that hold the place of content while it loads, at its size,
//! so nothing jumps when it arrives.

use leptos::prelude::*;

use crate::i18n::tr;

/// The announcement for assistive technology that something is loading.
#[component]
fn Busy() -> impl IntoView {
    view! { <p class="tribuna-visually-hidden" role="status">{tr("loading")}</p> }
}

/// Stands in for a list of statement cards.
#[component]
pub fn ListSkeleton(
    /// How many cards to draw.
    count: usize,
) -> impl IntoView {
    view! {
        <div class="tribuna-skeleton">
            <Busy />
            <ul class="tribuna-cards" aria-hidden="true">
                {(0..count)
                    .map(|_| {
                        view! {
                            <li class="tribuna-card tribuna-card--skeleton">
                                <span class="tribuna-skeleton__thumb"></span>
                                <span class="tribuna-skeleton__line tribuna-skeleton__line--title"></span>
                                <span class="tribuna-skeleton__line"></span>
                                <span class="tribuna-skeleton__line tribuna-skeleton__line--short"></span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// Stands in for a statement: title, date, lead and a few paragraphs.
#[component]
pub fn StatementSkeleton() -> impl IntoView {
    view! {
        <div class="tribuna-skeleton tribuna-statement">
            <Busy />
            <div aria-hidden="true">
                <span class="tribuna-skeleton__line tribuna-skeleton__line--h1"></span>
                <span class="tribuna-skeleton__line tribuna-skeleton__line--short"></span>
                <span class="tribuna-skeleton__line tribuna-skeleton__line--lead"></span>
                {(0..6).map(|_| view! { <span class="tribuna-skeleton__line"></span> }).collect_view()}
            </div>
        </div>
    }
}
