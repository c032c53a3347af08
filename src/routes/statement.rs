//! `/statements/{slug}` and `/{lang}/statements/{slug}`: one statement.

use std::sync::Arc;

use leptos::prelude::*;
use tribuna_core::content::{pick, pick_in, AuthorsFile, HeroImage, SiteFile, StatementFile, Translation};
use tribuna_core::route::Page;
use tribuna_core::ContentError;

use crate::browser;
use crate::components::language::use_switch_to;
use crate::components::rail::RelatedRail;
use crate::components::share::ShareControl;
use crate::components::{
    authors::AuthorBox, blocks::Blocks, cta::CallsToAction, error_panel::ErrorPanel, skeleton::StatementSkeleton,
};
use crate::i18n::{other_lang, t};
use crate::lazy::MailbagSlot;
use crate::nav::use_nav;
use crate::routes::not_found::NotFoundPage;
use crate::routes::use_title;
use crate::state::{use_config, use_content, use_current_statement};

/// A statement page.
#[component]
pub fn StatementPage(
    /// The statement's slug.
    slug: String,
) -> impl IntoView {
    let content = use_content();
    let current = use_current_statement();
    let authors = content.authors();
    let statement = current.doc();
    let file = format!("statements/{slug}.json");

    {
        let slug = slug.clone();
        use_title(move |lang| current.loaded(&slug).map(|s| translation(&s, lang).0.title.clone()));
    }

    let retry = Callback::new(move |_| {
        current.retry_if_failed();
        content.retry_failed();
    });

    view! {
        <div class="tribuna-statement-layout">
            <Suspense fallback=|| view! { <StatementSkeleton /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=retry page_heading=true /> }>
                    {move || {
                        let (slug, file) = (slug.clone(), file.clone());
                        Suspend::new(async move {
                            let statement = match statement.load().await {
                                Some(Ok(s)) if s.slug == slug => s,
                                Some(Err(e)) if e.file() != file => {
                                    return Ok(view! { <StatementSkeleton /> }.into_any())
                                }
                                // Still the previous page's (or no) statement: the new one is on its way.
                                Some(Ok(_)) | None => return Ok(view! { <StatementSkeleton /> }.into_any()),
                                Some(Err(ContentError::Missing { file })) => {
                                    // A slug the index doesn't list is simply not a statement.
                                    let listed = content
                                        .index
                                        .load()
                                        .await
                                        .map(|ix| ix.statements.iter().any(|e| e.slug == slug))
                                        .unwrap_or(false);
                                    if listed {
                                        return Err(ContentError::Missing { file });
                                    }
                                    return Ok(view! { <NotFoundPage detail="not_found.statement" /> }.into_any());
                                }
                                Some(Err(e)) => return Err(e),
                            };
                            let site = content.site.load().await?;
                            let authors = authors.load().await?;
                            // The rail ranks from the index: waiting for it keeps the page whole when it appears.
                            let _ = content.index.load().await;
                            Ok::<_, ContentError>(view! { <StatementView statement site authors /> }.into_any())
                        })
                    }}
                </ErrorBoundary>
            </Suspense>
        </div>
    }
}

/// The translation to show in `lang`: that language's, else the original.
/// Returns it with the language it is in.
pub(crate) fn translation<'a>(s: &'a StatementFile, lang: &str) -> (&'a Translation, &'a str) {
    pick_in(&s.translations, lang, &s.original_language).expect("validation guarantees the original translation")
}

/// The loaded statement in the page's language. A language switch re-renders
/// it in place, without going back through loading.
#[component]
fn StatementView(statement: Arc<StatementFile>, site: Arc<SiteFile>, authors: Arc<AuthorsFile>) -> impl IntoView {
    let nav = use_nav();
    browser::takeover::page_ready();
    let article = {
        let (statement, site) = (statement.clone(), site.clone());
        move || {
            let lang = nav.lang.get();
            view! { <StatementArticle statement=statement.clone() site=site.clone() authors=authors.clone() lang /> }
        }
    };
    view! {
        {article}
        <RelatedRail statement site />
        <MailbagSlot />
    }
}

