//! The author box: every organisation or person that signed a statement.

use leptos::prelude::*;
use tribuna_core::content::{pick, Author, AuthorKind};
use tribuna_core::href::is_safe_link;

use crate::i18n::{other_lang, t};
use crate::state::{use_config, Config};

/// The signers of a statement with their short bios and links.
#[component]
pub fn AuthorBox(
    /// The signers, in signing order.
    authors: Vec<Author>,
    /// The page's language.
    lang: String,
    /// The site's default language, for bios missing in `lang`.
    default_lang: String,
) -> impl IntoView {
    let config = use_config();
    let heading = if authors.len() > 1 { t(&lang, "authors.heading") } else { t(&lang, "authors.heading_one") };
    let items = authors.into_iter().map(|a| author_view(&config, a, &lang, &default_lang)).collect_view();
    view! {
        <section class="tribuna-authors" aria-labelledby="tribuna-authors-heading">
            <h2 id="tribuna-authors-heading">{heading}</h2>
            <ul class="tribuna-authors__list">{items}</ul>
        </section>
    }
}

fn author_view(config: &Config, author: Author, lang: &str, default_lang: &str) -> impl IntoView {
    let kind = t(
        lang,
        match author.kind {
            AuthorKind::Organization => "authors.organization",
            AuthorKind::Person => "authors.person",
        },
    );
    let bio = pick(&author.bio, lang, default_lang).map(|(text, in_lang)| {
        let other = other_lang(in_lang, &lang);
        view! { <p class="tribuna-authors__bio" lang=other>{text.to_string()}</p> }
    });
    let name = match author.url.filter(|u| is_safe_link(u)) {
        Some(url) => view! { <a href=config.link(&url) rel="noopener noreferrer">{author.name.clone()}</a> }.into_any(),
        None => author.name.clone().into_any(),
    };
    view! {
        <li class="tribuna-authors__item">
            <h3 class="tribuna-authors__name">{name}</h3>
            <p class="tribuna-authors__kind">{kind}</p>
            {bio}
        </li>
    }
}
