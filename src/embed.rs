//! What partner sites embed (feature `ssr`: embeds are pre-rendered, never
//! rendered in the browser): a statement, the latest statements, or the
//! Mailbag widget, without the site's header, footer or calls to action, and
//! with a credit line linking to the full page on the site.
//!
//! The same markup serves both kinds of embed (see `docs/embedding.md`): the
//! iframe pages (`embed/…`) and the fragments `embed.js` builds into a shadow
//! root on the partner's page. Links are written as on the site; the iframe
//! page opens them in the top window, and `embed.js` resolves them against
//! Tribuna's host.

use leptos::prelude::*;
use tribuna_core::content::pick;
use tribuna_core::i18n::fill;
use tribuna_core::route::Page;

use crate::components::mailbag::MailbagWidget;
use crate::components::rail::RailItem;
use crate::i18n::t;
use crate::nav::use_nav;
use crate::routes::statement::StatementArticle;
use crate::state::{use_content, use_current_statement};

/// What an embed shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmbedKind {
    /// One statement, by slug (handed in with the content).
    Statement(String),
    /// The newest statements, at most this many.
    Latest(usize),
    /// The Mailbag widget: the latest answers.
    Mailbag,
}

impl EmbedKind {
    /// The kind's name, as `data-tribuna` spells it.
    pub fn key(&self) -> &'static str {
        match self {
            EmbedKind::Statement(_) => "statement",
            EmbedKind::Latest(_) => "latest",
            EmbedKind::Mailbag => "mailbag",
        }
    }

    /// The site page an embed stands for, which its credit line links to.
    pub fn page(&self) -> Page {
        match self {
            EmbedKind::Statement(slug) => Page::Statement { slug: slug.clone() },
            EmbedKind::Latest(_) => Page::Home,
            EmbedKind::Mailbag => Page::Mailbag { open: None },
        }
    }

    /// The UI string of the embed's heading; a statement's is its title.
    pub fn heading_key(&self) -> Option<&'static str> {
        match self {
            EmbedKind::Statement(_) => None,
            EmbedKind::Latest(_) => Some("home.title"),
            EmbedKind::Mailbag => Some("mailbag.title"),
        }
    }

    /// The UI string of the credit line.
    fn credit_key(&self) -> &'static str {
        match self {
            EmbedKind::Statement(_) => "embed.credit.statement",
            EmbedKind::Latest(_) => "embed.credit.latest",
            EmbedKind::Mailbag => "embed.credit.mailbag",
        }
    }
}

/// An embed's whole markup, in the page's language (from [`use_nav`]); the
/// list of a `Latest` embed carries `data-tribuna-items`, so that `embed.js`
/// can keep the first `data-count`.
#[component]
pub fn Embed(
    /// What to show.
    kind: EmbedKind,
) -> impl IntoView {
    let nav = use_nav();
    let content = use_content();
    let lang = nav.lang.get_untracked();
    // Embeds are rendered from content handed in whole: the site config is there.
    let Some(site) = content.site.get().and_then(Result::ok) else { return ().into_any() };
    let site_name = pick(&site.name, &lang, &site.default_language).map(|(n, _)| n.to_string()).unwrap_or_default();
    let credit = fill(t(&lang, kind.credit_key()), &[("site", &site_name)]);
    let href = nav.href(&kind.page(), &lang);
    let heading = kind.heading_key().map(|key| t(&lang, key));
    let body = match kind {
        EmbedKind::Statement(_) => {
            let statement = use_current_statement().doc().get().and_then(|s| s?.ok());
            let authors = content.authors().get().and_then(Result::ok);
            match (statement, authors) {
                (Some(statement), Some(authors)) => {
                    view! { <StatementArticle statement site authors lang=lang.clone() embed=true /> }.into_any()
                }
                _ => ().into_any(),
            }
        }
        EmbedKind::Latest(count) => {
            let entries = content.index.get().and_then(Result::ok).map(|ix| ix.statements.clone()).unwrap_or_default();
            let items = entries
                .into_iter()
                .take(count)
                .map(|entry| view! { <RailItem entry lang=lang.clone() site=site.clone() /> })
                .collect_view();
            view! {
                <section class="tribuna-rail tribuna-embed__latest" aria-labelledby="tribuna-embed-heading">
                    <h1 id="tribuna-embed-heading">{heading}</h1>
                    <ul class="tribuna-rail__list" data-tribuna-items="">{items}</ul>
                </section>
            }
            .into_any()
        }
        EmbedKind::Mailbag => view! { <MailbagWidget /> }.into_any(),
    };
    view! {
        {body}
        <p class="tribuna-embed__credit">
            <a href=href>{credit}</a>
        </p>
    }
    .into_any()
}