/// The statement itself: every part, in reading order. An embed (on a
/// partner's page) leaves out the calls to action.
#[component]
pub(crate) fn StatementArticle(
    statement: Arc<StatementFile>,
    site: Arc<SiteFile>,
    authors: Arc<AuthorsFile>,
    lang: String,
    #[prop(optional)] embed: bool,
) -> impl IntoView {
    let nav = use_nav();
    // Embeds are only ever pre-rendered: the browser build drops their branches.
    let embed = cfg!(feature = "ssr") && embed;
    let (text, text_lang) = translation(&statement, &lang);
    let other = other_lang(text_lang, &lang);
    let untranslated = other.is_some().then(|| {
        view! { <p class="tribuna-notice" role="note">{t(&lang, "statement.untranslated")}</p> }
    });
    let translations = site
        .languages
        .iter()
        .filter(|l| l.code != lang && statement.translations.contains_key(&l.code))
        .map(|l| {
            let href = nav.href(&Page::Statement { slug: statement.slug.clone() }, &l.code);
            let code = l.code.clone();
            view! {
                <a class="tribuna-statement__translation" href=href hreflang=code.clone() lang=code.clone()
                    on:click=use_switch_to(code.clone())>
                    {t(&code, "lang.switch_to")}
                </a>
            }
        })
        .collect_view();
    let signers = statement
        .authors
        .iter()
        .filter_map(|id| authors.authors.iter().find(|a| &a.id == id).cloned())
        .collect::<Vec<_>>();
    let published = crate::i18n::format_date(&statement.published, &lang);
    let updated = statement.updated.clone().map(|u| {
        let shown = crate::i18n::format_date(&u, &lang);
        view! {
            " · " {t(&lang, "statement.updated")} " " <time datetime=u>{shown}</time>
        }
    });
    view! {
        <article class="tribuna-statement">
            <header class="tribuna-statement__header">
                <h1 class="tribuna-statement__title" lang=other.clone()>{text.title.clone()}</h1>
                <p class="tribuna-statement__meta">
                    {t(&lang, "statement.published")} " "
                    <time datetime=statement.published.clone()>{published}</time>
                    {updated}
                </p>
                <p class="tribuna-statement__translations">{translations}</p>
                {(!embed).then(|| view! { <ShareControl lang=lang.clone() /> })}
                <Topics ids=statement.topics.clone() site=site.clone() lang=lang.clone() />
            </header>
            {untranslated}
            <p class="tribuna-statement__lead" lang=other.clone()>{text.lead.clone()}</p>
            <div class="tribuna-statement__body" lang=other.clone()>
                <Blocks blocks=text.body.clone() />
            </div>
            {statement.hero.clone().map(|hero| view! { <Hero hero lang=lang.clone() default_lang=statement.original_language.clone() /> })}
            <AuthorBox authors=signers lang=lang.clone() default_lang=site.default_language.clone() />
            {(!embed).then(|| view! {
                <CallsToAction items=site.calls_to_action.clone() lang=lang.clone() default_lang=site.default_language.clone() />
            })}
        </article>
    }
}

/// The statement's topics, each linking to its topic page.
#[component]
fn Topics(ids: Vec<String>, site: Arc<SiteFile>, lang: String) -> impl IntoView {
    let nav = use_nav();
    let items = ids
        .iter()
        .filter_map(|id| site.topics.iter().find(|t| &t.id == id))
        .filter_map(|topic| {
            let (name, in_lang) = pick(&topic.name, &lang, &site.default_language)?;
            let other = other_lang(in_lang, &lang);
            let href = nav.href(&Page::Topic { id: topic.id.clone() }, &lang);
            Some(view! { <li><a href=href lang=other>{name.to_string()}</a></li> })
        })
        .collect::<Vec<_>>();
    (!items.is_empty()).then(|| {
        view! { <ul class="tribuna-topics" aria-label=t(&lang, "topics.label")>{items}</ul> }
    })
}

/// The hero photo with its caption and credit.
#[component]
fn Hero(hero: HeroImage, lang: String, default_lang: String) -> impl IntoView {
    let config = use_config();
    let alt = pick(&hero.alt, &lang, &default_lang).map(|(a, _)| a.to_string()).unwrap_or_default();
    let caption = pick(&hero.caption, &lang, &default_lang).map(|(c, l)| {
        let other = other_lang(l, &lang);
        view! { <span class="tribuna-figure__caption" lang=other>{c.to_string()}</span> }
    });
    let credit =
        (!hero.credit.is_empty()).then(|| view! { <span class="tribuna-figure__credit">{hero.credit.clone()}</span> });
    view! {
        <figure class="tribuna-figure tribuna-statement__hero">
            <img src=config.asset(&hero.src) width=hero.width height=hero.height alt=alt decoding="async" />
            <figcaption>{caption} {credit}</figcaption>
        </figure>
    }
}
