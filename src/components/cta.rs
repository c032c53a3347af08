//! The calls to action from the site config ("Join", "Donate").

use leptos::prelude::*;
use tribuna_core::content::{pick, CallToAction};
use tribuna_core::href::is_safe_link;

use crate::i18n::{other_lang, t};
use crate::state::use_config;

/// Each call to action: heading, one-line pitch and a button.
#[component]
pub fn CallsToAction(
    /// The calls to action, in order.
    items: Vec<CallToAction>,
    /// The page's language.
    lang: String,
    /// The site's default language, for texts missing in `lang`.
    default_lang: String,
) -> impl IntoView {
    let config = use_config();
    let text = |texts: &tribuna_core::content::Localized| {
        pick(texts, &lang, &default_lang).map(|(v, l)| (v.to_string(), other_lang(l, &lang)))
    };
    let cards = items
        .iter()
        .map(|cta| {
            let heading = text(&cta.heading);
            let pitch = text(&cta.pitch);
            let button = text(&cta.button);
            let href = text(&cta.href).map(|(h, _)| h).filter(|h| is_safe_link(h)).map(|h| config.link(&h));
            let class = format!("tribuna-cta tribuna-cta--{}", cta.id);
            view! {
                <div class=class>
                    {heading.map(|(h, l)| view! { <h3 lang=l>{h}</h3> })}
                    {pitch.map(|(p, l)| view! { <p lang=l>{p}</p> })}
                    {button.map(|(b, l)| view! { <a class="tribuna-button" href=href lang=l>{b}</a> })}
                </div>
            }
        })
        .collect_view();
    let heading = t(&lang, "cta.heading");
    view! {
        <section class="tribuna-ctas" aria-labelledby="tribuna-cta-heading">
            <h2 id="tribuna-cta-heading" class="tribuna-visually-hidden">{heading}</h2>
            {cards}
        </section>
    }
}
